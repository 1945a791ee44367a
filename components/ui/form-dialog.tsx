'use client';

import type { FormEventHandler, ReactNode } from 'react';
import { isApiError } from '@/lib/client/api-fetch';
import { Banner } from './banner';
import { Button } from './button';
import { Dialog, DialogClose } from './dialog';

export interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The element that opens the dialog (a `Button`), rendered as the trigger itself. */
  trigger: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** The form's id, which the footer's submit button points at. */
  formId: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  submitLabel: string;
  cancelLabel: string;
  /** While the request runs: the submit button spins and the dialog cannot be dismissed. */
  submitting: boolean;
  /** A failure no field shows (the server's refusal), in a banner above the fields. */
  failure?: string;
  /** The form's fields. */
  children: ReactNode;
}

/**
 * A dialog around one form (create, invite): the fields, a banner for a failure no field shows,
 * and Cancel and submit in the footer. The caller owns the form and its request.
 */
export function FormDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  formId,
  onSubmit,
  submitLabel,
  cancelLabel,
  submitting,
  failure,
  children,
}: FormDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      dismissible={!submitting}
      trigger={trigger}
      title={title}
      description={description}
      footer={
        <>
          <DialogClose>
            <Button disabled={submitting}>{cancelLabel}</Button>
          </DialogClose>
          <Button type="submit" form={formId} variant="primary" loading={submitting}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
        {failure !== undefined ? (
          <div role="alert">
            <Banner tone="error" title={failure} />
          </div>
        ) : null}
        {children}
      </form>
    </Dialog>
  );
}

/** What the API said about one field of a refused request (its 422 issues), if anything. */
export function serverFieldIssue(error: unknown, field: string): string | undefined {
  return isApiError(error) ? error.issues.find((i) => i.path === field)?.message : undefined;
}

'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createProjectSchema } from '@/lib/domain/projects';
import { isApiError } from '@/lib/client/api-fetch';
import { useCreateProject } from '@/lib/client/projects';
import { useTranslations } from '../i18n/translations';
import { Banner } from '../ui/banner';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { Field, TextInput } from '../ui/form-field';
import { useToast } from '../ui/toast';

/** Creates a project (platform admins): a name checked as the API checks it, and a description. */
export function CreateProjectDialog() {
  const t = useTranslations('projects.create');
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const create = useCreateProject();
  const form = useForm({
    resolver: zodResolver(createProjectSchema),
    defaultValues: { name: '', description: '' },
    mode: 'onChange',
  });
  const errors = form.formState.errors;
  const serverIssue = (field: string) =>
    isApiError(create.error)
      ? create.error.issues.find((i) => i.path === field)?.message
      : undefined;
  const onSubmit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (project) => {
        setOpen(false);
        form.reset();
        toast.show({ title: t('created', { name: project.name }), tone: 'success' });
        router.refresh();
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) create.reset();
      }}
      trigger={<Button variant="primary">{t('open')}</Button>}
      title={t('title')}
      description={t('description')}
      footer={
        <Button type="submit" form="create-project" variant="primary" loading={create.isPending}>
          {t('submit')}
        </Button>
      }
    >
      <form id="create-project" className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
        {create.error && !serverIssue('name') ? (
          <div role="alert">
            <Banner tone="error" title={create.error.message} />
          </div>
        ) : null}
        <Field
          label={t('name')}
          description={t('nameHint')}
          error={errors.name?.message ?? serverIssue('name')}
          required
        >
          {(control) => <TextInput {...control} autoComplete="off" {...form.register('name')} />}
        </Field>
        <Field label={t('descriptionField')} error={errors.description?.message}>
          {(control) => <TextInput {...control} {...form.register('description')} />}
        </Field>
      </form>
    </Dialog>
  );
}

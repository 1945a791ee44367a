'use client';

import { useTranslations } from '../i18n/translations';
import { Banner } from '../ui/banner';
import { Button } from '../ui/button';
import { CodeBlock } from '../ui/code-block';
import { Dialog, DialogClose } from '../ui/dialog';

/** A password the API generated, which this dialog is the only place to see. */
export interface ShownPassword {
  title: string;
  username: string;
  password: string;
}

/**
 * Shows a generated password once, copyable, with the warning that it cannot be shown again.
 * It closes only through Done (no Escape, no outside click), so it is not lost by a stray key.
 */
export function PasswordOnceDialog({
  shown,
  onClose,
}: {
  shown: ShownPassword | null;
  onClose: () => void;
}) {
  const t = useTranslations('users.password');
  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      dismissible={false}
      title={shown?.title ?? ''}
      description={shown ? t('once', { name: shown.username }) : undefined}
      footer={
        <DialogClose>
          <Button variant="primary">{t('done')}</Button>
        </DialogClose>
      }
    >
      {shown ? (
        <div className="flex flex-col gap-3">
          <Banner tone="warning" title={t('onceTitle')} />
          <CodeBlock code={shown.password} label={t('label', { name: shown.username })} showLabel />
        </div>
      ) : null}
    </Dialog>
  );
}

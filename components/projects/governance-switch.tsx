'use client';

import { useState } from 'react';
import type { Application } from '@/lib/domain/projects';
import { deploymentsOfApplication } from '@/lib/domain/projects';
import { useSetGovernance } from '@/lib/client/projects';
import { useTranslations } from '../i18n/translations';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Switch } from '../ui/form-field';
import { useToast } from '../ui/toast';

/**
 * Turns application governance (sidecar injection for the application's workloads) on or off,
 * after saying what it changes: which workloads, that their pods restart, what stops working.
 */
export function GovernanceSwitch({
  project,
  application,
}: {
  project: string;
  application: Application;
}) {
  const t = useTranslations('governance');
  const toast = useToast();
  const [asking, setAsking] = useState<boolean | undefined>();
  const setGovernance = useSetGovernance(project);
  const on = application.governance === 'on';
  const count = deploymentsOfApplication(application).length;
  const name = application.name;
  const target = asking ?? !on;
  return (
    <>
      <Switch
        id={`governance-${name}`}
        label={t('switchLabel', { name })}
        checked={on}
        disabled={count === 0 || setGovernance.isPending}
        onCheckedChange={(checked) => setAsking(checked)}
      />
      <ConfirmDialog
        open={asking !== undefined}
        onOpenChange={(open) => !open && setAsking(undefined)}
        title={target ? t('turnOn.title', { name }) : t('turnOff.title', { name })}
        description={
          target
            ? t('turnOn.description', { name, count })
            : t('turnOff.description', { name, count })
        }
        confirmLabel={target ? t('turnOn.confirm') : t('turnOff.confirm')}
        variant={target ? 'primary' : 'danger'}
        onConfirm={async () => {
          await setGovernance.mutateAsync({ application: name, enabled: target });
          toast.show({
            title: t('changed', { name, state: target ? 'on' : 'off' }),
            tone: 'success',
          });
        }}
      />
    </>
  );
}

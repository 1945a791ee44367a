'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { inviteMemberSchema, projectRoles, type InviteMemberRequest } from '@/lib/domain/projects';
import { useInviteMember } from '@/lib/client/members';
import { useTranslations } from '../i18n/translations';
import { Button } from '../ui/button';
import { FormDialog, serverFieldIssue } from '../ui/form-dialog';
import { Field, TextInput } from '../ui/form-field';
import { SelectField } from '../ui/select-field';
import { useToast } from '../ui/toast';

/**
 * KubeSphere's 邀请成员: an existing account and a role, checked by the same schema the API uses.
 * The cluster decides whether the inviter may grant the role; its refusal shows in the dialog.
 */
export function InviteMemberDialog({ project }: { project: string }) {
  const t = useTranslations('members.invite');
  const roles = useTranslations('members.roles');
  const allows = useTranslations('members.roleAllows');
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const invite = useInviteMember(project);
  const form = useForm<InviteMemberRequest>({
    resolver: zodResolver(inviteMemberSchema),
    defaultValues: { username: '', role: 'viewer' },
  });
  const errors = form.formState.errors;
  const usernameIssue = serverFieldIssue(invite.error, 'username');
  const onSubmit = form.handleSubmit((values) =>
    invite.mutate(values, {
      onSuccess: (member) => {
        setOpen(false);
        form.reset();
        toast.show({
          title: t('invited', { name: member.username, role: roles(member.role), project }),
          tone: 'success',
        });
      },
    }),
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          invite.reset();
          form.reset();
        }
      }}
      trigger={<Button variant="primary">{t('open')}</Button>}
      title={t('title')}
      description={t('description', { project })}
      formId="invite-member"
      onSubmit={onSubmit}
      submitLabel={t('submit')}
      cancelLabel={t('cancel')}
      submitting={invite.isPending}
      failure={invite.error && !usernameIssue ? invite.error.message : undefined}
    >
      <Field
        label={t('username')}
        description={t('usernameHint')}
        error={errors.username?.message ?? usernameIssue}
        required
      >
        {(control) => (
          <TextInput
            {...control}
            autoComplete="off"
            spellCheck={false}
            {...form.register('username')}
          />
        )}
      </Field>
      <SelectField
        control={form.control}
        name="role"
        label={t('role')}
        describe={(role) => allows(role)}
        error={errors.role?.message}
        required
        options={projectRoles.map((role) => ({ value: role, label: roles(role) }))}
      />
    </FormDialog>
  );
}

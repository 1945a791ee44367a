'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  passwordSchema,
  platformRoles,
  platformRoleSchema,
  usernameSchema,
} from '@/lib/domain/accounts/account-schema';
import { isApiError } from '@/lib/client/api-fetch';
import { useCreateUser } from '@/lib/client/users';
import { useTranslations } from '../i18n/translations';
import { Button } from '../ui/button';
import { FormDialog, serverFieldIssue } from '../ui/form-dialog';
import { Field, PasswordInput, TextInput } from '../ui/form-field';
import { SelectField } from '../ui/select-field';

/**
 * The form's shape: the API's `createAccountSchema`, except that an empty password field means
 * "generate one" (the request then leaves the password out).
 */
const createUserFormSchema = z.object({
  username: usernameSchema,
  platformRole: platformRoleSchema,
  password: z.union([z.literal(''), passwordSchema]),
});
type CreateUserForm = z.infer<typeof createUserFormSchema>;

/** What creating an account answered, for the list to show the generated password once. */
export interface CreatedAccount {
  username: string;
  password: string;
  generated: boolean;
}

/** KubeSphere's 创建账户: username, platform role and an optional password. */
export function CreateUserDialog({ onCreated }: { onCreated: (created: CreatedAccount) => void }) {
  const t = useTranslations('users.create');
  const roles = useTranslations('users.roles');
  const [open, setOpen] = useState(false);
  const create = useCreateUser();
  const form = useForm<CreateUserForm>({
    resolver: zodResolver(createUserFormSchema),
    defaultValues: { username: '', platformRole: 'user', password: '' },
  });
  const errors = form.formState.errors;
  const passwordIssue = serverFieldIssue(create.error, 'password');
  const close = () => {
    setOpen(false);
    create.reset();
    form.reset();
  };
  const onSubmit = form.handleSubmit(({ password, ...values }) =>
    create.mutate(
      { ...values, ...(password ? { password } : {}) },
      {
        onSuccess: (answer) => {
          close();
          onCreated({
            username: answer.account.username,
            password: answer.password,
            generated: answer.generated,
          });
        },
      },
    ),
  );
  const usernameError =
    errors.username?.message ??
    serverFieldIssue(create.error, 'username') ??
    (isApiError(create.error, 'Conflict') ? create.error.message : undefined);
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : close())}
      trigger={
        <Button variant="primary" data-create-account>
          {t('open')}
        </Button>
      }
      title={t('title')}
      description={t('description')}
      formId="create-user"
      onSubmit={onSubmit}
      submitLabel={t('submit')}
      cancelLabel={t('cancel')}
      submitting={create.isPending}
      failure={create.error && !usernameError && !passwordIssue ? create.error.message : undefined}
    >
      <Field label={t('username')} description={t('usernameHint')} error={usernameError} required>
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
        name="platformRole"
        label={t('platformRole')}
        describe={(role) => t(`roleHint.${role}`)}
        error={errors.platformRole?.message}
        required
        options={platformRoles.map((role) => ({ value: role, label: roles(role) }))}
      />
      <Field
        label={t('password')}
        description={t('passwordHint')}
        error={errors.password?.message ?? passwordIssue}
      >
        {(control) => (
          <PasswordInput {...control} autoComplete="new-password" {...form.register('password')} />
        )}
      </Field>
    </FormDialog>
  );
}

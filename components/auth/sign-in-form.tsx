'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  signInWithPasswordSchema,
  signInWithTokenSchema,
} from '@/lib/domain/accounts/account-schema';
import { isApiError } from '@/lib/client/api-fetch';
import { useSignIn } from '@/lib/client/auth';
import { useTranslations } from '../i18n/translations';
import { Banner } from '../ui/banner';
import { Button } from '../ui/button';
import { Field, PasswordInput, TextInput } from '../ui/form-field';
import { Tabs } from '../ui/tabs';

type Mode = 'password' | 'token';

/**
 * Sign in with an Aviary account, or with a bearer token the cluster accepts (real clusters).
 * The form checks with the same schemas as the API; a failure says what happened in words.
 */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('auth.signIn');
  const [mode, setMode] = useState<Mode>('password');
  return (
    <Tabs
      label={t('title')}
      value={mode}
      onValueChange={setMode}
      items={[
        { value: 'password', label: t('withPassword'), content: <PasswordForm next={next} /> },
        { value: 'token', label: t('withToken'), content: <TokenForm next={next} /> },
      ]}
    />
  );
}

function useSignInAndGo(next: string) {
  const router = useRouter();
  const signIn = useSignIn();
  const submit = (body: Parameters<typeof signIn.mutate>[0]) =>
    signIn.mutate(body, {
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
    });
  return { signIn, submit };
}

function FailureBanner({ error, token }: { error: unknown; token?: boolean }) {
  const t = useTranslations('auth.signIn');
  if (!error) return null;
  let message = t('unreachable');
  if (isApiError(error, 'Unauthorized')) message = token ? t('tokenFailed') : t('failed');
  else if (isApiError(error, 'TooManyRequests')) {
    const seconds = Number(/(\d+) s/.exec(error.message)?.[1] ?? 1);
    message = t('throttled', { seconds });
  }
  return (
    <div role="alert">
      <Banner tone="error" title={message} />
    </div>
  );
}

function PasswordForm({ next }: { next: string }) {
  const t = useTranslations('auth.signIn');
  const { signIn, submit } = useSignInAndGo(next);
  const form = useForm({
    resolver: zodResolver(signInWithPasswordSchema),
    defaultValues: { username: '', password: '' },
  });
  const errors = form.formState.errors;
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={form.handleSubmit((values) => submit(values))}
    >
      <FailureBanner error={signIn.error} />
      <Field label={t('username')} error={errors.username?.message} required>
        {(control) => (
          <TextInput
            {...control}
            autoComplete="username"
            autoFocus
            {...form.register('username')}
          />
        )}
      </Field>
      <Field label={t('password')} error={errors.password?.message} required>
        {(control) => <PasswordInput {...control} {...form.register('password')} />}
      </Field>
      <Button type="submit" variant="primary" loading={signIn.isPending}>
        {signIn.isPending ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}

function TokenForm({ next }: { next: string }) {
  const t = useTranslations('auth.signIn');
  const { signIn, submit } = useSignInAndGo(next);
  const form = useForm({
    resolver: zodResolver(signInWithTokenSchema),
    defaultValues: { token: '' },
  });
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={form.handleSubmit((values) => submit(values))}
    >
      <FailureBanner error={signIn.error} token />
      <Field
        label={t('token')}
        description={t('tokenHint')}
        error={form.formState.errors.token?.message}
        required
      >
        {(control) => <PasswordInput {...control} autoComplete="off" {...form.register('token')} />}
      </Field>
      <Button type="submit" variant="primary" loading={signIn.isPending}>
        {signIn.isPending ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}

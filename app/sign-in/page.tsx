import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { Banner } from '@/components/ui/banner';
import { cookies } from 'next/headers';
import { pageSession, safeNextPath } from '@/lib/server/auth/page-session';
import { sessionCookieName } from '@/lib/server/auth/session-seal';
import { getTranslations } from '@/lib/server/i18n/translations';

export const dynamic = 'force-dynamic';

/** Sign-in; a person already signed in goes straight to where they were headed. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await pageSession()) redirect(next);
  // A cookie that no longer makes a session: it expired or was ended (sign-out elsewhere, a new password).
  const expired = (await cookies()).has(sessionCookieName);
  const [t, common] = await Promise.all([
    getTranslations('auth.signIn'),
    getTranslations('common'),
  ]);
  return (
    <div className="flex min-h-screen flex-col bg-slate-100">
      <header className="flex h-14 items-center justify-between bg-slate-900 px-4 text-slate-100">
        <span className="text-lg font-semibold tracking-wide">{common('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">{t('title')}</h1>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t('intro')}</p>
          {expired ? (
            <div className="mb-4">
              <Banner tone="info" title={t('expired')} />
            </div>
          ) : null}
          <SignInForm next={next} />
          <p className="mt-6 text-xs text-slate-500">{t('demoHint')}</p>
        </div>
      </main>
    </div>
  );
}

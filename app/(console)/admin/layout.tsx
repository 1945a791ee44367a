import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { getTranslations } from '@/lib/server/i18n/translations';

/**
 * The platform administration pages: signed-in platform administrators only. Anyone else gets a
 * 403 page that says which role is missing (the API refuses them regardless).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const signedIn = await requireSignedIn();
  if (signedIn.user.platformRole !== 'admin') {
    const t = await getTranslations('users.forbidden');
    return (
      <ConsoleFrame user={signedIn.user}>
        <div className="mx-auto max-w-xl py-10">
          <p className="text-sm font-medium text-slate-500">403</p>
          <h1 className="text-2xl font-semibold text-slate-900">{t('title')}</h1>
          <p className="mt-2 text-slate-600">{t('message', { name: signedIn.user.username })}</p>
          <Link className="mt-4 inline-block text-emerald-700 underline" href="/projects">
            {t('back')}
          </Link>
        </div>
      </ConsoleFrame>
    );
  }
  return <ConsoleFrame user={signedIn.user}>{children}</ConsoleFrame>;
}

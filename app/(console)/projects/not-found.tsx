import Link from 'next/link';
import { getTranslations } from '@/lib/server/i18n/translations';

/** A project that does not exist (or no longer does), answered with status 404. */
export default async function ProjectNotFound() {
  const t = await getTranslations('errors.projectNotFound');
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-600">{t('messageUnnamed')}</p>
      <Link className="mt-4 inline-block text-emerald-700 underline" href="/projects">
        {t('back')}
      </Link>
    </main>
  );
}

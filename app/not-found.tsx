import Link from 'next/link';
import { getTranslations } from '@/lib/server/i18n/translations';

export default async function NotFound() {
  const t = await getTranslations('errors.notFound');
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-600">
        {t('message')}{' '}
        <Link className="text-emerald-700 underline" href="/">
          {t('home')}
        </Link>
      </p>
    </main>
  );
}

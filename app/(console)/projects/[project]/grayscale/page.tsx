import { PageHeader } from '@/components/shell/page-header';
import { getTranslations } from '@/lib/server/i18n/translations';

const modes = ['bluegreen', 'canary', 'mirror'] as const;

export default async function GrayscalePage() {
  const [t, section] = await Promise.all([
    getTranslations('release'),
    getTranslations('shell.sections.grayscale'),
  ]);
  return (
    <>
      <PageHeader title={section('title')} intro={section('intro')} />
      <section aria-labelledby="release-modes">
        <h2 id="release-modes" className="mb-3 text-lg font-medium">
          {t('modes.heading')}
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {modes.map((mode) => (
            <li key={mode} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-medium">{t(`modes.${mode}.title`)}</h3>
              <p className="mt-1 text-sm text-slate-600">{t(`modes.${mode}.description`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="release-jobs" className="mt-8">
        <h2 id="release-jobs" className="mb-3 text-lg font-medium">
          {t('jobs.heading')}
        </h2>
        <p className="text-sm text-slate-600">{t('jobs.fromCli')}</p>
      </section>
    </>
  );
}

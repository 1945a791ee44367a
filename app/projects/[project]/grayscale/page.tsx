import { PageHeader } from '@/components/shell/page-header';
import { translate, type MessageKey } from '@/lib/domain/i18n';
import { getRequestLocale } from '@/lib/server/i18n/request-locale';

const modes: ReadonlyArray<{ title: MessageKey; description: MessageKey }> = [
  { title: 'mode.bluegreen', description: 'mode.bluegreen.description' },
  { title: 'mode.canary', description: 'mode.canary.description' },
  { title: 'mode.mirror', description: 'mode.mirror.description' },
];

export default async function GrayscalePage() {
  const locale = await getRequestLocale();
  const t = (key: MessageKey) => translate(locale, key);
  return (
    <>
      <PageHeader title={t('page.grayscale.title')} intro={t('page.grayscale.intro')} />
      <section aria-labelledby="release-modes">
        <h2 id="release-modes" className="mb-3 text-lg font-medium">
          {t('page.grayscale.modes')}
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {modes.map((mode) => (
            <li key={mode.title} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-medium">{t(mode.title)}</h3>
              <p className="mt-1 text-sm text-slate-600">{t(mode.description)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="release-jobs" className="mt-8">
        <h2 id="release-jobs" className="mb-3 text-lg font-medium">
          {t('page.grayscale.jobs')}
        </h2>
        <p className="text-sm text-slate-600">{t('page.grayscale.jobsFromCli')}</p>
      </section>
    </>
  );
}

import { PageHeader } from '@/components/shell/page-header';
import { getTranslations } from '@/lib/server/i18n/translations';

export default async function TracingPage() {
  const [section, common] = await Promise.all([
    getTranslations('shell.sections.tracing'),
    getTranslations('common'),
  ]);
  return (
    <>
      <PageHeader title={section('title')} intro={section('intro')} />
      <p className="text-sm text-slate-600">{common('comingSoon')}</p>
    </>
  );
}

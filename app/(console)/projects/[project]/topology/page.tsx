import { PageHeader } from '@/components/shell/page-header';
import { getTranslations } from '@/lib/server/i18n/translations';

export default async function TopologyPage() {
  const [section, common] = await Promise.all([
    getTranslations('shell.sections.topology'),
    getTranslations('common'),
  ]);
  return (
    <>
      <PageHeader title={section('title')} intro={section('intro')} />
      <p className="text-sm text-slate-600">{common('comingSoon')}</p>
    </>
  );
}

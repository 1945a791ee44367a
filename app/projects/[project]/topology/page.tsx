import { PageHeader } from '@/components/shell/page-header';
import { translate } from '@/lib/domain/i18n';
import { getRequestLocale } from '@/lib/server/i18n/request-locale';

export default async function TopologyPage() {
  const locale = await getRequestLocale();
  return (
    <>
      <PageHeader
        title={translate(locale, 'page.topology.title')}
        intro={translate(locale, 'page.topology.intro')}
      />
      <p className="text-sm text-slate-600">{translate(locale, 'page.comingSoon')}</p>
    </>
  );
}

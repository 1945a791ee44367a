import { ProjectOverviewView } from '@/components/projects/project-overview-view';
import { ErrorState } from '@/components/ui/error-state';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { toApiError } from '@/lib/server/api/api-error';
import { consoleContext } from '@/lib/server/console/console-context';
import { getTranslations } from '@/lib/server/i18n/translations';
import { projectAccess } from '@/lib/server/projects/project-access';
import { getProjectOverview } from '@/lib/server/projects/project-overview';

export const dynamic = 'force-dynamic';

/** A project's overview: its applications, services, versions and governance. */
export default async function ProjectOverviewPage({
  params,
}: {
  params: Promise<{ project: string }>;
}) {
  const { project } = await params;
  const signedIn = await requireSignedIn();
  const kube = signedIn.kube();
  const loaded = await Promise.all([
    getProjectOverview(kube, consoleContext().kubeConfig, project),
    projectAccess(kube, project),
  ]).then(
    ([overview, access]) => ({ overview, access }),
    (error: unknown) => ({ error: toApiError(error) }),
  );
  if ('error' in loaded) {
    const t = await getTranslations('errors');
    return (
      <ErrorState
        title={loaded.error.code === 'Forbidden' ? t('forbidden.title') : t('generic.title')}
        message={loaded.error.message}
      />
    );
  }
  return <ProjectOverviewView project={project} initial={loaded.overview} access={loaded.access} />;
}

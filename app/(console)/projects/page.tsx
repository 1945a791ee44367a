import { ProjectList } from '@/components/projects/project-list';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { PageHeader } from '@/components/shell/page-header';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { consoleContext } from '@/lib/server/console/console-context';
import { getTranslations } from '@/lib/server/i18n/translations';
import { listProjects } from '@/lib/server/projects/project-directory';

export const dynamic = 'force-dynamic';

/** The projects the signed-in person has a role in; every project for platform admins. */
export default async function ProjectsPage() {
  const signedIn = await requireSignedIn();
  const ctx = consoleContext();
  const [t, projects] = await Promise.all([
    getTranslations('projects.list'),
    listProjects(ctx.kubeConfig, signedIn.user, ctx.config.systemNamespace),
  ]);
  const admin = signedIn.user.platformRole === 'admin';
  return (
    <ConsoleFrame user={signedIn.user}>
      <PageHeader title={t('title')} intro={admin ? t('introAdmin') : t('intro')} />
      <ProjectList initial={projects} canCreate={admin} />
    </ConsoleFrame>
  );
}

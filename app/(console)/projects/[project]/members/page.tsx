import { MembersView, type MembersInitial } from '@/components/members/members-view';
import { PageHeader } from '@/components/shell/page-header';
import { ErrorState } from '@/components/ui/error-state';
import { toApiError } from '@/lib/server/api/api-error';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { getTranslations } from '@/lib/server/i18n/translations';
import { listMembers } from '@/lib/server/projects/members';
import { projectAccess } from '@/lib/server/projects/project-access';

export const dynamic = 'force-dynamic';

/**
 * KubeSphere's 项目成员. Loaded as the person: what they may do (so the page offers only that) and
 * the list, which the cluster refuses to viewers and operators; the client island says so in
 * words rather than failing the page.
 */
export default async function ProjectMembersPage({
  params,
}: {
  params: Promise<{ project: string }>;
}) {
  const { project } = await params;
  const signedIn = await requireSignedIn();
  const kube = signedIn.kube();
  const [t, access, initial] = await Promise.all([
    getTranslations('members.page'),
    projectAccess(kube, project).then(
      (loaded) => loaded,
      (error: unknown) => ({ error: toApiError(error) }),
    ),
    listMembers(kube, project).then(
      (items): MembersInitial => ({ items }),
      (error: unknown): MembersInitial => {
        const { code, message } = toApiError(error);
        return { error: { code, message } };
      },
    ),
  ]);
  if ('error' in access) {
    const errors = await getTranslations('errors');
    return (
      <ErrorState
        title={
          access.error.code === 'Forbidden' ? errors('forbidden.title') : errors('generic.title')
        }
        message={access.error.message}
      />
    );
  }
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro', { project })} />
      <MembersView
        project={project}
        currentUser={signedIn.user.username}
        canManage={access.allowed.manageMembers}
        initial={initial}
      />
    </>
  );
}

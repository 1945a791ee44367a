import type { ReactNode } from 'react';
import type { CurrentUser } from '@/lib/domain/accounts/account-schema';
import { ClusterStatusBanner } from './cluster-status-banner';
import { ConsoleHeader } from './console-header';
import { ConsoleNav } from './console-nav';

/**
 * Every signed-in page's frame: the header, the project's section navigation when inside a
 * project, the banner that says when the cluster cannot be reached, then the page.
 */
export function ConsoleFrame({
  user,
  project,
  children,
}: {
  user: CurrentUser;
  project?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <ConsoleHeader user={user} {...(project ? { project } : {})} />
      <div className="flex flex-1">
        {project ? <ConsoleNav project={project} /> : null}
        <main className="min-w-0 flex-1">
          <ClusterStatusBanner />
          <div className="p-6">{children}</div>
        </main>
      </div>
    </div>
  );
}

import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { projectNameSchema } from '@/lib/domain/projects';
import { ApiError } from '@/lib/server/api/api-error';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { consoleContext } from '@/lib/server/console/console-context';
import { readNamespaceInfo } from '@/lib/server/projects/project-overview';

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ project: string }>;
}) {
  const parsed = projectNameSchema.safeParse((await params).project);
  if (!parsed.success) notFound();
  const signedIn = await requireSignedIn();
  const project = parsed.data;
  const missing = await readNamespaceInfo(consoleContext().kubeConfig, project).then(
    () => false,
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'NotFound') return true;
      throw error;
    },
  );
  // Answered 404 with the projects' own not-found page (app/(console)/projects/not-found.tsx).
  if (missing) notFound();
  return (
    <ConsoleFrame user={signedIn.user} project={project}>
      {children}
    </ConsoleFrame>
  );
}

import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { projectNameSchema } from '@/lib/domain/projects';
import { ApiError } from '@/lib/server/api/api-error';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { consoleContext } from '@/lib/server/console/console-context';
import { getTranslations } from '@/lib/server/i18n/translations';
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
  if (missing) {
    const t = await getTranslations('errors.projectNotFound');
    return (
      <ConsoleFrame user={signedIn.user}>
        <div className="mx-auto max-w-xl py-10">
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-2 text-slate-600">{t('message', { name: project })}</p>
          <Link className="mt-4 inline-block text-emerald-700 underline" href="/projects">
            {t('back')}
          </Link>
        </div>
      </ConsoleFrame>
    );
  }
  return (
    <ConsoleFrame user={signedIn.user} project={project}>
      {children}
    </ConsoleFrame>
  );
}

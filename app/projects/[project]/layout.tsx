import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleHeader } from '@/components/shell/console-header';
import { ConsoleNav } from '@/components/shell/console-nav';
import { projectNameSchema } from '@/lib/domain/projects';

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ project: string }>;
}) {
  const parsed = projectNameSchema.safeParse((await params).project);
  if (!parsed.success) notFound();
  return (
    <div className="flex min-h-screen flex-col">
      <ConsoleHeader project={parsed.data} />
      <div className="flex flex-1">
        <ConsoleNav project={parsed.data} />
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}

'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { MessageKey } from '@/lib/domain/i18n';
import { useTranslations } from '../i18n/translations';

/** The console's sections, in the order a release is worked through. */
export const consoleSections: ReadonlyArray<{ segment: string; label: MessageKey<'shell'> }> = [
  { segment: '', label: 'nav.overview' },
  { segment: 'members', label: 'nav.members' },
  { segment: 'grayscale', label: 'nav.grayscale' },
  { segment: 'topology', label: 'nav.topology' },
  { segment: 'tracing', label: 'nav.tracing' },
];

export function ConsoleNav({ project }: { project: string }) {
  const pathname = usePathname();
  const t = useTranslations('shell');
  return (
    <nav aria-label={t('nav.label')} className="w-56 shrink-0 border-r border-slate-200 bg-white">
      <ul className="flex flex-col gap-1 p-3">
        {consoleSections.map(({ segment, label }) => {
          const base = `/projects/${encodeURIComponent(project)}`;
          const href = segment ? `${base}/${segment}` : base;
          // The overview is current only on its own page; a section also on the pages below it.
          const current = segment
            ? pathname === href || pathname.startsWith(`${href}/`)
            : pathname === href;
          return (
            <li key={segment || 'overview'}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded px-3 py-2 text-sm ${
                  current
                    ? 'bg-emerald-50 font-semibold text-emerald-800'
                    : 'text-slate-700 hover:bg-slate-100'
                }`}
              >
                {t(label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

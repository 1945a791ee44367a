'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useProjects } from '@/lib/client/projects';
import { useTranslations } from '../i18n/translations';
import { Select } from '../ui/form-field';

/**
 * Moves between the projects the person is a member of, keeping the section they are in
 * (members stay members); "All projects" opens the list.
 */
export function ProjectSwitcher({ current }: { current?: string }) {
  const t = useTranslations('projects.switcher');
  const router = useRouter();
  // The section after /projects/<name>/ (members, grayscale...), kept when switching.
  const pathname = usePathname();
  const section = current ? pathname.split('/').slice(3, 4)[0] : undefined;
  const projects = useProjects();
  const all = '__all__';
  const names = projects.data?.items.map((p) => p.name) ?? (current ? [current] : []);
  const options = [
    ...names.map((name) => ({ value: name, label: name })),
    { value: all, label: t('all') },
  ];
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="project-switcher" className="text-slate-300">
        {t('label')}
      </label>
      <div className="w-48 text-slate-900">
        <Select
          id="project-switcher"
          options={options}
          value={current}
          placeholder={t('placeholder')}
          onValueChange={(value) =>
            router.push(
              value === all
                ? '/projects'
                : `/projects/${encodeURIComponent(value)}${section ? `/${section}` : ''}`,
            )
          }
        />
      </div>
    </div>
  );
}

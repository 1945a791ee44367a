import Link from 'next/link';
import type { CurrentUser } from '@/lib/domain/accounts/account-schema';
import { useTranslations } from '../i18n/translations';
import { LanguageSwitch } from './language-switch';
import { ProjectSwitcher } from './project-switcher';
import { UserMenu } from './user-menu';

/** The bar above every console page: the product, the project switcher, language, the user menu. */
export function ConsoleHeader({ user, project }: { user: CurrentUser; project?: string }) {
  const common = useTranslations('common');
  return (
    <header className="flex h-14 items-center justify-between gap-4 bg-slate-900 px-4 text-slate-100">
      <div className="flex items-center gap-6">
        <Link href="/projects" className="text-lg font-semibold tracking-wide">
          {common('app.name')}
        </Link>
        <ProjectSwitcher {...(project ? { current: project } : {})} />
      </div>
      <div className="flex items-center gap-4">
        <LanguageSwitch />
        <UserMenu user={user} />
      </div>
    </header>
  );
}

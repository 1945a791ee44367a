import { useTranslations } from '../i18n/translations';
import { LanguageSwitch } from './language-switch';

/**
 * The bar above every console page. The project switcher and the user menu show the current
 * project and sign-in state; they become menus when accounts and project listing land.
 */
export function ConsoleHeader({ project }: { project: string }) {
  const t = useTranslations('shell.header');
  const common = useTranslations('common');
  return (
    <header className="flex h-14 items-center justify-between gap-4 bg-slate-900 px-4 text-slate-100">
      <div className="flex items-center gap-6">
        <span className="text-lg font-semibold tracking-wide">{common('app.name')}</span>
        <div
          className="flex items-center gap-2 text-sm"
          aria-label={t('projectSwitcher')}
          role="group"
        >
          <span className="text-slate-300">{t('project')}</span>
          <span className="rounded bg-slate-800 px-2 py-1 font-mono">{project}</span>
        </div>
      </div>
      <div className="flex items-center gap-4">
        <LanguageSwitch />
        <span role="group" aria-label={t('userMenu')} className="text-sm text-slate-300">
          {t('signedOut')}
        </span>
      </div>
    </header>
  );
}

import { translate, type Locale } from '@/lib/domain/i18n';
import { LanguageSwitch } from './language-switch';

/**
 * The bar above every console page. The project switcher and the user menu show the current
 * project and sign-in state; they become menus when accounts and project listing land.
 */
export function ConsoleHeader({ locale, project }: { locale: Locale; project: string }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <header className="flex h-14 items-center justify-between gap-4 bg-slate-900 px-4 text-slate-100">
      <div className="flex items-center gap-6">
        <span className="text-lg font-semibold tracking-wide">{t('app.name')}</span>
        <div
          className="flex items-center gap-2 text-sm"
          aria-label={t('header.projectSwitcher')}
          role="group"
        >
          <span className="text-slate-300">{t('header.project')}</span>
          <span className="rounded bg-slate-800 px-2 py-1 font-mono">{project}</span>
        </div>
      </div>
      <div className="flex items-center gap-4">
        <LanguageSwitch />
        <span role="group" aria-label={t('header.userMenu')} className="text-sm text-slate-300">
          {t('header.signedOut')}
        </span>
      </div>
    </header>
  );
}

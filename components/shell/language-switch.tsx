'use client';

import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { locales, type Locale } from '@/lib/domain/i18n/locales';
import { useLocale, useTranslations } from '../i18n/translations';

/** Chooses the console's language; the choice is kept in a cookie by the server. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('shell.header');
  const common = useTranslations('common');
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  async function handleChange(next: Locale) {
    const response = await fetch('/api/preferences/locale', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: next }),
    });
    if (response.ok) startTransition(() => router.refresh());
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-300">
        {t('language')}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(event) => void handleChange(event.target.value as Locale)}
        className="rounded border border-slate-600 bg-slate-800 px-2 py-1 text-slate-100"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {common(`locale.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

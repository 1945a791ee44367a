'use client';

import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { locales, translate, type Locale } from '@/lib/domain/i18n';
import { useLocale, useT } from '../i18n/i18n-provider';

/** Chooses the console's language; the choice is kept in a cookie by the server. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useT();
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
        {t('header.language')}
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
            {translate(option, `locale.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

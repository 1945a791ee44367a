import 'server-only';
import { cookies } from 'next/headers';
import { localeCookieName, parseLocale, type Locale } from '@/lib/domain/i18n';

/** The language the signed-in browser chose, from its cookie; English when it chose none. */
export async function getRequestLocale(): Promise<Locale> {
  const jar = await cookies();
  return parseLocale(jar.get(localeCookieName)?.value);
}

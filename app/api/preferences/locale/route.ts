import { NextResponse } from 'next/server';
import { z } from 'zod';
import { localeCookieName, localeSchema } from '@/lib/domain/i18n';

const bodySchema = z.object({ locale: localeSchema });

/** Keeps the chosen console language in a cookie for a year. */
export async function PUT(request: Request) {
  const parsed = bodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return NextResponse.json(
      {
        error: 'invalid locale',
        issues: parsed.error.issues.map(({ path, message }) => ({ path, message })),
      },
      { status: 422 },
    );
  }
  const response = NextResponse.json({ locale: parsed.data.locale });
  response.cookies.set(localeCookieName, parsed.data.locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: false,
  });
  return response;
}

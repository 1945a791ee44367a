import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

const startedAt = Date.now();

/** Liveness for load balancers, the demo launcher and tests: answers as soon as the server serves. */
export function GET() {
  return NextResponse.json(
    { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
    { headers: { 'cache-control': 'no-store' } },
  );
}

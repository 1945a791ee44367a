import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMutating } from '@/lib/domain/api/endpoint';
import { allEndpoints } from '@/lib/domain/api/endpoints';

/**
 * docs/api.md keeps up with the endpoint catalog: every route in its table and one curl example
 * per route, made as the page tells people to (cookie jar, Origin and JSON on writes).
 */

const doc = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');

interface Curl {
  command: string;
  method: string;
  url: string;
}

/** The curl commands of the page's sh blocks, continuation lines joined. */
function curlCommands(markdown: string): Curl[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
    .filter((line) => line.trim().startsWith('curl '))
    .map((command) => {
      const explicit = /\s-X\s+([A-Z]+)/.exec(command)?.[1];
      const url = /'?(http:\/\/127\.0\.0\.1:3000\/[^\s']*)'?\s*$/.exec(command)?.[1] ?? '';
      return { command, method: explicit ?? (/\s-d\s/.test(command) ? 'POST' : 'GET'), url };
    });
}

const curls = curlCommands(doc);

/** `/api/projects/{ns}` as a pattern for a concrete URL path (query allowed after it). */
function pathPattern(path: string): RegExp {
  const escaped = path
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9][-a-z0-9.]*');
  return new RegExp(`^http://127\\.0\\.0\\.1:3000${escaped}(\\?.*)?$`);
}

describe('docs/api.md', () => {
  it('has the curl examples it is made of', () => {
    expect(curls.length).toBeGreaterThanOrEqual(allEndpoints.length);
    for (const curl of curls) expect(curl.url, curl.command).not.toBe('');
  });

  it.each(allEndpoints.map((e) => [e.id, e] as const))('%s: in the routes table', (_id, e) => {
    const row = new RegExp(
      `^\\|\\s*${e.method}\\s*\\|\\s*\`${e.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`\\s*\\|`,
      'm',
    );
    expect(doc).toMatch(row);
  });

  it.each(allEndpoints.map((e) => [e.id, e] as const))('%s: a curl example', (_id, e) => {
    const pattern = pathPattern(e.path);
    const examples = curls.filter((c) => c.method === e.method && pattern.test(c.url));
    expect(examples.length, `${e.method} ${e.path}`).toBeGreaterThan(0);
    for (const { command } of examples) {
      if (e.access !== 'public') expect(command).toMatch(/\s-b jar\b/);
      if (isMutating(e.method)) expect(command).toContain("-H 'Origin: http://127.0.0.1:3000'");
      if (e.body) expect(command).toContain("-H 'Content-Type: application/json'");
    }
  });

  it('shows no curl example for a route the catalog does not have', () => {
    for (const curl of curls) {
      const known = allEndpoints.some(
        (e) => e.method === curl.method && pathPattern(e.path).test(curl.url),
      );
      expect(known, curl.command).toBe(true);
    }
  });

  it.each(['change', 'bookmark', 'resync', 'denied'])('documents the %s event', (name) => {
    expect(doc).toContain(`event: ${name}`);
  });
});

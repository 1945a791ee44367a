import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/** Istio's reference Bookinfo sample, as shipped beside the project in shared/. */
export const bookinfoDir = join(
  process.cwd(),
  '..',
  'shared',
  'reference',
  'istio',
  'samples',
  'bookinfo',
);
export const bookinfoManifest = join(bookinfoDir, 'platform', 'kube', 'bookinfo.yaml');
export const networkingDir = join(bookinfoDir, 'networking');

export interface FixtureObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  [key: string]: unknown;
}

export function networkingFiles(): string[] {
  return readdirSync(networkingDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(networkingDir, f));
}

export function readObjects(path: string): FixtureObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as FixtureObject | null)
    .filter((o): o is FixtureObject => o !== null);
}

/**
 * Every networking object of the Bookinfo tasks in one YAML stream, each renamed after its file
 * (the tasks reuse names like "reviews"), so that one apply holds them all and a second apply of
 * the same stream must change nothing.
 */
export function allNetworkingObjectsYaml(): string {
  const docs = networkingFiles().flatMap((file) => {
    const stem = file
      .split('/')
      .pop()!
      .replace(/\.yaml$/, '');
    return readObjects(file).map((o) => ({
      ...o,
      metadata: {
        ...o.metadata,
        name: `${o.metadata.name}-${stem}`.slice(0, 63).replace(/-+$/, ''),
      },
    }));
  });
  return docs.map((d) => stringify(d)).join('---\n');
}

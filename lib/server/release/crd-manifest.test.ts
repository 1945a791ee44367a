import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { releaseJobCrdYaml } from './crd-manifest';

describe('deploy/release-job-crd.yaml', () => {
  it('is the CRD generated from the zod schema (after a schema change, write releaseJobCrdYaml() to it)', () => {
    expect(
      readFileSync(new URL('../../../deploy/release-job-crd.yaml', import.meta.url), 'utf8'),
    ).toBe(releaseJobCrdYaml());
  });
});

import 'server-only';
import { stringify } from 'yaml';
import { releaseJobCrd } from '@/lib/domain/release';

/** `deploy/release-job-crd.yaml` as generated from the one schema definition (a test keeps the file equal). */
export function releaseJobCrdYaml(): string {
  return `# Generated from lib/domain/release (releaseJobCrd); do not edit by hand.\n${stringify(releaseJobCrd())}`;
}

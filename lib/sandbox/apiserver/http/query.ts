import { badRequest } from '../errors';
import type { FieldValidation } from '../core/request-context';

/** The query parameters of writes, checked as kube-apiserver checks them. */
export function writeOptionsFromQuery(query: URLSearchParams, userAgent: string | undefined) {
  const dryRun = query.getAll('dryRun');
  for (const value of dryRun)
    if (value !== 'All') throw badRequest(`Invalid dry run value: ${value}; supported values: All`);
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(validation)) {
    throw badRequest(
      `fieldValidation ${validation} is invalid, must be one of Ignore, Warn or Strict`,
    );
  }
  const manager = query.get('fieldManager') ?? defaultFieldManager(userAgent);
  if (manager.length > 128)
    throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
  return {
    dryRun: dryRun.length > 0,
    fieldValidation: validation as FieldValidation,
    fieldManager: manager,
  };
}

/** Without ?fieldManager, Kubernetes names the manager after the client program in the User-Agent. */
function defaultFieldManager(userAgent: string | undefined): string {
  const program = (userAgent ?? '').split('/')[0]?.trim();
  return program || 'unknown';
}

export function optionalInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw badRequest(`invalid value for ${name}: ${raw}`);
  return value;
}

export function booleanParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  return raw === 'true' || raw === '1';
}

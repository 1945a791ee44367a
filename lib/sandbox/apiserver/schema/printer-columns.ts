import { goJsonMarshal, goNumber } from '../validation/go-format';
import { evaluateJsonPath } from './jsonpath';

/** A CRD version's `additionalPrinterColumns` entry. */
export interface PrinterColumn {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

// How the jsonpath printer writes a value into a string column: maps and lists as JSON.
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goJsonMarshal(value);
}

/**
 * The Table cell for `column` on `object`, as kube-apiserver's CRD table convertor computes it:
 * the first value the path selects, converted to the column's type, or null when there is none
 * (or it does not fit the type). `date` cells are the timestamp string; turning it into an age
 * ("5m") is left to the caller, who knows the time.
 */
export function printerColumnCell(
  object: unknown,
  column: PrinterColumn,
): string | number | boolean | null {
  let values: unknown[];
  try {
    values = evaluateJsonPath(object, column.jsonPath);
  } catch {
    return null;
  }
  return printerCellOf(values, column.type);
}

/**
 * The cell for the values a column's path selected: only the first counts (a `[*]` path shows
 * its first match, as kube-apiserver's convertor takes results[0][0]), converted to the type.
 */
export function printerCellOf(
  values: readonly unknown[],
  type: PrinterColumn['type'],
): string | number | boolean | null {
  if (values.length === 0 || values[0] === undefined) return null;
  const value = values[0];
  switch (type) {
    case 'string':
      return asText(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? value : null;
  }
}

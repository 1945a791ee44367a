import { badRequest } from '../errors';
import { selectableFields, type SelectableField } from './field-selector-fields';

/**
 * Field selectors (`fieldSelector=metadata.name=web,status.phase!=Running`): a port of
 * apimachinery's `fields.ParseSelector` (backslash escapes, `=`/`==`/`!=`, comma = AND) plus the
 * per-resource field label check kube-apiserver makes before listing.
 */

export interface FieldRequirement {
  /** The field label as written, e.g. `involvedObject.name`. */
  field: string;
  operator: '=' | '!=';
  value: string;
  /** Where the value lives in an object of the selected resource. */
  source: SelectableField;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
}

/** Commas split terms unless escaped with a backslash (the backslash stays for unescaping). */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// "==" is tried before "=" so that it does not leave a "=" at the start of the value.
const termOperators = ['!=', '==', '='] as const;

function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i))
        return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. its code point.
      throw badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * Parses a field selector for the resource `resourceKey` (see selectableFields), or for a custom
 * resource with the given selectable field paths. Throws ApiError
 * 400 BadRequest for a malformed selector or a field label the resource does not support.
 */
export function parseFieldSelector(
  text: string,
  resourceKey: string,
  customResourceFields?: readonly string[],
): FieldSelector {
  const { fields, unsupported } = selectableFields(resourceKey, customResourceFields);
  // Go sorts the terms before parsing them, which decides which error is reported first.
  const terms = splitTerms(text).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const value = unescapeValue(parts.rhs);
    requirements.push({
      field: parts.lhs,
      operator: parts.op === '!=' ? '!=' : '=',
      value,
      source: { path: parts.lhs },
    });
  }
  for (const requirement of requirements) {
    const source = fields[requirement.field];
    if (!source) throw badRequest(unsupported(requirement.field));
    requirement.source = source;
  }
  return { requirements };
}

/** The value a field label has on an object, as the typed field would print it ("" if absent). */
export function fieldValue(object: unknown, source: SelectableField): string {
  let current: unknown = object;
  for (const segment of source.path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current))
      return source.absent ?? '';
    current = (current as Record<string, unknown>)[segment];
  }
  if (typeof current === 'string') return current;
  if (typeof current === 'number' || typeof current === 'boolean') return String(current);
  return source.absent ?? '';
}

/** True when every requirement holds for `object`. */
export function matchesFields(selector: FieldSelector, object: unknown): boolean {
  return selector.requirements.every((requirement) => {
    const actual = fieldValue(object, requirement.source);
    return requirement.operator === '='
      ? actual === requirement.value
      : actual !== requirement.value;
  });
}

/**
 * Just enough of Kubernetes' field selector grammar (`fields.ParseSelector`) to answer one question
 * for authorization: does the selector pin `metadata.name` to one value (`RequiresExactMatch`)?
 */

export type ExactNameResult = { ok: true; name?: string } | { ok: false };

/**
 * Parses a field selector and returns the value a `metadata.name=` or `metadata.name==` term
 * requires, if any. `ok: false` when the selector does not parse (Kubernetes then ignores it for
 * authorization). Terms are sorted first, as Kubernetes does, so the first such term wins.
 */
export function fieldSelectorExactName(selector: string): ExactNameResult {
  const terms = splitUnescaped(selector).sort();
  let name: string | undefined;
  for (const term of terms) {
    if (term === '') continue;
    const split = splitTerm(term);
    if (!split) return { ok: false };
    const value = unescapeValue(split.value);
    if (value === undefined) return { ok: false };
    if (name === undefined && split.field === 'metadata.name' && split.operator !== '!=')
      name = value;
  }
  return name === undefined ? { ok: true } : { ok: true, name };
}

/** Splits on commas that are not escaped with a backslash. */
function splitUnescaped(selector: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    if (selector[i] === '\\') {
      i++;
    } else if (selector[i] === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const operators = ['!=', '==', '='] as const;

function splitTerm(term: string): { field: string; operator: string; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of operators) {
      if (term.startsWith(operator, i)) {
        return { field: term.slice(0, i), operator, value: term.slice(i + operator.length) };
      }
    }
  }
  return undefined;
}

/** Undoes `\\`, `\,` and `\=`; any other escape, or a bare `,` or `=`, makes the selector invalid. */
function unescapeValue(value: string): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const next = value[i + 1];
      if (next !== '\\' && next !== ',' && next !== '=') return undefined;
      out += next;
      i++;
    } else if (c === ',' || c === '=') {
      return undefined;
    } else {
      out += c;
    }
  }
  return out;
}

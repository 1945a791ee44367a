/**
 * The `tags` search parameter as Jaeger's UI accepts it: a JSON object of strings
 * (`{"http.status_code":"500"}`, what the UI sends) or logfmt (`error=true http.method="GET"`,
 * what users type). Returns the pairs, or an error message naming what is wrong.
 */
export function parseTagFilter(text: string): Record<string, string> | string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return `malformed 'tags' parameter, cannot unmarshal JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return `malformed 'tags' parameter, cannot unmarshal JSON: expected an object`;
    }
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string')
        return `malformed 'tags' parameter, cannot unmarshal JSON: value of "${key}" is not a string`;
      result[key] = value;
    }
    return result;
  }
  return parseLogfmt(trimmed);
}

/** `key=value key2="quoted \"value\""`; a bare key means "true", as in logfmt. */
function parseLogfmt(text: string): Record<string, string> | string {
  const result: Record<string, string> = {};
  let index = 0;
  while (index < text.length) {
    while (text[index] === ' ') index += 1;
    if (index >= text.length) break;
    const keyStart = index;
    while (index < text.length && text[index] !== '=' && text[index] !== ' ') index += 1;
    const key = text.slice(keyStart, index);
    if (key === '')
      return `malformed 'tags' parameter, expecting logfmt key=value at position ${keyStart}`;
    if (text[index] !== '=') {
      result[key] = 'true';
      continue;
    }
    index += 1;
    if (text[index] === '"') {
      let value = '';
      index += 1;
      while (index < text.length && text[index] !== '"') {
        if (text[index] === '\\' && index + 1 < text.length) index += 1;
        value += text[index];
        index += 1;
      }
      if (text[index] !== '"')
        return `malformed 'tags' parameter, unterminated quoted value for "${key}"`;
      index += 1;
      result[key] = value;
    } else {
      const valueStart = index;
      while (index < text.length && text[index] !== ' ') index += 1;
      result[key] = text.slice(valueStart, index);
    }
  }
  return result;
}

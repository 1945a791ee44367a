// Parse-error wording of Prometheus 2.42 ("L:C: parse error: ...") for what the grammar rejects.

/** "line:column" (both from 1) of an offset in the query. */
export function position(query: string, offset: number): string {
  const before = query.slice(0, offset).split('\n');
  return `${before.length}:${(before[before.length - 1] as string).length + 1}`;
}

/** The innermost bracket left open before `end`, ignoring brackets inside string literals. */
function unclosedBracket(text: string): string | undefined {
  const open: string[] = [];
  const strings = /"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      strings.lastIndex = i;
      strings.exec(text);
      i = Math.max(i, strings.lastIndex - 1);
    } else if (c === '(' || c === '{' || c === '[') open.push(c);
    else if (c === ')' || c === '}' || c === ']') open.pop();
  }
  return open[open.length - 1];
}

export function parseErrorMessage(query: string, offset: number): string {
  if (query.slice(offset).trim() === '') {
    const open = unclosedBracket(query);
    const what =
      open === '('
        ? 'unclosed left parenthesis'
        : open === '{'
          ? 'unexpected end of input inside braces'
          : open === '['
            ? 'unclosed left bracket'
            : 'unexpected end of input';
    return `${position(query, query.length)}: parse error: ${what}`;
  }
  const rest = query.slice(offset).trimStart();
  const token = /^(?:[A-Za-z_:][\w:]*|\d[\w.]*|\S)/.exec(rest)?.[0];
  const what = token === undefined ? 'end of input' : `"${token}"`;
  return `${position(query, offset + (query.slice(offset).length - rest.length))}: parse error: unexpected ${what}`;
}

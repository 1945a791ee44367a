/**
 * Go's `%q` formatting, which Kubernetes uses in the messages clients show (reasons, 403s,
 * escalation errors). JSON string quoting is the same for every printable character; it differs
 * only in how control characters are escaped, which names and rules never contain.
 */

/** `%q` of a string: `"name"`. */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** `%q` of a string slice: `["a" "b"]` (space-separated, unlike JSON). */
export function goQuoteList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

/**
 * `utilerrors.NewAggregate(errs).Error()`: one message alone, several de-duplicated in brackets.
 */
export function aggregateMessages(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (messages.length === 1 || unique.length === 1) return unique[0] ?? '';
  return `[${unique.join(', ')}]`;
}

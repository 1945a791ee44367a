/**
 * Durations in Istio objects (`timeout`, `perTryTimeout`, `fault.delay.fixedDelay`) are written as
 * protobuf JSON (`1.5s`) or, since the CRDs validate with CEL `duration()`, Go syntax (`1m30s`,
 * `100ms`). Both are sequences of decimal numbers with units.
 */

const unitMs: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

const durationPattern = /^(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|ns)/;

/**
 * Parses an Istio/Go duration into milliseconds.
 * @returns the duration in milliseconds, or undefined when the text is not a duration.
 */
export function parseDurationMs(text: string): number | undefined {
  let rest = text.trim();
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const found = durationPattern.exec(rest);
    if (!found) return undefined;
    const [token, amount = '', unit = ''] = found;
    total += Number(amount) * (unitMs[unit] ?? Number.NaN);
    rest = rest.slice(token.length);
  }
  return Number.isFinite(total) ? total : undefined;
}

/**
 * Float text exactly as Prometheus' Go code reads and writes it, so the sandbox's answers are
 * byte-for-byte those of a real Prometheus: JavaScript's own `String(1e-7)` is "1e-7" where Go
 * writes "1e-07", and `Number("Inf")` is NaN where Go reads +Inf.
 */

/**
 * A sample value as Prometheus' JSON API writes it (`jsonutil.MarshalValue`): "NaN", "+Inf",
 * "-Inf", fixed notation between 1e-6 and 1e21, Go's shortest `e` notation outside (two-digit
 * exponent at least).
 */
export function formatPrometheusValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return goExponent(value.toExponential());
  // JavaScript switches to exponent notation at exactly these bounds too, so String() is fixed here.
  return String(value);
}

/** Go's `%e` shortest form pads the exponent to two digits: "1e-7" -> "1e-07". */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * A value in the text exposition format. Prometheus' parser reads any Go float, so the shortest
 * round-tripping JavaScript form serves, with Go's spellings of the special values.
 */
export function formatExpositionValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a float as Go's `strconv.ParseFloat` does for the forms Prometheus meets (decimal,
 * exponent, `Inf`/`+Inf`/`-Inf`/`Infinity`, `NaN`, any case). Returns undefined when Go would fail.
 */
export function parseGoFloat(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const lower = text.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  if (unsigned === 'inf' || unsigned === 'infinity')
    return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === 'nan') return NaN;
  return undefined;
}

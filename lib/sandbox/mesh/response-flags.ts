/**
 * Envoy's response flags as Istio reports them in `response_flags` and on spans. Envoy prints the
 * flags a stream collected comma-separated in ITS order (ResponseFlagUtils), not in the order they
 * happened, so a delayed request that then found no healthy upstream reads `UH,DI`.
 */
export type ResponseFlag = 'UH' | 'UT' | 'UR' | 'UF' | 'UC' | 'NR' | 'DI' | 'FI' | 'URX' | 'NC';

const envoyOrder: readonly ResponseFlag[] = [
  'UH',
  'UT',
  'UR',
  'UF',
  'UC',
  'NR',
  'DI',
  'FI',
  'URX',
  'NC',
];

/** The `response_flags` value: the flags in Envoy's order, or "-" when there are none. */
export function formatResponseFlags(flags: Iterable<ResponseFlag>): string {
  const present = new Set(flags);
  const text = envoyOrder.filter((flag) => present.has(flag)).join(',');
  return text || '-';
}

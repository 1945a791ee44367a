/**
 * The string formats kube-apiserver checks in custom resources (a subset of go-openapi's strfmt
 * registry that Kubernetes enables). A format not listed here is not checked, as in Kubernetes,
 * where unknown formats and the numeric ones (int32, double, ...) are informational for strings.
 */

const ipv4Octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`^${ipv4Octet}(\\.${ipv4Octet}){3}$`);

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!ipv4.test(tail)) return false;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (groups.some((list) => list.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group)))) return false;
  const count = groups.reduce((sum, list) => sum + list.length, 0);
  if (halves.length === 2) return count < 8;
  return count === 8;
}

const checks: Record<string, (text: string) => boolean> = {
  'date-time': (text) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text),
  datetime: (text) => checks['date-time']?.(text) ?? false,
  date: (text) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(text),
  byte: (text) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text),
  uuid: (text) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text),
  ipv4: (text) => ipv4.test(text),
  ipv6: isIpv6,
  cidr: (text) => {
    const [address = '', bits, ...rest] = text.split('/');
    if (bits === undefined || rest.length || !/^\d{1,3}$/.test(bits)) return false;
    if (ipv4.test(address)) return Number(bits) <= 32;
    return isIpv6(address) && Number(bits) <= 128;
  },
};

/** True when `format` is checked and `text` does not satisfy it. */
export function violatesFormat(format: string, text: string): boolean {
  const check = checks[format];
  return check !== undefined && !check(text);
}

import { describe, expect, it } from 'vitest';
import { renderExposition } from './exposition';
import { parseGoFloat } from './go-float';
import { ISTIO_DEFAULT_BUCKETS, registerIstioMetrics } from './istio-metrics';
import {
  createRegistry,
  incrementCounter,
  observeHistogram,
  registerCounter,
  registerHistogram,
} from './registry';

/** A minimal reader of the text format (sample lines only), to check what the writer wrote. */
function parseSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`malformed line: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ''}`, parseGoFloat(match[3] as string) as number);
  }
  return samples;
}

describe('renderExposition', () => {
  it('writes HELP, TYPE and counters', () => {
    const registry = createRegistry();
    const requests = registerCounter(registry, {
      name: 'requests_total',
      help: 'Requests.',
      labelNames: ['code'],
    });
    incrementCounter(requests, { code: '200' }, 3);
    incrementCounter(requests, { code: '200' });
    expect(renderExposition(registry)).toBe(
      '# HELP requests_total Requests.\n# TYPE requests_total counter\nrequests_total{code="200"} 4\n',
    );
  });

  it.each([
    ['quote "q"', 'quote \\"q\\"'],
    ['back\\slash', 'back\\\\slash'],
    ['new\nline', 'new\\nline'],
    ['plain', 'plain'],
  ])('escapes label value %j', (value, escaped) => {
    const registry = createRegistry();
    incrementCounter(registerCounter(registry, { name: 'c', help: 'h\\n', labelNames: ['v'] }), {
      v: value,
    });
    expect(renderExposition(registry)).toContain(`c{v="${escaped}"} 1`);
    expect(renderExposition(registry)).toContain('# HELP c h\\\\n');
  });

  it('writes cumulative buckets up to +Inf, then _sum and _count', () => {
    const registry = createRegistry();
    const latency = registerHistogram(registry, {
      name: 'lat',
      help: 'Latency.',
      labelNames: [],
      buckets: [1, 5],
    });
    for (const v of [0.5, 1, 3, 7, 9]) observeHistogram(latency, {}, v);
    expect(renderExposition(registry)).toBe(
      [
        '# HELP lat Latency.',
        '# TYPE lat histogram',
        'lat_bucket{le="1"} 2',
        'lat_bucket{le="5"} 3',
        'lat_bucket{le="+Inf"} 5',
        'lat_sum 20.5',
        'lat_count 5',
        '',
      ].join('\n'),
    );
  });

  it('round-trips Istio metrics: every observation is counted once, buckets are cumulative', () => {
    const registry = createRegistry();
    const istio = registerIstioMetrics(registry);
    const labels = {
      reporter: 'destination',
      destination_workload: 'reviews-v2',
      response_code: '200',
    };
    const observations = [0.2, 3, 3, 42, 999, 4000, 5_000_000];
    for (const v of observations) {
      incrementCounter(istio.requestsTotal, labels);
      observeHistogram(istio.requestDurationMilliseconds, labels, v);
    }
    incrementCounter(istio.tcpSentBytesTotal, labels, 1500);
    const samples = parseSamples(renderExposition(registry));
    const prefix =
      'reporter="destination",source_workload="",source_workload_namespace="",source_principal="",source_app="",source_version="",source_cluster="",destination_workload="reviews-v2"';
    const find = (name: string, suffix = '') =>
      [...samples].find(
        ([key]) => key.startsWith(`${name}{${prefix}`) && key.endsWith(`${suffix}}`),
      )?.[1];
    expect(find('istio_requests_total')).toBe(7);
    expect(find('istio_request_duration_milliseconds_count')).toBe(7);
    expect(find('istio_request_duration_milliseconds_sum')).toBeCloseTo(
      observations.reduce((a, b) => a + b),
      9,
    );
    expect(find('istio_request_duration_milliseconds_bucket', ',le="+Inf"')).toBe(7);
    const bucketCounts = ISTIO_DEFAULT_BUCKETS.map((le) =>
      find('istio_request_duration_milliseconds_bucket', `,le="${le}"`),
    );
    expect(bucketCounts).toEqual(
      ISTIO_DEFAULT_BUCKETS.map((le) => observations.filter((v) => v <= le).length),
    );
    expect([...samples.keys()].some((key) => key.includes('le="3600000"'))).toBe(true);
    expect(find('istio_tcp_sent_bytes_total')).toBe(1500);
    // TCP metrics carry no response_code label.
    expect(
      [...samples.keys()].find((key) => key.startsWith('istio_tcp_sent_bytes_total')),
    ).not.toContain('response_code');
  });

  it.each([
    [
      'registering a name twice',
      () => {
        const registry = createRegistry();
        registerCounter(registry, { name: 'x', help: '', labelNames: [] });
        registerCounter(registry, { name: 'x', help: '', labelNames: [] });
      },
    ],
    [
      'a decreasing counter',
      () =>
        incrementCounter(
          registerCounter(createRegistry(), { name: 'x', help: '', labelNames: [] }),
          {},
          -1,
        ),
    ],
    [
      'unsorted buckets',
      () =>
        registerHistogram(createRegistry(), {
          name: 'h',
          help: '',
          labelNames: [],
          buckets: [5, 1],
        }),
    ],
    [
      'an invalid metric name',
      () => registerCounter(createRegistry(), { name: 'bad-name', help: '', labelNames: [] }),
    ],
  ])('refuses %s', (_name, action) => {
    expect(action).toThrow();
  });
});

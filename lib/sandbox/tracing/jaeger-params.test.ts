import { describe, expect, it } from 'vitest';
import { parseV1Dependencies, parseV1Operations, parseV1Search } from './jaeger-v1-params';
import { parseV3FindTraces, parseV3Operations } from './jaeger-v3-params';
import { parseTagFilter } from './tag-filter';

const NOW_US = 1_767_225_600_000_000;
const params = (text: string) => new URLSearchParams(text);

describe('parseV1Search', () => {
  it('reads every filter', () => {
    const search = parseV1Search(
      params(
        'service=productpage&operation=GET%20%2F&tags=%7B%22error%22%3A%22true%22%7D&tag=user:jason&start=100&end=200&minDuration=1.5ms&maxDuration=1s&limit=5',
      ),
      NOW_US,
    );
    expect(search).toEqual({
      traceIds: [],
      query: {
        service: 'productpage',
        operation: 'GET /',
        tags: { error: 'true', user: 'jason' },
        startMinUs: 100,
        startMaxUs: 200,
        durationMinNs: 1_500_000,
        durationMaxNs: 1_000_000_000,
        limit: 5,
      },
    });
  });

  it('defaults to the last 24 h, or the lookback, and 100 traces', () => {
    expect(parseV1Search(params('service=a'), NOW_US).query).toEqual({
      service: 'a',
      startMinUs: NOW_US - 86_400e6,
      startMaxUs: NOW_US,
      limit: 100,
    });
    expect(parseV1Search(params('service=a&lookback=1h'), NOW_US).query.startMinUs).toBe(
      NOW_US - 3_600e6,
    );
  });

  it('takes traceID parameters instead of a service', () => {
    expect(
      parseV1Search(params('traceID=ABC&traceID=0af7651916cd43dd8448eb211c80319c'), NOW_US)
        .traceIds,
    ).toEqual(['00000000000000000000000000000abc', '0af7651916cd43dd8448eb211c80319c']);
  });

  it.each([
    ['', `parameter 'service' is required`],
    ['service=a&start=yesterday', `unable to parse param 'start': "yesterday" is not an integer`],
    [
      'service=a&minDuration=10',
      `unable to parse param 'minDuration': time: invalid duration "10"`,
    ],
    [
      'service=a&minDuration=2s&maxDuration=1s',
      `'maxDuration' should be greater than 'minDuration'`,
    ],
    ['service=a&limit=-1', `unable to parse param 'limit': "-1" is not a non-negative integer`],
    [
      'service=a&tags={"a":1}',
      `malformed 'tags' parameter, cannot unmarshal JSON: value of "a" is not a string`,
    ],
    ['service=a&tags={bad', `malformed 'tags' parameter, cannot unmarshal JSON`],
    ['service=a&tag=novalue', `malformed 'tag' parameter, expecting key:value, received: novalue`],
    ['traceID=xyz', `unable to parse param 'traceID': "xyz" is not a hex trace id`],
  ])('%s -> %s', (text, message) => {
    expect(() => parseV1Search(params(text), NOW_US)).toThrow(message);
  });
});

describe('parseTagFilter', () => {
  it.each([
    ['{"http.status_code":"500"}', { 'http.status_code': '500' }],
    ['error=true http.method=GET', { error: 'true', 'http.method': 'GET' }],
    ['msg="two words" q="a \\"quote\\""', { msg: 'two words', q: 'a "quote"' }],
    ['error', { error: 'true' }],
    ['  ', {}],
  ])('%s', (text, expected) => {
    expect(parseTagFilter(text)).toEqual(expected);
  });

  it('names an unterminated quote', () => {
    expect(parseTagFilter('a="open')).toContain('unterminated');
  });
});

describe('other v1 parameters', () => {
  it('operations need a service and a known kind', () => {
    expect(parseV1Operations(params('service=a&spanKind=server'))).toEqual({
      service: 'a',
      spanKind: 'server',
    });
    expect(() => parseV1Operations(params('spanKind=server'))).toThrow(
      `parameter 'service' is required`,
    );
    expect(() => parseV1Operations(params('service=a&spanKind=sideways'))).toThrow(
      'unsupported spanKind',
    );
  });

  it('dependencies read endTs and lookback in ms', () => {
    expect(parseV1Dependencies(params('endTs=2000&lookback=500'), 0)).toEqual({
      startUs: 1_500_000,
      endUs: 2_000_000,
    });
    expect(parseV1Dependencies(params(''), 86_400_000)).toEqual({
      startUs: 0,
      endUs: 86_400_000_000,
    });
    expect(() => parseV1Dependencies(params('endTs=now'), 0)).toThrow(
      `unable to parse param 'endTs'`,
    );
  });
});

describe('parseV3FindTraces', () => {
  it('reads snake_case and camelCase spellings', () => {
    const expected = {
      service: 'reviews',
      operation: 'op',
      startMinUs: Date.UTC(2026, 0, 1) * 1000,
      startMaxUs: Date.UTC(2026, 0, 1, 1) * 1000 + 500_000,
      durationMinNs: 1_000_000,
      durationMaxNs: 2_000_000_000,
      tags: { 'http.status_code': '503' },
      limit: 7,
    };
    const attributes = encodeURIComponent('{"http.status_code":"503"}');
    expect(
      parseV3FindTraces(
        params(
          `query.service_name=reviews&query.operation_name=op&query.start_time_min=2026-01-01T00:00:00Z&query.start_time_max=2026-01-01T01:00:00.5Z&query.duration_min=1ms&query.duration_max=2s&query.search_depth=7&query.attributes=${attributes}`,
        ),
      ),
    ).toEqual(expected);
    expect(
      parseV3FindTraces(
        params(
          `query.serviceName=reviews&query.operationName=op&query.startTimeMin=2026-01-01T00:00:00Z&query.startTimeMax=2026-01-01T01:00:00.5Z&query.durationMin=1ms&query.durationMax=2s&query.num_traces=7&query.attributes=${attributes}`,
        ),
      ),
    ).toEqual(expected);
  });

  it.each([
    ['query.service_name=a', 'query.start_time_min and query.start_time_max are required'],
    [
      'query.start_time_min=yesterday&query.start_time_max=2026-01-01T00:00:00Z',
      'malformed parameter query.start_time_min: parsing time "yesterday"',
    ],
    [
      'query.start_time_min=2026-01-01T00:00:00Z&query.startTimeMax=2026-01-01T00:00:00Z&query.duration_min=5',
      'malformed parameter query.duration_min: time: invalid duration "5"',
    ],
    [
      'query.start_time_min=2026-01-01T00:00:00Z&query.start_time_max=2026-01-01T00:00:00Z&query.search_depth=x',
      'malformed parameter query.search_depth',
    ],
    [
      'query.start_time_min=2026-01-01T00:00:00Z&query.start_time_max=2026-01-01T00:00:00Z&query.attributes=[1]',
      'malformed parameter query.attributes',
    ],
  ])('%s -> %s', (text, message) => {
    expect(() => parseV3FindTraces(params(text))).toThrow(message);
  });

  it('operations take span_kind or spanKind', () => {
    expect(parseV3Operations(params('service=a&span_kind=client'))).toEqual({
      service: 'a',
      spanKind: 'client',
    });
    expect(parseV3Operations(params('service=a&spanKind=server'))).toEqual({
      service: 'a',
      spanKind: 'server',
    });
    expect(() => parseV3Operations(params('service=a&spanKind=up'))).toThrow(
      'malformed parameter spanKind',
    );
  });
});

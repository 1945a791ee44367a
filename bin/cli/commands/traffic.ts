import { z } from 'zod';
import { defineCommand } from '../command';
import { runServices } from '../services/run-services';
import { trafficService } from '../services/traffic-service';

/** A positive number given as text (requests per second, seconds). */
function positiveNumber(max: number) {
  const message = `must be a number above 0 and at most ${max}`;
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, message)
    .transform(Number)
    .pipe(z.number().positive(message).max(max, message));
}

export const command = defineCommand({
  options: {
    url: {
      flag: 'url',
      env: 'AVIARY_TRAFFIC_URL',
      kind: 'string',
      placeholder: 'URL',
      description: 'the page to request (Bookinfo through the ingress gateway)',
      schema: z.string().url('must be a URL').default('http://127.0.0.1:9080/productpage'),
    },
    rate: {
      flag: 'rate',
      env: 'AVIARY_TRAFFIC_RATE',
      kind: 'string',
      placeholder: 'N',
      description: 'requests per second',
      schema: positiveNumber(10_000).default(2),
    },
    user: {
      flag: 'user',
      env: 'AVIARY_TRAFFIC_USER',
      kind: 'string',
      placeholder: 'NAME',
      description:
        "sign in to Bookinfo as NAME first (productpage then sends end-user: NAME, as for Istio's jason)",
      schema: z.string().min(1, 'must not be empty').optional(),
    },
    every: {
      flag: 'every',
      env: 'AVIARY_TRAFFIC_EVERY',
      kind: 'string',
      placeholder: 'SECONDS',
      description: 'seconds between summary lines',
      schema: positiveNumber(3_600).default(5),
    },
  },
  description: [
    "Sends GET requests to Bookinfo's productpage at a steady rate (the walkthrough's",
    '`watch -n 0.5 curl ...`, without waiting for each answer), and prints one line per summary',
    'window: requests sent, answers by status, the reviews version each page showed (no stars v1,',
    'black v2, red v3) and latency p50/p99. Ctrl-C (or SIGTERM) stops it and prints the totals.',
  ].join('\n'),

  async run(values) {
    return runServices([
      trafficService({
        url: values.url,
        ratePerSecond: values.rate,
        user: values.user,
        windowMs: values.every * 1000,
      }),
    ]);
  },
});

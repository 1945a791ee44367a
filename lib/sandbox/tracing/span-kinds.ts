import type { SpanRecord } from '../contracts/span-sink';

export type SpanKind = SpanRecord['kind'];

/** OTLP's SpanKind numbers, the form the store keeps. */
export const KIND_NUMBER: Record<SpanKind, number> = {
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
};

const KIND_BY_NUMBER: Record<number, SpanKind> = {
  1: 'INTERNAL',
  2: 'SERVER',
  3: 'CLIENT',
  4: 'PRODUCER',
  5: 'CONSUMER',
};

export function kindOfNumber(value: number): SpanKind {
  return KIND_BY_NUMBER[value] ?? 'INTERNAL';
}

/** Jaeger's lowercase span kind ("server", "client", ...), as its tags and operations show it. */
export function jaegerKind(kind: SpanKind): string {
  return kind.toLowerCase();
}

/** A Jaeger span kind ("server") as the store's number, or undefined for an unknown one. */
export function kindNumberOfJaeger(kind: string): number | undefined {
  return KIND_NUMBER[kind.toUpperCase() as SpanKind];
}

export const STATUS_NUMBER: Record<SpanRecord['status']['code'], number> = {
  UNSET: 0,
  OK: 1,
  ERROR: 2,
};
const STATUS_BY_NUMBER: ReadonlyArray<SpanRecord['status']['code']> = ['UNSET', 'OK', 'ERROR'];

export function statusOfNumber(value: number): SpanRecord['status']['code'] {
  return STATUS_BY_NUMBER[value] ?? 'UNSET';
}

/**
 * One figure of a benchmark. `baseline` is the same figure for the peer measured in the same run
 * (these machines are noisy: an absolute time alone says little), and `ratio` is value / baseline.
 */
export interface BenchRow {
  name: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

/** What every `bench/*.bench.ts` exports. */
export interface Benchmark {
  /** Runs the benchmark to the end, bounded in time, leaving no server behind. */
  run(): Promise<BenchRow[]>;
}

/** A row compared with its baseline. */
export function compared(row: Omit<BenchRow, 'ratio'> & { baseline: number }): BenchRow {
  return { ...row, ratio: row.baseline > 0 ? row.value / row.baseline : undefined };
}

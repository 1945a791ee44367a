/**
 * `npm run bench [-- NAME...]`: runs every `bench/*.bench.ts` (or those whose file name contains
 * one of NAME), one after another, prints one table and writes bench/results.json.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchRow } from './support/bench-types';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}

const format = (value: number | undefined, digits = 2) =>
  value === undefined ? '' : value >= 100 ? value.toFixed(0) : value.toFixed(digits);

const results: Array<{ benchmark: string; seconds: number; rows: BenchRow[]; error?: string }> = [];
for (const file of files) {
  const benchmark = file.replace(/\.bench\.ts$/, '');
  console.log(`running ${benchmark} ...`);
  const start = performance.now();
  try {
    const module = (await import(pathToFileURL(`${benchDir}${file}`).href)) as Benchmark;
    const rows = await module.run();
    results.push({ benchmark, seconds: (performance.now() - start) / 1000, rows });
  } catch (error) {
    console.error(`${benchmark} failed: ${error instanceof Error ? error.message : String(error)}`);
    results.push({
      benchmark,
      seconds: (performance.now() - start) / 1000,
      rows: [],
      error: String(error),
    });
  }
}

const table = [
  ['benchmark', 'name', 'metric', 'value', 'baseline', 'ratio'],
  ...results.flatMap(({ benchmark, rows, error }) =>
    error
      ? [[benchmark, 'FAILED', error.slice(0, 60), '', '', '']]
      : rows.map((row) => [
          benchmark,
          row.name,
          row.metric,
          `${format(row.value)} ${row.unit}`,
          row.baseline === undefined ? '' : `${format(row.baseline)} ${row.unit}`,
          row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x`,
        ]),
  ),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
console.log('');
for (const row of table) {
  console.log(
    row
      .map((cell, column) =>
        column >= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  '),
  );
}
console.log(
  '\nratio = value / baseline, both measured in this run (for throughput, below 1x is slower)',
);

const output = fileURLToPath(new URL('results.json', import.meta.url));
writeFileSync(
  output,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cores: availableParallelism(),
      loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${output}`);
process.exitCode = results.some((result) => result.error) ? 1 : 0;

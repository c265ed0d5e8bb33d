/**
 * `npx tsx bench/reader-ab.ts [file] [rounds]`: A/B in one process, interleaved (best of `rounds`, default 5), of
 * the records reader at commit 25c6084 (`readRecords` of the v1 reference copies in `tests/io/reference` and
 * `tests/records/reference`: one async-generator step per row) and the current code: `readRecords` (one event per
 * `await`) and `readRecordBatches` (one array of events per decoded chunk), each read whole by a `for await` loop.
 * Times are CPU time of this process (`process.cpuUsage`: user + system), so time spent waiting for a core on a
 * loaded machine is not counted; wall time is printed too. Checks that all three give the same events (JSON).
 * Default file: `/tmp/dip-bench/records-200000.csv` (`npx tsx scripts/generate.ts --out … --rows 200000`).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { RecordEvent } from '../src/io/readRecords.js';
import { readRecordBatches, readRecords } from '../src/io/readRecords.js';
import { readRecords as readRecordsV1 } from '../tests/io/reference/readRecords.v1.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 5);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Every event of the file, in order, through one reader. */
type Reader = (path: string) => AsyncIterable<RecordEvent | RecordEvent[]>;
const flat = async (read: Reader, each: (e: RecordEvent) => void): Promise<void> => {
  for await (const x of read(file)) {
    if (Array.isArray(x)) for (const e of x) each(e);
    else each(x);
  }
};
const readers: [string, Reader][] = [
  ['v1 readRecords', readRecordsV1 as Reader],
  ['new readRecords', readRecords],
  ['new readRecordBatches', readRecordBatches],
];
let rows = 0;
await flat(readRecords, (e) => {
  if (e.type === 'record' || e.type === 'rejected') rows++;
});
console.log(`node ${process.version}, ${file}: ${rows} rows, load ${load()}`);

const cpu = new Map<string, number>();
const wall = new Map<string, number>();
let sink = 0;
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? readers : [...readers].reverse();
  for (const [name, read] of order) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await flat(read, (e) => {
      if (e.type !== 'end') sink++;
    });
    const u = process.cpuUsage(c);
    const w = Number(process.hrtime.bigint() - t) / 1000;
    cpu.set(name, Math.min(cpu.get(name) ?? Infinity, u.user + u.system));
    wall.set(name, Math.min(wall.get(name) ?? Infinity, w));
  }
}
const json = new Map<string, string>();
for (const [name, read] of readers) {
  const out: RecordEvent[] = [];
  await flat(read, (e) => out.push(e));
  json.set(name, JSON.stringify(out));
}
for (const [name] of readers) {
  console.log(`${name.padEnd(22)} ${((cpu.get(name) ?? 0) / rows).toFixed(2)} µs/row CPU, ${((wall.get(name) ?? 0) / rows).toFixed(2)} µs/row wall`);
}
const same = json.get('v1 readRecords') === json.get('new readRecords') && json.get('v1 readRecords') === json.get('new readRecordBatches');
console.log(`events identical (JSON): ${same}; load after ${load()}${sink < 0 ? '' : ''}`);

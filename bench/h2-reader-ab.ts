/**
 * `npx tsx bench/h2-reader-ab.ts [file] [rounds]`: A/B in one process, interleaved (best of `rounds`, default 7), of
 * the records reader before the line reader (commit c646df2: `readRecordBatches` of the v2 reference copies in
 * `tests/io/reference` and `tests/records/reference`) and the current code, each read whole (`for await` over the
 * batches). Two measures: the whole read of the file (CPU time of this process, `process.cpuUsage`, so waiting for
 * a core on a loaded machine is not counted; wall time too), and the reader without I/O — the file's text pushed
 * to the reader in 64 KiB string chunks from memory. Checks that both give the same events (JSON of every event).
 * Default file: `/tmp/dip-bench/records-200000.csv`.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { RecordEvent } from '../src/io/readRecords.js';
import { readRecordBatches } from '../src/io/readRecords.js';
import { readRecordBatches as readRecordBatchesV2 } from '../tests/io/reference/readRecords.v2.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 7);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const text = readFileSync(file, 'utf8');
const chunks: string[] = [];
for (let i = 0; i < text.length; i += 1 << 16) chunks.push(text.slice(i, i + (1 << 16)));
async function* memory(): AsyncGenerator<string> {
  for (const c of chunks) yield c;
}

type Read = (source: string | AsyncIterable<string>) => AsyncIterable<RecordEvent[]>;
const readers: [string, Read][] = [
  ['c646df2', readRecordBatchesV2 as Read],
  ['new', readRecordBatches as Read],
];
let rows = 0;
for await (const b of readRecordBatches(file)) for (const e of b) if (e.type === 'record' || e.type === 'rejected') rows++;
console.log(`node ${process.version}, ${file}: ${rows} rows, load ${load()}`);

const best = new Map<string, number>();
const note = (name: string, us: number): void => {
  best.set(name, Math.min(best.get(name) ?? Infinity, us));
};
let sink = 0;
for (let round = 0; round < rounds; round++) {
  for (const [name, read] of round % 2 === 0 ? readers : [...readers].reverse()) {
    for (const [what, source] of [['file', () => file], ['memory', memory]] as const) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      for await (const b of read(source())) sink += b.length;
      const u = process.cpuUsage(c);
      note(`${name} ${what} CPU`, u.user + u.system);
      note(`${name} ${what} wall`, Number(process.hrtime.bigint() - t) / 1000);
    }
  }
}
const json = new Map<string, string>();
for (const [name, read] of readers) {
  const out: RecordEvent[] = [];
  for await (const b of read(file)) out.push(...b);
  json.set(name, JSON.stringify(out, (k, v: unknown) => v));
}
for (const what of ['file CPU', 'file wall', 'memory CPU', 'memory wall']) {
  const a = best.get(`c646df2 ${what}`) ?? 0;
  const b = best.get(`new ${what}`) ?? 0;
  console.log(`${what.padEnd(12)} c646df2 ${(a / rows).toFixed(3)} µs/row → new ${(b / rows).toFixed(3)} µs/row  (×${(b / a).toFixed(3)})`);
}
console.log(`events identical (JSON): ${json.get('c646df2') === json.get('new')}; load after ${load()}${sink < 0 ? '' : ''}`);

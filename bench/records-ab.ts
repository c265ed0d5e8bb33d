/**
 * `npx tsx bench/records-ab.ts [file] [rounds]`: A/B in one process, interleaved (best of `rounds`, default 5), of
 * the records reader before and after the fast row validator: µs/row of `parseRecordRow` on the file's rows
 * (tokenized once, in memory) and of a whole `readRecords` of the file, for the reference copies in
 * `tests/io/reference` (v0: commit 7ac94e3's validateRecord, a `RawRecord` per row) and the current code.
 * Checks that both give the same events (JSON of every event).
 * Default file: `/tmp/dip-bench/records-200000.csv` (`npx tsx scripts/generate.ts --out … --rows 200000`).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { CsvRow, ParsedRow, RecordEvent } from '../src/io/index.js';
import { CsvTokenizer, parseRecordHeader, parseRecordRow, readRecords } from '../src/io/index.js';
import { parseRecordRow as parseRecordRowV0 } from '../tests/io/reference/recordRows.v0.js';
import { readRecords as readRecordsV0 } from '../tests/io/reference/readRecords.v0.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 5);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const rows: CsvRow[] = [];
const tokenizer = new CsvTokenizer();
tokenizer.push(readFileSync(file, 'utf8'), (r) => rows.push(r));
tokenizer.end((r) => rows.push(r));
const [head, ...data] = rows;
const { header } = parseRecordHeader(head!.cells, head!.line);
console.log(`node ${process.version}, ${file}: ${data.length} rows, load ${load()}`);

type Parse = typeof parseRecordRow;
const parsers: [string, Parse][] = [
  ['v0 parseRecordRow', parseRecordRowV0],
  ['new parseRecordRow', parseRecordRow],
];
type Read = typeof readRecords;
const readers: [string, Read][] = [
  ['v0 readRecords', readRecordsV0 as Read],
  ['new readRecords', readRecords],
];
const best = new Map<string, number>();
const note = (name: string, ms: number): void => {
  best.set(name, Math.min(best.get(name) ?? Infinity, ms));
};
let sink = 0;
for (let round = 0; round < rounds; round++) {
  for (const [name, f] of round % 2 === 0 ? parsers : [...parsers].reverse()) {
    const t = now();
    for (const r of data) {
      const p: ParsedRow = f(header, r.cells, r.line, r.strayQuote === true, {});
      sink += p.issues.length;
    }
    note(name, now() - t);
  }
}
const events = new Map<string, string>();
for (let round = 0; round < rounds; round++) {
  for (const [name, f] of round % 2 === 0 ? readers : [...readers].reverse()) {
    const t = now();
    let n = 0;
    for await (const e of f(file)) if (e.type !== 'end') n++;
    note(name, now() - t);
    sink += n;
  }
}
for (const [name, f] of readers) {
  const out: RecordEvent[] = [];
  for await (const e of f(file)) out.push(e);
  events.set(name, JSON.stringify(out));
}
for (const [name, ms] of best) console.log(`${name.padEnd(20)} ${((ms * 1000) / data.length).toFixed(2)} µs/row (${Math.round((data.length / ms) * 1000).toLocaleString('en-US')} rows/s)`);
console.log(`readRecords events identical (JSON): ${events.get('v0 readRecords') === events.get('new readRecords')}; load after ${load()}${sink < 0 ? '' : ''}`);

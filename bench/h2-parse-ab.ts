/**
 * `npx tsx bench/h2-parse-ab.ts [file] [rounds] [rows]`: A/B in one process, interleaved (best of `rounds`, default
 * 151), of tokenizing and parsing the first `rows` rows (default 10,000) of a records file held in memory (64 KiB
 * flat string chunks), without I/O, decoding or the
 * duplicate-key set: before the line reader (commit c646df2: `CsvTokenizer.v1` rows → `parseRecordRow` of the v2
 * reference, every record split into cells) and now (`CsvTokenizer` `onLine` → `parseRecordLine`, cells read in
 * place). CPU time of this process per row. Checks that both give the same parsed rows (JSON).
 * Default file: `/tmp/dip-bench/records-50000.csv`. Short rounds, many of them: on a loaded shared machine (load 5 on
 * 2 cores) the best of 21 rounds of 50,000 rows still varied by 60 % between runs; the best of 151 rounds of 10,000
 * rows varies by a few per cent.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { CsvRow } from '../src/io/CsvTokenizer.js';
import { CsvTokenizer } from '../src/io/CsvTokenizer.js';
import type { ParsedRow, RecordHeader } from '../src/io/recordRows.js';
import { parseRecordHeader, parseRecordLine, parseRecordRow } from '../src/io/recordRows.js';
import { CsvTokenizer as CsvTokenizerV1 } from '../tests/io/reference/CsvTokenizer.v1.js';
import { parseRecordRow as parseRecordRowV2 } from '../tests/io/reference/recordRows.v2.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-50000.csv';
const rounds = Number(process.argv[3] ?? 151);
const limit = Number(process.argv[4] ?? 10_000);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const full = readFileSync(file, 'utf8');
let cut = 0;
for (let k = 0; k <= limit && cut !== -1; k++) cut = full.indexOf('\n', cut) + 1 || -1;
const text = cut === -1 ? full : full.slice(0, cut);
const chunks: string[] = [];
// Flat strings, as a decoder gives them (a slice of `text` would be a view on it).
for (let i = 0; i < text.length; i += 1 << 16) chunks.push(Buffer.from(text.slice(i, i + (1 << 16))).toString());
const headerCells = text.slice(0, text.indexOf('\n')).split(',');
const { header } = parseRecordHeader(headerCells, 1);

/** Every parsed data row of the file through the old path. */
function old(each: (p: ParsedRow) => void): void {
  const t = new CsvTokenizerV1();
  let first = true;
  const onRow = (r: CsvRow): void => {
    if (first) first = false;
    else each(parseRecordRowV2(header as RecordHeader, r.cells, r.line, r.strayQuote === true, {}));
  };
  for (const c of chunks) t.push(c, onRow);
  t.end(onRow);
}

/** Every parsed data row of the file through the line reader. */
function now(each: (p: ParsedRow) => void): void {
  const t = new CsvTokenizer();
  let first = true;
  const onRow = (r: CsvRow): void => {
    if (first) first = false;
    else each(parseRecordRow(header, r.cells, r.line, r.strayQuote === true, {}));
  };
  const onLine = (s: string, a: number, b: number, line: number): void => {
    if (first) first = false;
    else each(parseRecordLine(header, s, a, b, line, {}));
  };
  for (const c of chunks) t.push(c, onRow, onLine);
  t.end(onRow, onLine);
}

const runs: [string, typeof old][] = [
  ['c646df2', old],
  ['new', now],
];
let rows = 0;
now(() => rows++);
console.log(`node ${process.version}, ${file}: ${rows} rows, load ${load()}`);
const best = new Map<string, number>();
let sink = 0;
for (let round = 0; round < rounds; round++) {
  for (const [name, f] of round % 2 === 0 ? runs : [...runs].reverse()) {
    const c = process.cpuUsage();
    f((p) => {
      sink += p.issues.length;
    });
    const u = process.cpuUsage(c);
    best.set(name, Math.min(best.get(name) ?? Infinity, (u.user + u.system) / rows));
  }
}
const a: ParsedRow[] = [];
const b: ParsedRow[] = [];
old((p) => a.push(p));
now((p) => b.push(p));
const x = best.get('c646df2') ?? 0;
const y = best.get('new') ?? 0;
console.log(`tokenize + parse: c646df2 ${x.toFixed(3)} µs/row → new ${y.toFixed(3)} µs/row (×${(y / x).toFixed(3)})`);
console.log(`parsed rows identical (JSON): ${JSON.stringify(a) === JSON.stringify(b)}; load after ${load()}${sink < 0 ? '' : ''}`);

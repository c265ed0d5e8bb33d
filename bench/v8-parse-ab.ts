/**
 * `npx tsx bench/v8-parse-ab.ts [file] [rounds] [rows]`: A/B in one process, interleaved (best of `rounds`, default
 * 9), of the reader's per-row parse + validate path alone: the rows of a records file (default
 * `/tmp/dip-bench/records-200000.csv`, first `rows` rows, default all) are tokenized once up front (64 KiB flat string
 * chunks, `CsvTokenizer` `onLine` ranges and `onRow` cell arrays, as `readRecordBatches` collects them), then every
 * round hands all of them to the frozen copy of commit b7561ba (`tests/io/reference/recordRowsV8.ts`:
 * `parseRecordLine` / `parseRecordRow` over `validateRecordV8.ts`) and to the current `src/io/recordRows.ts`,
 * alternating which goes first. CPU time of this process per row (µs), best and median of the rounds, and the
 * ratios new / old.
 * Before timing, checks that both give the same parsed rows on every row (JSON, in order).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { CsvRow } from '../src/io/CsvTokenizer.js';
import { CsvTokenizer } from '../src/io/CsvTokenizer.js';
import type { ParsedRow, RecordHeader } from '../src/io/recordRows.js';
import { parseRecordHeader, parseRecordLine, parseRecordRow } from '../src/io/recordRows.js';
import { parseRecordLine as parseRecordLineV8, parseRecordRow as parseRecordRowV8 } from '../tests/io/reference/recordRowsV8.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 9);
const limit = Number(process.argv[4] ?? Infinity);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const text = readFileSync(file, 'utf8');
/** Records in file order: a `CsvRow`, or a line (`text`, `start`, `end`, line number: four entries). */
const records: (CsvRow | string | number)[] = [];
let header: RecordHeader | undefined;
let count = 0;
{
  const t = new CsvTokenizer();
  const onRow = (r: CsvRow): void => {
    if (header === undefined) header = parseRecordHeader(r.cells, r.line).header;
    else if (count++ < limit) records.push(r);
  };
  const onLine = (s: string, a: number, b: number, line: number): void => {
    if (header === undefined) header = parseRecordHeader(s.slice(a, b).split(','), line).header;
    else if (count++ < limit) records.push(s, a, b, line);
  };
  // Flat strings, as a decoder gives them (a slice of `text` would be a view on it).
  for (let i = 0; i < text.length; i += 1 << 16) t.push(Buffer.from(text.slice(i, i + (1 << 16))).toString(), onRow, onLine);
  t.end(onRow, onLine);
}
const h = header as RecordHeader;
const rows = Math.min(count, limit);

type Pass = (each: (p: ParsedRow) => void) => void;
const pass =
  (line: typeof parseRecordLine, row: typeof parseRecordRow): Pass =>
  (each) => {
    for (let k = 0; k < records.length; ) {
      const r = records[k] as CsvRow | string;
      if (typeof r === 'string') {
        each(line(h, r, records[k + 1] as number, records[k + 2] as number, records[k + 3] as number, {}));
        k += 4;
      } else {
        each(row(h, r.cells, r.line, r.strayQuote === true, {}));
        k++;
      }
    }
  };
const runs: [string, Pass][] = [
  ['b7561ba', pass(parseRecordLineV8 as typeof parseRecordLine, parseRecordRowV8 as typeof parseRecordRow)],
  ['new', pass(parseRecordLine, parseRecordRow)],
];

// Same parsed rows, every row.
const want: string[] = [];
(runs[0] as [string, Pass])[1]((p) => want.push(JSON.stringify(p)));
let i = 0;
let bad = 0;
(runs[1] as [string, Pass])[1]((p) => {
  if (JSON.stringify(p) !== want[i++] && bad++ < 3) console.log(`DIFFERENT row ${i}:\n  old ${want[i - 1]}\n  new ${JSON.stringify(p)}`);
});
want.length = 0;
if (bad > 0) throw new Error(`${bad} parsed rows differ`);
console.log(`node ${process.version}, ${file}: ${rows} rows, same parsed rows; load ${load()}`);

const best = new Map<string, number>();
const all = new Map<string, number[]>();
let sink = 0;
for (let round = 0; round < rounds; round++) {
  for (const [name, f] of round % 2 === 0 ? runs : [...runs].reverse()) {
    const c = process.cpuUsage();
    f((p) => {
      sink += p.issues.length;
    });
    const u = process.cpuUsage(c);
    best.set(name, Math.min(best.get(name) ?? Infinity, (u.user + u.system) / rows));
    all.set(name, [...(all.get(name) ?? []), (u.user + u.system) / rows]);
  }
}
const o = best.get('b7561ba') as number;
const n = best.get('new') as number;
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] as number;
const mo = median(all.get('b7561ba') as number[]);
const mn = median(all.get('new') as number[]);
console.log(`best of ${rounds}: b7561ba ${o.toFixed(3)} µs/row, new ${n.toFixed(3)} µs/row, new/old x${(n / o).toFixed(3)}; medians ${mo.toFixed(3)} → ${mn.toFixed(3)} (x${(mn / mo).toFixed(3)}); load ${load()} (sink ${sink})`);

/**
 * `npx tsx bench/h5-worker-parse-ab.ts [file] [rounds]`: A/B in one process, interleaved (best of `rounds`, default
 * 9), of the parse a `--workers` range goes through in `settleWorker.processChunk` (scoring left out): the range's
 * text (256 KiB of the file, cut at line ends as the main thread cuts at record boundaries) tokenized from its start
 * line, every row split and parsed by `parseRecordRow` (before, commit 119ced2) vs one-line records handed to
 * `parseRecordLine` (now). CPU time of this process, µs per row; checks that both give the same parsed rows (JSON).
 * Default file: `/tmp/dip-bench/records-200000.csv`.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { CsvTokenizer } from '../src/io/CsvTokenizer.js';
import type { ParsedRow, RecordHeader } from '../src/io/recordRows.js';
import { parseRecordHeader, parseRecordLine, parseRecordRow } from '../src/io/recordRows.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 9);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const text = readFileSync(file, 'utf8');
const first = text.indexOf('\n') + 1;
const header: RecordHeader = parseRecordHeader(text.slice(0, first - 1).split(','), 1).header;
const ranges: { text: string; line: number }[] = [];
let line = 2;
for (let p = first; p < text.length; ) {
  let q = text.indexOf('\n', Math.min(p + (1 << 18), text.length - 1));
  q = q === -1 ? text.length : q + 1;
  const t = Buffer.from(text.slice(p, q), 'utf8').toString('utf8'); // flat, as the worker's decoded range
  ranges.push({ text: t, line });
  for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) line++;
  p = q;
}
const run = (lines: boolean, keep?: ParsedRow[]): number => {
  let n = 0;
  for (const r of ranges) {
    const t = new CsvTokenizer({ startLine: r.line });
    const onRow = (row: { cells: string[]; line: number; strayQuote?: boolean }): void => {
      const p = parseRecordRow(header, row.cells, row.line, row.strayQuote === true, {});
      n++;
      keep?.push(p);
    };
    const onLine = (s: string, start: number, end: number, l: number): void => {
      const p = parseRecordLine(header, s, start, end, l, {});
      n++;
      keep?.push(p);
    };
    if (lines) {
      t.push(r.text, onRow, onLine);
      t.end(onRow, onLine);
    } else {
      t.push(r.text, onRow);
      t.end(onRow);
    }
  }
  return n;
};
const a: ParsedRow[] = [];
const b: ParsedRow[] = [];
const rows = run(false, a);
run(true, b);
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two parses differ');
console.log(`node ${process.version}, ${file}: ${rows} rows in ${ranges.length} ranges, load ${load()}`);
const best = { split: Infinity, line: Infinity };
for (let k = 0; k < rounds; k++) {
  for (const v of k % 2 === 0 ? (['split', 'line'] as const) : (['line', 'split'] as const)) {
    const c0 = process.cpuUsage();
    run(v === 'line');
    const c = process.cpuUsage(c0);
    best[v] = Math.min(best[v], (c.user + c.system) / rows);
  }
}
console.log(`split (119ced2) ${best.split.toFixed(3)} µs/row, line (now) ${best.line.toFixed(3)} µs/row, ×${(best.line / best.split).toFixed(2)}; load ${load()}`);

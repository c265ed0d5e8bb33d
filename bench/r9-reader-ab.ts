/**
 * `npx tsx bench/r9-reader-ab.ts --trees old=/tmp/r9/old,exp=/tmp/r9/exp,old2=/tmp/r9/old2 [--mode read|parse]
 * [--records F] [--rounds 21]`: in-process A/B of the records reader of several source trees (each a `git archive`
 * of a commit, with a `node_modules` link), best of `rounds` CPU time per row.
 *
 * - `read` (default): `readRecordBatches` of the file, whole (decode, tokenize, parse + validate, duplicate keys,
 *   events); after timing, every tree's events are compared with the first tree's (JSON text).
 * - `parse`: the file decoded and cut into 64 KiB flat chunks up front; per round each tree tokenizes them
 *   (`CsvTokenizer`), parses every row (`parseRecordLine` / `parseRecordRow`) and feeds it to a
 *   `RecordsReadState` — the per-row work without the I/O and the async steps.
 *
 * Round `r` runs the trees in rotated order (tree `(i + r) mod n` `i`-th), so each tree runs first, middle and last
 * equally often. Give a second copy of the baseline as a third tree (`cp -r /tmp/r9/old /tmp/r9/old2`): the spread
 * between the two copies is the noise of the run. On this machine (2 cores shared by four helpers, load 6–9) it was
 * 3–8 % (e.g. read mode, 15 rounds: 4.055 and 4.390 µs/row for the same code), so a change must gain more than
 * that to be seen here.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type * as Tokenizer from '../src/io/CsvTokenizer.js';
import type * as Rows from '../src/io/recordRows.js';

const arg = (name: string): string | undefined => {
  const k = process.argv.indexOf(`--${name}`);
  return k === -1 ? undefined : process.argv[k + 1];
};
const file = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(arg('rounds') ?? 21);
const mode = arg('mode') ?? 'read';
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

interface Tree {
  readonly name: string;
  readonly read: (source: string) => AsyncIterable<unknown[]>;
  readonly parse: () => number;
}

const chunks: string[] = [];
if (mode === 'parse') {
  const text = readFileSync(file, 'utf8');
  // Flat strings, as a decoder gives them (a slice of `text` would be a view on it).
  for (let i = 0; i < text.length; i += 1 << 16) chunks.push(Buffer.from(text.slice(i, i + (1 << 16))).toString());
}

/** Keeps the last result reachable so that no work is optimised away. */
const sink: unknown[] = [undefined];
const trees: Tree[] = [];
for (const spec of (arg('trees') ?? 'old=/tmp/r9/old,new=/work/main,old2=/tmp/r9/old2').split(',')) {
  const [name, root] = spec.split('=') as [string, string];
  const reader = (await import(`${root}/src/io/readRecords.ts`)) as { readRecordBatches: Tree['read'] };
  const tok = (await import(`${root}/src/io/CsvTokenizer.ts`)) as typeof Tokenizer;
  const rr = (await import(`${root}/src/io/recordRows.ts`)) as typeof Rows;
  const parse = (): number => {
    const t = new tok.CsvTokenizer();
    const state = new rr.RecordsReadState();
    let header: Rows.RecordHeader | undefined;
    let n = 0;
    const onRow = (row: Tokenizer.CsvRow): void => {
      if (header === undefined) header = rr.parseRecordHeader(row.cells, row.line).header;
      else {
        n++;
        sink[0] = state.row(rr.parseRecordRow(header, row.cells, row.line, row.strayQuote === true, {}));
      }
    };
    const onLine = (s: string, a: number, b: number, line: number): void => {
      if (header === undefined) header = rr.parseRecordHeader(s.slice(a, b).split(','), line).header;
      else {
        n++;
        sink[0] = state.row(rr.parseRecordLine(header, s, a, b, line, {}));
      }
    };
    for (const c of chunks) t.push(c, onRow, onLine);
    t.end(onRow, onLine);
    return n;
  };
  trees.push({ name, read: reader.readRecordBatches, parse });
}

const runOnce = async (tree: Tree): Promise<number> => {
  if (mode === 'parse') return tree.parse();
  let n = 0;
  for await (const b of tree.read(file)) {
    n += b.length;
    sink[0] = b;
  }
  return n;
};

console.log(`node ${process.version}, ${file}, mode ${mode}, ${rounds} rounds, load ${load()}`);
const best = new Map<string, number>();
let rows = 0;
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < trees.length; i++) {
    const tree = trees[(i + r) % trees.length] as Tree;
    const c = process.cpuUsage();
    const n = await runOnce(tree);
    const u = process.cpuUsage(c);
    if (rows !== 0 && n !== rows) throw new Error(`${tree.name}: ${n} rows, expected ${rows}`);
    rows = n;
    best.set(tree.name, Math.min(best.get(tree.name) ?? Infinity, u.user + u.system));
  }
}
const same = new Map<string, string>();
if (mode === 'read') {
  let first: string | undefined;
  for (const tree of trees) {
    const events: unknown[] = [];
    for await (const b of tree.read(file)) events.push(...b);
    const json = JSON.stringify(events);
    first ??= json;
    same.set(tree.name, json === first ? 'events identical' : 'events DIFFER');
  }
}
const base = best.get((trees[0] as Tree).name) as number;
for (const tree of trees) {
  const b = best.get(tree.name) as number;
  console.log(`${tree.name.padEnd(8)} ${(b / rows).toFixed(3)} µs/row (×${(b / base).toFixed(3)}) ${same.get(tree.name) ?? ''}`);
}
console.log(`load after ${load()}`);

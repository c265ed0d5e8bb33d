/**
 * The floor of a byte-level settle: what the irreducible per-case work costs in this runtime, with none of the
 * library's objects, checks or traces — to tell how far the end-to-end goal (≥ 300,000 cases/s, ≤ 5× a raw
 * newline scan) is from what JavaScript on this machine can do at all, and so which shape a faster engine needs.
 *
 * Not a settlement: no validation (every line is taken as clean), no grouping rules (a case's packet is looked up by a
 * 32-bit hash of its diagnosis and procedure bytes in a table filled by an untimed first pass — the warm grouper at
 * its cheapest), one coefficient, no outlier rule but the ratio test, sums in floats. It does, per line and timed:
 * find the line and its 24 cells (one byte loop), hash the duplicate key (case id + hospital id) into an
 * open-addressing table, hash the grouping key and look it up, parse the total cost as scaled integer units, compute
 * points and the cost ratio in integers, add to the hospital's sums (hospital found by a hash of its bytes), and copy
 * the line with its points appended into an output buffer (pass 1); then pass 2 copies every output row again with an
 * amount appended (points × a point value in integers). Each step is timed alone as well, cumulatively.
 *
 * ```sh
 * npx tsx bench/floor.ts --records /tmp/dip-bench/records-200000.csv --iterations 7
 * ```
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const file = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
const iterations = Number(arg('iterations') ?? 7);
const buf = readFileSync(file);
const headerEnd = buf.indexOf(10);
const CELLS = 24;
const COL = { caseId: 0, hospital: 1, dx: 10, proc: 12, others: 13, cost: 16 } as const;

/** FNV-1a 32 over bytes [a, e), continuing from h. */
const fnv = (b: Buffer, a: number, e: number, h: number): number => {
  for (let i = a; i < e; i++) h = Math.imul(h ^ b[i]!, 16777619);
  return h >>> 0;
};
/** Scaled integer units (4 places) of a plain decimal at [a, e). */
const units4 = (b: Buffer, a: number, e: number): number => {
  let n = 0;
  let frac = -1;
  for (let i = a; i < e; i++) {
    const c = b[i]!;
    if (c === 46) frac = 0;
    else {
      n = n * 10 + (c - 48);
      if (frac >= 0) frac++;
    }
  }
  for (let f = frac < 0 ? 0 : frac; f < 4; f++) n *= 10;
  return n;
};
/** Writes the non-negative integer n as decimal digits at w; returns the new position. */
const putInt = (o: Buffer, w: number, n: number): number => {
  if (n === 0) {
    o[w] = 48;
    return w + 1;
  }
  let d = 1;
  while (d * 10 <= n) d *= 10;
  for (; d >= 1; d = Math.floor(d / 10)) {
    const q = Math.floor(n / d);
    o[w++] = 48 + q;
    n -= q * d;
  }
  return w;
};

const cs = new Int32Array(CELLS + 1);
const ce = new Int32Array(CELLS + 1);
/** Cell k of the line [a, e) is [cs[k], ce[k]) (one byte loop over its commas; no quotes in the generated file). */
const splitCells = (a: number, e: number): void => {
  let k = 0;
  let s = a;
  for (let i = a; i < e && k < CELLS; i++) {
    if (buf[i] === 44) {
      cs[k] = s;
      ce[k++] = i;
      s = i + 1;
    }
  }
  cs[k] = s;
  ce[k] = e;
};
const SLOTS = 1 << 22;
const dupTable = new Float64Array(SLOTS);
const groupKeys = new Map<number, number>();
const hospitalIdx = new Map<number, number>();
const sums = new Float64Array(4096 * 2);
const out = Buffer.allocUnsafe(buf.length * 2);
const final = Buffer.allocUnsafe(buf.length * 3);

// untimed: the "warm grouper" — every grouping key and hospital seen once
for (let a = headerEnd + 1; a < buf.length; ) {
  let e = buf.indexOf(10, a);
  if (e === -1) e = buf.length;
  splitCells(a, e);
  const gk = fnv(buf, cs[COL.others]!, ce[COL.others]!, fnv(buf, cs[COL.proc]!, ce[COL.proc]!, fnv(buf, cs[COL.dx]!, ce[COL.dx]!, 2166136261)));
  if (!groupKeys.has(gk)) groupKeys.set(gk, (gk % 40000) + 1000);
  const hk = fnv(buf, cs[COL.hospital]!, ce[COL.hospital]!, 2166136261);
  if (!hospitalIdx.has(hk)) hospitalIdx.set(hk, hospitalIdx.size);
  a = e + 1;
}

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6;
const levels = ['newline scan (indexOf)', '+ cells (byte loop)', '+ duplicate key (hash, open addressing)', '+ group key lookup (hash, Map)', '+ cost units, points, ratio (integers)', '+ hospital sums', '+ pass 1 row copy + pass 2 copy with amount'];

const run = (level: Level): number => {
  dupTable.fill(0);
  sums.fill(0);
  let cases = 0;
  let sink = 0;
  let w = 0;
  for (let a = headerEnd + 1; a < buf.length; ) {
    let e = buf.indexOf(10, a);
    if (e === -1) e = buf.length;
    cases++;
    if (level >= 1) {
      splitCells(a, e);
      if (level >= 2) {
        const h1 = fnv(buf, cs[COL.hospital]!, ce[COL.hospital]!, fnv(buf, cs[COL.caseId]!, ce[COL.caseId]!, 2166136261));
        const h2 = fnv(buf, cs[COL.caseId]!, ce[COL.caseId]!, 0x9747b28c);
        const key = h1 * 4294967296 + h2 + 1;
        let slot = h1 & (SLOTS - 1);
        while (dupTable[slot] !== 0 && dupTable[slot] !== key) slot = (slot + 1) & (SLOTS - 1);
        if (dupTable[slot] === key) sink++;
        else dupTable[slot] = key;
      }
      let packet = 0;
      if (level >= 3) {
        const gk = fnv(buf, cs[COL.others]!, ce[COL.others]!, fnv(buf, cs[COL.proc]!, ce[COL.proc]!, fnv(buf, cs[COL.dx]!, ce[COL.dx]!, 2166136261)));
        packet = groupKeys.get(gk) ?? 0;
      }
      let points = 0;
      if (level >= 4) {
        const cost = units4(buf, cs[COL.cost]!, ce[COL.cost]!);
        const rwUnits = packet * 10; // RW with 4 places
        const meanCost = packet * 3000 + 1; // mean cost units
        const ratio = Math.floor((cost * 1000000) / meanCost);
        points = ratio > 2000000 ? Math.floor((cost * 10000) / 3000) : Math.floor((rwUnits * 7000) / 10000);
        sink += ratio & 1;
      }
      if (level >= 5) {
        const h = hospitalIdx.get(fnv(buf, cs[COL.hospital]!, ce[COL.hospital]!, 2166136261)) ?? 0;
        sums[2 * h] = sums[2 * h]! + points;
        sums[2 * h + 1] = sums[2 * h + 1]! + 1;
      }
      if (level >= 6) {
        for (let i = a; i < e; i++) out[w++] = buf[i]!;
        out[w++] = 44;
        w = putInt(out, w, points);
        out[w++] = 10;
      }
    }
    a = e + 1;
  }
  if (level >= 6) {
    // pass 2: every row again, with its amount (points × PV, integers) appended
    let f = 0;
    for (let a = 0; a < w; ) {
      const e = out.indexOf(10, a);
      let c = e - 1;
      while (out[c] !== 44) c--;
      let p = 0;
      for (let i = c + 1; i < e; i++) p = p * 10 + (out[i]! - 48);
      for (let i = a; i < e; i++) final[f++] = out[i]!;
      final[f++] = 44;
      f = putInt(final, f, Math.floor((p * 325) / 1000));
      final[f++] = 10;
      a = e + 1;
    }
    sink += f;
  }
  return cases + (sink & 0);
};

const results: { level: string; us: number }[] = [];
for (let level = 0 as Level; level <= 6; level = (level + 1) as Level) {
  let best = Number.POSITIVE_INFINITY;
  let cases = 0;
  for (let it = 0; it < iterations; it++) {
    const t = process.hrtime.bigint();
    cases = run(level);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e3);
  }
  results.push({ level: levels[level]!, us: best / cases });
}
const scan = results[0]!.us;
console.log(`${file}: ${iterations} iterations, best; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
console.log('| cumulative step | µs/case | cases/s | ÷ newline scan |\n|---|---:|---:|---:|');
for (const r of results) console.log(`| ${r.level} | ${r.us.toFixed(3)} | ${Math.round(1e6 / r.us).toLocaleString('en-US')} | ${(r.us / scan).toFixed(1)} |`);

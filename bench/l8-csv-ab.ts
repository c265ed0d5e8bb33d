/**
 * A/B of the start-up CSV parse: `parseCsv` (L8 fast path) against the frozen csv-parse version of 7c64073
 * (`tests/io/reference/parseCsvL8.ts`) on the three tables every `dip settle` loads (catalog.csv, packet-stats.csv,
 * procedure-classes.csv, 1.5 MB). Warm: interleaved, best of N (default 7) CPU ms per side. Cold (what one CLI run
 * pays): `--cold new|old` parses the three once in this fresh process and prints the CPU ms; alternate the two in a
 * shell loop.
 *
 * Run: `npx tsx bench/l8-csv-ab.ts [--iterations 7] [--cold new|old]`
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Issue } from '../src/core/issue.js';
import { decodeCatalogText, parseCsv } from '../src/io/loadCatalog.js';
import { parseCsvV0 } from '../tests/io/reference/parseCsvL8.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const texts = ['fixtures/pingdingshan-2025-dip2/catalog.csv', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', 'fixtures/icd/procedure-classes.csv'].map((p) => decodeCatalogText(readFileSync(p)).text);
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sides = { new: parseCsv, old: parseCsvV0 } as const;
const once = (f: (t: string, i: Issue[]) => unknown): number => {
  const t0 = cpu();
  let n = 0;
  for (const t of texts) n += (f(t, []) as unknown[]).length;
  if (n !== 22636) throw new Error(`unexpected record count ${n}`);
  return cpu() - t0;
};
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
const cold = arg('cold');
if (cold === 'new' || cold === 'old') {
  console.log(`cold ${cold} ${once(sides[cold]).toFixed(1)} ms, load ${load}`);
} else {
  const best = { new: Infinity, old: Infinity };
  const n = Number(arg('iterations') ?? 7);
  for (let i = 0; i < n; i++) for (const s of i % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) best[s] = Math.min(best[s], once(sides[s]));
  console.log(`warm best of ${n}: old ${best.old.toFixed(1)} ms, new ${best.new.toFixed(1)} ms, x${(best.new / best.old).toFixed(3)}, load ${load}`);
}

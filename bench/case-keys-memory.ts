/**
 * Memory and speed per duplicate-detection key: `CaseKeySet` now vs before (the byte-page design of commit
 * 7ac94e3, loaded from git into a temporary file) vs a `Map<string, number>`, in one process, for keys shaped like
 * the synthetic year (`scripts/generate.ts`: `H4104000nn` × `C2025` + the row number padded to 7 digits).
 *
 * ```sh
 * node --expose-gc --import tsx bench/case-keys-memory.ts [--keys 1870844,20000000] [--hospitals 60] [--rounds 3] [--map] [--shape synthetic|letter]
 * ```
 *
 * `--shape letter` appends `A` to every case id (`C20250000001A`): no trailing digits, so the new set stores every
 * key in its byte store — the arbitrary-key case, which must cost no more than before.
 *
 * Bytes per key: `heapUsed + arrayBuffers` after a full GC, before and after adding the keys. ns per add: the
 * adding loop's time minus the same loop building the keys only (best of `--rounds`, implementations interleaved),
 * so key-string construction is not counted. `--map` adds the `Map` (≈ 115 bytes per key: use at 1.87M only).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { CaseKeySet } from '../src/io/CaseKeySet.js';

const BEFORE_COMMIT = '7ac94e3';

interface KeySet {
  add(hospitalId: string, caseId: string, line: number): number | undefined;
  readonly size: number;
}

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : (args[i + 1] ?? fallback);
};
const sizes = opt('--keys', '1870844,20000000').split(',').map(Number);
const hospitalCount = Number(opt('--hospitals', '60'));
const rounds = Number(opt('--rounds', '3'));
const withMap = args.includes('--map');
const shape = opt('--shape', 'synthetic');
if (shape !== 'synthetic' && shape !== 'letter') throw new Error('--shape must be synthetic or letter');
const suffix = shape === 'letter' ? 'A' : '';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const used = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const hospitals = Array.from({ length: hospitalCount }, (_, i) => `H4104000${String(i).padStart(2, '0')}`);
const caseId = (i: number): string => `C2025${String(i + 1).padStart(7, '0')}${suffix}`;

const dir = mkdtempSync(join(tmpdir(), 'case-keys-before-'));
const beforeFile = join(dir, 'CaseKeySet.before.ts');
writeFileSync(beforeFile, execFileSync('git', ['show', `${BEFORE_COMMIT}:src/io/CaseKeySet.ts`], { encoding: 'utf8' }));
const Before = ((await import(pathToFileURL(beforeFile).href)) as { CaseKeySet: new () => KeySet }).CaseKeySet;

class MapSet implements KeySet {
  private readonly map = new Map<string, number>();
  get size(): number {
    return this.map.size;
  }
  add(h: string, c: string, line: number): number | undefined {
    const k = `${h}\u0000${c}`;
    const first = this.map.get(k);
    if (first === undefined) this.map.set(k, line);
    return first;
  }
}

const impls: [string, () => KeySet][] = [
  ['after', () => new CaseKeySet()],
  ['before', () => new Before()],
];
if (withMap) impls.push(['map', () => new MapSet()]);

/** Seconds to build the keys only (the part of the add loop that is not `add`). */
const keysOnly = (n: number): number => {
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += hospitals[i % hospitalCount]!.length + caseId(i).length;
  if (sink === 0) throw new Error('unreachable');
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

const results: Record<string, unknown>[] = [];
for (const n of sizes) {
  const best: Record<string, { bytes: number; seconds: number; size: number }> = {};
  let baseline = Infinity;
  for (let r = 0; r < rounds; r++) {
    baseline = Math.min(baseline, keysOnly(n));
    for (const [name, make] of impls) {
      const base = used();
      const t0 = process.hrtime.bigint();
      let keys: KeySet | undefined = make();
      let dup = 0;
      for (let i = 0; i < n; i++) if (keys.add(hospitals[i % hospitalCount]!, caseId(i), i + 2) !== undefined) dup++;
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const bytes = used() - base;
      if (dup !== 0 || keys.size !== n) throw new Error(`${name}: ${dup} false duplicates, size ${keys.size}`);
      const b = best[name];
      best[name] = { bytes: Math.min(b?.bytes ?? Infinity, bytes), seconds: Math.min(b?.seconds ?? Infinity, seconds), size: keys.size };
      keys = undefined;
      void keys;
      const os = await import('node:os');
      process.stderr.write(`${JSON.stringify({ n, round: r, name, bytes, seconds: Number(seconds.toFixed(2)), load: os.loadavg()[0]!.toFixed(1) })}\n`);
    }
  }
  for (const [name, b] of Object.entries(best)) {
    results.push({
      keys: n,
      impl: name,
      bytesPerKey: Number((b.bytes / n).toFixed(1)),
      mib: Math.round(b.bytes / 1048576),
      nsPerAdd: Math.round(((b.seconds - baseline) / n) * 1e9),
      nsPerAddWithKeyBuild: Math.round((b.seconds / n) * 1e9),
    });
  }
}
const os = await import('node:os');
process.stdout.write(
  `${JSON.stringify({ results, shape, hospitals: hospitalCount, rounds, beforeCommit: BEFORE_COMMIT, loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))), node: process.version }, null, 1)}\n`,
);

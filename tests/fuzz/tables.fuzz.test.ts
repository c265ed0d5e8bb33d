/**
 * Fuzzing of the settle-run tables: `loadHospitals`, `loadScores`, `loadPrepayments`, `loadAuditDeductions`
 * (src/io/loadHospitals.ts, loadScores.ts, loadPrepayments.ts) on temporary files.
 *
 * Guarantees checked:
 * 1. No crash: random bytes, CSV-like text, truncations and mutations of the example tables either load or
 *    throw the documented `RecordsReadError` (with a line for `csv.*` codes) — nothing else escapes.
 * 2. Counts reconcile: `read = rows.length + rejected`, every issue has a code.
 * 3. No row lost: appending well-formed garbage rows (new hospital ids) to a valid table keeps every original row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { RecordsReadError } from '../../src/io/RecordsReadError.js';
import { loadHospitals, loadScores, loadPrepayments, loadAuditDeductions } from '../../src/node.js';
import { utf8 } from './helpers.js';

const SEED = 31337;
const EX = 'examples/small';
const LOADERS = {
  hospitals: { load: loadHospitals, file: `${EX}/hospitals.csv` },
  scores: { load: loadScores, file: `${EX}/scores.csv` },
  prepayments: { load: loadPrepayments, file: `${EX}/prepayments.csv` },
  audit: { load: loadAuditDeductions, file: `${EX}/audit.csv` },
} as const;
type TableName = keyof typeof LOADERS;
const NAMES = Object.keys(LOADERS) as TableName[];
const ORIGINAL: Record<TableName, Uint8Array> = Object.fromEntries(NAMES.map((n) => [n, new Uint8Array(readFileSync(LOADERS[n].file))])) as Record<TableName, Uint8Array>;

const dir = mkdtempSync(join(tmpdir(), 'dip-fuzz-tables-'));
let n = 0;

/** Load `bytes` as table `name`; `undefined` when the documented RecordsReadError was thrown. */
async function load(name: TableName, bytes: Uint8Array): Promise<{ rows: readonly unknown[]; read: number; rejected: number } | undefined> {
  const path = join(dir, `${name}-${n++}.csv`);
  writeFileSync(path, bytes);
  try {
    const r = await LOADERS[name].load(path);
    expect(r.read).toBe(r.rows.length + r.rejected);
    for (const i of r.issues) expect(typeof i.code).toBe('string');
    return r;
  } catch (e) {
    if (!(e instanceof RecordsReadError)) throw e;
    if (e.code.startsWith('csv.') && e.code !== 'csv.empty_file') expect(e.line).toBeGreaterThanOrEqual(1);
    return undefined;
  } finally {
    rmSync(path, { force: true });
  }
}

describe('fuzz run tables: no crash, counts reconcile, no row lost', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.prop([fc.constantFrom(...NAMES), fc.oneof(fc.uint8Array({ maxLength: 800 }), fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', ' ', '\0', 'H', '1', '.', '-', '中', 'e', '\uFEFF'), maxLength: 300 }).map(utf8))], { seed: SEED, numRuns: 120 })(
    'random bytes and CSV-like text',
    async (name, bytes) => {
      await load(name, bytes);
    },
  );

  test.prop([fc.constantFrom(...NAMES), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()], { seed: SEED, numRuns: 120 })(
    'an example table truncated anywhere or with one byte replaced',
    async (name, at, byte, truncate) => {
      const orig = ORIGINAL[name];
      const p = at % (orig.length + 1);
      if (truncate) await load(name, orig.subarray(0, p));
      else {
        const b = orig.slice();
        b[p % b.length] = byte;
        await load(name, b);
      }
    },
  );

  const cell = fc.string({ unit: fc.constantFrom(',', '"', '\n', ' ', 'x', '9', '.', '-', '中', 'e'), maxLength: 12 }).map((s) => (/[",\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s));
  test.prop([fc.constantFrom(...NAMES), fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 })], { seed: SEED, numRuns: 60 })(
    'well-formed garbage rows appended to an example table: every original row is still loaded',
    async (name, garbage) => {
      const base = await load(name, ORIGINAL[name]);
      expect(base?.rejected).toBe(0);
      const text = new TextDecoder().decode(ORIGINAL[name]).replace(/\n*$/u, '\n');
      const extra = garbage.map(([first, ...rest]) => [`G${first ?? ''}`.replace(/^G"/u, '"G'), ...rest].join(',')).join('\n');
      const r = await load(name, utf8(`${text}${extra}\n`));
      expect(r).toBeDefined();
      for (const row of base?.rows ?? []) expect(r?.rows).toContainEqual(row);
    },
  );
});

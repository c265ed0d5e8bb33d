/**
 * Back-pressure of `scoreRecordsParallel` (`dip settle --workers N`): however slow the caller, at most `2 × workers`
 * ranges are in flight (posted to a worker and not yet handed to the caller), so the workers' results cannot pile up
 * in the main thread while it applies the run state. Checked over a whole file with a slow consumer, 2 and 3 workers,
 * 4 KiB ranges (dozens of ranges); the rows must still come in file order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadHospitals } from '../../src/io/loadHospitals.js';
import { scoreRecordsParallel } from '../../src/io/parallel/scoreRecordsParallel.js';
import { getPreset, resolvePolicy } from '../../src/policy/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-parallel-w9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quietIo: CliIo = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: process.cwd() };
let records = '';
let hospitalsPath = '';

beforeAll(async () => {
  records = join(dir, 'records.csv');
  hospitalsPath = join(dir, 'records-hospitals.csv');
  const code = await main(['generate', '--out', records, '--rows', '1500', '--hospitals', '6', '--bad-share', '0.02', '--seed', 'w9-backpressure', '--quiet'], quietIo);
  expect(code).toBe(0);
}, 120_000);

/** Runs the parallel reader with a consumer that waits `delayMs` per batch; returns the in-flight counts and lines. */
async function slowRun(workers: number, delayMs: number): Promise<{ inFlight: number[]; lines: number[]; batches: number }> {
  const resolved = resolvePolicy(getPreset('pingdingshan-2025'), '2025-12-31');
  if (!resolved.ok) throw new Error('preset does not resolve');
  const hospitals = (await loadHospitals(hospitalsPath)).rows;
  const inFlight: number[] = [];
  const lines: number[] = [];
  let batches = 0;
  for await (const ev of scoreRecordsParallel({
    path: records,
    workers,
    chunkBytes: 4096,
    firstChunkBytes: 4096,
    onInFlight: (n) => inFlight.push(n),
    init: (year, header, encoding) => ({
      policy: resolved.value,
      catalogPath: 'fixtures/pingdingshan-2025-dip2/catalog.csv',
      statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
      procedureClassesPath: 'fixtures/icd/procedure-classes.csv',
      hospitals,
      year,
      header,
      encoding,
    }),
  })) {
    if (ev.type !== 'rows') continue;
    batches++;
    for (const r of ev.rows) lines.push(r.line);
    await new Promise((r) => setTimeout(r, delayMs));
  }
  return { inFlight, lines, batches };
}

describe('scoreRecordsParallel back-pressure (W9)', () => {
  for (const workers of [2, 3]) {
    it(`${workers} workers, a consumer slower than the workers: never more than ${2 * workers} ranges in flight`, async () => {
      const { inFlight, lines, batches } = await slowRun(workers, 15);
      expect(batches).toBeGreaterThan(8 * workers); // many more ranges than the bound
      expect(inFlight.length).toBe(batches);
      expect(Math.max(...inFlight)).toBe(2 * workers); // the bound is reached (the consumer is the slow side) …
      for (const n of inFlight) expect(n).toBeLessThanOrEqual(2 * workers); // … and never passed
      expect(lines).toStrictEqual([...lines].sort((a, b) => a - b)); // file order
      expect(new Set(lines).size).toBe(lines.length);
    }, 120_000);
  }
});

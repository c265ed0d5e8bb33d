/**
 * W10: the memory settings of `scoreRecordsParallel`'s workers (`dip settle --workers N`) are applied, not only
 * computed. The workers' heaps run with the `resourceLimits` of `settleWorkerResourceLimits` (read back from each live
 * `Worker` while the run is on: `worker.resourceLimits` is what its V8 heap was configured with), the file is cut in
 * ranges of `DEFAULT_CHUNK_BYTES` when no size is given, and a heap limit too small for the catalog stops the run with
 * a `WorkerOutOfMemoryError` instead of a bare worker error or a hang.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadHospitals } from '../../src/io/loadHospitals.js';
import type { ParallelRecordsOptions } from '../../src/io/parallel/scoreRecordsParallel.js';
import { DEFAULT_CHUNK_BYTES, WORKER_YOUNG_GENERATION_MB, WorkerOutOfMemoryError, scoreRecordsParallel, settleWorkerResourceLimits } from '../../src/io/parallel/scoreRecordsParallel.js';
import { getPreset, resolvePolicy } from '../../src/policy/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-parallel-w10-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quietIo: CliIo = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: process.cwd() };
let records = '';
let hospitalsPath = '';

beforeAll(async () => {
  records = join(dir, 'records.csv');
  hospitalsPath = join(dir, 'records-hospitals.csv');
  const code = await main(['generate', '--out', records, '--rows', '2000', '--hospitals', '6', '--bad-share', '0.02', '--seed', 'w10-limits', '--quiet'], quietIo);
  expect(code).toBe(0);
}, 120_000);

interface Observed {
  /** `resourceLimits` of each worker, read at the first batch of rows (the workers are alive then). */
  limits: Record<string, number>[];
  batches: number;
  rows: number;
}

/** Runs the parallel reader over the generated file with `extra` options and reads back what the workers run with. */
async function observe(extra: Partial<ParallelRecordsOptions>): Promise<Observed> {
  const resolved = resolvePolicy(getPreset('pingdingshan-2025'), '2025-12-31');
  if (!resolved.ok) throw new Error('preset does not resolve');
  const hospitals = (await loadHospitals(hospitalsPath)).rows;
  let workers: readonly Worker[] = [];
  const seen: Observed = { limits: [], batches: 0, rows: 0 };
  for await (const ev of scoreRecordsParallel({
    path: records,
    workers: 2,
    onWorkers: (w) => (workers = w),
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
    ...extra,
  })) {
    if (ev.type !== 'rows') continue;
    if (seen.batches === 0) seen.limits = workers.map((w) => ({ ...(w.resourceLimits as Record<string, number>) }));
    seen.batches++;
    seen.rows += ev.rows.length;
  }
  return seen;
}

describe('settle worker memory settings (W10)', () => {
  it('settleWorkerResourceLimits: a small young generation by default, the old-generation limit only when given', () => {
    expect(WORKER_YOUNG_GENERATION_MB).toBe(6);
    expect(DEFAULT_CHUNK_BYTES).toBe(32 * 1024);
    expect(settleWorkerResourceLimits({})).toStrictEqual({ maxYoungGenerationSizeMb: 6 });
    expect(settleWorkerResourceLimits({ workerHeapMb: 256 })).toStrictEqual({ maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 256 });
    expect(settleWorkerResourceLimits({ workerYoungMb: 0 })).toStrictEqual({});
    expect(settleWorkerResourceLimits({ workerYoungMb: 0, workerHeapMb: 128 })).toStrictEqual({ maxOldGenerationSizeMb: 128 });
    expect(settleWorkerResourceLimits({ workerYoungMb: 12 })).toStrictEqual({ maxYoungGenerationSizeMb: 12 });
  });

  it('default run: both workers run with the default young generation, the file is cut in 32 KiB ranges', async () => {
    const { limits, batches, rows } = await observe({});
    expect(limits).toHaveLength(2);
    for (const l of limits) {
      expect(l['maxYoungGenerationSizeMb']).toBe(WORKER_YOUNG_GENERATION_MB);
      expect(l['maxOldGenerationSizeMb']).toBeGreaterThan(256); // V8's own limit: none was given
    }
    expect(rows).toBeGreaterThan(1900);
    // the first range is 64 KiB (the header look-ahead), then DEFAULT_CHUNK_BYTES each, cut back to a record boundary
    const size = statSync(records).size;
    expect(batches).toBeGreaterThanOrEqual(Math.ceil((size - 65_536) / DEFAULT_CHUNK_BYTES));
    expect(batches).toBeLessThanOrEqual(Math.ceil((size - 65_536) / (DEFAULT_CHUNK_BYTES - 4096)) + 1);
  }, 120_000);

  it('workerHeapMb and workerYoungMb reach the workers as given', async () => {
    const { limits, rows } = await observe({ workerHeapMb: 300, workerYoungMb: 12 });
    expect(rows).toBeGreaterThan(1900);
    expect(limits).toHaveLength(2);
    for (const l of limits) {
      expect(l['maxYoungGenerationSizeMb']).toBe(12);
      expect(l['maxOldGenerationSizeMb']).toBe(300);
    }
  }, 120_000);

  it('a heap limit below what a worker needs stops the run with WorkerOutOfMemoryError', async () => {
    const err = await observe({ workerHeapMb: 8 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkerOutOfMemoryError);
    expect((err as Error).message).toContain('"maxOldGenerationSizeMb":8');
    expect(((err as Error).cause as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
  }, 120_000);
});

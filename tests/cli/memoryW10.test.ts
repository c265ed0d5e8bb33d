/**
 * W10: `--memory low` with worker threads collects each heap once it has grown by half its live size (the N + 1 heaps
 * of `dip settle --workers N` each keep their slack), one thread keeps doubling (src/cli/memory.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/settle.js';
import type { CliIo } from '../../src/cli/io.js';
import { LOW_MEMORY_HEAP_GROWING_PERCENT, LOW_MEMORY_WORKERS_HEAP_GROWING_PERCENT, applyMemory, lowMemoryHeapGrowingPercent } from '../../src/cli/memory.js';

describe('--memory low with workers (W10)', () => {
  it('the growing percent is 50 with any number of workers, 100 for one thread', () => {
    expect(LOW_MEMORY_WORKERS_HEAP_GROWING_PERCENT).toBe(50);
    expect(LOW_MEMORY_HEAP_GROWING_PERCENT).toBe(100);
    expect([0, 1, 2, 3, 999].map(lowMemoryHeapGrowingPercent)).toStrictEqual([100, 50, 50, 50, 50]);
  });

  it('applyMemory sets the V8 flag for the run it is given; default sets nothing, workers or not', () => {
    const set: string[] = [];
    const record = (f: string): void => void set.push(f);
    applyMemory('low', record, 2);
    applyMemory('low', record, 1);
    applyMemory('low', record, 0);
    applyMemory('low', record); // one thread unless told
    applyMemory('default', record, 2);
    applyMemory('default', record, 0);
    expect(set).toStrictEqual(['--heap-growing-percent=50', '--heap-growing-percent=50', '--heap-growing-percent=100', '--heap-growing-percent=100']);
  });
});

describe('dip settle --workers: the memory settings reach the run', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dip-memory-w10-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const argv = (out: string, extra: string[]): string[] => [
    '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--records', 'examples/small/records.csv',
    '--hospitals', 'examples/small/hospitals.csv', '--out', join(tmp, out), ...extra,
  ];
  const io = (err: string[]): CliIo => ({ stdout: () => undefined, stderr: (t) => void err.push(t), stderrIsTTY: false, cwd: process.cwd() });

  it('with --workers, --memory auto is low at the workers\u2019 growing percent (50), and says so', async () => {
    const err: string[] = [];
    expect(await run(argv('w1', ['--workers', '1']), io(err))).toBe(1); // examples/small has a rejected row
    expect(err.join('')).toContain('dip settle: memory low: the heap is collected once it has grown by 50 % of its live data\n');
  });

  it('a worker that runs out of its --worker-heap-mb ends the run with exit 2, a message naming the limit, and no outputs', async () => {
    const err: string[] = [];
    expect(await run(argv('oom', ['--workers', '1', '--worker-heap-mb', '10']), io(err))).toBe(2);
    expect(err.join('')).toBe(
      'dip settle: memory low: the heap is collected once it has grown by 50 % of its live data\n' +
        'dip settle: a settle worker ran out of memory (heap limits {"maxYoungGenerationSizeMb":6,"maxOldGenerationSizeMb":10}); give a larger --worker-heap-mb\n' +
        'dip settle: no outputs written\n',
    );
    expect(existsSync(join(tmp, 'oom', 'cases.csv'))).toBe(false);
  });
});

/**
 * W10: `--memory low` with worker threads collects each heap once it has grown by half its live size (the N + 1 heaps
 * of `dip settle --workers N` each keep their slack), one thread keeps doubling (src/cli/memory.ts).
 */
import { describe, expect, it } from 'vitest';
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

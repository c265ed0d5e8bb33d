/**
 * `dip settle --memory auto|low|default` (src/cli/memory.ts): parsing, the 1 GiB threshold of `auto` (the one of
 * `--dedup auto`), the V8 flag `low` sets, and that `low` changes no output.
 */
import { mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/settle.js';
import { DEDUP_DISK_BYTES } from '../../src/cli/dedup.js';
import type { CliIo } from '../../src/cli/io.js';
import { LOW_MEMORY_HEAP_GROWING_PERCENT, applyMemory, parseMemory, resolveMemory } from '../../src/cli/memory.js';

const tmp = mkdtempSync(join(tmpdir(), 'dip-memory-'));

describe('--memory', () => {
  it('parses auto (the default), low and default; anything else is a usage error', () => {
    expect([parseMemory(undefined), parseMemory('auto'), parseMemory('low'), parseMemory('default')]).toEqual(['auto', 'auto', 'low', 'default']);
    expect(() => parseMemory('fast')).toThrow('--memory fast: give auto, low or default');
  });

  it('auto is low from a records file of exactly 1 GiB on, default below it and for a missing file; low and default stand', () => {
    const big = join(tmp, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, DEDUP_DISK_BYTES); // sparse: no disk space used
    const under = join(tmp, 'under.csv');
    writeFileSync(under, '');
    truncateSync(under, DEDUP_DISK_BYTES - 1);
    expect(DEDUP_DISK_BYTES).toBe(1_073_741_824);
    expect(resolveMemory('auto', big)).toBe('low');
    expect(resolveMemory('auto', under)).toBe('default');
    expect(resolveMemory('auto', join(tmp, 'missing.csv'))).toBe('default');
    expect(resolveMemory('low', under)).toBe('low');
    expect(resolveMemory('default', big)).toBe('default');
  });

  it('low sets V8 --heap-growing-percent=100; default sets nothing', () => {
    const set: string[] = [];
    applyMemory('default', (f) => void set.push(f));
    expect(set).toEqual([]);
    applyMemory('low', (f) => void set.push(f));
    expect(LOW_MEMORY_HEAP_GROWING_PERCENT).toBe(100);
    expect(set).toEqual(['--heap-growing-percent=100']);
  });

  it('dip settle --memory low writes the same four files as --memory default and says so on stderr', async () => {
    const outputs: Record<string, string[]> = {};
    for (const mode of ['default', 'low']) {
      const err: string[] = [];
      const io: CliIo = { stdout: () => undefined, stderr: (t) => void err.push(t), stderrIsTTY: false, cwd: process.cwd() };
      const out = join(tmp, mode);
      const argv = ['--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--records', 'examples/small/records.csv', '--hospitals', 'examples/small/hospitals.csv', '--out', out, '--memory', mode];
      expect(await run(argv, io)).toBe(1); // examples/small has a rejected row and an unknown hospital
      expect(err.join('').includes('memory low: the heap is collected once it has grown by 100 % of its live data')).toBe(mode === 'low');
      outputs[mode] = readdirSync(out)
        .sort()
        .map((f) => (f === 'summary.json' ? readFileSync(join(out, f), 'utf8').replace(/"wallTimeMs": \d+/, '') : readFileSync(join(out, f), 'utf8')));
    }
    expect(outputs['low']).toEqual(outputs['default']);
    expect(outputs['low']).toHaveLength(4);
  });
});

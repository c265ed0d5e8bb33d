/**
 * `dip settle --memory auto|low|default`: how far the JavaScript heap may grow past the data it holds.
 *
 * V8 lets the old generation grow to up to about four times what survived its last full collection before it
 * collects again, so a long run's resident memory is mostly collectable garbage: on the 20M-case year of
 * bench/RESULTS.md §17 the run holds under 192 MiB (it completes with `--max-old-space-size=192`) while its peak
 * resident set under the default heuristics was 484,136–531,960 kB; with `low` it was 382,488 kB (at ~1.1–1.3× the
 * CPU time: more full collections). `low` sets V8's heap growing factor to
 * 1 + {@link LOW_MEMORY_HEAP_GROWING_PERCENT}/100 for this process (its worker threads included), so the heap is
 * collected when it has grown by that share of its live size: more, smaller full collections, a resident set that
 * follows the live data. It changes no output (the collector's schedule only). `default` keeps V8's heuristics;
 * `auto` (the default) is `low` from a records file of {@link DEDUP_DISK_BYTES} (1 GiB, a province-scale year) on,
 * like `--dedup auto`. An engineering setting of the command line, not a region rule.
 *
 * @example
 * ```ts
 * parseMemory(undefined);                           // 'auto'
 * resolveMemory('auto', 'records-20000000.csv');   // 'low' (a 3.4 GB file)
 * resolveMemory('auto', 'examples/small/records.csv'); // 'default'
 * ```
 */
import { setFlagsFromString } from 'node:v8';
import { UsageError } from './args.js';
import { DEDUP_DISK_BYTES, fileSize } from './dedup.js';

/** The `--memory` option. */
export type MemoryMode = 'auto' | 'low' | 'default';

/**
 * V8's `--heap-growing-percent` under `--memory low`: the heap is collected once it has grown by its live size
 * (factor 2, against up to ~4 by default). Measured on the 20M-case year (bench/RESULTS.md §17): 50 gave a peak RSS of
 * 301,888 kB at 1,066 s user CPU, 100 gave 382,488 kB at 834 s (V8's default: 531,960 kB); 100 keeps a 23 % margin
 * under the 500 MB goal for less collector work. On the city-year: peak RSS 448 → 252 MB with 50, 240 MB with 25.
 */
export const LOW_MEMORY_HEAP_GROWING_PERCENT = 100;

/**
 * V8's `--heap-growing-percent` under `--memory low` when the run has worker threads (`dip settle --workers N`): 50,
 * each heap is collected once it has grown by half its live size. The flag is process-wide, so it holds for the main
 * heap and the N worker heaps alike; with N + 1 heaps each one's slack counts N + 1 times, and a worker's old
 * generation holds ~55–63 MiB of live catalog, grouper and scorer caches. City-year, 2 workers, 32 KiB ranges and
 * 6 MiB worker young generations (W10, 2 interleaved rounds at load 9–13): peak RSS 453,860 / 424,780 kB at 100,
 * 380,252 / 392,040 kB at 50; user CPU 70.5 / 81.3 s at 100, 64.5 / 92.8 s at 50 (the machine's noise is larger than
 * the difference). One thread keeps {@link LOW_MEMORY_HEAP_GROWING_PERCENT} (on the 20M year 50 cost it ~28 % CPU
 * for a heap already under the goal). The caller gives {@link applyMemory} the run's number of worker threads.
 */
export const LOW_MEMORY_WORKERS_HEAP_GROWING_PERCENT = 50;

/** The heap growing percent `--memory low` sets for a run with `workers` worker threads (`0`: one thread). */
export function lowMemoryHeapGrowingPercent(workers: number): number {
  return workers > 0 ? LOW_MEMORY_WORKERS_HEAP_GROWING_PERCENT : LOW_MEMORY_HEAP_GROWING_PERCENT;
}

/** Parses `--memory` (default `auto`); anything else is a usage error. */
export function parseMemory(raw: string | undefined): MemoryMode {
  const v = raw ?? 'auto';
  if (v !== 'auto' && v !== 'low' && v !== 'default') throw new UsageError(`--memory ${v}: give auto, low or default`);
  return v;
}

/** What `mode` means for the records file at `recordsPath`: `auto` is `low` from {@link DEDUP_DISK_BYTES} on. */
export function resolveMemory(mode: MemoryMode, recordsPath: string): 'low' | 'default' {
  if (mode !== 'auto') return mode;
  return fileSize(recordsPath) >= DEDUP_DISK_BYTES ? 'low' : 'default';
}

/**
 * Applies a resolved mode to this process: `low` sets V8's heap growing factor (process-wide, for the rest of the
 * process, worker threads included; read by the collector each time it sets the next heap limit) to
 * {@link lowMemoryHeapGrowingPercent}`(workers)`, `default` does nothing. `setFlags` is `v8.setFlagsFromString`
 * (replaceable in tests); `workers` is the run's number of worker threads (default 0: one thread). Returns the
 * growing percent it set (`undefined` for `default`), so that what a run announces is what it applied.
 */
export function applyMemory(mode: 'low' | 'default', setFlags: (flags: string) => void = setFlagsFromString, workers = 0): number | undefined {
  if (mode !== 'low') return undefined;
  const percent = lowMemoryHeapGrowingPercent(workers);
  setFlags(`--heap-growing-percent=${percent}`);
  return percent;
}

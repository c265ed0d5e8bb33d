/**
 * The `--dedup auto|memory|disk` option shared by `dip settle` and `dip check`: where the duplicate-case check
 * (重复结算清单, DIP-RULES.md §2.3) keeps its keys.
 *
 * - `memory`: the reader's own `CaseKeySet` (~13 bytes per case; grows with the file);
 * - `disk`: {@link scanDuplicateCases}, a pre-pass that spills the keys to hash buckets in a temporary directory and
 *   finds every duplicate there, so the run's memory no longer depends on the number of cases (one more read of the
 *   file);
 * - `auto` (default): `disk` from a records file of {@link DEDUP_DISK_BYTES} on, else `memory`.
 *
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { scanDuplicateCases } from '../io/scanDuplicateCases.js';
import type { PrecomputedCaseKeys } from '../io/scanDuplicateCases.js';
import type { RecordsEncoding } from '../io/TextChunkDecoder.js';
import { UsageError } from './args.js';

/** Value of `--dedup`. */
export type DedupMode = 'auto' | 'memory' | 'disk';

/**
 * `--dedup auto` checks duplicates on disk from this records file size on (1 GiB ≈ 6M rows of a typical export:
 * ~80 MB of in-memory keys). Below it the in-memory key set is faster (no pre-pass) and small. An engineering
 * setting (measured in bench/RESULTS.md §11), not a region rule.
 */
export const DEDUP_DISK_BYTES = 1 << 30;

/**
 * Parse `--dedup` (absent: `auto`); anything else is a usage error.
 *
 * @example
 * ```ts
 * parseDedup(undefined); // 'auto'
 * parseDedup('disk');    // 'disk'
 * parseDedup('ram');     // throws UsageError('--dedup ram: give auto, memory or disk')
 * ```
 */
export function parseDedup(raw: string | undefined): DedupMode {
  const v = raw ?? 'auto';
  if (v !== 'auto' && v !== 'memory' && v !== 'disk') throw new UsageError(`--dedup ${v}: give auto, memory or disk`);
  return v;
}

/** Size of the file at `p` in bytes, 0 when it cannot be read (the reader then reports it). */
export function fileSize(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0; // unreadable: the reader reports it
  }
}

/**
 * Run the on-disk duplicate pre-pass when `mode` asks for it (`disk`, or `auto` on a file of
 * {@link DEDUP_DISK_BYTES} or more), its buckets in a private subdirectory of `tmpDir` (created when missing,
 * removed afterwards), the file decoded with `encoding` as the run's reader will decode it (default `auto`). `undefined`: check in memory — also when the file cannot be read as records, so that the
 * reader then reports its error as usual. Hand the result to `readRecords({ caseKeys })` /
 * `readRecordBatches({ caseKeys })` and call its `assertComplete()` once the run has read the whole file.
 *
 * @example
 * ```ts
 * const keys = await precomputeCaseKeys('records.csv', 'disk', { tmpDir: 'out' });
 * for await (const e of readRecords('records.csv', keys === undefined ? {} : { caseKeys: keys })) …;
 * keys?.assertComplete();
 * ```
 */
export async function precomputeCaseKeys(
  recordsPath: string,
  mode: DedupMode,
  options: { readonly tmpDir: string; readonly encoding?: RecordsEncoding },
): Promise<PrecomputedCaseKeys | undefined> {
  if (mode === 'memory' || (mode === 'auto' && fileSize(recordsPath) < DEDUP_DISK_BYTES)) return undefined;
  await mkdir(options.tmpDir, { recursive: true });
  return scanDuplicateCases(recordsPath, { tmpDir: options.tmpDir, encoding: options.encoding ?? 'auto' });
}

/**
 * The one-line stderr report of an on-disk duplicate check, after `assertComplete()`.
 *
 * @example
 * ```ts
 * dedupReport('dip check', keys);
 * // 'dip check: duplicate check on disk: 1,870,844 case keys, 776 duplicates, 5 buckets (67 MiB spilled, removed)\n'
 * ```
 */
export function dedupReport(command: string, keys: PrecomputedCaseKeys): string {
  const k = keys.stats;
  return `${command}: duplicate check on disk: ${k.keys.toLocaleString('en-US')} case keys, ${k.duplicates.toLocaleString('en-US')} duplicates, ${k.buckets} buckets (${Math.round(k.spilledBytes / 1048576)} MiB spilled, removed)\n`;
}

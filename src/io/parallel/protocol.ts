/**
 * Messages between the parallel settlement runner (`parallelRecords.ts`, main thread) and its workers
 * (`settleWorker.ts`). Everything here is plain data: it crosses `postMessage` by structured clone, and chunk bytes
 * are transferred, not copied.
 *
 * @module
 */
import type { Issue } from '../../core/issue.js';
import type { ResolvedPolicy } from '../../policy/schema.js';
import type { ScoredCase } from '../../run/caseScorer.js';
import type { HospitalInfo } from '../../run/types.js';
import type { RecordHeader } from '../recordRows.js';

/** What a worker needs to score rows exactly as the one-thread run does (`settleRegionYear`). */
export interface SettleWorkerInit {
  /** The policy resolved at the settlement date. */
  readonly policy: ResolvedPolicy;
  readonly catalogPath: string;
  readonly statsPath?: string;
  /** `policy.grouping.catalogNotation`, when set. */
  readonly notation?: string;
  readonly procedureClassesPath: string;
  readonly hospitals: readonly HospitalInfo[];
  readonly year: number;
  /** The mapped header row of the records file (read by the main thread). */
  readonly header: RecordHeader;
  readonly encoding: 'utf8' | 'gb18030';
  /**
   * Send the plain rows of each range in the compact form of `plainRows.ts` (`encodeRowsWithPlain`), for a caller that
   * reads them (`dip settle` without special cases); default: every row as a {@link WorkerRow}.
   */
  readonly plainRows?: boolean;
}

/** One byte range of the records file, cut at record boundaries (`lastRecordBoundary`). */
export interface ChunkTask {
  readonly index: number;
  /** Transferred; the range is `new Uint8Array(buffer, 0, length)`. */
  readonly buffer: ArrayBuffer;
  readonly length: number;
  /** Physical line (as `CsvTokenizer` counts: LF, CRLF, lone CR) of the range's first byte. */
  readonly startLine: number;
  /** Line counted by line feeds only (as `TextChunkDecoder` numbers an undecodable byte) of the first byte. */
  readonly startLf: number;
  /** The range starts the file: its first record is the header, which the main thread has read. */
  readonly skipHeader: boolean;
}

/**
 * One data row as a worker parsed and scored it: everything the main thread needs for the duplicate check
 * (`RecordsReadState`) and the run state (`createRunState`), but not the record itself.
 */
export interface WorkerRow {
  readonly line: number;
  readonly issues: Issue[];
  readonly hospitalId: string;
  readonly caseId: string;
  /** The row validated without an error issue: accepted unless it is a duplicate. */
  readonly valid: boolean;
  /** The scored case of a valid row (`createCaseScorer(…).score`), else `undefined`. */
  readonly scored: ScoredCase | undefined;
}

/** A worker's answer for one chunk. */
export type ChunkResult =
  /** `rows`: the range's {@link WorkerRow}s flattened by `encodeRows` (`rowCodec.ts`), cheap to clone. */
  | { readonly type: 'chunk'; readonly index: number; readonly rows: unknown[]; readonly linesRead: number }
  | { readonly type: 'error'; readonly index: number; readonly code: string; readonly detail: string; readonly line: number | undefined; readonly fatal: boolean };

/** Messages a worker posts. */
export type WorkerMessage = { readonly type: 'ready' } | { readonly type: 'initError'; readonly message: string } | ChunkResult;

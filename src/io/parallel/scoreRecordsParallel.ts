/**
 * The parallel front of a settlement run (issue "Performance": worker_threads, byte ranges at record boundaries):
 * the main thread cuts the records file into byte ranges at record boundaries ({@link lastRecordBoundary}: quoted
 * line breaks are respected), `N` workers ({@link SettleWorkerInit}, `settleWorker.ts`) decode, tokenize, validate
 * and score the rows of each range, and this generator yields the ranges' rows **in file order**, so that the caller
 * applies the duplicate check (`RecordsReadState`) and the run state (`createRunState`) exactly as the one-thread
 * run does: same counts, sums, issues and output order, byte for byte.
 *
 * Memory stays flat: at most `2 × workers` ranges are in flight (back-pressure: a range is posted only when the
 * caller asks for more rows; `onInFlight` observes it), and a range's rows are dropped once yielded. What grew with
 * the case count (W9) was not a queue but the N + 1 heaps: each worker's live data is ~60 MiB of bounded grouper and
 * scorer caches once warm, and V8 lets every heap grow to up to ~4× its live data before a full collection; so
 * `dip settle --workers` runs with `--memory low` unless told otherwise (city-year, 2 workers: peak RSS 845 → 546–568
 * MB at the same wall time, bench/w9-rss-ab.ts). W10: small ranges ({@link DEFAULT_CHUNK_BYTES}) so that a range's rows
 * die in the young generation, and a small young generation per worker ({@link WORKER_YOUNG_GENERATION_MB}); with
 * `--memory low` at the workers' growing percent (src/cli/memory.ts, `applyMemory(…, workers)`) the city-year peaked
 * at 380–392 MB (2 workers), and the 20M-case year at 496,468 kB (2 workers, 1,156 s wall, 718 s user at load 5–11;
 * 7b27ed9's settings passed 675,216 kB at ~60 % of the file and were stopped): under 500 MB with a thin margin, the
 * rest being the main heap's 27 MiB young generation, each worker's scorer contexts (up to `MAX_CONTEXTS`) and
 * ~90 MB outside the heaps (mapped code, malloc arenas, stacks). The cost, built CLIs interleaved at load 3.5–5.5:
 * city-year wall 47.5 / 39.9 / 39.0 → 45.0 / 40.6 / 39.6 s (best ×1.015), peak 566,844–575,756 → 401,208–413,212 kB;
 * 200k rows wall median 7.32 → 7.83 s (×1.07; best 6.83 → 7.39), peak 384,212–422,672 → 272,464–302,328 kB.
 *
 * Steps on the main thread:
 * 1. The encoding (`auto`): as `TextChunkDecoder` decides it, from the first non-ASCII bytes (a pure-ASCII file is
 *    read once to its end for this).
 * 2. The header: the first range is small (`firstChunkBytes`); the main thread decodes and tokenizes it to map the
 *    header (`parseRecordHeader`, which throws on a fatal header problem), and — when no `year` is given — parses its
 *    rows (and further ranges' if need be) to find the first accepted record's discharge year, as `dip settle` does.
 * 3. The workers are started with the resolved policy for that year (`init`), and the ranges are posted to them
 *    round robin; results are reordered by range index.
 *
 * A fatal read error of a range (`csv.unclosed_quote`, `encoding.invalid`, …) is thrown as {@link RecordsReadError}
 * with the file's line when its range's turn comes, after the rows of all earlier ranges have been yielded.
 *
 * @module
 */
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { CsvTokenizer } from '../CsvTokenizer.js';
import type { CsvRow } from '../CsvTokenizer.js';
import { parseRecordHeader, parseRecordRow, RecordsReadState } from '../recordRows.js';
import type { RecordHeader } from '../recordRows.js';
import { RecordsReadError } from '../RecordsReadError.js';
import type { RecordsReadErrorCode } from '../RecordsReadError.js';
import { TextChunkDecoder } from '../TextChunkDecoder.js';
import type { Issue } from '../../core/issue.js';
import { countLineBreaks, lastRecordBoundary } from './recordBoundaries.js';
import { decodeRows } from './rowCodec.js';
import type { ChunkResult, ChunkTask, SettleWorkerInit, WorkerMessage, WorkerRow } from './protocol.js';

/** The records file has no accepted record to take the settlement year from, and no year was given. */
export class NoSettlementYearError extends Error {
  override readonly name = 'NoSettlementYearError';
}

/**
 * A settle worker ran out of heap (`ERR_WORKER_OUT_OF_MEMORY`: its `resourceLimits`, e.g. a `--worker-heap-mb` below
 * what the catalog and caches need). The run stops with this error instead of the bare worker error; `cause` is that.
 */
export class WorkerOutOfMemoryError extends Error {
  override readonly name = 'WorkerOutOfMemoryError';
}

/** Options of {@link scoreRecordsParallel}. */
export interface ParallelRecordsOptions {
  readonly path: string;
  /** Number of worker threads (≥ 1). */
  readonly workers: number;
  /** Bytes per range (default {@link DEFAULT_CHUNK_BYTES}, 32 KiB: ~190 rows). */
  readonly chunkBytes?: number;
  /** Bytes of the first range, which the main thread reads for the header (default 64 KiB). */
  readonly firstChunkBytes?: number;
  /**
   * Old-generation heap limit of each worker in MiB (default: none, V8's own). A worker holds the catalog, bounded
   * caches and the range at hand — a few tens of MiB live — but V8 lets an unlimited heap grow with garbage. Measured
   * on a city-year with 2 workers (`bench/RESULTS.md` §8): 256 MiB brings peak RSS from 887 to 562 MiB but costs
   * more collection (65.0 vs 53.3 s wall), so it is a choice for memory-bound runs, not the default.
   */
  readonly workerHeapMb?: number;
  /**
   * Young-generation size of each worker in MiB (default {@link WORKER_YOUNG_GENERATION_MB}; `0`: V8's own, 48 MiB
   * on 64-bit Node 20). See {@link settleWorkerResourceLimits}.
   */
  readonly workerYoungMb?: number;
  /** Observer of the started workers (tests: `worker.resourceLimits` is what each worker's heap runs with). */
  readonly onWorkers?: (workers: readonly Worker[]) => void;
  /**
   * Observer of the back-pressure (tests, benches; default none): called after each range is posted to a worker with
   * the number of ranges in flight — posted and not yet yielded to the caller, whether a worker is still on them or
   * their rows wait to be yielded. It never exceeds `2 × workers`: a new range is posted only when the caller asks
   * for the next rows, so a caller slower than the workers holds the workers back instead of queueing their results.
   */
  readonly onInFlight?: (inFlight: number) => void;
  /** Settlement year; absent: the discharge year of the first accepted record. */
  readonly year?: number;
  /** The worker setup for a year (the caller resolves the policy at the settlement date of that year). */
  readonly init: (year: number, header: RecordHeader, encoding: 'utf8' | 'gb18030') => SettleWorkerInit;
}

/**
 * Default bytes per range of {@link scoreRecordsParallel}: 32 KiB, ~190 rows of a typical records file (was 256 KiB,
 * ~1,500 rows, until W10). A worker builds a whole range's rows and scored cases before it posts them, so that much
 * data is alive at once: with 256 KiB ranges it outlived the young generation's collections, was promoted to the old
 * generation and made it grow (and collect) with dead rows; a 32 KiB range's rows die young. Peak RSS of the
 * city-year with 2 workers (W10, one run each at load ~10): 575,784 kB (256 KiB) → 498,056 kB (64 KiB) at the same
 * heap settings. The outputs do not depend on it (the rows are yielded in file order whatever the cut).
 */
export const DEFAULT_CHUNK_BYTES = 1 << 15;

/**
 * Default young generation of each worker, in MiB (`resourceLimits.maxYoungGenerationSizeMb`): V8 sizes a semi-space
 * at a third of it, so 6 MiB gives 2 MiB semi-spaces — 4 MiB committed instead of the 32 MiB a worker's young
 * generation grew to with V8's default (16 MiB semi-spaces) — while a 32 KiB range ({@link DEFAULT_CHUNK_BYTES}) still
 * dies in it. City-year, 2 workers, 64 KiB ranges: peak RSS 498,056 kB → 461,352 kB (6 MiB), 471,520 kB (12 MiB); with
 * 32 KiB ranges 453,860 / 424,780 kB. The main thread keeps V8's default (its young generation is fixed when the
 * process starts).
 */
export const WORKER_YOUNG_GENERATION_MB = 6;

/**
 * The `resourceLimits` each settle worker is started with: `maxYoungGenerationSizeMb` from `workerYoungMb` (default
 * {@link WORKER_YOUNG_GENERATION_MB}, `0` leaves V8's default), `maxOldGenerationSizeMb` from `workerHeapMb` (default
 * none: V8's own limit; the old generation then follows its live data as `--memory low` sets the growing factor).
 *
 * @example
 * ```ts
 * settleWorkerResourceLimits({});                                   // { maxYoungGenerationSizeMb: 6 }
 * settleWorkerResourceLimits({ workerHeapMb: 256, workerYoungMb: 0 }); // { maxOldGenerationSizeMb: 256 }
 * ```
 */
export function settleWorkerResourceLimits(options: Pick<ParallelRecordsOptions, 'workerHeapMb' | 'workerYoungMb'>): { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number } {
  const young = options.workerYoungMb ?? WORKER_YOUNG_GENERATION_MB;
  return { ...(young === 0 ? {} : { maxYoungGenerationSizeMb: young }), ...(options.workerHeapMb === undefined ? {} : { maxOldGenerationSizeMb: options.workerHeapMb }) };
}

/** What {@link scoreRecordsParallel} yields, in file order. */
export type ParallelRecordsEvent =
  | { readonly type: 'header'; readonly line: number; readonly header: RecordHeader; readonly issues: Issue[]; readonly year: number; readonly encoding: 'utf8' | 'gb18030' }
  | { readonly type: 'rows'; readonly rows: readonly WorkerRow[] }
  | { readonly type: 'end'; readonly lines: number };

interface Range {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly startLine: number;
  readonly startLf: number;
}

/** Byte ranges of a file cut at record boundaries; the bytes of each range own their buffer (transferable). */
async function* byteRanges(path: string, firstChunkBytes: number, chunkBytes: number): AsyncGenerator<Range, void, undefined> {
  const fh = await openFile(path);
  try {
    let carry = new Uint8Array(0);
    let line = 1;
    let lf = 1;
    let index = 0;
    let want = firstChunkBytes;
    let eof = false;
    while (!eof || carry.length > 0) {
      const buf = new Uint8Array(carry.length + (eof ? 0 : want));
      buf.set(carry);
      let filled = carry.length;
      while (filled < buf.length) {
        const { bytesRead } = await fh.read(buf, filled, buf.length - filled, null);
        if (bytesRead === 0) {
          eof = true;
          break;
        }
        filled += bytesRead;
      }
      let cut = filled;
      if (!eof) {
        const b = lastRecordBoundary(buf, 0, filled);
        if (b <= 0) {
          // no complete record in the window: read on (a very long record, or a quoted field left open)
          carry = buf.subarray(0, filled);
          want = chunkBytes;
          continue;
        }
        cut = b;
      }
      carry = buf.slice(cut, filled);
      if (cut > 0) {
        const bytes = buf.subarray(0, cut);
        const c = countLineBreaks(bytes, 0, cut);
        yield { index: index++, bytes, startLine: line, startLf: lf };
        line += c.breaks;
        lf += c.lf;
      }
      want = chunkBytes;
      if (eof) break;
    }
  } finally {
    await fh.close();
  }
}

/** Open the file, reporting a failure as `readRecords` does (`io.read_failed`, exit 2 in the CLI). */
async function openFile(path: string): Promise<Awaited<ReturnType<typeof open>>> {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw new RecordsReadError('io.read_failed', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The encoding `TextChunkDecoder('auto')` would use for the file. */
async function detectEncoding(path: string): Promise<'utf8' | 'gb18030'> {
  const decoder = new TextChunkDecoder('auto');
  const fh = await openFile(path);
  try {
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      decoder.decode(buf.slice(0, bytesRead));
      if (decoder.detected !== undefined) return decoder.detected;
    }
    decoder.end();
    return decoder.detected ?? 'utf8';
  } finally {
    await fh.close();
  }
}

/**
 * Tokenize one range on the main thread (header and year look-ahead only): the rows up to a fatal read error, and
 * that error — the one-thread reader yields those rows before it throws, so the header is judged first.
 */
function tokenizeRange(r: Range, encoding: 'utf8' | 'gb18030'): { rows: CsvRow[]; error: RecordsReadError | undefined } {
  const rows: CsvRow[] = [];
  const decoder = new TextChunkDecoder(encoding);
  let text: string;
  try {
    text = decoder.decode(r.bytes) + decoder.end();
  } catch (e) {
    if (e instanceof RecordsReadError) return { rows, error: e.line === undefined ? e : new RecordsReadError(e.code, e.detail, e.line + r.startLf - 1) };
    throw e;
  }
  const t = new CsvTokenizer({ startLine: r.startLine });
  try {
    t.push(text, (row) => rows.push(row));
    t.end((row) => rows.push(row));
  } catch (e) {
    if (e instanceof RecordsReadError) return { rows, error: e };
    throw e;
  }
  return { rows, error: undefined };
}

/**
 * Parse and score a records file with `workers` threads; yields the header, then every data row in file order
 * (in batches, one per range), then the physical line count.
 *
 * @example
 * ```ts
 * const state = new RecordsReadState();
 * for await (const ev of scoreRecordsParallel({ path: 'R.csv', workers: 2, init: (year, header, encoding) => ({ … }) })) {
 *   if (ev.type === 'rows') for (const row of ev.rows) state.row(asParsedRow(row)); // then the run state
 * }
 * ```
 */
export async function* scoreRecordsParallel(options: ParallelRecordsOptions): AsyncGenerator<ParallelRecordsEvent, void, undefined> {
  if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error(`scoreRecordsParallel: workers must be a positive integer, got ${options.workers}`);
  const encoding = await detectEncoding(options.path);
  const ranges = byteRanges(options.path, options.firstChunkBytes ?? 1 << 16, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  try {
    yield* scoreRanges(options, encoding, ranges);
  } finally {
    await ranges.return(undefined); // closes the file on every exit, errors included
  }
}

/** The body of {@link scoreRecordsParallel} over the file's byte ranges. */
async function* scoreRanges(options: ParallelRecordsOptions, encoding: 'utf8' | 'gb18030', ranges: AsyncGenerator<Range, void, undefined>): AsyncGenerator<ParallelRecordsEvent, void, undefined> {
  // --- header (and the year, when not given) on the main thread ---------------------------------------------------
  const lookahead: Range[] = [];
  let header: { header: RecordHeader; issues: Issue[]; line: number; range: number } | undefined;
  let year = options.year;
  const peekState = new RecordsReadState();
  for (;;) {
    if (header !== undefined && year !== undefined) break;
    const n = await ranges.next();
    if (n.done === true) break;
    lookahead.push(n.value);
    const { rows, error } = tokenizeRange(n.value, encoding);
    let k = 0;
    if (header === undefined && rows.length > 0) {
      const h = rows[0]!;
      const mapped = parseRecordHeader(h.cells, h.line);
      header = { header: mapped.header, issues: mapped.issues.map((i) => ({ ...i, line: h.line })), line: h.line, range: n.value.index };
      k = 1;
    }
    if (header !== undefined && year === undefined) {
      for (; k < rows.length && year === undefined; k++) {
        const r = rows[k]!;
        const ev = peekState.row(parseRecordRow(header.header, r.cells, r.line, r.strayQuote === true, {}));
        if (ev.type === 'record') year = Number(ev.record.dischargeDate.slice(0, 4));
      }
    }
    // A fatal error after the header: thrown now unless the year was found before it (then the range's worker meets
    // the same error and it is thrown in file order, after the rows before it).
    if (error !== undefined && (header === undefined || year === undefined)) throw error;
  }
  if (header === undefined) {
    const empty = lookahead.every((r) => r.bytes.length === 0);
    throw new RecordsReadError('csv.empty_file', empty ? 'the file is empty: no header row' : 'the file has no header row (only blank lines)', 1);
  }
  if (year === undefined) throw new NoSettlementYearError('the records file has no accepted record to take the settlement year from; give the year');
  yield { type: 'header', line: header.line, header: header.header, issues: header.issues, year, encoding };

  // --- workers ------------------------------------------------------------------------------------------------------
  const init = options.init(year, header.header, encoding);
  const headerRange = header.range;
  const here = import.meta.url;
  const isTs = here.endsWith('.ts');
  const workerUrl = new URL(isTs ? './settleWorker.ts' : './settle-worker.js', here);
  // From source (tsx, vitest) the worker is TypeScript: a bootstrap registers tsx's loader in the worker first (a
  // worker does not inherit the main thread's loader hooks); the built package ships the worker as JS.
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  const workers: Worker[] = [];
  const results = new Map<number, ChunkResult>();
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const ready: Promise<void>[] = [];
  const resourceLimits = settleWorkerResourceLimits(options);
  // one options object for the built worker and the source one (tests run the latter): the same limits reach both
  const workerOptions = { workerData: init, ...(Object.keys(resourceLimits).length === 0 ? {} : { resourceLimits }) };
  for (let i = 0; i < options.workers; i++) {
    const w = isTs ? new Worker(bootstrap, { ...workerOptions, eval: true }) : new Worker(workerUrl, workerOptions);
    workers.push(w);
    ready.push(
      new Promise<void>((resolveReady, rejectReady) => {
        w.on('message', (m: WorkerMessage) => {
          if (m.type === 'ready') resolveReady();
          else if (m.type === 'initError') rejectReady(new Error(`settle worker failed to start: ${m.message}`));
          else {
            results.set(m.index, m);
            notify();
          }
        });
        w.on('error', (e) => {
          failure =
            (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new WorkerOutOfMemoryError(`a settle worker ran out of memory (heap limits ${JSON.stringify(resourceLimits)}); give a larger --worker-heap-mb`, { cause: e })
              : e;
          rejectReady(failure);
          notify();
        });
        w.on('exit', (code) => {
          if (code !== 0 && failure === undefined) failure = new Error(`settle worker exited with code ${code}`);
          notify();
        });
      }),
    );
  }
  options.onWorkers?.(workers);
  try {
    await Promise.all(ready);
    const maxInFlight = 2 * options.workers;
    let posted = 0;
    let next = 0;
    let lines = 0;
    let exhausted = false;
    const postRange = (r: Range): void => {
      const task: ChunkTask = { index: r.index, buffer: r.bytes.buffer as ArrayBuffer, length: r.bytes.length, startLine: r.startLine, startLf: r.startLf, skipHeader: r.index === headerRange };
      workers[r.index % workers.length]!.postMessage(task, [task.buffer]);
      posted++;
      options.onInFlight?.(posted - next);
    };
    const fill = async (): Promise<void> => {
      while (posted - next < maxInFlight) {
        const r = lookahead.shift();
        if (r !== undefined) {
          postRange(r);
          continue;
        }
        if (exhausted) return;
        const n = await ranges.next();
        if (n.done === true) {
          exhausted = true;
          return;
        }
        postRange(n.value);
      }
    };
    await fill();
    while (next < posted) {
      let res = results.get(next);
      while (res === undefined) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((r) => (wake = r));
        res = results.get(next);
      }
      results.delete(next);
      next++;
      if (res.type === 'error') throw new RecordsReadError(res.code as RecordsReadErrorCode, res.detail, res.line);
      lines = res.linesRead;
      await fill();
      yield { type: 'rows', rows: decodeRows(res.rows) };
    }
    yield { type: 'end', lines };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

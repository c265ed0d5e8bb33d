/**
 * Shared helpers of the reader fuzz suite: byte sources with arbitrary chunk boundaries and a reader driver that
 * classifies the outcome as a completed read or a documented fatal error (anything else is re-thrown, so the
 * property fails with the offending stack).
 */
import { fc } from '@fast-check/vitest';
import type { ReadRecordsOptions, ReadSummary } from '../../src/io/index.js';
import { RecordsReadError, readRecords } from '../../src/io/index.js';

/** An async iterable yielding `bytes` split at the given cut positions (sorted, deduplicated, clamped). */
export function chunked(bytes: Uint8Array, cuts: readonly number[] = []): AsyncIterable<Uint8Array> {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  return {
    async *[Symbol.asyncIterator]() {
      let start = 0;
      for (const p of points) {
        if (p > start) yield bytes.subarray(start, p);
        start = Math.max(start, p);
      }
      if (start < bytes.length) yield bytes.subarray(start);
    },
  };
}

/** Outcome of one read: the events it produced (accepted case keys by line) and either the summary or the fatal error. */
export interface ReadOutcome {
  readonly accepted: Map<number, string>;
  readonly rejectedLines: number[];
  readonly summary: ReadSummary | undefined;
  readonly fatal: RecordsReadError | undefined;
}

/** Drive `readRecords` to the end; a `RecordsReadError` is captured, any other throw escapes (a bug). */
export async function readAll(source: AsyncIterable<Uint8Array | string>, options: ReadRecordsOptions = {}): Promise<ReadOutcome> {
  const accepted = new Map<number, string>();
  const rejectedLines: number[] = [];
  let summary: ReadSummary | undefined;
  try {
    for await (const e of readRecords(source, options)) {
      if (e.type === 'record') accepted.set(e.line, `${e.record.hospitalId}|${e.record.caseId}`);
      else if (e.type === 'rejected') rejectedLines.push(e.line);
      else if (e.type === 'end') summary = e.summary;
    }
  } catch (err) {
    if (err instanceof RecordsReadError) return { accepted, rejectedLines, summary, fatal: err };
    throw err;
  }
  return { accepted, rejectedLines, summary, fatal: undefined };
}

/** Sorted cut positions inside a buffer of `length` bytes (0–12 cuts). */
export const cutsArb = (length: number): fc.Arbitrary<number[]> => fc.array(fc.integer({ min: 0, max: Math.max(0, length) }), { maxLength: 12 });

/** Byte offsets at which a UTF-8 or GB18030 multi-byte character starts (first byte ≥ 0x80 after an ASCII byte or at a line start). */
export function multiByteStarts(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80 && (bytes[i - 1] as number) < 0x80) out.push(i);
  return out;
}

/** Concatenate byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

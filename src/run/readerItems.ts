/**
 * Adapter from the records reader's events (`readRecords` of `src/io`: `header`, `record`, `rejected`, `end`) to the
 * {@link RecordItem}s of the run. Pure and structural: it does not import the Node reader.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { DischargeRecord } from '../records/types.js';
import type { RecordItem } from './types.js';

/** The reader events this adapter understands (a structural subset of `RecordEvent` of `src/io/readRecords.ts`). */
export type ReaderEvent<S> =
  | { readonly type: 'header'; readonly issues: readonly Issue[] }
  | { readonly type: 'record'; readonly line: number; readonly record: DischargeRecord; readonly issues: readonly Issue[] }
  | { readonly type: 'rejected'; readonly line: number; readonly issues: readonly Issue[] }
  | { readonly type: 'end'; readonly summary: S };

/**
 * Turn reader events into run items; the reader's final summary is handed to `onEnd` (it carries the encoding,
 * duplicate count and `read = accepted + rejected`).
 *
 * @example
 * ```ts
 * let readSummary;
 * const records = recordItemsFromReader(readRecords('R.csv'), (s) => (readSummary = s));
 * await settleRegionYear({ records, … });
 * ```
 */
export async function* recordItemsFromReader<S>(events: AsyncIterable<ReaderEvent<S>>, onEnd?: (summary: S) => void): AsyncGenerator<RecordItem, void, undefined> {
  for await (const e of events) {
    switch (e.type) {
      case 'header':
        if (e.issues.length > 0) yield { ok: 'fileIssues', issues: e.issues };
        break;
      case 'record':
        yield e.issues.length > 0 ? { ok: true, line: e.line, record: e.record, warnings: e.issues } : { ok: true, line: e.line, record: e.record };
        break;
      case 'rejected':
        yield { ok: false, line: e.line, issues: e.issues };
        break;
      case 'end':
        onEnd?.(e.summary);
        break;
    }
  }
}

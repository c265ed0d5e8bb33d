import type { DischargeRecord } from '../records/types.js';
import type { HistoryCase } from './historyAccumulator.js';

/** One history year as its own (async) iterable of records, e.g. one records file per year. */
export interface HistoryYear {
  readonly year: number;
  readonly records: AsyncIterable<DischargeRecord> | Iterable<DischargeRecord>;
}

/**
 * Chain per-year record streams into the `{ year, record }` stream {@link buildCatalog} reads, year by year in the
 * given order, without buffering (DIP-RULES.md §5.1: three previous years).
 *
 * @example
 * ```ts
 * const history = historyFromYears([{ year: 2022, records: r22 }, { year: 2023, records: r23 }, { year: 2024, records: r24 }]);
 * await buildCatalog(history, {}, { years: [2022, 2023, 2024], procedureClass });
 * ```
 */
export async function* historyFromYears(years: readonly HistoryYear[]): AsyncGenerator<HistoryCase, void, undefined> {
  for (const y of years) {
    for await (const record of y.records) yield { year: y.year, record };
  }
}

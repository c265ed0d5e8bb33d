/**
 * Shared helpers of the grouping benches and the synthetic-agreement test: load the Pingdingshan catalog, the
 * procedure class table and the synthetic generator's tables from `fixtures/`, and turn generated rows into
 * validated `DischargeRecord`s (through `validateRecord`, as `readRecords` would).
 */
import type { Catalog } from '../src/catalog/types.js';
import type { ProcedureClass } from '../src/catalog/types.js';
import { createGrouper } from '../src/grouping/index.js';
import type { Grouper, TraceLevel } from '../src/grouping/index.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { fixturePaths, loadSyntheticTables } from '../src/io/loadPacketStats.js';
import { loadProcedureClasses } from '../src/io/loadProcedureClasses.js';
import type { GroupingOptions } from '../src/policy/index.js';
import { getPreset, resolvePolicy } from '../src/policy/index.js';
import type { RawRecord } from '../src/records/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import { validateRecord } from '../src/records/index.js';
import { SYNTHETIC_COLUMNS, buildSyntheticModel, generateRecords } from '../src/synthetic/index.js';
import type { SyntheticOptions } from '../src/synthetic/index.js';

export const FIXTURES = 'fixtures';

/** The grouping options of the `pingdingshan-2025` preset (DIP-RULES.md §4.6 Pingdingshan column). */
export function pingdingshanOptions(): GroupingOptions {
  const p = getPreset('pingdingshan-2025');
  const entries = p.parameters.grouping;
  const r = resolvePolicy(p, entries[entries.length - 1]?.from ?? '2025-01-01');
  if (!r.ok) throw new Error(`cannot resolve the pingdingshan-2025 preset: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.value.grouping;
}

/** Catalog + class table + a grouper with the Pingdingshan preset. */
export async function pingdingshanGrouper(
  trace: TraceLevel = 'summary',
): Promise<{ catalog: Catalog; classes: Map<string, ProcedureClass>; grouper: Grouper; statsOnly: ReadonlySet<string> }> {
  const paths = fixturePaths(FIXTURES);
  const [cat, cls] = await Promise.all([loadCatalog(paths.catalog, { statsPath: paths.packetStats }), loadProcedureClasses(paths.procedureClasses)]);
  const classes = new Map(cls.table.entries());
  const grouper = createGrouper(cat.catalog, { options: pingdingshanOptions(), procedureClasses: classes, trace });
  // Packets the loader added from the statistics sheet only (CPnn, KBBZ, and U07:BSZL/ZDXCZ/ZLXCZ, DIP-RULES.md §3.4).
  const statsOnly = new Set(cat.issues.filter((i) => i.code === 'catalog.stats_only_packet' && i.received !== undefined).map((i) => i.received as string));
  return { catalog: cat.catalog, classes, grouper, statsOnly };
}

/**
 * Packet codes compare case-insensitively (DIP-RULES.md §3.4: the catalog writes `x` except in one row,
 * `C56.X:68.4901_…`, which the loader normalises to `C56.x:…` while the generator keeps the published spelling).
 */
export function samePacket(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** A generated case: the validated record (or the rejection), the packet drawn and whether it is unambiguous. */
export interface SyntheticCase {
  readonly record: DischargeRecord | undefined;
  readonly sourcePacket: string;
  readonly unambiguous: boolean;
  readonly bad: boolean;
}

/** Generate `rows` synthetic cases (seeded), lazily. Bad rows (`source_packet = BAD:…`) are flagged. */
export async function* syntheticCases(options: Partial<SyntheticOptions>): AsyncGenerator<SyntheticCase, void, undefined> {
  const tables = await loadSyntheticTables(fixturePaths(FIXTURES));
  const model = buildSyntheticModel(tables, options);
  const src = SYNTHETIC_COLUMNS.indexOf('source_packet');
  const unamb = SYNTHETIC_COLUMNS.indexOf('source_unambiguous');
  let line = 1;
  for (const cells of generateRecords(model)) {
    line++;
    const raw: Record<string, string> = {};
    for (let i = 0; i < SYNTHETIC_COLUMNS.length; i++) {
      const c = SYNTHETIC_COLUMNS[i]!;
      const v = cells[i] ?? '';
      if (v !== '' && c !== 'source_packet' && c !== 'source_unambiguous' && c !== 'source_outlier') raw[c] = v;
    }
    const v = validateRecord(raw as RawRecord, { line });
    const sourcePacket = cells[src] ?? '';
    yield { record: v.record, sourcePacket, unambiguous: cells[unamb] === '1', bad: sourcePacket.startsWith('BAD:') };
  }
}

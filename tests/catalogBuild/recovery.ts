/**
 * Synthetic recovery harness (issue 5, DIP-RULES.md §5): generate a seeded 3-year history from the Pingdingshan
 * 2025 statistics with `src/synthetic`, read it back through `readRecords`, rebuild the catalog with
 * {@link buildCatalog}, and measure how many core packets with ≥ 15 synthetic cases come back with their points
 * within a sampling-error tolerance. Shared by `recovery.test.ts` (small) and `bench/catalog-recovery.ts` (full size).
 *
 * Tolerance. A packet's weighted mean `m̂ = Σ w_y m̂_y / Σ w_y` (years with cases) has variance
 * `Σ w_y² σ²/n_y / (Σ w_y)²`, so its relative standard error is `CV · √(Σ w_y²/n_y) / Σ w_y` = `CV / √n_eff` with
 * `n_eff = (Σ w_y)² / Σ (w_y²/n_y)` (equal yearly volumes and 1:2:7: `n_eff = n / 1.62`). Points compare as
 * `RW_built / RW_published × M̂ / M_published` (the synthetic case mix has a regional mean of about 5,537 元, not the
 * published 5,718.153489, so every ratio carries the same factor; `M̂` itself has a relative error below 0.1 %). A
 * packet passes when that ratio is within `zMax` (default 4) standard errors of 1: under normality a two-sided 4-SE
 * band fails with probability 6·10⁻⁵ per packet, so among ~10³ packets fewer than one honest failure is expected,
 * while a systematic error of a few SE (a wrong weighting, a lost year, a misrouted combination) shows up. Lognormal
 * means of small packets with CV > 1 are skewed, which the 95 % recovery target absorbs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dec } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { buildSyntheticModel, generateRecords, SYNTHETIC_COLUMNS, SYNTHETIC_NUMERIC_COLUMNS } from '../../src/synthetic/index.js';
import { fixturePaths, loadSyntheticTables } from '../../src/io/loadPacketStats.js';
import { loadProcedureClasses } from '../../src/io/loadProcedureClasses.js';
import { readRecords } from '../../src/io/readRecords.js';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import type { HistoryCase } from '../../src/catalogBuild/historyAccumulator.js';
import type { CatalogBuildResult } from '../../src/catalogBuild/buildCatalog.js';
import { buildCatalog } from '../../src/catalogBuild/buildCatalog.js';
import type { CatalogBuildOptionsInput } from '../../src/policy/schema.js';

export interface RecoveryOptions {
  readonly fixtures: string;
  readonly rowsPerYear: number;
  readonly years?: readonly number[];
  readonly seed?: string;
  readonly build?: CatalogBuildOptionsInput;
  readonly relatedSplitMode?: 'costIncrease' | 'countOnly';
  /** Standard errors allowed (default 4). */
  readonly zMax?: number;
  /** Synthetic cases a source core packet needs to be eligible (default 15). */
  readonly minCases?: number;
  /** Injected outliers (default none: the tolerance assumes the lognormal of the statistics). */
  readonly outliers?: { readonly high: number; readonly low: number };
}

export interface RecoveryFailure {
  readonly code: string;
  readonly cases: number;
  readonly reason: 'missing' | 'outOfTolerance';
  readonly z?: number;
}

export interface RecoveryReport {
  readonly eligible: number;
  readonly recovered: number;
  readonly withinTolerance: number;
  readonly share: number;
  readonly regionMean: string;
  readonly failures: readonly RecoveryFailure[];
  readonly built: CatalogBuildResult;
  readonly seconds: { readonly build: number };
}

/** Canonical packet code for comparison: lower case, related procedures sorted. */
export function canonicalCode(code: string): string {
  const c = code.toLowerCase();
  const at = c.indexOf('_');
  if (at < 0) return c;
  return `${c.slice(0, at)}_${c.slice(at + 1).split('+').sort().join('+')}`;
}

const GROUPS = new Set(['ss', 'zlxcz', 'zdxcz', 'bszl']);
function isCoreCode(code: string): boolean {
  const c = code.toLowerCase();
  if (c === 'kbbz' || c.startsWith('cp')) return false;
  const suffix = c.split(':')[1];
  return suffix === undefined || !GROUPS.has(suffix);
}

/** Run one recovery experiment. */
export async function runRecovery(o: RecoveryOptions): Promise<RecoveryReport> {
  const years = o.years ?? [2022, 2023, 2024];
  const seed = o.seed ?? 'catalog-recovery';
  const zMax = o.zMax ?? 4;
  const minCases = o.minCases ?? 15;
  const tables = await loadSyntheticTables(fixturePaths(o.fixtures));
  const { table } = await loadProcedureClasses(join(o.fixtures, 'icd', 'procedure-classes.csv'));
  const drawn = new Map<string, number[]>();
  const numericColumns = new Set(SYNTHETIC_NUMERIC_COLUMNS.map((c) => SYNTHETIC_COLUMNS.indexOf(c)));

  async function* history(): AsyncGenerator<HistoryCase> {
    for (let yi = 0; yi < years.length; yi++) {
      const year = years[yi]!;
      const model = buildSyntheticModel(tables, {
        rows: o.rowsPerYear,
        seed: `${seed}:${year}`,
        year,
        highOutlierShare: o.outliers?.high ?? 0,
        lowOutlierShare: o.outliers?.low ?? 0,
        badRowShare: 0,
        fallbackShare: 0,
      });
      async function* text(): AsyncGenerator<string> {
        let buf = `${SYNTHETIC_COLUMNS.join(',')}\n`;
        for (const cells of generateRecords(model)) {
          buf += `${encodeCsvRow(cells, { numericColumns })}\n`;
          if (buf.length > 1 << 16) {
            yield buf;
            buf = '';
          }
        }
        if (buf !== '') yield buf;
      }
      for await (const e of readRecords(text())) {
        if (e.type !== 'record') continue;
        const sp = e.record.sourcePacket;
        if (sp !== undefined) {
          let a = drawn.get(sp);
          if (a === undefined) drawn.set(sp, (a = years.map(() => 0)));
          a[yi]!++;
        }
        yield { year, record: e.record };
      }
    }
  }

  const t0 = performance.now();
  const built = await buildCatalog(history(), { trimMinCases: Number.MAX_SAFE_INTEGER, ...o.build }, {
    years,
    procedureClass: (c) => table.classOf(c),
    ...(o.relatedSplitMode === undefined ? {} : { relatedSplitMode: o.relatedSplitMode }),
  });
  const buildSeconds = (performance.now() - t0) / 1000;

  const statsFile = join(o.fixtures, 'pingdingshan-2025-dip2', 'packet-stats.csv');
  const rows = parse(readFileSync(statsFile), { columns: true, bom: true }) as Record<string, string>[];
  const M = dec(rows[0]!['REGION_AVE_VAL']!);
  const mHat = dec(built.regionAverageCost);
  const byCode = new Map(built.packets.map((p) => [canonicalCode(p.code), p]));
  const weights = (o.build?.yearWeights ?? ['1', '2', '7']).map((w) => Number(w));
  const failures: RecoveryFailure[] = [];
  let eligible = 0;
  let recovered = 0;
  let within = 0;
  for (const r of rows) {
    const code = r['DIP_CODE']!;
    if (!isCoreCode(code)) continue;
    const n = drawn.get(code);
    const cases = n?.reduce((a, b) => a + b, 0) ?? 0;
    if (n === undefined || cases < minCases) continue;
    eligible++;
    const p = byCode.get(canonicalCode(code));
    if (p === undefined) {
      failures.push({ code, cases, reason: 'missing' });
      continue;
    }
    recovered++;
    let sw = 0;
    let sw2n = 0;
    n.forEach((ny, i) => {
      if (ny > 0) {
        sw += weights[i]!;
        sw2n += weights[i]! ** 2 / ny;
      }
    });
    const cv = Number(r['CV'] || '0.6');
    const se = (cv * Math.sqrt(sw2n)) / sw;
    const ratio: Dec = dec(p.points).div(dec(r['WEIGHT_SCORE']!)).times(mHat).div(M);
    const z = ratio.minus(1).toNumber() / se;
    if (Math.abs(z) <= zMax) within++;
    else failures.push({ code, cases, reason: 'outOfTolerance', z });
  }
  return {
    eligible,
    recovered,
    withinTolerance: within,
    share: eligible === 0 ? 0 : within / eligible,
    regionMean: built.regionAverageCost,
    failures,
    built,
    seconds: { build: buildSeconds },
  };
}

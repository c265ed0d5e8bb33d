import { AliasTable } from './aliasTable.js';
import type { SyntheticHospital } from './hospitals.js';
import { generateHospitals } from './hospitals.js';
import type { PacketPlan } from './packetPlans.js';
import { buildPacketPlans } from './packetPlans.js';
import { parsePacketCode } from './packetCode.js';
import { Prng } from './prng.js';
import type { SyntheticOptions } from './syntheticOptions.js';
import { resolveSyntheticOptions } from './syntheticOptions.js';
import type { SyntheticTables } from './syntheticTables.js';

/**
 * Common comorbidities used for most secondary diagnoses (category or subcategory prefixes):
 * hypertension, diabetes, lipids, ischaemic heart disease, AF, heart failure, COPD, CKD, fatty liver,
 * hypothyroidism, anaemia, hypokalaemia, pneumonia, gastritis, osteoporosis, cerebral infarction sequelae.
 */
const COMMON_SECONDARY_PREFIXES = ['I10', 'E11.9', 'E78', 'I25.1', 'I48', 'I50', 'J44', 'N18', 'K76.0', 'E03.9', 'D64.9', 'E87.6', 'J18.9', 'K29', 'M81', 'I69'];

/** Categories never drawn as random secondary diagnoses (obstetric, perinatal, injury, external cause, special, Z). */
const NO_RANDOM_SECONDARY = /^[OPSTUVWXYZ]/;

/**
 * Everything precomputed for a generation run: resolved options, packet plans, alias tables for
 * packets and hospitals, secondary-diagnosis pools. Build once, generate many rows.
 *
 * @example
 * ```ts
 * const model = buildSyntheticModel(tables, { rows: 10_000, seed: 'demo' });
 * model.plans.length;     // packets with a drawing plan
 * model.hospitals.length; // 40
 * ```
 */
export interface SyntheticModel {
  readonly options: SyntheticOptions;
  /** Plans of every statistics row that can be drawn. */
  readonly plans: readonly PacketPlan[];
  /** Plans with a positive weight, and their alias table (weights = BILL_COUNT). */
  readonly weighted: readonly PacketPlan[];
  readonly packetTable: AliasTable;
  /** `CPnn:GROUP` plans, drawn uniformly with probability `fallbackShare`. */
  readonly fallback: readonly PacketPlan[];
  readonly hospitals: readonly SyntheticHospital[];
  readonly hospitalTable: AliasTable;
  readonly commonSecondary: readonly string[];
  readonly otherSecondary: readonly string[];
}

/**
 * Precompute a generation run from reference tables and options (defaults: {@link DEFAULT_SYNTHETIC_OPTIONS}).
 * Throws when no packet has a positive weight or an option is out of range.
 *
 * @example
 * ```ts
 * const model = buildSyntheticModel(await loadSyntheticTables(fixturePaths('fixtures')), { rows: 1000 });
 * for (const cells of generateRecords(model)) console.log(cells.join(','));
 * ```
 */
export function buildSyntheticModel(tables: SyntheticTables, options: Partial<SyntheticOptions> = {}): SyntheticModel {
  const opts = resolveSyntheticOptions(options);
  const plans = buildPacketPlans(tables);
  const weighted = plans.filter((p) => p.weight > 0);
  if (weighted.length === 0) throw new Error('buildSyntheticModel: no packet has a positive case count');
  const fallback = plans.filter((p) => p.weight === 0 && parsePacketCode(p.code)?.kind === 'chapter');
  const hospitals = generateHospitals(opts.hospitals, new Prng(opts.seed).fork('hospitals'));
  const commonSecondary: string[] = [];
  const otherSecondary: string[] = [];
  for (const c of tables.diagnoses) {
    if (tables.greyDiagnoses.has(c) || c.includes('+') || c.includes('*')) continue;
    if (COMMON_SECONDARY_PREFIXES.some((p) => c.startsWith(p))) commonSecondary.push(c);
    else if (!NO_RANDOM_SECONDARY.test(c)) otherSecondary.push(c);
  }
  return {
    options: opts,
    plans,
    weighted,
    packetTable: new AliasTable(weighted.map((p) => p.weight)),
    fallback,
    hospitals,
    hospitalTable: new AliasTable(hospitals.map((h) => h.volume)),
    commonSecondary,
    otherSecondary,
  };
}

/**
 * Shared generators of the grouper's cache properties (`codeCaches`, `groupCacheG8`, `groupCacheG9`): auxiliary
 * subtypes of every kind, costs either side of the outlier and subtype bounds, random case sequences over a few keys
 * with raw strings fresh per case, and the grouping/auxiliary options of every preset.
 */
import { fc } from '@fast-check/vitest';
import type { AuxSubtype } from '../../src/catalog/types.js';
import type { Ratio, Yuan } from '../../src/decimal/brands.js';
import { PRESET_NAMES, getPreset, resolvePolicy } from '../../src/policy/index.js';
import type { AuxiliaryOptions, GroupingOptions } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';

const ratio = (x: string): Ratio => x as Ratio;
export const SUBTYPES: AuxSubtype[] = [
  { id: 'age-1-6', type: 'age', condition: { kind: 'ageYears', min: { value: 1, inclusive: true }, max: { value: 6, inclusive: true } }, coefficient: ratio('1.1') },
  { id: 'death', type: 'severity', condition: { kind: 'death' }, coefficient: ratio('1.5'), triggerCoefficient: ratio('1.2') },
  { id: 'II', type: 'severity', condition: { kind: 'secondaryDx', codes: [{ kind: 'prefix', prefix: 'J18' }] }, coefficient: ratio('1.40') },
  { id: 'dear', type: 'tumourSeverity', condition: { kind: 'highCost', multiple: { value: '2', inclusive: true } }, coefficient: ratio('1.25') },
  { id: 'proc', type: 'custom', condition: { kind: 'procedure', codes: [{ code: '45.2302', isShort: false }, { code: '43.41', isShort: true }] }, coefficient: ratio('1.05') },
];
export const COSTS = ['0.00', '2000.00', '4000.00', '5000.00', '8000.00', '9000.00', '11000.00', '100000.00'];

export interface Key {
  readonly dx: string;
  readonly p0: string | undefined;
  readonly others: readonly string[];
}
export interface Rest {
  readonly sec: readonly string[];
  readonly age: number;
  readonly death: boolean;
  readonly cost: string;
}

let serial = 0;
export function record(k: Key, c: Rest): DischargeRecord {
  serial++;
  const r: { -readonly [K in keyof DischargeRecord]: DischargeRecord[K] } = {
    caseId: `C${serial}`,
    hospitalId: `H${serial % 3}`,
    insuranceType: 'employee',
    admissionDate: '2025-03-01',
    dischargeDate: '2025-03-08',
    age: c.age,
    principalDx: k.dx,
    secondaryDx: c.sec,
    otherProcedures: k.others,
    losDays: 5,
    totalCost: c.cost as Yuan,
    fundPaid: '0.00' as Yuan,
    patientPaid: '0.00' as Yuan,
  };
  if (k.p0 !== undefined) r.principalProcedure = k.p0;
  if (c.death) r.dischargeStatus = '5';
  return r;
}

/**
 * 1–8 keys drawn (no procedure, principal only — `''` included —, or with other procedures, each about a third), then
 * up to 40 cases on them, raw strings copied per case (`#x`.slice(1): a new string, equal text) as a reader gives fresh
 * strings; `dxs` may hold keys that differ only in spelling (`k31.700` / `K31.700`), so a cache hit by one raw string
 * never stands in for another.
 */
export function sequenceArb(dxs: readonly string[], procs: readonly string[], extra: readonly Key[]): fc.Arbitrary<DischargeRecord[]> {
  const code = fc.constantFrom(...procs, '');
  const random: fc.Arbitrary<Key> = fc.oneof(
    fc.record({ dx: fc.constantFrom(...dxs), p0: fc.constant(undefined), others: fc.constant([]) }),
    fc.record({ dx: fc.constantFrom(...dxs), p0: fc.option(code, { nil: undefined }), others: fc.constant([]) }),
    fc.record({ dx: fc.constantFrom(...dxs), p0: fc.option(code, { nil: undefined }), others: fc.array(code, { maxLength: 4 }) }),
  );
  const key = extra.length === 0 ? random : fc.oneof({ weight: 4, arbitrary: random }, { weight: 1, arbitrary: fc.constantFrom(...extra) });
  const rest: fc.Arbitrary<Rest> = fc.record({
    sec: fc.array(fc.constantFrom('I10.x00', 'J18.900', 'K21.000', 'bad'), { maxLength: 3 }),
    age: fc.integer({ min: 0, max: 99 }),
    death: fc.boolean(),
    cost: fc.constantFrom(...COSTS),
  });
  const copy = (x: string): string => `#${x}`.slice(1);
  const fresh = (k: Key): Key => ({ dx: copy(k.dx), p0: k.p0 === undefined ? undefined : copy(k.p0), others: k.others.map(copy) });
  return fc
    .tuple(fc.array(key, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), rest), { minLength: 1, maxLength: 40 }))
    .map(([keys, cases]) => cases.map(([i, c]) => record(fresh(keys[i % keys.length]!), c)));
}

export function presetOptions(): { name: string; grouping: GroupingOptions; auxiliary: AuxiliaryOptions }[] {
  return PRESET_NAMES.map((name) => {
    const p = getPreset(name);
    const r = resolvePolicy(p, p.parameters.grouping[0]?.from ?? '2025-01-01');
    if (!r.ok) throw new Error(`cannot resolve ${name}`);
    return { name, grouping: r.value.grouping, auxiliary: r.value.auxiliary };
  });
}

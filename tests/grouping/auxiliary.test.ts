/** Auxiliary subtypes (DIP-RULES.md §4.7) and batch grouping with its summary. */
import { describe, expect, it } from 'vitest';
import type { AuxSubtype } from '../../src/catalog/types.js';
import type { Ratio, Yuan } from '../../src/decimal/brands.js';
import { GroupSummaryAccumulator, createGrouper, groupBatch } from '../../src/grouping/index.js';
import type { GroupResult } from '../../src/grouping/index.js';
import { DEFAULT_AUXILIARY_OPTIONS } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { catalogOf, classes, comp, core, opts, rec } from './helpers.js';

const r = (x: string): Ratio => x as Ratio;
const SUBTYPES: AuxSubtype[] = [
  { id: 'age-0-28d', type: 'age', condition: { kind: 'ageDays', max: { value: 28, inclusive: true } }, coefficient: r('1.30') },
  { id: 'age-1-6', type: 'age', condition: { kind: 'ageYears', min: { value: 1, inclusive: true }, max: { value: 6, inclusive: true } }, coefficient: r('1.1') },
  { id: 'death', type: 'severity', condition: { kind: 'death' }, coefficient: r('1.5'), triggerCoefficient: r('1.2') },
  {
    id: 'II',
    type: 'severity',
    // CC: a secondary dx in J18 or N17, LOS 3 天以上, not counted when the principal is itself in J18.
    condition: {
      kind: 'all',
      conditions: [
        { kind: 'secondaryDx', codes: [{ kind: 'prefix', prefix: 'J18' }, { kind: 'prefix', prefix: 'N17' }], excludeWhenPrincipalIn: [{ kind: 'prefix', prefix: 'J18' }] },
        { kind: 'los', min: { value: 3, inclusive: true } },
      ],
    },
    coefficient: r('1.40'),
  },
  { id: 'icu', type: 'icu', condition: { kind: 'icuDays', min: { value: '2', inclusive: true }, max: { value: '7', inclusive: true } }, coefficient: r('1.4') },
];

const CLASSES = classes({ '47.0100': 'surgery' });
const cat = catalogOf([core('K35.3', '500', { aux: SUBTYPES }), core('J18.0', '600', { aux: SUBTYPES }), comp('K35:SS', '1300')]);
const grouper = createGrouper(cat, { options: opts(), procedureClasses: CLASSES });

function aux(res: GroupResult): [string | undefined, string] {
  if (res.status !== 'grouped') throw new Error('not grouped');
  return [res.auxSubtype?.id, res.auxCoef];
}

describe('auxiliary subtypes on the chosen core packet (DIP-RULES §4.7)', () => {
  it('no rule fires → coefficient 1', () => {
    expect(aux(grouper.group(rec('K35.300')))).toEqual([undefined, '1']);
  });

  it('age bands in days and in years, inclusive bounds', () => {
    expect(aux(grouper.group(rec('K35.300', undefined, [], { age: 0, ageDays: 28 })))).toEqual(['age-0-28d', '1.30']);
    expect(aux(grouper.group(rec('K35.300', undefined, [], { age: 0, ageDays: 29 })))).toEqual([undefined, '1']);
    expect(aux(grouper.group(rec('K35.300', undefined, [], { age: 6 })))).toEqual(['age-1-6', '1.1']);
    expect(aux(grouper.group(rec('K35.300', undefined, [], { age: 7 })))).toEqual([undefined, '1']);
  });

  it('CC secondary diagnosis with the principal-diagnosis exclusion and LOS ≥ 3', () => {
    expect(aux(grouper.group(rec('K35.300', undefined, [], { secondaryDx: ['J18.900'], losDays: 3 })))).toEqual(['II', '1.40']);
    expect(aux(grouper.group(rec('K35.300', undefined, [], { secondaryDx: ['J18.900'], losDays: 2 })))).toEqual([undefined, '1']);
    // principal in J18: J18 secondaries do not count, N17 still does.
    expect(aux(grouper.group(rec('J18.000', undefined, [], { secondaryDx: ['J18.900'] })))).toEqual([undefined, '1']);
    expect(aux(grouper.group(rec('J18.000', undefined, [], { secondaryDx: ['N17.900'] })))).toEqual(['II', '1.40']);
  });

  it('several fire: highest trigger coefficient wins (death: trigger 1.2 < II 1.40), or highest coefficient (Hubei)', () => {
    const c = rec('K35.300', undefined, [], { secondaryDx: ['N17.900'], dischargeStatus: '5' });
    const res = grouper.group(c);
    expect(aux(res)).toEqual(['II', '1.40']);
    expect(res.trace.auxiliary).toEqual({ fired: ['death', 'II'], chosen: 'II', rule: 'highestTrigger' });
    const hubei = createGrouper(cat, { options: opts(), procedureClasses: CLASSES, auxiliary: { ...DEFAULT_AUXILIARY_OPTIONS, selectionRule: 'highestCoefficient' } });
    expect(aux(hubei.group(c))).toEqual(['death', '1.5']);
  });

  it('a tie (II 1.40 vs icu 1.4, equal as decimals) goes to the subtype listed first', () => {
    const res = grouper.group(rec('K35.300', undefined, [], { secondaryDx: ['N17.900'], icuDays: '2.0' }));
    expect(aux(res)).toEqual(['II', '1.40']);
    expect(res.trace.auxiliary?.fired).toEqual(['II', 'icu']);
  });

  it('not applied to comprehensive packets under the default auxApplyTo = [core]', () => {
    const res = grouper.group(rec('K35.300', '47.0100', [], { dischargeStatus: '5' }));
    expect(res.status === 'grouped' && res.packetCode).toBe('K35:SS');
    expect(aux(res)).toEqual([undefined, '1']);
  });
});

describe('groupBatch and the summary', () => {
  const records: DischargeRecord[] = [
    rec('K35.300'),
    rec('K35.300', '47.0100'),
    rec('X99.000'),
    rec('X99.000'),
    rec('A00.000'),
    rec('K35.300', '12.3456'),
    rec('bad', undefined, [], { totalCost: '1.00' as Yuan }),
  ];

  it('streams results from an iterable and an async iterable with the same summary', async () => {
    const acc = new GroupSummaryAccumulator({ topK: 2 });
    const sync = [...groupBatch(grouper, records, acc)];
    expect(sync.map((x) => (x.status === 'grouped' ? x.packetCode : x.reason))).toEqual([
      'K35.3',
      'K35:SS',
      'NO_PACKET_FOR_DIAGNOSIS',
      'NO_PACKET_FOR_DIAGNOSIS',
      'NO_PACKET_FOR_DIAGNOSIS',
      'NO_COMPREHENSIVE_GROUP',
      'INVALID_PRINCIPAL_DX',
    ]);
    const s = acc.summary();
    expect(s).toMatchObject({
      total: 7,
      grouped: 2,
      ungrouped: 5,
      groupedShare: '0.285714',
      groupedByKind: { comprehensive: 1, core: 1 },
      shareByKind: { comprehensive: '0.142857', core: '0.142857' },
      ungroupedByReason: { INVALID_PRINCIPAL_DX: 1, NO_COMPREHENSIVE_GROUP: 1, NO_PACKET_FOR_DIAGNOSIS: 3 },
      topUngroupedDx: [
        { code: 'X99.000', count: 2, error: 0 },
        { code: 'A00.000', count: 1, error: 0 },
      ],
      issuesByCode: { 'grouping.invalid_principal_dx': 1, 'grouping.unknown_procedure_class': 1 },
    });
    async function* gen(): AsyncGenerator<DischargeRecord> {
      for (const x of records) yield x;
    }
    const acc2 = new GroupSummaryAccumulator({ topK: 2 });
    const out: GroupResult[] = [];
    for await (const x of groupBatch(grouper, gen(), acc2)) out.push(x);
    expect(out.length).toBe(7);
    expect(acc2.summary()).toEqual(s);
  });

  it('Space-Saving keeps memory bounded: capacity 2 over 3 distinct codes reports an error bound', () => {
    const acc = new GroupSummaryAccumulator({ topK: 2, capacity: 2 });
    for (const d of ['X99.000', 'X99.000', 'X98.000', 'X97.000', 'X99.000']) acc.add(grouper.group(rec(d)));
    expect(acc.summary().topUngroupedDx).toEqual([
      { code: 'X99.000', count: 3, error: 0 },
      { code: 'X97.000', count: 2, error: 1 },
    ]);
  });
});

/**
 * Hand-worked cases on the real Pingdingshan 2025 catalog (fixtures/pingdingshan-2025-dip2), DIP-RULES.md §3.4,
 * §4.1–§4.5. Packets and points were looked up in catalog.csv by grep; procedure classes in
 * fixtures/icd/procedure-classes.csv (43.4108 / 43.4101 治疗性操作, 45.2302 / 44.1300x001 / 88.0101 诊断性操作,
 * 43.7x00 手术; 45.4307 is missing from the table).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { Catalog } from '../../src/catalog/types.js';
import { createGrouper } from '../../src/grouping/index.js';
import type { GroupResult, Grouper } from '../../src/grouping/index.js';
import type { GroupingOptions } from '../../src/policy/schema.js';
import { loadClassTable, pingdingshan } from './fixtures.js';
import { opts, rec } from './helpers.js';

let catalog: Catalog;
const classes = loadClassTable();
const cache = new Map<string, Grouper>();
/** Pingdingshan defaults (DIP-RULES.md §4.6; preset pingdingshan-2025): principalOnly, subset, most related → highest points → code. */
function grouper(over: Partial<GroupingOptions> = {}): Grouper {
  const key = JSON.stringify(over);
  let g = cache.get(key);
  if (g === undefined) cache.set(key, (g = createGrouper(catalog, { options: opts(over), procedureClasses: classes })));
  return g;
}
function summary(r: GroupResult): string {
  return r.status === 'grouped' ? `${r.packetCode} ${r.packet.points}` : `ungrouped:${r.reason}`;
}

beforeAll(async () => {
  catalog = await pingdingshan();
});

describe('core packets of K31.7 胃和十二指肠息肉', () => {
  it('full match with two related procedures: K31.7:43.4108_43.4101+45.2302', () => {
    const r = grouper().group(rec('K31.700', '43.4108', ['43.4101', '45.2302']));
    expect(summary(r)).toBe('K31.7:43.4108_43.4101+45.2302 1651.317242');
    if (r.status !== 'grouped') throw new Error('grouped expected');
    expect(r).toMatchObject({ kind: 'core', route: 'core', layer: 'base', procClass: 'therapeutic', isPrimaryCare: false, auxCoef: '1' });
    expect(r.matchedProcedures).toEqual(['43.4108', '43.4101', '45.2302']);
    expect(r.unmatchedProcedures).toEqual([]);
    // Every packet with MAIN 43.4108 is a candidate; each loser says why.
    expect(r.trace.candidates).toEqual([
      { packetCode: 'K31.7:43.4108', mainUsed: '43.4108', relatedMatched: 0, relatedTotal: 0, eliminatedBy: 'fewerRelatedMatched' },
      { packetCode: 'K31.7:43.4108_43.4101', mainUsed: '43.4108', relatedMatched: 1, relatedTotal: 1, eliminatedBy: 'fewerRelatedMatched' },
      { packetCode: 'K31.7:43.4108_43.4101+45.2302', mainUsed: '43.4108', relatedMatched: 2, relatedTotal: 2 },
      { packetCode: 'K31.7:43.4108_44.1300x001', mainUsed: '43.4108', relatedMatched: 0, relatedTotal: 1, eliminatedBy: 'relatedUnmatched' },
      { packetCode: 'K31.7:43.4108_45.2302', mainUsed: '43.4108', relatedMatched: 1, relatedTotal: 1, eliminatedBy: 'fewerRelatedMatched' },
    ]);
  });

  it('the same case lacking 45.2302: K31.7:43.4108_43.4101', () => {
    expect(summary(grouper().group(rec('K31.700', '43.4108', ['43.4101'])))).toBe('K31.7:43.4108_43.4101 1193.213106');
  });

  it('an extra unrelated procedure does not stop the full match (subset) and is reported unmatched', () => {
    const r = grouper().group(rec('K31.700', '43.4108', ['45.2302', '88.0101', '43.4101']));
    expect(summary(r)).toBe('K31.7:43.4108_43.4101+45.2302 1651.317242');
    expect(r.status === 'grouped' && r.unmatchedProcedures).toEqual(['88.0101']);
  });

  it('MAIN listed second: principalOnly takes K31.7:43.4101, anyListed K31.7:43.4108_43.4101', () => {
    const c = rec('K31.700', '43.4101', ['43.4108']);
    expect(summary(grouper().group(c))).toBe('K31.7:43.4101 1216.062251');
    const any = grouper({ mainProcedureRole: 'anyListed' }).group(c);
    expect(summary(any)).toBe('K31.7:43.4108_43.4101 1193.213106');
    expect(any.status === 'grouped' && any.matchedProcedures).toEqual(['43.4108', '43.4101']);
    expect(summary(grouper({ mainProcedureRole: 'preferPrincipal' }).group(c))).toBe('K31.7:43.4101 1216.062251');
  });

  it('no procedures: the conservative core packet K31.7', () => {
    const r = grouper().group(rec('K31.700'));
    expect(summary(r)).toBe('K31.7 717.887434');
    expect(r.status === 'grouped' && [r.route, r.procClass]).toEqual(['conservativeCore', 'conservative']);
  });

  it('a surgery with no core packet (43.7x00 手术): comprehensive K31:SS', () => {
    const r = grouper().group(rec('K31.700', '43.7x00'));
    expect(r.status === 'grouped' && [r.packetCode, r.kind, r.route, r.procClass, r.matchedProcedures]).toEqual(['K31:SS', 'comprehensive', 'comprehensive', 'surgery', ['43.7x00']]);
  });

  it('a diagnostic procedure only (88.0101 诊断性操作): K31:ZDXCZ', () => {
    const r = grouper().group(rec('K31.700', '88.0101'));
    expect(r.status === 'grouped' && [r.packetCode, r.procClass]).toEqual(['K31:ZDXCZ', 'diagnostic']);
  });
});

describe('DIP-RULES §4.2 example: A09.9:44.1300x001_45.2302 vs A09.9:44.1300x001', () => {
  it('related present → the first; principal only → the second; with another code → still the first', () => {
    expect(summary(grouper().group(rec('A09.900', '44.1300x001', ['45.2302'])))).toBe('A09.9:44.1300x001_45.2302 676.623535');
    expect(summary(grouper().group(rec('A09.900', '44.1300x001')))).toBe('A09.9:44.1300x001 635.323555');
    expect(summary(grouper().group(rec('A09.900', '44.1300x001', ['45.2302', '88.0101'])))).toBe('A09.9:44.1300x001_45.2302 676.623535');
  });

  it('x versus X, and lower-case diagnosis letters, give the same packet', () => {
    expect(summary(grouper().group(rec('a09.900X003', '44.1300X001', ['45.2302'])))).toBe('A09.9:44.1300x001_45.2302 676.623535');
    expect(summary(grouper().group(rec('C73.X00', '06.2X02')))).toBe('C73.x:06.2x02 ' + catalog.byCode.get('C73.x:06.2x02')!.points);
  });
});

describe('related-procedure packets with no principal-only sibling (58 in the catalog, §3.4)', () => {
  it('C34.9 + 32.4100 alone: no eligible core packet → C34:SS', () => {
    const r = grouper().group(rec('C34.900', '32.4100'));
    expect(r.status === 'grouped' && r.packetCode).toBe('C34:SS');
    expect(r.trace.candidates.map((c) => [c.packetCode, c.eliminatedBy])).toEqual([
      ['C34.9:32.4100_33.3903', 'relatedUnmatched'],
      ['C34.9:32.4100_40.5914', 'relatedUnmatched'],
    ]);
    // 宜昌 coreConservativeFallback: the conservative core packet instead.
    expect(summary(grouper({ coreConservativeFallback: true }).group(rec('C34.900', '32.4100')))).toBe('C34.9 1164.091446');
  });
});

describe('fallback chain and ungrouped cases', () => {
  it('a diagnosis with no packet: ungrouped without a chain, CPnn by chapter with chapterPacket', () => {
    expect(summary(grouper().group(rec('D52.000')))).toBe('ungrouped:NO_PACKET_FOR_DIAGNOSIS');
    const chain = grouper({ fallbackChain: ['chapterPacket'] });
    // D52 is chapter 03 (D50–D89), D42 chapter 02 (C00–D48): by 3-character range, not by first letter.
    expect(summary(chain.group(rec('D52.000')))).toBe('CP03:BSZL 1000');
    expect(summary(chain.group(rec('D42.000')))).toBe('CP02:BSZL 1000');
    // H68 is chapter 08 (H60–H95); with a surgery the SS chapter packet.
    expect(summary(chain.group(rec('H68.000', '47.0100')))).toBe('CP08:SS 1000');
    const r = chain.group(rec('D52.000'));
    expect(r.status === 'grouped' && [r.kind, r.route]).toEqual(['fallback', 'chapterPacket']);
    // blank packet KBBZ from the statistics sheet.
    expect(summary(grouper({ fallbackChain: ['blankPacket'] }).group(rec('D52.000')))).toBe('KBBZ 1485.354916');
  });

  it('a procedure missing from the class table is an explicit issue and takes the configured fallback class', () => {
    // K63.1 has no packet with MAIN 45.4307; K63 has SS / ZDXCZ / ZLXCZ but no BSZL.
    const c = rec('K63.100', '45.4307');
    const r = grouper().group(c);
    expect(summary(r)).toBe('ungrouped:NO_COMPREHENSIVE_GROUP');
    expect(r.procClass).toBe('conservative');
    expect(r.caseIssues).toEqual([
      {
        severity: 'warning',
        code: 'grouping.unknown_procedure_class',
        message: 'procedure 45.4307 is not in the procedure class table: class conservative assumed (unknownProcedureFallbackClass)',
        column: 'principal_procedure',
        received: '45.4307',
        expected: 'a code of the procedure class table',
      },
    ]);
    expect(summary(grouper({ unknownProcedureFallbackClass: 'surgery' }).group(c))).toBe('K63:SS ' + catalog.byCode.get('K63:SS')!.points);
    expect(summary(grouper({ fallbackChain: ['chapterPacket'] }).group(c))).toBe('CP11:BSZL 1000');
    // Still flagged when the code matches a core MAIN: K63.5:45.4307.
    const core = grouper().group(rec('K63.500', '45.4307'));
    expect(summary(core)).toBe('K63.5:45.4307 ' + catalog.byCode.get('K63.5:45.4307')!.points);
    expect(core.caseIssues.map((i) => i.code)).toEqual(['grouping.unknown_procedure_class']);
  });

  it('a dagger pair groups on its dagger code', () => {
    expect(summary(grouper().group(rec('A09.900+K93.8*')))).toBe('A09.9 331.608717');
  });
});

describe('order independence on the real catalog (property, fixed seed)', () => {
  const procs = ['43.4108', '43.4101', '45.2302', '44.1300x001', '43.4105', '45.2501', '88.0101', '45.4307', '48.3603'];
  const dxs = ['K31.700', 'K63.500', 'K29.500', 'A09.900', 'D52.000'];
  const secondaries = ['I10.x00', 'E11.900', 'J18.900', 'N17.900', 'K21.000'];
  const modes: Partial<GroupingOptions>[] = [{}, { mainProcedureRole: 'anyListed' }, { relatedMatchMode: 'overlapCount', fallbackChain: ['chapterPacket'] }, { comprehensiveClassFrom: 'highestListed', tieBreak: ['mostMatchedProcedures', 'lowestPoints'] }];
  test.prop(
    [
      fc.constantFrom(...dxs),
      fc.option(fc.constantFrom(...procs), { nil: undefined }),
      fc.uniqueArray(fc.constantFrom(...procs), { maxLength: 5 }),
      fc.uniqueArray(fc.constantFrom(...secondaries), { maxLength: 4 }),
      fc.integer({ min: 0, max: modes.length - 1 }),
      fc.integer({ min: 0, max: 1_000_000 }),
    ],
    { seed: 4444, numRuns: 300 },
  )('the result does not depend on the order of secondary diagnoses or other procedures', (dx, p0, others, sec, m, salt) => {
    const g = grouper(modes[m]!);
    const rot = (xs: string[]): string[] => {
      const k = xs.length === 0 ? 0 : salt % xs.length;
      return [...xs.slice(k), ...xs.slice(0, k)].reverse();
    };
    const a = g.group(rec(dx, p0, others, { secondaryDx: sec, caseId: 'P' }));
    const b = g.group(rec(dx, p0, rot(others), { secondaryDx: rot(sec), caseId: 'P' }));
    expect(b).toEqual(a);
  });
});

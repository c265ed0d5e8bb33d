/**
 * Grouper semantics on small hand-built catalogs: each tie-break criterion, the related-match modes, the MAIN role,
 * short-code prefixes, the comprehensive and fallback steps (DIP-RULES.md §4.2, §4.4–§4.6).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createGrouper } from '../../src/grouping/index.js';
import type { GroupResult } from '../../src/grouping/index.js';
import type { GroupingOptions } from '../../src/policy/schema.js';
import type { Yuan } from '../../src/decimal/brands.js';
import { catalogOf, chapter, classes, comp, core, opts, rec } from './helpers.js';

const CLASSES = classes({
  '47.0100': 'surgery',
  '54.5100': 'surgery',
  '45.2302': 'diagnostic',
  '99.2503': 'therapeutic',
  '39.9500': 'therapeutic',
  '00.6601': 'interventional',
});

function code(r: GroupResult): string {
  return r.status === 'grouped' ? r.packetCode : `ungrouped:${r.reason}`;
}

function grouperFor(packets: Parameters<typeof catalogOf>[0], over: Partial<GroupingOptions> = {}) {
  return createGrouper(catalogOf(packets), { options: opts(over), procedureClasses: CLASSES });
}

describe('tie-break criteria (DIP-RULES §4.6 tieBreak), one at a time', () => {
  const pair = [
    core('K35.3:47.0100', '1000'),
    core('K35.3:47.0100_54.5100', '1000', { averageCost: '10500' }),
    core('K35.3:47.0100_45.2302', '1500', { averageCost: '12000' }),
  ];
  const both = rec('K35.300', '47.0100', ['54.5100', '45.2302'], { totalCost: '11000.00' as Yuan });

  it('highestPoints picks the 1,500-point packet, lowestPoints the 1,000-point one', () => {
    expect(code(grouperFor(pair, { tieBreak: ['highestPoints'] }).group(both))).toBe('K35.3:47.0100_45.2302');
    expect(code(grouperFor(pair, { tieBreak: ['lowestPoints'] }).group(both))).toBe('K35.3:47.0100_54.5100');
  });

  it('closestAverageCost: |10500 − 11000| = 500 < |12000 − 11000| = 1000', () => {
    expect(code(grouperFor(pair, { tieBreak: ['closestAverageCost'] }).group(both))).toBe('K35.3:47.0100_54.5100');
    const dear = rec('K35.300', '47.0100', ['54.5100', '45.2302'], { totalCost: '11900.00' as Yuan });
    expect(code(grouperFor(pair, { tieBreak: ['closestAverageCost'] }).group(dear))).toBe('K35.3:47.0100_45.2302');
  });

  it('packetCode: lowest code ("…_45.2302" < "…_54.5100")', () => {
    expect(code(grouperFor(pair, { tieBreak: ['packetCode'] }).group(both))).toBe('K35.3:47.0100_45.2302');
  });

  it('mostRelatedMatched is the national first step: 1 related matched beats the principal-only packet even with higher points', () => {
    const g = grouperFor([core('K35.3:47.0100', '2000'), core('K35.3:47.0100_54.5100', '1000')], { tieBreak: ['mostRelatedMatched', 'highestPoints'] });
    const r = g.group(rec('K35.300', '47.0100', ['54.5100']));
    expect(code(r)).toBe('K35.3:47.0100_54.5100');
    expect(r.trace.candidates).toEqual([
      { packetCode: 'K35.3:47.0100', mainUsed: '47.0100', relatedMatched: 0, relatedTotal: 0, eliminatedBy: 'fewerRelatedMatched' },
      { packetCode: 'K35.3:47.0100_54.5100', mainUsed: '47.0100', relatedMatched: 1, relatedTotal: 1 },
    ]);
  });

  it('mostAndSegments (overlapCount mode): 1 of 2 segments outranks 1 of 1', () => {
    const pk = [core('K35.3:47.0100_54.5100', '1000'), core('K35.3:47.0100_54.5100+45.2302', '900')];
    const r = rec('K35.300', '47.0100', ['54.5100']);
    expect(code(grouperFor(pk, { relatedMatchMode: 'overlapCount', tieBreak: ['mostAndSegments'] }).group(r))).toBe('K35.3:47.0100_54.5100+45.2302');
    expect(code(grouperFor(pk, { relatedMatchMode: 'overlapCount', tieBreak: ['highestPoints'] }).group(r))).toBe('K35.3:47.0100_54.5100');
    // subset mode: the 2-segment packet is not eligible at all.
    expect(code(grouperFor(pk, { tieBreak: ['mostAndSegments'] }).group(r))).toBe('K35.3:47.0100_54.5100');
  });

  it('mostMatchedProcedures: an any-of group covering 2 of the case codes beats one covering 1', () => {
    const pk = [core('K35.3:47.0100_54.5100|45.2302', '900'), core('K35.3:47.0100_54.5100', '1000')];
    const r = rec('K35.300', '47.0100', ['54.5100', '45.2302']);
    expect(code(grouperFor(pk, { tieBreak: ['mostMatchedProcedures'] }).group(r))).toBe('K35.3:47.0100_54.5100|45.2302');
    expect(code(grouperFor(pk, { tieBreak: ['highestPoints'] }).group(r))).toBe('K35.3:47.0100_54.5100');
  });

  it('noUnmatchedExtraProcedure: prefers the packet leaving no case procedure unmatched', () => {
    const pk = [core('K35.3:47.0100_54.5100|45.2302', '1200'), core('K35.3:47.0100_54.5100', '1000')];
    const r = rec('K35.300', '47.0100', ['54.5100', '45.2302']);
    expect(code(grouperFor(pk, { tieBreak: ['noUnmatchedExtraProcedure', 'lowestPoints'] }).group(r))).toBe('K35.3:47.0100_54.5100|45.2302');
    expect(code(grouperFor(pk, { tieBreak: ['lowestPoints'] }).group(r))).toBe('K35.3:47.0100_54.5100');
    // With only 54.5100 listed both leave nothing unmatched: the next criterion decides.
    expect(code(grouperFor(pk, { tieBreak: ['noUnmatchedExtraProcedure', 'lowestPoints'] }).group(rec('K35.300', '47.0100', ['54.5100'])))).toBe('K35.3:47.0100_54.5100');
  });

  it('a chain still tied falls to the lowest packet code and says so in the trace', () => {
    const pk = [core('K35.3:47.0100_54.5100', '1000'), core('K35.3:47.0100_45.2302', '1000')];
    const r = grouperFor(pk, { tieBreak: ['highestPoints'] }).group(rec('K35.300', '47.0100', ['54.5100', '45.2302']));
    expect(code(r)).toBe('K35.3:47.0100_45.2302');
    expect(r.trace.candidates.find((c) => c.packetCode === 'K35.3:47.0100_54.5100')?.eliminatedBy).toBe('finalPacketCode');
  });
});

describe('related-match modes and the MAIN role (DIP-RULES §4.2)', () => {
  const pk = [
    core('K35.3', '500'),
    core('K35.3:47.0100', '1000'),
    core('K35.3:54.5100', '1100'),
    core('K35.3:47.0100_54.5100+45.2302', '1500'),
    comp('K35:SS', '1300'),
    comp('K35:ZDXCZ', '800'),
  ];

  it('overlapCount: the 2-segment packet wins with 1 segment matched; subset: the principal-only packet', () => {
    const r = rec('K35.300', '47.0100', ['54.5100']);
    expect(code(grouperFor(pk, { relatedMatchMode: 'overlapCount' }).group(r))).toBe('K35.3:47.0100_54.5100+45.2302');
    expect(code(grouperFor(pk).group(r))).toBe('K35.3:47.0100');
  });

  it('overlapCount with nothing matched prefers the principal-only packet (step 5 (2))', () => {
    const pk2 = [core('K35.3:47.0100', '1000'), core('K35.3:47.0100_54.5100+45.2302', '1500')];
    const r = grouperFor(pk2, { relatedMatchMode: 'overlapCount' }).group(rec('K35.300', '47.0100'));
    expect(code(r)).toBe('K35.3:47.0100');
    expect(r.trace.candidates.find((c) => c.packetCode.endsWith('45.2302'))?.eliminatedBy).toBe('notPrincipalOnly');
  });

  it('mainProcedureRole: principalOnly / anyListed / preferPrincipal', () => {
    const r = rec('K35.300', '45.2302', ['54.5100']);
    // principalOnly: no packet has MAIN 45.2302 → comprehensive by the principal's class (diagnostic).
    expect(code(grouperFor(pk).group(r))).toBe('K35:ZDXCZ');
    expect(code(grouperFor(pk, { mainProcedureRole: 'anyListed' }).group(r))).toBe('K35.3:54.5100');
    expect(code(grouperFor(pk, { mainProcedureRole: 'preferPrincipal' }).group(r))).toBe('K35.3:54.5100');
    // preferPrincipal keeps the principal as MAIN when that gives an eligible packet.
    const r2 = rec('K35.300', '47.0100', ['54.5100']);
    expect(code(grouperFor(pk, { mainProcedureRole: 'preferPrincipal', tieBreak: ['highestPoints'] }).group(r2))).toBe('K35.3:47.0100');
    expect(code(grouperFor(pk, { mainProcedureRole: 'anyListed', tieBreak: ['highestPoints'] }).group(r2))).toBe('K35.3:54.5100');
  });

  it('procedureCodeMatch prefixForShortCodes: a catalog code "47.0" covers 47.0100 only in that mode', () => {
    const pk3 = [core('K35.3:47.0', '1000'), comp('K35:SS', '1300')];
    const r = rec('K35.300', '47.0100');
    expect(code(grouperFor(pk3).group(r))).toBe('K35:SS');
    expect(code(grouperFor(pk3, { procedureCodeMatch: 'prefixForShortCodes' }).group(r))).toBe('K35.3:47.0');
  });
});

describe('conservative, comprehensive and fallback steps (DIP-RULES §4.1, §4.4, §4.5)', () => {
  const pk = [
    core('K35.3', '500'),
    core('K35.3:47.0100', '1000'),
    comp('K35:SS', '1300'),
    comp('K35:BSZL', '600'),
    comp('K80:SS', '1400'),
    chapter('11', 'SS'),
    chapter('11', 'ZLXCZ'),
    chapter('11', 'BSZL'),
  ];

  it('coreConservativeFallback: a procedure case with no core procedure packet takes the conservative core packet', () => {
    const r = rec('K35.300', '54.5100');
    expect(code(grouperFor(pk).group(r))).toBe('K35:SS');
    const g = grouperFor(pk, { coreConservativeFallback: true });
    const res = g.group(r);
    expect(code(res)).toBe('K35.3');
    expect(res.status === 'grouped' && res.route).toBe('coreConservativeFallback');
    // classLadder ranks comprehensive·surgery above core·conservative.
    expect(code(grouperFor(pk, { coreConservativeFallback: true, typePriority: 'classLadder' }).group(r))).toBe('K35:SS');
  });

  it('comprehensiveMissingGroup: medicalGroup takes K35:BSZL for a therapeutic case, fallback goes to the chain', () => {
    const r = rec('K35.300', '99.2503');
    const med = grouperFor(pk).group(r);
    expect(code(med)).toBe('K35:BSZL');
    expect(med.status === 'grouped' && med.route).toBe('comprehensiveMedicalGroup');
    expect(code(grouperFor(pk, { comprehensiveMissingGroup: 'fallback' }).group(r))).toBe('ungrouped:NO_COMPREHENSIVE_GROUP');
    expect(code(grouperFor(pk, { comprehensiveMissingGroup: 'fallback', fallbackChain: ['chapterPacket'] }).group(r))).toBe('CP11:ZLXCZ');
  });

  it('interventionalAsSurgery: 00.6601 routes to SS, or to the therapeutic group when off', () => {
    const r = rec('K80.200', '00.6601');
    expect(code(grouperFor(pk).group(r))).toBe('K80:SS');
    expect(code(grouperFor(pk, { interventionalAsSurgery: false }).group(r))).toBe('ungrouped:NO_COMPREHENSIVE_GROUP');
  });

  it('comprehensiveClassFrom highestListed: a diagnostic principal with a listed surgery routes to SS', () => {
    const r = rec('K80.200', '45.2302', ['54.5100']);
    expect(code(grouperFor(pk).group(r))).toBe('ungrouped:NO_COMPREHENSIVE_GROUP');
    expect(code(grouperFor(pk, { comprehensiveClassFrom: 'highestListed' }).group(r))).toBe('K80:SS');
  });

  it('unknown diagnosis: NO_PACKET_FOR_DIAGNOSIS, or the chapter packet (chapter by 3-character range)', () => {
    const r = rec('K92.200');
    expect(code(grouperFor(pk).group(r))).toBe('ungrouped:NO_PACKET_FOR_DIAGNOSIS');
    expect(code(grouperFor(pk, { fallbackChain: ['chapterPacket'] }).group(r))).toBe('CP11:BSZL');
  });

  it('excluded principal diagnosis and ignored procedures (catalog exclusion lists)', () => {
    const cat = catalogOf(pk, { excludedPrincipalDx: [{ kind: 'code', code: 'K35.300' }], ignoredProcedures: ['54.5100'] });
    const g = createGrouper(cat, { options: opts(), procedureClasses: CLASSES });
    const r = g.group(rec('K35.300', '47.0100'));
    expect(code(r)).toBe('ungrouped:EXCLUDED_PRINCIPAL_DX');
    expect(r.caseIssues.map((i) => [i.code, i.severity])).toEqual([['grouping.excluded_principal_dx', 'warning']]);
    const asError = createGrouper(cat, { options: opts({ excludedPrincipalDx: 'error' }), procedureClasses: CLASSES }).group(rec('K35.300'));
    expect(asError.caseIssues[0]?.severity).toBe('error');
    // 54.5100 is removed before matching: the case has no procedure left → conservative core packet.
    const r2 = g.group(rec('K35.301', '54.5100'));
    expect(code(r2)).toBe('K35.3');
    expect(r2.trace.ignoredProcedures).toEqual(['54.5100']);
  });

  it('invalid principal diagnosis', () => {
    expect(code(grouperFor(pk).group(rec('')))).toBe('ungrouped:INVALID_PRINCIPAL_DX');
    expect(code(grouperFor(pk).group(rec('47.0100')))).toBe('ungrouped:INVALID_PRINCIPAL_DX');
  });

  it('unknownProcedure: flag keeps it a procedure with the fallback class; conservative makes the case conservative', () => {
    const r = rec('K35.300', '99.9999');
    const flagged = grouperFor(pk, { unknownProcedureFallbackClass: 'surgery' }).group(r);
    expect(code(flagged)).toBe('K35:SS');
    expect(flagged.caseIssues.map((i) => i.code)).toEqual(['grouping.unknown_procedure_class']);
    const cons = grouperFor(pk, { unknownProcedure: 'conservative' }).group(r);
    expect(code(cons)).toBe('K35.3');
    expect(cons.caseIssues.map((i) => i.code)).toEqual(['grouping.unknown_procedure_class']);
  });
});

describe('typePriority, principal procedure source, trace level (DIP-RULES §4.6, §4.8)', () => {
  const pk = [core('K35.3:99.2503', '2000'), core('K35.3:54.5100', '1100'), comp('K35:SS', '1300'), comp('K35:ZLXCZ', '900')];

  it('classLadder: a surgical MAIN beats a therapeutic MAIN before the tie-break chain (anyListed)', () => {
    const r = rec('K35.300', '99.2503', ['54.5100']);
    expect(code(grouperFor(pk, { mainProcedureRole: 'anyListed' }).group(r))).toBe('K35.3:99.2503');
    const ladder = grouperFor(pk, { mainProcedureRole: 'anyListed', typePriority: 'classLadder' }).group(r);
    expect(code(ladder)).toBe('K35.3:54.5100');
    expect(ladder.trace.candidates.find((c) => c.packetCode === 'K35.3:99.2503')?.eliminatedBy).toBe('classLadder');
  });

  it('principalProcedureSource: coded flags a higher-class listed code; highestClass makes it the principal', () => {
    const r = rec('K35.300', '99.2503', ['54.5100']);
    const coded = grouperFor(pk).group(r);
    expect(code(coded)).toBe('K35.3:99.2503');
    expect(coded.caseIssues.map((i) => i.code)).toEqual(['grouping.principal_not_highest']);
    const highest = grouperFor(pk, { principalProcedureSource: 'highestClass' }).group(r);
    expect(code(highest)).toBe('K35.3:54.5100');
    expect(highest.status === 'grouped' && [highest.procClass, highest.unmatchedProcedures]).toEqual(['surgery', ['99.2503']]);
  });

  it('summary trace keeps the path but not the candidates', () => {
    const g = createGrouper(catalogOf(pk), { options: opts(), procedureClasses: CLASSES, trace: 'summary' });
    const r = g.group(rec('K35.300', '54.5100'));
    expect(r.trace).toEqual({
      level: 'summary',
      steps: [{ step: 'core', outcome: 'matched', detail: 'K35.3:54.5100' }],
      principalDx: 'K35.300',
      subcategory: 'K35.3',
      category: 'K35',
      ignoredProcedures: [],
      candidates: [],
    });
  });
});

describe('order independence (property, fixed seed)', () => {
  const pk = [
    core('K35.3', '500'),
    core('K35.3:47.0100', '1000'),
    core('K35.3:54.5100', '1100'),
    core('K35.3:47.0100_54.5100', '1200'),
    core('K35.3:47.0100_45.2302', '1200'),
    core('K35.3:47.0100_54.5100+45.2302', '1500'),
    core('K35.3:54.5100_99.2503|39.9500', '1300'),
    comp('K35:SS', '1300'),
    comp('K35:ZDXCZ', '800'),
  ];
  const pool = ['47.0100', '54.5100', '45.2302', '99.2503', '39.9500', '00.6601', '99.9999'];
  const modes: Partial<GroupingOptions>[] = [
    {},
    { mainProcedureRole: 'anyListed' },
    { mainProcedureRole: 'preferPrincipal', relatedMatchMode: 'overlapCount' },
    { comprehensiveClassFrom: 'highestListed', tieBreak: ['mostMatchedProcedures', 'noUnmatchedExtraProcedure', 'lowestPoints'] },
  ];
  test.prop(
    [fc.constantFrom(...pool), fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 5 }), fc.integer({ min: 0, max: modes.length - 1 }), fc.infiniteStream(fc.nat())],
    { seed: 20250101, numRuns: 300 },
  )('permuting other procedures never changes the result', (p0, others, m, rnd) => {
    const g = grouperFor(pk, modes[m]!);
    const shuffled = [...others];
    const it = rnd[Symbol.iterator]();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = (it.next().value as number) % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const a = g.group(rec('K35.300', p0, others));
    const b = g.group(rec('K35.300', p0, shuffled));
    expect({ ...b, caseId: a.caseId }).toEqual(a);
  });
});

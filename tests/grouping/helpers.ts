/** Test helpers: small hand-built catalogs and records for the grouper tests. */
import { indexCatalog } from '../../src/catalog/indexCatalog.js';
import type {
  AuxSubtype,
  Catalog,
  ComprehensiveGroup,
  ComprehensivePacket,
  CorePacket,
  FallbackPacket,
  ProcedureRef,
  ProcedureClass,
} from '../../src/catalog/types.js';
import type { Points, Yuan } from '../../src/decimal/brands.js';
import type { GroupingOptions } from '../../src/policy/schema.js';
import { DEFAULT_GROUPING_OPTIONS } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';

export const ref = (code: string): ProcedureRef => ({ code, isShort: code.length < 7 });

/** A core packet in Pingdingshan notation `DX5[:MAIN[_REL+REL]]`; a related segment may be `A|B` (any-of). */
export function core(code: string, points: string, extra: { averageCost?: string; aux?: AuxSubtype[]; isPrimaryCare?: boolean } = {}): CorePacket {
  const [dx, rest] = code.split(':') as [string, string | undefined];
  const [main, rel] = rest === undefined ? [undefined, undefined] : (rest.split('_') as [string, string | undefined]);
  return {
    code,
    kind: 'core',
    isPrimaryCare: extra.isPrimaryCare ?? false,
    points: points as Points,
    dx: { kind: 'subcategory', key: dx },
    main: main === undefined ? [] : main.split('|').map(ref),
    related: rel === undefined ? [] : rel.split('+').map((seg) => seg.split('|').map(ref)),
    ...(extra.averageCost === undefined ? {} : { averageCost: extra.averageCost as Yuan }),
    ...(extra.aux === undefined ? {} : { auxSubtypes: extra.aux }),
  };
}

const GROUP_BY_SUFFIX: Record<string, ComprehensiveGroup> = { SS: 'surgery', ZLXCZ: 'therapeutic', ZDXCZ: 'diagnostic', BSZL: 'conservative' };

export function comp(code: string, points: string): ComprehensivePacket {
  const [cat, suffix] = code.split(':') as [string, string];
  return { code, kind: 'comprehensive', isPrimaryCare: false, points: points as Points, dx: { kind: 'category', key: cat }, main: [], related: [], group: GROUP_BY_SUFFIX[suffix]! };
}

export function chapter(ch: string, suffix: string): FallbackPacket {
  return {
    code: `CP${ch}:${suffix}`,
    kind: 'fallback',
    isPrimaryCare: false,
    points: '1000' as Points,
    dx: { kind: 'any' },
    main: [],
    related: [],
    fallbackType: 'chapterPacket',
    chapter: ch,
    group: GROUP_BY_SUFFIX[suffix]!,
  };
}

export function catalogOf(packets: Parameters<typeof indexCatalog>[1], meta: Partial<Parameters<typeof indexCatalog>[0]> = {}): Catalog {
  return indexCatalog({ id: 'test', name: 'test', version: '1', ...meta }, packets);
}

export function classes(entries: Record<string, ProcedureClass>): ReadonlyMap<string, ProcedureClass> {
  return new Map(Object.entries(entries));
}

export function opts(over: Partial<GroupingOptions> = {}): GroupingOptions {
  return { ...DEFAULT_GROUPING_OPTIONS, ...over };
}

let n = 0;
/** A discharge record with the given codes; other fields are plausible constants. */
export function rec(principalDx: string, principalProcedure?: string, otherProcedures: string[] = [], extra: Partial<DischargeRecord> = {}): DischargeRecord {
  n++;
  return {
    caseId: `T${n}`,
    hospitalId: 'H1',
    insuranceType: 'employee',
    admissionDate: '2025-03-01',
    dischargeDate: '2025-03-08',
    age: 45,
    principalDx,
    secondaryDx: [],
    ...(principalProcedure === undefined ? {} : { principalProcedure }),
    otherProcedures,
    losDays: 7,
    totalCost: '10000.00' as Yuan,
    fundPaid: '7000.00' as Yuan,
    patientPaid: '3000.00' as Yuan,
    ...extra,
  };
}

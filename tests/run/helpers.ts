/** Test helpers for the region-year run: a resolved policy from the engine defaults, and a table-driven fake grouper. */
import type { Points, Ratio, Yuan } from '../../src/decimal/brands.js';
import type { CorePacket } from '../../src/catalog/types.js';
import type { GroupResult, GroupTrace } from '../../src/grouping/types.js';
import {
  DEFAULT_AUXILIARY_OPTIONS,
  DEFAULT_COEFFICIENT_OPTIONS,
  DEFAULT_GROUPING_OPTIONS,
  DEFAULT_OUTLIER_OPTIONS,
  DEFAULT_POINT_VALUE_OPTIONS,
  DEFAULT_ROUNDING_OPTIONS,
  DEFAULT_SETTLEMENT_OPTIONS,
  DEFAULT_SPECIAL_CASE_OPTIONS,
  DEFAULT_UNGROUPED_OPTIONS,
} from '../../src/policy/schema.js';
import type { CoefficientOptions, PointValueOptions, ResolvedPolicy, SettlementOptions } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import type { CaseGrouper } from '../../src/run/settleRegionYear.js';
import type { RecordItem } from '../../src/run/types.js';

export interface PolicyOverrides {
  readonly coefficients?: Partial<CoefficientOptions>;
  readonly pointValue?: Partial<PointValueOptions>;
  readonly settlement?: Partial<SettlementOptions>;
}

/** A resolved policy: engine defaults (DIP-RULES.md §10) with the given sections merged in. */
export function makePolicy(o: PolicyOverrides = {}): ResolvedPolicy {
  return {
    id: 'test-region',
    name: 'Test region',
    regionCode: '410400',
    date: '2025-12-31',
    grouping: DEFAULT_GROUPING_OPTIONS,
    auxiliary: DEFAULT_AUXILIARY_OPTIONS,
    coefficients: { ...DEFAULT_COEFFICIENT_OPTIONS, ...o.coefficients },
    outlier: DEFAULT_OUTLIER_OPTIONS,
    ungrouped: DEFAULT_UNGROUPED_OPTIONS,
    specialCase: DEFAULT_SPECIAL_CASE_OPTIONS,
    pointValue: { ...DEFAULT_POINT_VALUE_OPTIONS, ...o.pointValue },
    settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, ...o.settlement },
    rounding: DEFAULT_ROUNDING_OPTIONS,
  };
}

const TRACE: GroupTrace = { level: 'summary', steps: [], principalDx: '', subcategory: '', category: '', ignoredProcedures: [], candidates: [] };

/** A grouper that maps the principal diagnosis to a core packet of the given points; other diagnoses are ungrouped. */
export function fakeGrouper(packets: Readonly<Record<string, string>>): CaseGrouper {
  return {
    group(r: DischargeRecord): GroupResult {
      const rw = packets[r.principalDx];
      const common = { caseId: r.caseId, hospitalId: r.hospitalId, caseIssues: [], trace: TRACE };
      if (rw === undefined) return { ...common, status: 'ungrouped', reason: 'NO_PACKET_FOR_DIAGNOSIS', procClass: undefined };
      const packet: CorePacket = { code: r.principalDx, kind: 'core', isPrimaryCare: false, points: rw as Points, dx: { kind: 'subcategory', key: r.principalDx }, main: [], related: [] };
      return {
        ...common,
        status: 'grouped',
        packet,
        packetCode: packet.code,
        kind: 'core',
        isPrimaryCare: false,
        layer: undefined,
        procClass: 'conservative',
        route: 'conservativeCore',
        matchedProcedures: [],
        unmatchedProcedures: [],
        auxSubtype: undefined,
        auxCoef: '1' as Ratio,
      };
    },
  };
}

let seq = 0;
/** A valid employee-pool record. */
export function rec(p: { hospitalId: string; dx: string; cost: string; fund: string; patient: string; discharge?: string; caseId?: string; pool?: 'employee' | 'resident' }): DischargeRecord {
  seq++;
  return {
    caseId: p.caseId ?? `C${seq}`,
    hospitalId: p.hospitalId,
    insuranceType: p.pool ?? 'employee',
    admissionDate: '2025-01-01',
    dischargeDate: p.discharge ?? '2025-01-10',
    principalDx: p.dx,
    secondaryDx: [],
    otherProcedures: [],
    losDays: 9,
    totalCost: p.cost as Yuan,
    fundPaid: p.fund as Yuan,
    patientPaid: p.patient as Yuan,
  };
}

/** Wrap records as reader items, numbering lines from 2 (line 1 is the header). */
export function items(records: readonly (DischargeRecord | { rejected: string })[]): RecordItem[] {
  return records.map((r, i) =>
    'rejected' in r
      ? { ok: false, line: i + 2, issues: [{ severity: 'error', code: 'record.test', message: r.rejected, line: i + 2 }] }
      : { ok: true, line: i + 2, record: r },
  );
}

import type { Issue } from '../core/issue.js';
import { normalizeDiagnosisCode, normalizeProcedureCode } from '../codes/index.js';
import type { DischargeRecord } from './types.js';

/** One row of a code table (`code,name` CSV of the 医保版 2.0 lists). */
export interface CodeTableRow {
  readonly code: string;
  readonly name?: string;
}

/**
 * The national code tables used for full code validation (DIP-RULES.md §3.5; Code lists): ICD-10 医保版 2.0
 * diagnoses, ICD-9-CM-3 医保版 2.0 procedures, and their grey codes (灰码, not billable). All codes are stored
 * normalised. A dagger pair in the table (`A01.000x005+J17.0*`) also makes its dagger part and its asterisk
 * part known, since records carry them split.
 */
export interface CodeTables {
  readonly diagnoses: ReadonlySet<string>;
  readonly procedures: ReadonlySet<string>;
  readonly greyDiagnoses: ReadonlySet<string>;
  readonly greyProcedures: ReadonlySet<string>;
}

/** Rows to build {@link CodeTables} from. */
export interface CodeTableRows {
  readonly diagnoses: Iterable<CodeTableRow>;
  readonly procedures: Iterable<CodeTableRow>;
  readonly greyDiagnoses?: Iterable<CodeTableRow>;
  readonly greyProcedures?: Iterable<CodeTableRow>;
}

function dxSet(rows: Iterable<CodeTableRow> | undefined): Set<string> {
  const set = new Set<string>();
  for (const row of rows ?? []) {
    const code = normalizeDiagnosisCode(row.code);
    if (code === '') continue;
    set.add(code);
    for (const part of code.split('+')) if (part !== '') set.add(part);
  }
  return set;
}

function procSet(rows: Iterable<CodeTableRow> | undefined): Set<string> {
  const set = new Set<string>();
  for (const row of rows ?? []) {
    const code = normalizeProcedureCode(row.code);
    if (code !== '') set.add(code);
  }
  return set;
}

/**
 * Build code tables from rows (pure; the Node loader is `loadCodeTables` in `src/io`).
 *
 * @example
 * ```ts
 * const t = buildCodeTables({ diagnoses: [{ code: 'A01.000x005+J17.0*' }], procedures: [{ code: '47.0100' }] });
 * t.diagnoses.has('A01.000x005'); // true
 * t.diagnoses.has('J17.0*');      // true
 * ```
 */
export function buildCodeTables(rows: CodeTableRows): CodeTables {
  return {
    diagnoses: dxSet(rows.diagnoses),
    procedures: procSet(rows.procedures),
    greyDiagnoses: dxSet(rows.greyDiagnoses),
    greyProcedures: procSet(rows.greyProcedures),
  };
}

/** What to do with a finding: ignore it, report a warning (row kept), or report an error (row rejected). */
export type CheckSeverity = 'off' | 'warn' | 'error';

/**
 * Severities of the code-table findings. Defaults (no published source; DIP-RULES.md §3.5 says grey codes
 * are "not billable: flag; do not group"): an unknown code is a warning (tables lag behind local extensions);
 * a grey principal diagnosis is an error (the case cannot be grouped or paid); any other grey code
 * (secondary diagnosis, procedure) is a warning.
 */
export interface CodeTableSeverities {
  readonly unknown?: CheckSeverity;
  readonly greyPrincipalDx?: CheckSeverity;
  readonly greyOther?: CheckSeverity;
}

function make(sev: CheckSeverity, code: string, message: string, column: string, received: string, line: number | undefined): Issue | undefined {
  if (sev === 'off') return undefined;
  return { severity: sev === 'error' ? 'error' : 'warning', code, message, column, received, ...(line === undefined ? {} : { line }) };
}

/**
 * Check a validated record's codes against the national tables. Issue codes: `codes.unknown_dx`,
 * `codes.unknown_procedure`, `codes.grey_principal_dx`, `codes.grey_dx`, `codes.grey_procedure`.
 *
 * @example
 * ```ts
 * const t = buildCodeTables({ diagnoses: [{ code: 'A00.000' }], procedures: [], greyDiagnoses: [{ code: 'A00.000' }] });
 * checkRecordCodes({ principalDx: 'A00.000', secondaryDx: [], otherProcedures: [] }, t)[0]?.code; // 'codes.grey_principal_dx'
 * ```
 */
export function checkRecordCodes(
  record: Pick<DischargeRecord, 'principalDx' | 'secondaryDx' | 'principalProcedure' | 'otherProcedures'>,
  tables: CodeTables,
  severities: CodeTableSeverities = {},
  line?: number,
): Issue[] {
  const unknown = severities.unknown ?? 'warn';
  const greyPrincipal = severities.greyPrincipalDx ?? 'error';
  const greyOther = severities.greyOther ?? 'warn';
  const issues: Issue[] = [];
  const push = (i: Issue | undefined): void => {
    if (i !== undefined) issues.push(i);
  };
  const dx = (code: string, column: string, principal: boolean): void => {
    if (!tables.diagnoses.has(code)) {
      push(make(unknown, 'codes.unknown_dx', `${column}: ${code} is not in ICD-10 医保版 2.0`, column, code, line));
    } else if (tables.greyDiagnoses.has(code)) {
      push(
        principal
          ? make(greyPrincipal, 'codes.grey_principal_dx', `principal_dx ${code} is a grey code (灰码): not billable, the case cannot be grouped`, column, code, line)
          : make(greyOther, 'codes.grey_dx', `${column}: ${code} is a grey code (灰码)`, column, code, line),
      );
    }
  };
  const proc = (code: string, column: string): void => {
    if (!tables.procedures.has(code)) {
      push(make(unknown, 'codes.unknown_procedure', `${column}: ${code} is not in ICD-9-CM-3 医保版 2.0`, column, code, line));
    } else if (tables.greyProcedures.has(code)) {
      push(make(greyOther, 'codes.grey_procedure', `${column}: ${code} is a grey code (灰码)`, column, code, line));
    }
  };
  dx(record.principalDx, 'principal_dx', true);
  for (const c of record.secondaryDx) dx(c, 'secondary_dx', false);
  if (record.principalProcedure !== undefined) proc(record.principalProcedure, 'principal_procedure');
  for (const c of record.otherProcedures) proc(c, 'other_procedures');
  return issues;
}

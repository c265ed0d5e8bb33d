/**
 * A structured problem report, in the style of valibot issues: something a program can act on
 * (`code`, `path`, `expected`, `received`) and a person can read (`message`).
 *
 * Bad input never throws: readers and validators return issues and go on. Programmer errors
 * (calling an API against its contract) throw `Error`.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   severity: 'error', code: 'record.discharge_before_admission',
 *   message: 'discharge_date 2025-01-02 is before admission_date 2025-01-05',
 *   line: 17, column: 'discharge_date', received: '2025-01-02',
 * };
 * ```
 */
export interface Issue {
  /** `error` rejects the row / policy / packet; `warning` is reported and the item is kept. */
  readonly severity: 'error' | 'warning';
  /** Stable machine-readable code, dotted: `area.what` (e.g. `decimal.exponent`, `csv.column_count`). */
  readonly code: string;
  /** Human-readable message (English; see `messageZh` for the zh-CN text where provided). */
  readonly message: string;
  /** Optional zh-CN message. */
  readonly messageZh?: string;
  /** Path into a structured input (policy JSON, catalog JSON). */
  readonly path?: readonly (string | number)[];
  /** 1-based physical line number in the input file (the line the record starts on). */
  readonly line?: number;
  /** Canonical column / field name. */
  readonly column?: string;
  /** What was expected, in words or a pattern. */
  readonly expected?: string;
  /** What was received (a string excerpt; long values are cut to 80 characters). */
  readonly received?: string;
}

/** Cut a received value for an issue so that a huge field cannot blow up a report. */
export function excerpt(value: unknown, max = 80): string {
  const s = typeof value === 'string' ? value : safeStringify(value);
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

/** Build an error issue; the optional fields are only set when given (exactOptionalPropertyTypes). */
export function issue(code: string, message: string, extra: Omit<Partial<Issue>, 'code' | 'message'> = {}): Issue {
  return { severity: 'error', code, message, ...extra };
}

/** Build a warning issue. */
export function warning(code: string, message: string, extra: Omit<Partial<Issue>, 'code' | 'message' | 'severity'> = {}): Issue {
  return { ...extra, severity: 'warning', code, message };
}

/** A discriminated result: a value, or the issues that prevented it. */
export type Result<T> = { readonly ok: true; readonly value: T; readonly warnings?: readonly Issue[] } | { readonly ok: false; readonly issues: readonly Issue[] };

/** JSON text of a value for a report; never throws (BigInt, cycles, throwing getters fall back to `String`). */
function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v.toString()}n` : v)) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}

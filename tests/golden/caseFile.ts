/**
 * The golden case file format (fixtures/cases/*.json), zod-validated so that a malformed case fails with a clear
 * message naming the file and the field. One case per file; every number is a decimal string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './auditEnv.js';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a plain decimal string such as "1350.0000"');
const money = z.string().regex(/^-?\d+\.\d{2}$/, 'money with exactly 2 decimals, e.g. "13500.00"');
const points4 = z.string().regex(/^-?\d+\.\d{4}$/, 'points with exactly 4 decimals, e.g. "1350.0000"');

const common = {
  /** Unique id; by convention the file name without `.json`. */
  id: z.string().min(1),
  /** A built-in preset name (`national-2024`, …); or `policy`: a policy JSON path relative to the case file. Neither: `DIP_AUDIT_POLICY`. */
  preset: z.string().optional(),
  policy: z.string().optional(),
  /** The date the policy is resolved at (YYYY-MM-DD). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The DIP-RULES.md rule exercised (section, worked example). */
  rule: z.string().min(1),
  description: z.string().min(1),
  /** The hand computation of every expected value. */
  explanation: z.string().min(1),
};

const casePointsCase = z.strictObject({
  ...common,
  kind: z.literal('casePoints'),
  inputs: z.strictObject({
    rw: decimal,
    kind: z.enum(['core', 'comprehensive', 'tcm', 'fallback']).default('core'),
    isPrimaryCare: z.boolean().optional(),
    /** Institution coefficient c; or `institutionLevel`, looked up in the policy's `coefficients.byLevel`. */
    coef: decimal.optional(),
    institutionLevel: z.string().optional(),
    auxCoef: decimal.optional(),
    cost: decimal,
    pointValue: decimal,
    referenceCoef: decimal.optional(),
    sameLevelAverageCost: decimal.optional(),
    simulatedAverageCost: decimal.optional(),
    referenceCost: decimal.optional(),
  }),
  expected: z.strictObject({
    outlierClass: z.enum(['normal', 'low', 'high', 'extreme', 'aboveHighBand', 'zeroRw', 'notTested', 'noReference']),
    points: points4,
    /** points × PV, 2 dp half-up (§8.1). */
    standard: money.optional(),
    needsReview: z.boolean().optional(),
  }),
});

const ungroupedCase = z.strictObject({
  ...common,
  kind: z.literal('ungrouped'),
  inputs: z.strictObject({
    cost: decimal,
    chapterPacket: z.boolean().optional(),
    blankPacketRw: decimal.optional(),
    blankPacketAverageCost: decimal.optional(),
    pointValue: decimal.optional(),
  }),
  expected: z.strictObject({ included: z.boolean(), points: points4 }),
});

const prepaymentCase = z.strictObject({
  ...common,
  kind: z.literal('monthlyPrepayment'),
  inputs: z.strictObject({ points: decimal, pointValue: decimal, patientPaid: decimal, auditDeductions: decimal.optional() }),
  expected: z.strictObject({ gross: money, prepay: money, depositWithheld: money, deferred: money }),
});

const amountDueCase = z.strictObject({
  ...common,
  kind: z.literal('amountDue'),
  inputs: z
    .strictObject({
      points: decimal,
      pointValue: decimal,
      fundPayRatio: decimal,
      /** k given directly, or from the policy's assessment bands for this score. */
      assessmentCoefficient: decimal.optional(),
      assessmentScore: decimal.optional(),
      auditDeductions: decimal.optional(),
    })
    .refine((x) => x.assessmentCoefficient === undefined || x.assessmentScore === undefined, 'give assessmentCoefficient or assessmentScore, not both'),
  expected: z.strictObject({ amountDue: money }),
});

const netPaymentCase = z.strictObject({
  ...common,
  kind: z.literal('netPayment'),
  inputs: z
    .strictObject({
      entitlement: decimal,
      depositWithheld: decimal,
      /** s given directly, or from the policy's assessment bands for this score. */
      refundShare: decimal.optional(),
      assessmentScore: decimal.optional(),
      prepaymentsTotal: decimal,
      advanceOutstanding: decimal,
    })
    .refine((x) => (x.refundShare === undefined) !== (x.assessmentScore === undefined), 'give exactly one of refundShare, assessmentScore'),
  expected: z.strictObject({ refund: money, forfeit: money, net: money }),
});

export const GoldenCaseSchema = z
  .discriminatedUnion('kind', [casePointsCase, ungroupedCase, prepaymentCase, amountDueCase, netPaymentCase])
  .refine((c) => !(c.preset !== undefined && c.policy !== undefined), 'give "preset" or "policy", not both');
export type GoldenCase = z.infer<typeof GoldenCaseSchema>;

export interface LoadedCase {
  readonly file: string;
  readonly dir: string;
  readonly parsed: { ok: true; value: GoldenCase } | { ok: false; error: string };
}

/** The case directories: fixtures/cases plus `DIP_AUDIT_CASES` (path-separated list). */
export function caseDirectories(): string[] {
  const extra = (process.env.DIP_AUDIT_CASES ?? '').split(/[:;]/).filter((s) => s !== '');
  return [join(REPO_ROOT, 'fixtures/cases'), ...extra.map((d) => resolve(process.cwd(), d))];
}

/** Every `*.json` file of a directory, sorted, parsed and validated (a bad file yields `ok: false`, not a throw). */
export function loadCases(dir: string): LoadedCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        return { file, dir, parsed: { ok: false as const, error: `not JSON: ${(e as Error).message}` } };
      }
      const r = GoldenCaseSchema.safeParse(raw);
      if (!r.success) return { file, dir, parsed: { ok: false as const, error: r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ') } };
      return { file, dir, parsed: { ok: true as const, value: r.data } };
    });
}

import type { Issue } from '../core/issue.js';
import { POLICY_ISSUE_CODES, type PolicyIssueCode } from './policyIssueCodes.js';

/** A path into the policy JSON. */
export type PolicyPath = readonly (string | number)[];

/** Optional parts of a policy issue. */
export interface PolicyIssueExtra {
  readonly severity?: 'error' | 'warning';
  /** Specific zh-CN text; default the code's generic zh text plus expected / received. */
  readonly zh?: string;
  readonly expected?: string;
  readonly received?: string;
}

/**
 * Build a policy issue with both an English `message` and a zh-CN `messageZh` (the validator drops
 * `messageZh` unless the zh-CN locale was asked for).
 *
 * @example
 * ```ts
 * policyIssue('policy.band_gap', ['parameters', 'settlement', 0, 'value', 'assessmentBands', 0, 'minScore'],
 *   'the first assessment band must start at score 0', { zh: '第一个考核分段必须从 0 分开始' })
 * // { severity: 'error', code: 'policy.band_gap', message: 'the first assessment band …', messageZh: '第一个考核分段必须从 0 分开始', path: [...] }
 * ```
 */
export function policyIssue(code: PolicyIssueCode, path: PolicyPath, message: string, extra: PolicyIssueExtra = {}): Issue {
  const generic = POLICY_ISSUE_CODES[code].zh;
  const detail = [extra.expected === undefined ? '' : `应为：${extra.expected}`, extra.received === undefined ? '' : `实际为：${extra.received}`].filter((s) => s !== '').join('；');
  const zh = extra.zh ?? (detail === '' ? generic : `${generic}（${detail}）`);
  return {
    severity: extra.severity ?? 'error',
    code,
    message,
    messageZh: zh,
    path: [...path],
    ...(extra.expected === undefined ? {} : { expected: extra.expected }),
    ...(extra.received === undefined ? {} : { received: extra.received }),
  };
}

/** Render a path as `parameters.settlement[0].value.prepayRatio`. */
export function formatPath(path: PolicyPath | undefined): string {
  if (path === undefined || path.length === 0) return '(root)';
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

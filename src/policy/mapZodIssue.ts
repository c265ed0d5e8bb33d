import type { z } from 'zod';
import type { Issue } from '../core/issue.js';
import { excerpt } from '../core/issue.js';
import { parseDecimal } from '../decimal/index.js';
import { DECIMAL_PATTERN } from './fields.js';
import type { PolicyIssueCode } from './policyIssueCodes.js';
import { policyIssue, type PolicyPath } from './policyIssue.js';

type ZodIssue = z.core.$ZodIssue;

function toPath(prefix: PolicyPath, path: readonly PropertyKey[]): (string | number)[] {
  return [...prefix, ...path.map((p) => (typeof p === 'number' ? p : String(p)))];
}

function describeType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/**
 * Map one zod issue to our `Issue` form (code `policy.*`, path into the JSON, expected / received,
 * English message and zh-CN message). Unrecognised keys give one issue per key.
 *
 * @example
 * ```ts
 * mapZodIssue({ code: 'invalid_value', values: ['a', 'b'], path: ['x'], message: '…', input: 'c' }, [])
 * // [{ code: 'policy.invalid_value', path: ['x'], expected: '"a" | "b"', received: '"c"', … }]
 * ```
 */
export function mapZodIssue(zi: ZodIssue, prefix: PolicyPath = []): Issue[] {
  const path = toPath(prefix, zi.path);
  const input: unknown = (zi as { input?: unknown }).input;
  const received = input === undefined ? undefined : excerpt(typeof input === 'string' ? JSON.stringify(input) : input);
  const withReceived = received === undefined ? {} : { received };
  const last = path[path.length - 1];
  switch (zi.code) {
    case 'invalid_type': {
      if (input === undefined) {
        return [policyIssue('policy.missing_field', path, `missing required field "${String(last)}" (${zi.expected})`, { expected: zi.expected, zh: `缺少必填字段 "${String(last)}"` })];
      }
      return [policyIssue('policy.invalid_type', path, `${zi.message.startsWith('Invalid input') ? `expected ${zi.expected}, received ${describeType(input)}` : zi.message}`, { expected: zi.expected, ...withReceived })];
    }
    case 'invalid_value': {
      const expected = zi.values.map((v) => JSON.stringify(v)).join(' | ');
      if (path.length === 1 && path[0] === 'schemaVersion') {
        return [policyIssue('policy.unsupported_schema_version', path, `schemaVersion must be ${expected}`, { expected, ...withReceived })];
      }
      return [policyIssue('policy.invalid_value', path, `expected one of ${expected}`, { expected, ...withReceived })];
    }
    case 'unrecognized_keys':
      return zi.keys.map((k) => policyIssue('policy.unknown_key', [...path, k], `unknown field "${k}"`, { zh: `未知字段 "${k}"` }));
    case 'too_small':
    case 'too_big': {
      const code: PolicyIssueCode = zi.origin === 'array' && zi.code === 'too_small' ? 'policy.too_few_items' : 'policy.out_of_range';
      const bound = zi.code === 'too_small' ? `${zi.inclusive === false ? '>' : '≥'} ${String(zi.minimum)}` : `${zi.inclusive === false ? '<' : '≤'} ${String(zi.maximum)}`;
      const expected = zi.origin === 'array' ? `${bound} items` : zi.origin === 'string' ? `length ${bound}` : bound;
      return [policyIssue(code, path, `expected ${expected}`, { expected, ...withReceived })];
    }
    case 'invalid_format': {
      if (zi.format === 'regex' && (zi as { pattern?: string }).pattern === DECIMAL_PATTERN.toString()) {
        const parsed = parseDecimal(input, { maxScale: 40 });
        const negative = !parsed.ok && parsed.issue.code === 'decimal.negative';
        return [policyIssue(negative ? 'policy.negative_value' : 'policy.invalid_decimal', path, zi.message, { expected: negative ? 'a value ≥ 0' : 'a decimal string such as "0.95"', ...withReceived })];
      }
      return [policyIssue('policy.invalid_format', path, zi.message, { expected: (zi as { pattern?: string }).pattern ?? zi.format, ...withReceived })];
    }
    case 'custom': {
      const params = (zi.params ?? {}) as { code?: PolicyIssueCode; expected?: string };
      return [policyIssue(params.code ?? 'policy.invalid_value', path, zi.message, { ...(params.expected === undefined ? {} : { expected: params.expected }), ...withReceived })];
    }
    case 'invalid_union':
      return [policyIssue('policy.invalid_type', path, `value does not match any allowed form (received ${describeType(input)})`, withReceived)];
    default:
      return [policyIssue('policy.invalid_value', path, zi.message, withReceived)];
  }
}

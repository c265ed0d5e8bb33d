/**
 * Regressions found by the reader fuzzing (tests/fuzz): validatePolicy must never throw, whatever a direct API
 * caller passes, and issues must never carry a huge received value.
 */
import { describe, expect, it } from 'vitest';
import { validatePolicy, getPreset } from '../../src/policy/index.js';
import { excerpt } from '../../src/core/issue.js';

describe('validatePolicy never throws', () => {
  it.each([
    ['a BigInt', 0n],
    ['an array with a BigInt', [0n]],
    ['an object with a BigInt', { a: 0n }],
    ['a BigInt schemaVersion', { schemaVersion: 1n }],
  ])('on %s: an issue, not an exception', (_name, input) => {
    const r = validatePolicy(input);
    expect(r.ok).toBe(false);
  });
  it('on a circular object', () => {
    const o: Record<string, unknown> = { schemaVersion: 1 };
    o.self = o;
    expect(validatePolicy(o).ok).toBe(false);
  });
  it('cuts a 100,000-character unknown source key to an excerpt', () => {
    const p = getPreset('national-2024') as unknown as { parameters: Record<string, { source: unknown }[]> };
    const huge = 'x'.repeat(100_000);
    p.parameters.outlier![0]!.source = huge;
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const i = r.issues.find((x) => x.code === 'policy.unknown_source');
      expect(i).toBeDefined();
      expect(i!.received!.length).toBeLessThan(120);
      expect(i!.message.length).toBeLessThan(200);
    }
  });
});

describe('excerpt', () => {
  it('renders BigInt and cycles without throwing', () => {
    expect(excerpt(12n)).toBe('"12n"');
    const o: Record<string, unknown> = {};
    o.o = o;
    expect(excerpt(o)).toBe('[object Object]');
    expect(excerpt('y'.repeat(100))).toBe(`${'y'.repeat(80)}…(100 chars)`);
  });
});

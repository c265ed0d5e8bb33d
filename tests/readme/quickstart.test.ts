/**
 * The README's API quick start, executed: if this test breaks, the README is wrong.
 * Keep the code between the markers identical to the README block (a test below checks it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README quick start', () => {
  it('groups and scores a record file against the Pingdingshan catalog', async () => {
    // --- README quick start begins ---
    const { loadCatalog, loadProcedureClasses, readRecords, createGrouper, computeCasePoints, resolveInstitutionCoefficient, getPreset, resolvePolicy } =
      await import('../../src/node.js');

    // 1. The region's rules, in force at a date (a preset here; your own policy JSON goes through validatePolicy).
    const resolved = resolvePolicy(getPreset('pingdingshan-2025'), '2025-06-30');
    if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join('\n'));
    const policy = resolved.value;

    // 2. The catalog with its statistics, and the national procedure classes.
    const { catalog } = await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', {
      statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
    });
    const { table: procedureClasses } = await loadProcedureClasses('fixtures/icd/procedure-classes.csv');
    const grouper = createGrouper(catalog, { options: policy.grouping, procedureClasses });
    const budgetPointValue = '5.718153'; // 元 per point (预算点值), e.g. from computeBudgetPointValue over past years

    // 3. Stream the records: every bad row comes back with its line, column, code and message.
    const results: string[] = [];
    for await (const event of readRecords('fixtures/records/sample-utf8.csv')) {
      if (event.type === 'rejected') results.push(`line ${event.line}: ${event.issues.map((i) => i.code).join(', ')}`);
      if (event.type !== 'record') continue;
      const g = grouper.group(event.record);
      if (g.status !== 'grouped') {
        results.push(`${event.record.caseId}: ungrouped (${g.reason})`);
        continue;
      }
      const c = resolveInstitutionCoefficient(policy.coefficients, { level: '二级', packetCode: g.packetCode, isPrimaryCare: g.isPrimaryCare });
      const points = computeCasePoints(
        { rw: g.packet.points, kind: g.kind, coef: c.coef, auxCoef: g.auxCoef, cost: event.record.totalCost, pointValue: budgetPointValue },
        policy,
      );
      results.push(`${event.record.caseId}: ${g.packetCode} ${points.outlierClass} ${points.points.toFixed(4)} points`);
    }
    // --- README quick start ends ---
    // K35.3:47.0100 has RW 1,484.833425 (catalog.csv); 二级 c = 0.85; cost 13,500.00 is within 0.5–2 × R:
    // 1,484.833425 × 0.85 = 1,262.10841125 → 1,262.1084 (4 dp half-up).
    expect(results[0]).toBe('Z0001: K35.3:47.0100 normal 1262.1084 points');
    expect(results).toHaveLength(6);
    console.log(results.join('\n'));
  });

  it('the README shows exactly this code', () => {
    const src = readFileSync('tests/readme/quickstart.test.ts', 'utf8');
    const block = src.split('// --- README quick start begins ---\n')[1]!.split('    // --- README quick start ends ---')[0]!;
    const readme = readFileSync('README.md', 'utf8');
    const dedented = block
      .split('\n')
      .map((l) => l.replace(/^ {4}/, ''))
      .join('\n')
      .replace("await import('../../src/node.js')", "await import('dip-engine/node')")
      .trimEnd();
    expect(readme).toContain(dedented);
  });
});

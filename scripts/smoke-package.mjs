// Packaging smoke test: the built package loads from ESM and from CJS through its `exports` map
// (package self-reference), and the exact decimal core works from both.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const esm = await import('dip-engine');
const require = createRequire(import.meta.url);
const cjs = require('dip-engine');

for (const [name, mod] of [['ESM', esm], ['CJS', cjs]]) {
  assert.equal(typeof mod.parseDecimal, 'function', `${name}: parseDecimal exported`);
  const r = mod.parseDecimal('1.005');
  assert.ok(r.ok, `${name}: parseDecimal('1.005')`);
  assert.equal(mod.formatFixed(mod.roundDec(r.value, { scale: 2, mode: 'halfUp' }), 2), '1.01', `${name}: half-up`);
  console.log(`${name}: dip-engine loads (${Object.keys(mod).length} exports)`);
}
const nodeEsm = await import('dip-engine/node');
const nodeCjs = require('dip-engine/node');
assert.equal(typeof nodeEsm.parseDecimal, 'function');
assert.equal(typeof nodeCjs.parseDecimal, 'function');
console.log('dip-engine/node loads from ESM and CJS');

// The built CLI settles with worker threads (dist/settle-worker.js) exactly as in one thread.
{
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'dip-smoke-'));
  const args = ['dist/cli.js', 'settle', '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', '--records', 'fixtures/records/bad-rows-1000.csv', '--hospitals', 'examples/small/hospitals.csv', '--year', '2025'];
  const run = (out, extra) => {
    try {
      execFileSync(process.execPath, [...args, '--out', join(dir, out), ...extra], { stdio: 'pipe' });
    } catch (e) {
      if (e.status !== 1) throw e; // exit 1: the fixture's bad rows are reported
    }
  };
  run('one', []);
  run('w2', ['--workers', '2', '--chunk-kib', '16']);
  for (const f of ['cases.csv', 'issues.csv', 'hospitals.csv']) assert.ok(readFileSync(join(dir, 'one', f)).equals(readFileSync(join(dir, 'w2', f))), `dist CLI --workers 2: ${f} identical`);
  rmSync(dir, { recursive: true, force: true });
  console.log('dist/cli.js settle --workers 2 gives the one-thread outputs');
}

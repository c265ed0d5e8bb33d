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

/**
 * `npx tsx bench/group-agreement.ts [rows] [seed]`: group a seeded synthetic year (default 100,000 cases) with the
 * pingdingshan-2025 preset and compare each case with the packet the generator drew it from (`source_packet`).
 * Prints the agreement on unambiguous cases (must be 100 %) and every kind of disagreement — ambiguous draws
 * included — with the generator's stated ambiguity and one example case each.
 */
import process from 'node:process';
import { buildPacketPlans } from '../src/synthetic/packetPlans.js';
import { fixturePaths, loadSyntheticTables } from '../src/io/loadPacketStats.js';
import { FIXTURES, pingdingshanGrouper, samePacket, syntheticCases } from './group-common.js';

const rows = Number(process.argv[2] ?? 100_000);
const seed = process.argv[3] ?? 'dip-engine-2025';

/** Shape of a packet code for grouping disagreements: core conservative / core / comprehensive group / fallback. */
function shape(code: string): string {
  if (code.startsWith('ungrouped:')) return code;
  if (code === 'KBBZ') return 'KBBZ';
  if (/^CP\d\d:/u.test(code)) return `CPnn:${code.slice(5)}`;
  const [dx, rest] = code.split(':');
  if (rest === undefined) return 'DX5';
  if (dx !== undefined && dx.length === 3) return `DX3:${rest}`;
  return rest.includes('_') ? 'DX5:MAIN_REL' : 'DX5:MAIN';
}

const t0 = Date.now();
const { grouper, statsOnly } = await pingdingshanGrouper();
const plans = new Map(buildPacketPlans(await loadSyntheticTables(fixturePaths(FIXTURES))).map((p) => [p.code, p]));
let total = 0;
let bad = 0;
let rejected = 0;
let unamb = 0;
let unambOk = 0;
let amb = 0;
let ambOk = 0;
const kinds = new Map<string, { n: number; unambiguous: number; ambiguity: Map<string, number>; example: string }>();
for await (const c of syntheticCases({ rows, seed })) {
  total++;
  if (c.bad) {
    bad++;
    continue;
  }
  if (c.record === undefined) {
    rejected++;
    continue;
  }
  const r = grouper.group(c.record);
  const got = r.status === 'grouped' ? r.packetCode : `ungrouped:${r.reason}`;
  const ok = samePacket(got, c.sourcePacket);
  if (c.unambiguous) {
    unamb++;
    if (ok) unambOk++;
  } else {
    amb++;
    if (ok) ambOk++;
  }
  if (ok) continue;
  const key = `${shape(c.sourcePacket)} → ${shape(got)}`;
  let k = kinds.get(key);
  if (k === undefined) {
    const rec = c.record;
    k = { n: 0, unambiguous: 0, ambiguity: new Map(), example: `${c.sourcePacket} → ${got}: dx ${rec.principalDx}, principal ${rec.principalProcedure ?? '—'}, others [${rec.otherProcedures.join(';')}]` };
    kinds.set(key, k);
  }
  k.n++;
  if (c.unambiguous) k.unambiguous++;
  const statsOnlyHit = r.status === 'grouped' && r.kind === 'comprehensive' && statsOnly.has(r.packetCode);
  const why = statsOnlyHit
    ? `generator/catalog mismatch: ${got} is a statistics-sheet-only packet the loader adds, the generator treats its category as packetless`
    : (plans.get(c.sourcePacket)?.ambiguity ?? (c.unambiguous ? 'stated unambiguous' : 'no reason given'));
  k.ambiguity.set(why.replace(/ties with .*/u, 'ties with another packet'), (k.ambiguity.get(why.replace(/ties with .*/u, 'ties with another packet')) ?? 0) + 1);
}
const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(3)} %`);
console.log(`synthetic year: ${total} rows (seed ${seed}); bad rows ${bad}, rejected by validation ${rejected}`);
console.log(`unambiguous: ${unambOk} / ${unamb} agree (${pct(unambOk, unamb)})`);
console.log(`ambiguous:   ${ambOk} / ${amb} agree (${pct(ambOk, amb)})`);
console.log(`all grouped: ${unambOk + ambOk} / ${unamb + amb} agree (${pct(unambOk + ambOk, unamb + amb)})`);
console.log('disagreements by kind (source shape → grouped shape):');
for (const [key, k] of [...kinds].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`  ${key}: ${k.n} (unambiguous ${k.unambiguous})`);
  for (const [why, n] of [...k.ambiguity].sort((a, b) => b[1] - a[1])) console.log(`      generator: ${why} (${n})`);
  console.log(`      e.g. ${k.example}`);
}
console.log(`elapsed ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (unambOk !== unamb) process.exitCode = 1;

/**
 * Memory per duplicate-detection key: `CaseKeySet` vs a `Map<string, number>`, for 1,870,844 keys shaped like the
 * synthetic city-year (`H4104000nn` × `C2025nnnnnnnn`). Run with `node --expose-gc --import tsx bench/case-keys-memory.ts`.
 */
import process from 'node:process';
import { CaseKeySet } from '../src/io/CaseKeySet.js';

const N = 1_870_844;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const used = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const hospital = (i: number): string => `H4104000${String(i % 60).padStart(2, '0')}`;
const caseId = (i: number): string => `C2025${String(i).padStart(8, '0')}`;

let base = used();
const keys = new CaseKeySet();
for (let i = 0; i < N; i++) keys.add(hospital(i), caseId(i), i + 2);
const setBytes = used() - base;
const setReport = { keys: keys.size, bytes: setBytes, bytesPerKey: Number((setBytes / N).toFixed(1)), typedArrayBytes: keys.byteSize };

base = used();
const map = new Map<string, number>();
for (let i = 0; i < N; i++) map.set(`${hospital(i)}\u0000${caseId(i)}`, i + 2);
const mapBytes = used() - base;
process.stdout.write(`${JSON.stringify({ caseKeySet: setReport, map: { keys: map.size, bytes: mapBytes, bytesPerKey: Number((mapBytes / N).toFixed(1)) }, node: process.version })}\n`);

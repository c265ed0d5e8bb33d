/**
 * `npx tsx bench/profile-summary.ts PROFILE.cpuprofile [top]`: summarise a V8 CPU profile (`node --cpu-prof`) by
 * pipeline stage (self time of every sample, attributed to the source file of its function) and list the top
 * functions by self time. Stage of a frame = the first matching rule on its URL; frames of Node internals and
 * libraries are attributed to the nearest project caller on the stack (decimal.js keeps its own row).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[]; hitCount?: number }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const file = process.argv[2];
if (file === undefined) { process.stderr.write('usage: profile-summary.ts PROFILE [top]\n'); process.exit(2); }
const top = Number(process.argv[3] ?? 25);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
// A bundled build (dist/cli.js with its .map) is mapped back to the source files, so the stages and names work
// on the built CLI as on `tsx src/…` (which runs slower and so profiles a different program).
const maps = new Map<string, SourceMap | undefined>();
function sourceMapOf(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    let m: SourceMap | undefined;
    if (url.startsWith('file://') && url.endsWith('.js')) {
      const path = `${fileURLToPath(url)}.map`;
      if (existsSync(path)) m = new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
    }
    maps.set(url, m);
  }
  return maps.get(url);
}
for (const n of p.nodes) {
  const cf = n.callFrame;
  const m = sourceMapOf(cf.url);
  if (m === undefined || cf.lineNumber < 0) continue;
  const e = m.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number };
  if (e.originalSource !== undefined) { cf.url = e.originalSource; cf.lineNumber = e.originalLine ?? cf.lineNumber; }
}
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const RULES: readonly (readonly [string, RegExp])[] = [
  ['decimal.js (Decimal arithmetic)', /node_modules\/decimal\.js/u],
  ['decode (TextChunkDecoder)', /src\/io\/TextChunkDecoder/u],
  ['tokenize (CsvTokenizer)', /src\/io\/CsvTokenizer/u],
  ['read loop / header map (readRecords, mapHeader, CaseKeySet)', /src\/io\/(readRecords|mapHeader|CaseKeySet)/u],
  ['validate (src/records, src/codes)', /src\/(records|codes)\//u],
  ['group (src/grouping)', /src\/grouping\//u],
  ['case points (src/points)', /src\/points\//u],
  ['aggregate (src/settlement, src/pointValue)', /src\/(settlement|pointValue)\//u],
  ['write (writeCsv)', /src\/io\/writeCsv/u],
  ['run orchestration (src/run)', /src\/run\//u],
  ['decimal helpers (src/decimal)', /src\/decimal\//u],
  ['catalog / policy load', /src\/(catalog|policy|io\/load)/u],
  ['cli', /src\/cli\//u],
];
function stageOf(url: string): string | undefined {
  for (const [name, re] of RULES) if (re.test(url)) return name;
  return undefined;
}
const stageCache = new Map<number, string>();
function stageOfNode(id: number): string {
  const hit = stageCache.get(id);
  if (hit !== undefined) return hit;
  const n = byId.get(id)!;
  let s = stageOf(n.callFrame.url);
  if (s === undefined) {
    if (n.callFrame.functionName === '(garbage collector)') s = 'GC';
    else if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') s = n.callFrame.functionName;
    else {
      const up = parent.get(id);
      s = up === undefined ? 'other (node internals, startup)' : stageOfNode(up);
      if (s === '(root)') s = 'other (node internals, startup)';
    }
  }
  stageCache.set(id, s);
  return s;
}
/** For decimal.js frames: the stage of the nearest project caller on the stack. */
function callerStage(id: number): string {
  let up = parent.get(id);
  while (up !== undefined) {
    const s = stageOfNode(up);
    if (!s.startsWith('decimal')) return s;
    up = parent.get(up);
  }
  return 'unknown';
}
const decimalBy = new Map<string, number>();
const stageUs = new Map<string, number>();
const fnUs = new Map<string, number>();
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const id = p.samples[i]!;
  const dt = p.timeDeltas[i + 1] ?? 0;
  total += dt;
  const s = stageOfNode(id);
  stageUs.set(s, (stageUs.get(s) ?? 0) + dt);
  if (s.startsWith('decimal.js')) {
    const c = callerStage(id);
    decimalBy.set(c, (decimalBy.get(c) ?? 0) + dt);
  }
  const cf = byId.get(id)!.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*\/(src|node_modules)\//u, '$1/')}:${cf.lineNumber + 1}`;
  fnUs.set(key, (fnUs.get(key) ?? 0) + dt);
}
const fmt = (us: number): string => `${(us / 1e6).toFixed(2)} s`;
console.log(`profile ${file}: ${fmt(total)} sampled`);
console.log('| stage | self time | share |\n|---|---:|---:|');
for (const [s, us] of [...stageUs].sort((a, b) => b[1] - a[1])) console.log(`| ${s} | ${fmt(us)} | ${((100 * us) / total).toFixed(1)} % |`);
console.log('\ndecimal.js self time by the stage that called it:\n| caller stage | decimal.js time | share of all |\n|---|---:|---:|');
for (const [s, us] of [...decimalBy].sort((a, b) => b[1] - a[1])) console.log(`| ${s} | ${fmt(us)} | ${((100 * us) / total).toFixed(1)} % |`);
console.log(`\ntop ${top} functions by self time:`);
for (const [f, us] of [...fnUs].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${fmt(us)}  ${f}`);

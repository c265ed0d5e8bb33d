/**
 * `npx tsx bench/h3-ab.ts [--records FILE] [--rounds N] [--mode group|score|both] [--passes P]`: interleaved A/B in one
 * process of grouping + case scoring as `dip settle` does it (policy `examples/small/policy.json`, the Pingdingshan
 * catalog with its statistics, trace `summary`, the class table behind `classOf`): the frozen copies
 * (`tests/grouping/grouperH3Reference.ts`, `tests/run/reference/caseScorerH3.ts`) against `src/`.
 *
 * Every round and variant reads the records afresh (untimed, `readRecords`), builds a fresh grouper and scorer
 * (untimed), then times one pass over the fresh records — as in the run, where each record's strings are new (not
 * yet hashed). `--passes P` > 1 times further passes over the same (now warm) records, as the in-memory bench does.
 * Mode `group`: `grouper.group` alone; `score`: `scorer.score` (grouping included); `both` (default): both, each on
 * its own fresh read. Results of the two variants are checked deep-equal (every record). Best of `rounds` (default 5)
 * per variant, µs per case, CPU time of the process, and the load.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import { createGrouper } from '../src/grouping/index.js';
import type { Grouper } from '../src/grouping/index.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { loadHospitals } from '../src/io/loadHospitals.js';
import { loadProcedureClasses } from '../src/io/loadProcedureClasses.js';
import { fixturePaths } from '../src/io/loadPacketStats.js';
import { readRecords } from '../src/io/readRecords.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import type { CaseScorer } from '../src/run/caseScorer.js';
import { createGrouper as createGrouperRef } from '../tests/grouping/grouperH3Reference.js';
import { createCaseScorer as createCaseScorerRef } from '../tests/run/reference/caseScorerH3.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const recordsPath = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
const hospitalsPath = recordsPath.replace(/\.csv$/u, '-hospitals.csv');
const rounds = Number(arg('rounds') ?? '5');
const passes = Number(arg('passes') ?? '1');
const mode = arg('mode') ?? 'both';
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
/** CPU time of the process (user + system, ms): less sensitive than wall time to other processes taking the cores. */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const doc = validatePolicy(JSON.parse(readFileSync('examples/small/policy.json', 'utf8')) as unknown);
if (!doc.ok) throw new Error('policy');
const resolved = resolvePolicy(doc.value, '2025-12-31');
if (!resolved.ok) throw new Error('policy');
const policy = resolved.value;
const paths = fixturePaths('fixtures');
const [cat, cls] = await Promise.all([loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', { statsPath: paths.packetStats }), loadProcedureClasses(paths.procedureClasses)]);
const hospitals = (await loadHospitals(hospitalsPath)).rows;
const table = cls.table;

type Make = () => { grouper: Grouper; scorer: CaseScorer };
const variants: [string, Make][] = [
  [
    'old',
    () => {
      const grouper = createGrouperRef(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (c) => table.classOf(c) }, trace: 'summary' });
      return { grouper, scorer: createCaseScorerRef({ policy, grouper, year: 2025, hospitals }) };
    },
  ],
  [
    'mid',
    () => {
      const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (c) => table.classOf(c) }, trace: 'summary' });
      return { grouper, scorer: createCaseScorerRef({ policy, grouper, year: 2025, hospitals }) };
    },
  ],
  [
    'new',
    () => {
      const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (c) => table.classOf(c) }, trace: 'summary' });
      return { grouper, scorer: createCaseScorer({ policy, grouper, year: 2025, hospitals }) };
    },
  ],
];

// `--only a,b`: those variants (names old, mid = new grouper + old scorer, new); default old and new
const only = arg('only') ?? 'old,new';
variants.splice(0, variants.length, ...variants.filter(([name]) => only.split(',').includes(name)));
const modes = mode === 'both' ? ['group', 'score'] : [mode];
const best = new Map<string, number>();
const bestCpu = new Map<string, number>();
const bestWarm = new Map<string, number>();
let n = 0;
const firstOut = new Map<string, unknown[]>();
console.log(`node ${process.version}, ${recordsPath}, ${rounds} rounds, modes ${modes.join('+')}, passes ${passes}, load ${loadavg()}`);
/** One streamed pass: records in chunks of 2,048 straight from the reader, only the grouping / scoring timed. */
async function streamed(m: string, grouper: Grouper, scorer: CaseScorer, keep: unknown[] | undefined): Promise<{ ms: number; cpu: number; n: number; recs: DischargeRecord[]; lines: number[] }> {
  const recs: DischargeRecord[] = [];
  const lines: number[] = [];
  let chunk: DischargeRecord[] = [];
  let chunkLines: number[] = [];
  let ms = 0;
  let cpu = 0;
  let count = 0;
  let sink = 0;
  const run = (): void => {
    const c0 = cpuNow();
    const t0 = now();
    if (m === 'group') for (let i = 0; i < chunk.length; i++) sink += keep === undefined ? (grouper.group(chunk[i]!).status === 'grouped' ? 1 : 0) : keep.push(grouper.group(chunk[i]!));
    else for (let i = 0; i < chunk.length; i++) sink += keep === undefined ? (scorer.score(chunk[i]!, chunkLines[i]!, undefined).hasPoints ? 1 : 0) : keep.push(scorer.score(chunk[i]!, chunkLines[i]!, undefined));
    ms += now() - t0;
    cpu += cpuNow() - c0;
    count += chunk.length;
    if (passes > 1) {
      for (let i = 0; i < chunk.length; i++) {
        recs.push(chunk[i]!);
        lines.push(chunkLines[i]!);
      }
    }
    chunk = [];
    chunkLines = [];
  };
  for await (const e of readRecords(recordsPath)) {
    if (e.type !== 'record') continue;
    chunk.push(e.record);
    chunkLines.push(e.line);
    if (chunk.length === 2048) run();
  }
  run();
  if (sink < 0) console.log(sink);
  return { ms, cpu, n: count, recs, lines };
}

for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const m of modes) {
    for (const [name, make] of order) {
      const { grouper, scorer } = make();
      const out: unknown[] | undefined = round === 0 ? [] : undefined;
      const r = await streamed(m, grouper, scorer, out);
      n = r.n;
      const key = `${m} ${name}`;
      best.set(key, Math.min(best.get(key) ?? Infinity, r.ms));
      bestCpu.set(key, Math.min(bestCpu.get(key) ?? Infinity, r.cpu));
      let sink = 0;
      if (passes > 1) {
        const t1 = cpuNow();
        for (let p = 1; p < passes; p++) {
          if (m === 'group') for (let i = 0; i < n; i++) sink += grouper.group(r.recs[i]!).status === 'grouped' ? 1 : 0;
          else for (let i = 0; i < n; i++) sink += scorer.score(r.recs[i]!, r.lines[i]!, undefined).hasPoints ? 1 : 0;
        }
        bestWarm.set(key, Math.min(bestWarm.get(key) ?? Infinity, (cpuNow() - t1) / (passes - 1)));
      }
      if (out !== undefined) {
        const prev = firstOut.get(m);
        if (prev === undefined) firstOut.set(m, out);
        else {
          for (let i = 0; i < n; i++) if (!isDeepStrictEqual(prev[i], out[i])) throw new Error(`${m}: record ${i} differs between variants`);
          console.log(`${m}: ${n} results deep-equal between variants`);
        }
      }
      if (sink < 0) console.log(sink);
    }
  }
}
const [A, B] = variants.map(([name]) => name);
for (const m of B === undefined ? [] : modes) {
  const o = best.get(`${m} ${A}`)!;
  const w = best.get(`${m} ${B}`)!;
  const oc = bestCpu.get(`${m} ${A}`)!;
  const wc = bestCpu.get(`${m} ${B}`)!;
  const us = (ms: number): string => ((ms * 1000) / n).toFixed(3);
  let line = `${m.padEnd(6)} streamed: ${A} ${us(o)} µs/case → ${B} ${us(w)} µs/case (×${(o / w).toFixed(2)}); cpu ${A} ${us(oc)} → ${B} ${us(wc)} (×${(oc / wc).toFixed(2)})`;
  if (passes > 1) line += `; warm cpu: ${A} ${us(bestWarm.get(`${m} ${A}`)!)} → ${B} ${us(bestWarm.get(`${m} ${B}`)!)}`;
  console.log(line);
}
console.log(`load after ${loadavg()}`);

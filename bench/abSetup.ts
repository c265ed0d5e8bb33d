/**
 * Shared set-up of the in-process A/B scripts (`bench/*-ab.ts`): command-line options, the region policy, the
 * Pingdingshan grouper the run uses, the records of a file as the run reads them, the per-case CSV row and a stream
 * that discards (optionally hashes) what is written. Each A/B script keeps only what it compares.
 *
 * @example
 * ```ts
 * const opt = benchOptions({ iterations: 7 });
 * const policy = loadBenchPolicy(opt.policyPath);
 * const { grouper } = await benchGrouper(policy);
 * const items = await readItems(opt.recordsPath);
 * console.log(runLine(`records ${items.length}`)); // "records 200000, node v20.20.2, load 1.43 1.94 2.03"
 * ```
 */
import type { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import process from 'node:process';
import { Writable } from 'node:stream';
import type { Catalog } from '../src/catalog/types.js';
import type { ProcedureClassTable } from '../src/catalog/procedureClasses.js';
import { createGrouper } from '../src/grouping/index.js';
import type { Grouper, GrouperOptions, GroupResult, TraceLevel } from '../src/grouping/index.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { loadHospitals } from '../src/io/loadHospitals.js';
import { fixturePaths } from '../src/io/loadPacketStats.js';
import { loadProcedureClasses } from '../src/io/loadProcedureClasses.js';
import { readRecords } from '../src/io/readRecords.js';
import { getPreset, resolvePolicy, validatePolicy } from '../src/policy/index.js';
import type { ResolvedPolicy } from '../src/policy/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import type { CaseGrouper } from '../src/run/caseScorer.js';
import { recordItemsFromReader } from '../src/run/readerItems.js';
import type { CaseResult, HospitalInfo, RecordItem } from '../src/run/types.js';

/** The options every A/B script shares, with their defaults. */
export interface BenchOptions {
  /** The value after `--name`, or `undefined`. */
  readonly arg: (name: string) => string | undefined;
  /** Whether the bare flag `--name` is given. */
  readonly flag: (name: string) => boolean;
  /** Every value given after `--name` (an option that may repeat, e.g. `--tree a=DIR --tree b=DIR`). */
  readonly all: (name: string) => string[];
  /** `--records` (default the 200,000-row bench file). */
  readonly recordsPath: string;
  /** `--hospitals` (default the generator's `<records>-hospitals.csv`). */
  readonly hospitalsPath: string;
  /** `--iterations` (best of this many interleaved rounds). */
  readonly iterations: number;
  /** `--policy` (default `examples/small/policy.json`, the bench policy of bench/RESULTS.md). */
  readonly policyPath: string;
}

/** Parses `process.argv` into {@link BenchOptions}; `iterations` is the script's default round count. */
export function benchOptions(defaults: { readonly iterations: number }): BenchOptions {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const recordsPath = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
  return {
    arg,
    flag: (name) => argv.includes(`--${name}`),
    all: (name) => argv.flatMap((a, i) => (argv[i - 1] === `--${name}` ? [a] : [])),
    recordsPath,
    hospitalsPath: arg('hospitals') ?? recordsPath.replace(/\.csv$/, '-hospitals.csv'),
    iterations: Number(arg('iterations') ?? String(defaults.iterations)),
    policyPath: arg('policy') ?? 'examples/small/policy.json',
  };
}

/** The policy file at `path` (or the bare `pingdingshan-2025` preset when `undefined`), validated and resolved for 2025-12-31. */
export function loadBenchPolicy(path: string | undefined): ResolvedPolicy {
  let doc;
  if (path === undefined) doc = getPreset('pingdingshan-2025')!;
  else {
    const validated = validatePolicy(JSON.parse(readFileSync(path, 'utf8')) as unknown);
    if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
    doc = validated.value;
  }
  const resolved = resolvePolicy(doc, '2025-12-31');
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return resolved.value;
}

/** The Pingdingshan catalog (with its statistics) and the procedure class table, from `fixtures/`. */
export async function benchCatalog(): Promise<{ catalog: Catalog; classes: ProcedureClassTable }> {
  const paths = fixturePaths('fixtures');
  const [cat, cls] = await Promise.all([loadCatalog(paths.catalog, { statsPath: paths.packetStats }), loadProcedureClasses(paths.procedureClasses)]);
  return { catalog: cat.catalog, classes: cls.table };
}

/** The grouper options `dip settle` passes for `policy`: its grouping and auxiliary sections, the class table, `trace`. */
export function benchGrouperOptions(policy: ResolvedPolicy, classes: ProcedureClassTable, trace: TraceLevel = 'summary'): GrouperOptions {
  return { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (code) => classes.classOf(code) }, trace };
}

/** The Pingdingshan catalog (with its statistics) and the grouper `dip settle` builds for `policy`. */
export async function benchGrouper(policy: ResolvedPolicy, trace: TraceLevel = 'summary'): Promise<{ grouper: Grouper; catalog: Catalog; classes: ProcedureClassTable }> {
  const { catalog, classes } = await benchCatalog();
  return { grouper: createGrouper(catalog, benchGrouperOptions(policy, classes, trace)), catalog, classes };
}

/** The hospital table of a generated year. */
export async function benchHospitals(path: string): Promise<readonly HospitalInfo[]> {
  return (await loadHospitals(path)).rows;
}

/** Every item the run's reader yields for the file at `path` (accepted records, rejected rows, file issues), in order. */
export async function readItems(path: string): Promise<RecordItem[]> {
  const items: RecordItem[] = [];
  for await (const it of recordItemsFromReader(readRecords(path))) items.push(it);
  return items;
}

/** The accepted items of {@link readItems}. */
export function acceptedItems(items: readonly RecordItem[]): Extract<RecordItem, { ok: true }>[] {
  return items.filter((i): i is Extract<RecordItem, { ok: true }> => i.ok === true);
}

/** A grouper that returns the results `grouper` gave the accepted records once: a run loop without the grouper's own time. */
export function memoGrouper(grouper: Grouper, accepted: readonly Extract<RecordItem, { ok: true }>[]): CaseGrouper {
  const grouped = new Map<DischargeRecord, GroupResult>(accepted.map((i) => [i.record, grouper.group(i.record)]));
  return { group: (r) => grouped.get(r)! };
}

/** `text` followed by the Node version and the load average (1/5/15 min), for the first line of a script's output. */
export function runLine(text: string): string {
  return `${text}, node ${process.version}, load ${loadLine()}`;
}

/** The load average (1/5/15 min), two decimals each. */
export function loadLine(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** The 15 cells of a case row as `dip settle` writes them before pass 2 (see src/cli/commands/settle.ts). */
export function caseCells(c: CaseResult): string[] {
  return [String(c.line), c.caseId, c.hospitalId, c.pool, c.month, c.status, c.packetCode ?? '', c.packetKind ?? '', c.outlier ?? '', c.coefficient ?? '', c.auxCoef ?? '', c.ratio ?? '', c.casePoints, c.totalCost, c.reason ?? ''];
}

/** A stream that accepts everything at once, feeding it to `hash` when given (to compare the bytes two variants wrote). */
export function discardStream(hash: ReturnType<typeof createHash> | undefined): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, cb): void {
      hash?.update(chunk);
      cb();
    },
  });
}

/**
 * The best (least) time of each variant over `iterations` rounds, the variants run in turn and in reverse order every
 * other round (so that neither always runs first after the other), keyed by `name`. `runOnce` returns milliseconds.
 */
export async function interleavedBest<V extends { readonly name: string }>(variants: readonly V[], iterations: number, runOnce: (v: V) => Promise<number> | number): Promise<Map<string, number>> {
  const best = new Map<string, number>();
  for (let k = 0; k < iterations; k++) {
    for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
      const ms = await runOnce(v);
      best.set(v.name, Math.min(best.get(v.name) ?? Infinity, ms));
    }
  }
  return best;
}

/** CPU time of this process so far (user + system), in milliseconds: less inflated by a loaded machine than wall time. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The old/new A/B of one step timed by `once` (CPU ms of one call, which also checks the result), as the
 * `bench/l8-*-ab.ts` scripts run it: with `--cold new|old`, that side once in this fresh process (what one CLI run
 * pays; alternate the two in a shell loop); else the {@link interleavedBest} of `opt.iterations` rounds (old first
 * in even rounds). Prints one line, with the load average taken before the first call.
 */
export async function coldOrWarmAB<S>(opt: BenchOptions, sides: { readonly old: S; readonly new: S }, once: (side: S) => number): Promise<void> {
  const load = loadLine();
  const cold = opt.arg('cold');
  if (cold === 'new' || cold === 'old') {
    console.log(`cold ${cold} ${once(sides[cold]).toFixed(1)} ms, load ${load}`);
    return;
  }
  const best = await interleavedBest([{ name: 'old' }, { name: 'new' }] as const, opt.iterations, (v) => once(sides[v.name]));
  const o = best.get('old')!;
  const w = best.get('new')!;
  console.log(`warm best of ${opt.iterations}: old ${o.toFixed(1)} ms, new ${w.toFixed(1)} ms, x${(w / o).toFixed(3)}, load ${load}`);
}

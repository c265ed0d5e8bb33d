/**
 * `npm run demo -- [--cases N | --full] [--seed S] [--fund-ratio R] [--out DIR]`: generate a seeded synthetic
 * city-year on the Pingdingshan 2025 catalog (40 hospitals), settle it with the `pingdingshan-2025` example policy
 * and print a short summary. Outputs (git-ignored) in `out/demo/`: the generated inputs, the policy used, and the
 * four `dip settle` outputs (`cases.csv`, `hospitals.csv`, `summary.json`, `issues.csv`).
 *
 * The policy preset states no budget: the demo adds, per pool, an ILLUSTRATIVE DIP fund
 * `F = round(fundRatio × Σ fund_paid of the generated cases of the pool)` (default ratio 0.98: the fund is 2 % short of
 * what the hospitals booked, DIP-RULES.md §7.5 takes `F` as input) and the budget point value 5.718153 = the
 * Pingdingshan regional average cost per case (REGION_AVE_VAL 5,718.153489, Pingdingshan 2025 catalog) ÷ 1000, the
 * total-cost value of one point on the catalog's scale (RW = m_i / M × 1000, DIP-RULES.md §5.4, §5.12). Residual
 * allocation is switched on (`largestRemainder`), so Σ clearing before assessment equals `F` to the cent; the
 * residual before allocation is printed too.
 *
 * @example
 * ```sh
 * npm run demo                    # 100,000 cases (about 25 s of CPU on one core; see the report for measured times)
 * npm run demo -- --cases 20000
 * npm run demo -- --full          # 1,870,844 cases (one Pingdingshan year)
 * ```
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { run as settle } from '../src/cli/commands/settle.js';
import type { CliIo } from '../src/cli/io.js';
import { ZERO, dec, parseDecimal, roundDec, HALF_UP_2 } from '../src/decimal/index.js';
import type { Dec } from '../src/decimal/index.js';
import { fixturePaths, loadSyntheticTables } from '../src/io/loadPacketStats.js';
import { readTableRows } from '../src/io/loadHospitals.js';
import { CsvWriter, writeCsvFile } from '../src/io/writeCsv.js';
import { getPreset } from '../src/policy/index.js';
import type { RegionSummary } from '../src/run/types.js';
import { COL, DEFAULT_SYNTHETIC_OPTIONS, HOSPITAL_COLUMNS, SYNTHETIC_COLUMNS, SYNTHETIC_NUMERIC_COLUMNS, buildSyntheticModel, generateRecords, hospitalRows } from '../src/synthetic/index.js';

/** Budget PV of the demo: REGION_AVE_VAL 5,718.153489 ÷ 1000, 6 dp half-up (DIP-RULES.md §5.12, §8.7). */
export const DEMO_BUDGET_POINT_VALUE = '5.718153';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly cases: number;
  readonly seed: string;
  readonly hospitals: number;
  /** Share of the generated Σ fund_paid per pool given as the DIP fund. */
  readonly fundRatio: string;
  /** Output directory (absolute or relative to `cwd`). */
  readonly out: string;
  /** Repository root holding `fixtures/`. */
  readonly cwd: string;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { cases: 100_000, seed: 'dip-engine-demo-2025', hospitals: 40, fundRatio: '0.98', out: 'out/demo', cwd: process.cwd() };

/** What {@link runDemo} measured and produced. */
export interface DemoResult {
  readonly exitCode: number;
  readonly summary: RegionSummary;
  readonly hospitals: readonly Readonly<Record<string, string>>[];
  readonly funds: Readonly<Record<'employee' | 'resident', string>>;
  readonly outDir: string;
  readonly seconds: { readonly generate: number; readonly settle: number; readonly total: number };
  /** The printable report. */
  readonly report: string;
}

const t = (): number => performance.now() / 1000;

/** Generate, settle, summarise. Pure of process state except the files under `out`. */
export async function runDemo(partial: Partial<DemoOptions> = {}, io?: Pick<CliIo, 'stderr' | 'stderrIsTTY'>): Promise<DemoResult> {
  const o: DemoOptions = { ...DEFAULT_DEMO_OPTIONS, ...partial };
  const outDir = resolve(o.cwd, o.out);
  const inputDir = resolve(outDir, 'input');
  await mkdir(inputDir, { recursive: true });
  const t0 = t();

  // 1. generate (seeded), summing fund_paid per pool as the rows go by
  const tables = await loadSyntheticTables(fixturePaths(resolve(o.cwd, 'fixtures')));
  const model = buildSyntheticModel(tables, { rows: o.cases, seed: o.seed, hospitals: o.hospitals, year: 2025 });
  const recordsPath = resolve(inputDir, 'records.csv');
  const hospitalsPath = resolve(inputDir, 'hospitals.csv');
  await writeCsvFile(hospitalsPath, HOSPITAL_COLUMNS, hospitalRows(model.hospitals));
  const w = CsvWriter.toFile(recordsPath, SYNTHETIC_COLUMNS, { numericColumns: new Set(SYNTHETIC_NUMERIC_COLUMNS.map((c) => SYNTHETIC_COLUMNS.indexOf(c))) });
  const booked: Record<'employee' | 'resident', Dec> = { employee: ZERO, resident: ZERO };
  let n = 0;
  for (const cells of generateRecords(model)) {
    const pool = cells[COL.insurance_type];
    const f = parseDecimal(cells[COL.fund_paid] ?? '');
    if ((pool === 'employee' || pool === 'resident') && f.ok) booked[pool] = booked[pool].plus(f.value);
    const p = w.writeRow(cells);
    if (p !== undefined) await p;
    if (io?.stderrIsTTY === true && ++n % 100_000 === 0) io.stderr(`\rgenerated ${n.toLocaleString('en-US')} records`);
  }
  await w.close();
  if (io?.stderrIsTTY === true) io.stderr('\n');
  const tGen = t();

  // 2. the policy: the pingdingshan-2025 preset + illustrative fund and budget PV per pool, allocation on
  const ratio = dec(o.fundRatio);
  const funds = {
    employee: roundDec(booked.employee.times(ratio), HALF_UP_2).toFixed(2),
    resident: roundDec(booked.resident.times(ratio), HALF_UP_2).toFixed(2),
  };
  const policy = getPreset('pingdingshan-2025');
  const pvEntry = policy.parameters.pointValue[0]!;
  const stEntry = policy.parameters.settlement[0]!;
  const demoPolicy = {
    ...policy,
    id: 'pingdingshan-2025-demo',
    description: `${policy.description ?? ''} DEMO: DIP fund per pool = ${o.fundRatio} × Σ fund_paid of the generated cases (illustrative); budget PV ${DEMO_BUDGET_POINT_VALUE} = REGION_AVE_VAL / 1000.`,
    parameters: {
      ...policy.parameters,
      pointValue: [
        {
          ...pvEntry,
          assumed: [...(pvEntry.assumed ?? []), 'pools'],
          note: `demo: illustrative funds (${o.fundRatio} × generated Σ fund_paid) and budget PV = REGION_AVE_VAL / 1000`,
          value: { ...pvEntry.value, pools: { employee: { dipFund: funds.employee, budgetPointValue: DEMO_BUDGET_POINT_VALUE }, resident: { dipFund: funds.resident, budgetPointValue: DEMO_BUDGET_POINT_VALUE } } },
        },
      ],
      settlement: [{ ...stEntry, value: { ...stEntry.value, residualAllocation: 'largestRemainder' as const } }],
    },
  };
  const policyPath = resolve(outDir, 'policy.json');
  await writeFile(policyPath, `${JSON.stringify(demoPolicy, null, 2)}\n`, 'utf8');

  // 3. settle with the CLI command (same code path as `dip settle`)
  const captured: string[] = [];
  const exitCode = await settle(
    [
      '--policy', policyPath,
      '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv',
      '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
      '--records', recordsPath,
      '--hospitals', hospitalsPath,
      '--year', '2025',
      '--out', outDir,
    ],
    { stdout: (s) => void captured.push(s), stderr: (s) => (io === undefined ? void captured.push(s) : io.stderr(s)), stderrIsTTY: io?.stderrIsTTY ?? false, cwd: o.cwd },
  );
  const tEnd = t();
  if (exitCode === 2) throw new Error(`dip settle failed:\n${captured.join('')}`);
  const summary = JSON.parse(await readFile(resolve(outDir, 'summary.json'), 'utf8')) as RegionSummary;
  const hospitals = (await readTableRows(resolve(outDir, 'hospitals.csv'))).map((r) => r.cells);
  const seconds = { generate: tGen - t0, settle: tEnd - tGen, total: tEnd - t0 };
  return { exitCode, summary, hospitals, funds, outDir, seconds, report: report(o, summary, hospitals, funds, outDir, seconds) };
}

const pct = (a: number, b: number): string => (b === 0 ? '0.0 %' : `${((100 * a) / b).toFixed(1)} %`);
const group3 = (s: string): string => {
  const [i, f] = s.split('.');
  const g = (i ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f === undefined ? g : `${g}.${f}`;
};

function report(o: DemoOptions, s: RegionSummary, hospitals: readonly Readonly<Record<string, string>>[], funds: Readonly<Record<string, string>>, outDir: string, sec: DemoResult['seconds']): string {
  const c = s.counts;
  const lines: string[] = [];
  lines.push(`DIP demo — synthetic Pingdingshan 2025 year, seed "${o.seed}", ${o.hospitals} hospitals`);
  lines.push(`cases: ${group3(String(c.read))} read = ${group3(String(c.accepted))} accepted + ${group3(String(c.rejected))} rejected; ${group3(String(c.settled))} settled, ${c.unknownHospital} unknown hospital, ${c.outOfYear} out of year`);
  lines.push(`grouped: ${group3(String(c.grouped))} (${pct(c.grouped, c.settled)}), ungrouped ${group3(String(c.ungrouped))} (${pct(c.ungrouped, c.settled)})`);
  lines.push(`  by kind: ${Object.entries(c.byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${pct(v, c.grouped)}`).join(', ')}`);
  lines.push(`  by outlier class: ${Object.entries(c.byOutlier).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${group3(String(v))}`).join(', ')}`);
  lines.push(`DIP fund F = ${o.fundRatio} × Σ fund_paid of the generated cases (illustrative); budget PV ${DEMO_BUDGET_POINT_VALUE} = REGION_AVE_VAL / 1000`);
  for (const p of s.pools) {
    lines.push(
      `  ${p.pool.padEnd(8)} F ${group3(funds[p.pool] ?? '-')}  r ${dec(p.fundPayRatio).toFixed(6)}  P ${group3(dec(p.points).toFixed(4))}  → PV (F ÷ r) ÷ P = ${p.pointValue} (budget ${p.budgetPointValue ?? '-'})`,
    );
    lines.push(`           Σ clearing before assessment ${group3(p.clearingBeforeAssessment)}; residual before allocation ${p.residualBeforeAllocation ?? '-'}, after ${p.residual ?? '-'}`);
  }
  const top = [...hospitals].sort((a, b) => dec(b['net_payment'] ?? '0').cmp(dec(a['net_payment'] ?? '0'))).slice(0, 5);
  lines.push('top hospitals by net payment:');
  for (const h of top) {
    lines.push(`  ${(h['hospital_id'] ?? '').padEnd(12)} ${(h['level'] ?? '').padEnd(3)} points ${group3(dec(h['points'] ?? '0').toFixed(4)).padStart(16)}  clearing ${group3(h['clearing_amount'] ?? '').padStart(16)}  prepaid ${group3(h['prepaid'] ?? '').padStart(16)}  net ${group3(h['net_payment'] ?? '').padStart(14)}`);
  }
  const t = s.totals;
  lines.push(`totals: Σ clearing D ${group3(t.clearingAmount)}; Σ prepaid ${group3(t.prepaid)}; Σ net ${group3(t.netPayment)}; fund ${group3(t.fund ?? '-')} vs Σ clearing before assessment ${group3(t.clearingBeforeAssessment)} → residual ${t.residual ?? '-'}`);
  lines.push(`issues: ${group3(String(s.issueCounts.errors))} errors, ${group3(String(s.issueCounts.warnings))} warnings (issues.csv)`);
  lines.push(`wall time: generate ${sec.generate.toFixed(1)} s, settle ${sec.settle.toFixed(1)} s (${group3(String(Math.round(c.read / sec.settle)))} cases/s incl. catalog load), total ${sec.total.toFixed(1)} s`);
  lines.push(`outputs: ${outDir}/{cases.csv,hospitals.csv,summary.json,issues.csv}, inputs in ${outDir}/input/, policy ${outDir}/policy.json`);
  return `${lines.join('\n')}\n`;
}

function parseCli(argv: readonly string[]): Partial<DemoOptions> {
  const o: { -readonly [K in keyof DemoOptions]?: DemoOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--full') o.cases = DEFAULT_SYNTHETIC_OPTIONS.rows;
    else if (a === '--cases') {
      const v = Number(next());
      if (!Number.isSafeInteger(v) || v < 1) throw new Error('--cases needs a positive integer');
      o.cases = v;
    } else if (a === '--seed') o.seed = next();
    else if (a === '--fund-ratio') {
      const v = next();
      if (!parseDecimal(v).ok) throw new Error('--fund-ratio needs a decimal such as 0.98');
      o.fundRatio = v;
    } else if (a === '--out') o.out = next();
    else throw new Error(`unknown option ${a} (options: --cases N, --full, --seed S, --fund-ratio R, --out DIR)`);
  }
  return o;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const r = await runDemo(parseCli(process.argv.slice(2)), { stderr: (s) => void process.stderr.write(s), stderrIsTTY: Boolean(process.stderr.isTTY) });
    process.stdout.write(r.report);
    if (r.exitCode === 1) process.stdout.write('(dip settle exit code 1: the generated year contains deliberately bad rows; see issues.csv)\n');
  } catch (e) {
    process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}

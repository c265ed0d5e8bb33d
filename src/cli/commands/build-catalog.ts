import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../core/issue.js';
import type { HistoryCase } from '../../catalogBuild/index.js';
import { buildCatalog } from '../../catalogBuild/index.js';
import type { CatalogBuildInputs, SmallComprehensivePolicy } from '../../catalogBuild/index.js';
import type { ReadSummary } from '../../io/index.js';
import { RecordsReadError, readRecords } from '../../io/index.js';
import { loadProcedureClasses } from '../../io/loadProcedureClasses.js';
import type { ProcedureClassTable } from '../../catalog/procedureClasses.js';
import { writeCatalogCsv, writeCatalogJson } from '../../io/loadCatalog.js';
import { loadHospitals } from '../../io/loadHospitals.js';
import type { CatalogBuildOptions, RegionPolicy } from '../../policy/index.js';
import { resolvePolicy, validatePolicy } from '../../policy/index.js';
import type { CliCommand } from '../io.js';
import { EXIT_INPUT_ISSUES, EXIT_OK, EXIT_USAGE } from '../io.js';
import { UsageError, parseArgs } from '../args.js';

const USAGE = `usage: dip build-catalog --history R1.csv,R2.csv,R3.csv --years 2022,2023,2024 --out DIR
                         [--policy P.json] [--date YYYY-MM-DD] [--classes procedure-classes.csv]
                         [--hospitals H.csv] [--primary-levels L1,L2] [--small-comprehensive drop|keep|chapter]
                         [--related-split costIncrease|countOnly] [--json]

Build a region's catalog and packet points from past years' discharge records (DIP-RULES.md §5, §7.1) and write
DIR/catalog.csv, DIR/catalog.json and DIR/report.json.
  --history FILES   one records CSV per year, comma-separated, oldest first
  --years YEARS     the years of those files, ascending (weights 1:2:7 by default go to them in order)
  --policy FILE     region policy JSON; its catalogBuild and rounding sections are used (§10 defaults otherwise), and
                    its pointValue.pvMethod for the budget point value (mean, quantile, optimal1D; optimal2D needs
                    accounting costs, which this command does not read: the report says why there is no value)
  --date DATE       date at which the policy is resolved (default: 1 January of the year after the last history year)
  --classes FILE    procedure class table (default: the packaged fixtures/icd/procedure-classes.csv)
  --hospitals FILE  hospital table (hospital_id, name, level, …): enables level coefficients and primary care
  --primary-levels  level labels of primary-care institutions (基层), for 基层病种 selection
  --small-comprehensive  comprehensive packets still below the threshold: drop (default), keep, chapter (CPnn)
  --related-split   costIncrease (default, ≥ relatedSplitMin) or countOnly
  --json            print the report as one JSON object
Exit: 0 every row accepted, 1 some rows rejected, 2 usage error or unreadable input.
`;

function defaultClassesPath(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../..', '..', '../..']) {
    const p = join(here, up, 'fixtures', 'icd', 'procedure-classes.csv');
    if (existsSync(p)) return p;
  }
  return undefined;
}

function formatIssue(i: Issue): string {
  const where = [i.line === undefined ? undefined : `line ${i.line}`, i.column].filter((x) => x !== undefined).join(', ');
  return `  ${where === '' ? '' : `${where}: `}${i.severity} ${i.code}: ${i.message}`;
}

/**
 * `dip build-catalog`: stream the history files through `readRecords` (rejected rows are reported and left out),
 * build the catalog with `buildCatalog` (DIP-RULES.md §5) and write the catalog as canonical CSV and JSON (read back
 * by `loadCatalog`) plus `report.json` (build report, coefficients, budget point value, read summaries, issues).
 *
 * @example
 * ```ts
 * await run(['--history', 'r22.csv,r23.csv,r24.csv', '--years', '2022,2023,2024', '--out', 'out'], io); // 0
 * ```
 */
export const run: CliCommand = async (argv, io) => {
  const abs = (p: string): string => (isAbsolute(p) ? p : join(io.cwd, p));
  let values: Readonly<Record<string, string>>;
  let json = false;
  let files: string[];
  let years: number[];
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const args = parseArgs(argv, {
      values: ['history', 'years', 'out', 'policy', 'date', 'classes', 'hospitals', 'primary-levels', 'small-comprehensive', 'related-split'],
      booleans: ['json'],
      required: ['history', 'years', 'out'],
    });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0] ?? ''}`);
    values = args.values;
    json = args.booleans.has('json');
    files = (values.history as string).split(',').filter((s) => s !== '');
    years = (values.years as string).split(',').map((s) => {
      if (!/^\d{4}$/u.test(s.trim())) throw new UsageError(`--years: "${s}" is not a year`);
      return Number(s.trim());
    });
    if (files.length !== years.length) throw new UsageError(`--history has ${files.length} files but --years has ${years.length} years`);
    for (let i = 1; i < years.length; i++) if (years[i]! <= years[i - 1]!) throw new UsageError('--years must be ascending');
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(values.date)) throw new UsageError(`--date must be YYYY-MM-DD, not "${values.date}"`);
    const sc = values['small-comprehensive'];
    if (sc !== undefined && !['drop', 'keep', 'chapter'].includes(sc)) throw new UsageError('--small-comprehensive must be drop, keep or chapter');
    const rs = values['related-split'];
    if (rs !== undefined && !['costIncrease', 'countOnly'].includes(rs)) throw new UsageError('--related-split must be costIncrease or countOnly');
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dip build-catalog: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }

  // ---- policy
  let options: CatalogBuildOptions | Record<string, never> = {};
  let rounding: CatalogBuildInputs['rounding'] | undefined;
  // the policy's budget PV method (DIP-RULES.md §7.1: mean, quantile, optimal1D, optimal2D); without a policy: mean
  let budgetPointValue: CatalogBuildInputs['budgetPointValue'];
  if (values.policy !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(abs(values.policy), 'utf8'));
    } catch (e) {
      io.stderr(`dip build-catalog: cannot read policy ${values.policy}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
    const v = validatePolicy(raw);
    if (!v.ok) {
      io.stderr(`dip build-catalog: invalid policy ${values.policy}:\n${v.issues.map(formatIssue).join('\n')}\n`);
      return EXIT_USAGE;
    }
    const policy: RegionPolicy = v.value;
    const date = values.date ?? `${years[years.length - 1]! + 1}-01-01`;
    const r = resolvePolicy(policy, date);
    if (!r.ok) {
      io.stderr(`dip build-catalog: cannot resolve policy ${policy.id} at ${date}:\n${r.issues.map(formatIssue).join('\n')}\n`);
      return EXIT_USAGE;
    }
    const ro = r.value.rounding;
    rounding = { packetPoints: ro.packetPointsDerived, meansPublished: ro.meansPublished, auxCoef: ro.auxCoefDerived, casePoints: ro.casePoints, pointValue: ro.pointValue };
    const pvo = r.value.pointValue;
    budgetPointValue = { pvMethod: pvo.pvMethod, pvTrimQuantiles: pvo.pvTrimQuantiles, optimalWeighting: pvo.optimalWeighting, optimal2D: pvo.optimal2D };
    if (r.value.catalogBuild === undefined) io.stderr(`dip build-catalog: policy ${policy.id} has no catalogBuild section at ${date}; using the defaults\n`);
    else options = r.value.catalogBuild;
  }

  // ---- class table and hospitals
  const classesPath = values.classes === undefined ? defaultClassesPath() : abs(values.classes);
  if (classesPath === undefined) {
    io.stderr('dip build-catalog: no procedure class table found: pass --classes FILE\n');
    return EXIT_USAGE;
  }
  let classes: ProcedureClassTable;
  try {
    classes = (await loadProcedureClasses(classesPath)).table;
  } catch (e) {
    io.stderr(`dip build-catalog: cannot read procedure classes ${classesPath}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  let levelOf: Map<string, string> | undefined;
  if (values.hospitals !== undefined) {
    try {
      const h = await loadHospitals(abs(values.hospitals));
      levelOf = new Map(h.rows.map((r) => [r.hospitalId, r.level]));
      if (h.issues.length > 0) io.stderr(`dip build-catalog: ${values.hospitals}: ${h.rejected} rows rejected:\n${h.issues.slice(0, 20).map(formatIssue).join('\n')}\n`);
    } catch (e) {
      io.stderr(`dip build-catalog: cannot read hospitals ${values.hospitals}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
  }

  // ---- stream the history
  const reads: { file: string; year: number; summary?: ReadSummary }[] = files.map((f, i) => ({ file: f, year: years[i]! }));
  const rejectedIssues: (Issue & { readonly file: string })[] = [];
  async function* history(): AsyncGenerator<HistoryCase> {
    for (const r of reads) {
      for await (const e of readRecords(abs(r.file))) {
        if (e.type === 'record') yield { year: r.year, record: e.record };
        else if (e.type === 'rejected') {
          if (rejectedIssues.length < 50) rejectedIssues.push(...e.issues.slice(0, 50 - rejectedIssues.length).map((i) => ({ ...i, file: r.file })));
        } else if (e.type === 'end') r.summary = e.summary;
      }
    }
  }
  let built: Awaited<ReturnType<typeof buildCatalog>>;
  try {
    built = await buildCatalog(history(), options, {
      years,
      procedureClass: (c) => classes.classOf(c),
      ...(levelOf === undefined ? {} : { hospitalLevel: (h: string) => levelOf.get(h) }),
      ...(values['primary-levels'] === undefined ? {} : { primaryCareLevels: values['primary-levels'].split(',') }),
      ...(values['small-comprehensive'] === undefined ? {} : { smallComprehensive: values['small-comprehensive'] as SmallComprehensivePolicy }),
      ...(values['related-split'] === undefined ? {} : { relatedSplitMode: values['related-split'] as 'costIncrease' | 'countOnly' }),
      ...(rounding === undefined ? {} : { rounding }),
      ...(budgetPointValue === undefined ? {} : { budgetPointValue }),
      meta: { id: `built-${years[0]}-${years[years.length - 1]}`, name: `Catalog built from ${years.join(', ')}`, version: String(years[years.length - 1]! + 1) },
    });
  } catch (e) {
    if (e instanceof RecordsReadError) {
      io.stderr(`dip build-catalog: ${e.message} [${e.code}]\n`);
      return EXIT_USAGE;
    }
    if (e instanceof RangeError) {
      io.stderr(`dip build-catalog: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }

  // ---- write
  const outDir = abs(values.out as string);
  await mkdir(outDir, { recursive: true });
  await writeCatalogCsv(built.catalog, join(outDir, 'catalog.csv'));
  await writeCatalogJson(built.catalog, join(outDir, 'catalog.json'));
  const report = {
    catalog: { id: built.catalog.id, hash: built.catalog.contentHash, packets: built.packets.length },
    regionAverageCost: built.regionAverageCost,
    budgetPointValue: built.budgetPointValue ?? null,
    budgetPointValueMethod: built.budgetPointValueMethod,
    coefficients: built.coefficients,
    build: built.report,
    reads: reads.map((r) => ({ file: r.file, year: r.year, read: r.summary?.read ?? 0, accepted: r.summary?.accepted ?? 0, rejected: r.summary?.rejected ?? 0 })),
    issues: built.issues,
    rejectedIssues,
  };
  await writeFile(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  const rejected = reads.reduce((s, r) => s + (r.summary?.rejected ?? 0), 0);
  if (json) io.stdout(`${JSON.stringify(report)}\n`);
  else {
    const b = built.report;
    const lines = [
      `history: ${reads.map((r) => `${r.year} ${r.summary?.accepted ?? 0}/${r.summary?.read ?? 0}`).join(', ')} (accepted/read)`,
      `core threshold T = ${b.coreThreshold}; combinations ${b.combinations}`,
      `packets: core ${b.packets.core} (conservative ${b.packets.coreConservative}, procedural ${b.packets.coreProcedural}, related ${b.packets.coreRelated}, primary care ${b.packets.primaryCare}), comprehensive ${b.packets.comprehensive}, chapter ${b.packets.chapter}`,
      `coverage: core ${b.coverage.coreShare}, grouped ${b.coverage.groupedShare}, dropped ${b.coverage.dropped} cases`,
      `M = ${built.regionAverageCost}; budget point value ${built.budgetPointValue ?? 'n/a'} (${built.budgetPointValueMethod})`,
      `wrote ${join(outDir, 'catalog.csv')}, catalog.json, report.json`,
    ];
    for (const i of built.issues) lines.push(formatIssue(i));
    if (rejectedIssues.length > 0) lines.push(`rejected rows (first ${rejectedIssues.length} issues):`, ...rejectedIssues.map((i) => `${i.file}:${formatIssue(i)}`));
    io.stdout(`${lines.join('\n')}\n`);
  }
  return rejected > 0 ? EXIT_INPUT_ISSUES : EXIT_OK;
};

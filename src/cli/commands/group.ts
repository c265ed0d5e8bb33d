import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../core/issue.js';
import type { ProcedureClass as CatalogProcedureClass } from '../../catalog/types.js';
import { GroupSummaryAccumulator, createGrouper } from '../../grouping/index.js';
import type { GroupResult, GroupSummary } from '../../grouping/index.js';
import type { ReadSummary } from '../../io/index.js';
import { RecordsReadError, readRecords } from '../../io/index.js';
import { loadProcedureClasses } from '../../io/loadProcedureClasses.js';
import { CatalogLoadError, loadCatalog } from '../../io/loadCatalog.js';
import { CsvWriter } from '../../io/writeCsv.js';
import type { AuxiliaryOptions, GroupingOptions, RegionPolicy } from '../../policy/index.js';
import { DEFAULT_AUXILIARY_OPTIONS, DEFAULT_GROUPING_OPTIONS, getPreset, isPresetName, PRESET_NAMES, resolvePolicy, validatePolicy } from '../../policy/index.js';
import type { CliCommand } from '../io.js';
import { EXIT_INPUT_ISSUES, EXIT_OK, EXIT_USAGE } from '../io.js';
import { UsageError, parseArgs } from '../args.js';

const USAGE = `usage: dip group --catalog C.csv [--stats S.csv] [--policy P.json | --preset NAME] [--date YYYY-MM-DD]
                 --records R.csv --out DIR [--classes procedure-classes.csv] [--json]

Group discharge records into the packets of a catalog (DIP-RULES.md §4) and write DIR/groups.csv.
  --catalog FILE    packet catalog (Pingdingshan CSV, canonical CSV or catalog JSON)
  --stats FILE      per-packet statistics sheet (Pingdingshan packet-stats.csv: fallback packets, average costs)
  --policy FILE     region policy JSON (grouping and auxiliary sections are used)
  --preset NAME     a built-in policy: ${PRESET_NAMES.join(', ')}
  --date DATE       date at which the policy is resolved (default: start of its latest grouping entry)
  --records FILE    discharge records CSV (UTF-8 or GB18030); rejected rows are reported, not grouped
  --out DIR         output directory (created); writes groups.csv
  --classes FILE    procedure class table (default: the packaged fixtures/icd/procedure-classes.csv)
  --json            print the summary as one JSON object

Without --policy/--preset the engine defaults of DIP-RULES.md §4.6 apply.
Exit: 0 every row accepted, 1 some rows rejected, 2 usage error or unreadable input.
`;

/** Columns of groups.csv. `reason` is empty for a grouped case. */
export const GROUPS_CSV_HEADER = [
  'case_id',
  'hospital_id',
  'packet_code',
  'packet_kind',
  'reason',
  'route',
  'proc_class',
  'aux_subtype',
  'aux_coef',
  'packet_points',
  'issue_codes',
] as const;
const NUMERIC_COLUMNS = new Set([GROUPS_CSV_HEADER.indexOf('aux_coef'), GROUPS_CSV_HEADER.indexOf('packet_points')]);

/**
 * One groups.csv row. Text cells are protected against spreadsheet formula injection by the CSV writer (a leading
 * `=`, `+`, `-`, `@` gets a `'` prefix); `aux_coef` and `packet_points` are numeric columns.
 *
 * @example
 * ```ts
 * groupsCsvRow(result); // ['Z0001', 'H1', 'K35.3:47.0100', 'core', '', 'core', 'surgery', '', '1', '1350.5', '']
 * ```
 */
export function groupsCsvRow(r: GroupResult): string[] {
  const issues = r.caseIssues.length === 0 ? '' : [...new Set(r.caseIssues.map((i) => i.code))].join(';');
  if (r.status === 'grouped') {
    return [r.caseId, r.hospitalId, r.packetCode, r.kind, '', r.route, r.procClass, r.auxSubtype?.id ?? '', r.auxCoef, r.packet.points, issues];
  }
  return [r.caseId, r.hospitalId, '', '', r.reason, '', r.procClass ?? '', '', '', '', issues];
}

/** Candidate locations of the packaged class table (source tree and built `dist/`). */
function defaultClassesPath(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../..', '..', '../..']) {
    const p = join(here, up, 'fixtures', 'icd', 'procedure-classes.csv');
    if (existsSync(p)) return p;
  }
  return undefined;
}

function formatSummary(s: GroupSummary, read: ReadSummary | undefined, out: string): string {
  const lines: string[] = [];
  if (read !== undefined) lines.push(`records: ${read.read} rows read, ${read.accepted} accepted, ${read.rejected} rejected (not grouped)`);
  lines.push(`grouped ${s.grouped} of ${s.total} (${s.groupedShare}), ungrouped ${s.ungrouped}`);
  for (const [k, n] of Object.entries(s.groupedByKind)) lines.push(`  ${k}: ${n} (${s.shareByKind[k as keyof typeof s.shareByKind] ?? '0'})`);
  const routes = Object.entries(s.groupedByRoute);
  if (routes.length > 0) lines.push(`routes: ${routes.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (s.withAuxSubtype > 0) lines.push(`with an auxiliary subtype: ${s.withAuxSubtype}`);
  const reasons = Object.entries(s.ungroupedByReason);
  if (reasons.length > 0) {
    lines.push('ungrouped by reason:');
    for (const [k, n] of reasons) lines.push(`  ${k}: ${n}`);
  }
  if (s.topUngroupedDx.length > 0) {
    lines.push('most frequent ungrouped principal diagnoses:');
    for (const t of s.topUngroupedDx) lines.push(`  ${t.code}: ${t.count}${t.error > 0 ? ` (± ${t.error})` : ''}`);
  }
  const issues = Object.entries(s.issuesByCode);
  if (issues.length > 0) {
    lines.push('case issues:');
    for (const [k, n] of issues) lines.push(`  ${k}: ${n}`);
  }
  lines.push(`wrote ${out}`);
  return `${lines.join('\n')}\n`;
}

function formatIssue(i: Issue): string {
  const where = [i.line === undefined ? undefined : `line ${i.line}`, i.column].filter((x) => x !== undefined).join(', ');
  return `  ${where === '' ? '' : `${where}: `}${i.severity} ${i.code}: ${i.message}`;
}

/**
 * `dip group`: load a catalog (and its statistics sheet), resolve the grouping options of a policy or preset, stream
 * the records through `readRecords` (rejected rows are reported, never grouped), group each accepted record and
 * write `DIR/groups.csv` row by row; print the grouping summary (DIP-RULES.md §4.8).
 *
 * @example
 * ```ts
 * await run(['--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
 *   '--preset', 'pingdingshan-2025', '--records', 'r.csv', '--out', 'out'], io); // 0
 * ```
 */
export const run: CliCommand = async (argv, io) => {
  const abs = (p: string): string => (isAbsolute(p) ? p : join(io.cwd, p));
  let values: Readonly<Record<string, string>>;
  let json = false;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const args = parseArgs(argv, {
      values: ['catalog', 'stats', 'policy', 'preset', 'date', 'records', 'out', 'classes'],
      booleans: ['json'],
      required: ['catalog', 'records', 'out'],
    });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0] ?? ''}`);
    if (args.values.policy !== undefined && args.values.preset !== undefined) throw new UsageError('give --policy or --preset, not both');
    if (args.values.preset !== undefined && !isPresetName(args.values.preset)) throw new UsageError(`unknown preset "${args.values.preset}" (known: ${PRESET_NAMES.join(', ')})`);
    if (args.values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(args.values.date)) throw new UsageError(`--date must be YYYY-MM-DD, not "${args.values.date}"`);
    values = args.values;
    json = args.booleans.has('json');
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dip group: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }

  // ---- policy
  let grouping: GroupingOptions = DEFAULT_GROUPING_OPTIONS;
  let auxiliary: AuxiliaryOptions = DEFAULT_AUXILIARY_OPTIONS;
  let policy: RegionPolicy | undefined;
  if (values.preset !== undefined && isPresetName(values.preset)) policy = getPreset(values.preset);
  if (values.policy !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(abs(values.policy), 'utf8'));
    } catch (e) {
      io.stderr(`dip group: cannot read policy ${values.policy}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
    const v = validatePolicy(raw);
    if (!v.ok) {
      io.stderr(`dip group: invalid policy ${values.policy}:\n${v.issues.map(formatIssue).join('\n')}\n`);
      return EXIT_USAGE;
    }
    policy = v.value;
  }
  if (policy !== undefined) {
    const entries = policy.parameters.grouping;
    const date = values.date ?? entries[entries.length - 1]?.from ?? '';
    const r = resolvePolicy(policy, date);
    if (!r.ok) {
      io.stderr(`dip group: cannot resolve policy ${policy.id} at ${date}:\n${r.issues.map(formatIssue).join('\n')}\n`);
      return EXIT_USAGE;
    }
    grouping = r.value.grouping;
    auxiliary = r.value.auxiliary;
  }

  // ---- catalog and class table
  let catalogResult: Awaited<ReturnType<typeof loadCatalog>>;
  try {
    catalogResult = await loadCatalog(abs(values.catalog as string), values.stats === undefined ? {} : { statsPath: abs(values.stats) });
  } catch (e) {
    if (e instanceof CatalogLoadError || e instanceof Error) {
      io.stderr(`dip group: cannot load catalog ${values.catalog ?? ''}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const catalogErrors = catalogResult.issues.filter((i) => i.severity === 'error');
  if (catalogErrors.length > 0) {
    io.stderr(`dip group: catalog ${values.catalog ?? ''}: ${catalogErrors.length} rows rejected:\n${catalogErrors.slice(0, 20).map(formatIssue).join('\n')}\n`);
  }
  const classesPath = values.classes === undefined ? defaultClassesPath() : abs(values.classes);
  if (classesPath === undefined) {
    io.stderr('dip group: no procedure class table found: pass --classes FILE\n');
    return EXIT_USAGE;
  }
  let classes: Map<string, CatalogProcedureClass>;
  try {
    const t = await loadProcedureClasses(classesPath);
    classes = new Map(t.table.entries());
    const bad = t.issues.filter((i) => i.severity === 'error');
    if (bad.length > 0) io.stderr(`dip group: ${classesPath}: ${bad.length} rows rejected:\n${bad.slice(0, 20).map(formatIssue).join('\n')}\n`);
  } catch (e) {
    io.stderr(`dip group: cannot read procedure classes ${classesPath}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }

  const grouper = createGrouper(catalogResult.catalog, { options: grouping, auxiliary, procedureClasses: classes, trace: 'summary' });
  for (const w of grouper.info.warnings) io.stderr(`dip group: warning ${w.code}: ${w.message}\n`);

  // ---- stream records → groups.csv
  const outDir = abs(values.out as string);
  await mkdir(outDir, { recursive: true });
  const outFile = join(outDir, 'groups.csv');
  const writer = CsvWriter.toFile(outFile, GROUPS_CSV_HEADER, { numericColumns: NUMERIC_COLUMNS });
  const acc = new GroupSummaryAccumulator();
  const rejectedIssues: Issue[] = [];
  let read: ReadSummary | undefined;
  try {
    for await (const e of readRecords(abs(values.records as string))) {
      if (e.type === 'record') {
        const r = grouper.group(e.record);
        acc.add(r);
        const p = writer.writeRow(groupsCsvRow(r));
        if (p !== undefined) await p;
      } else if (e.type === 'rejected') {
        if (rejectedIssues.length < 50) rejectedIssues.push(...e.issues.slice(0, 50 - rejectedIssues.length));
      } else if (e.type === 'end') read = e.summary;
    }
  } catch (e) {
    await writer.close();
    if (e instanceof RecordsReadError) {
      io.stderr(`dip group: ${values.records ?? ''}: ${e.message} [${e.code}]\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  await writer.close();
  const summary = acc.summary();
  if (json) {
    io.stdout(`${JSON.stringify({ catalog: { id: grouper.info.catalogId, hash: grouper.info.catalogHash }, out: outFile, records: read, grouping: summary })}\n`);
  } else {
    io.stdout(formatSummary(summary, read, outFile));
    if (rejectedIssues.length > 0) io.stdout(`rejected rows (first ${rejectedIssues.length} issues):\n${rejectedIssues.map(formatIssue).join('\n')}\n`);
  }
  return read !== undefined && read.rejected > 0 ? EXIT_INPUT_ISSUES : EXIT_OK;
};

import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Issue } from '../../core/issue.js';
import type { RecordsEncoding, ReadSummary } from '../../io/index.js';
import { RecordsReadError, readRecords } from '../../io/index.js';
import { loadHospitals } from '../../io/loadHospitals.js';
import type { CliCommand } from '../io.js';
import { EXIT_INPUT_ISSUES, EXIT_OK, EXIT_USAGE } from '../io.js';
import { UsageError, parseArgs } from '../args.js';
import type { DedupMode } from '../dedup.js';
import { dedupReport, parseDedup, precomputeCaseKeys } from '../dedup.js';

const USAGE = `usage: dip check --records R.csv [--hospitals H.csv] [--encoding auto|utf8|gb18030] [--json] [--max-issues N]
                 [--dedup auto|memory|disk [--tmp-dir DIR]]

Validate a discharge-records CSV (UTF-8 or GB18030, Chinese or English headers) and report every bad row.
  --records FILE      the records file
  --hospitals FILE    the hospital table dip settle is given: also report its bad rows and every hospital id of an
                      accepted record that is not in it (dip settle excludes those cases)
  --encoding ENC      auto (default), utf8 or gb18030
  --json              print exactly one JSON object on stdout
  --max-issues N      issues listed (default 1000; all are counted)
  --dedup MODE        where the duplicate-case check keeps its keys: memory (~13 bytes per case), disk (a pre-pass
                      spills them to hash buckets under --tmp-dir: memory independent of the number of cases, one
                      more read of the file), or auto (default: disk for a records file of 1 GiB or more)
  --tmp-dir DIR       directory for the --dedup disk buckets (default: the OS temp directory)

Exit: 0 every row accepted (and every hospital known), 1 some rows rejected or an error in the hospital check,
2 usage error or unreadable/malformed file.
`;

function formatIssue(i: Issue): string {
  const where = [i.line === undefined ? undefined : `line ${i.line}`, i.column].filter((x) => x !== undefined).join(', ');
  return `  ${where === '' ? '' : `${where}: `}${i.severity} ${i.code}: ${i.message}`;
}

function formatSummary(file: string, s: ReadSummary, h: HospitalCheck | undefined): string {
  const lines = [
    `${file}: ${s.read} rows read, ${s.accepted} accepted, ${s.rejected} rejected (${s.duplicates} duplicates), ${s.errors} errors, ${s.warnings} warnings; encoding ${s.encoding}`,
  ];
  if (s.issues.length > 0) {
    lines.push('issues:');
    for (const i of s.issues) lines.push(formatIssue(i));
  }
  if (s.issuesOmitted > 0) lines.push(`  … ${s.issuesOmitted} more issues not listed (raise --max-issues)`);
  const counts = Object.entries(s.issueCounts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (counts.length > 0) {
    lines.push('issue counts:');
    for (const [code, n] of counts) lines.push(`  ${code}: ${n}`);
  }
  if (h !== undefined) {
    const cases = h.unknown.reduce((n, u) => n + u.cases, 0);
    lines.push(
      `${h.file}: ${h.read} hospitals read, ${h.rejected} rejected; ${h.unknown.length} hospital ids of accepted records not in it (${cases} cases, excluded by dip settle)`,
    );
    if (h.tableIssues.length > 0) {
      lines.push(`hospital table issues (lines of ${h.file}):`);
      for (const i of h.tableIssues) lines.push(formatIssue(i));
    }
    if (h.recordIssues.length > 0) {
      lines.push(`unknown hospitals (lines of ${file}):`);
      for (const i of h.recordIssues) lines.push(formatIssue(i));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A hospital id of accepted records that the hospital table lacks: how many cases, and the first line. */
export interface UnknownHospital {
  readonly hospitalId: string;
  readonly cases: number;
  readonly firstLine: number;
}

/**
 * The `--hospitals` part of `dip check`: the table's own rows read and rejected, and each hospital id of an accepted
 * record that is not in it, in order of first line. The issues come in two lists because their line numbers refer to
 * different files: `tableIssues` are the hospital table's own (a line of `file`), `recordIssues` one
 * `run.unknown_hospital` error per unknown id (the code, column and first line in the records file that `dip settle`
 * reports; its cases are excluded there).
 */
export interface HospitalCheck {
  /** The hospital table as given on the command line (定点医疗机构, DIP-RULES.md §2.4). */
  readonly file: string;
  /** Data rows of the table read (every row, accepted or not). */
  readonly read: number;
  /** Rows of the table rejected (each with an issue in `tableIssues`). */
  readonly rejected: number;
  /** Hospital ids of accepted records the table lacks, in order of first line. */
  readonly unknown: readonly UnknownHospital[];
  /** Issues of the hospital table itself; `line` is a line of `file`. */
  readonly tableIssues: readonly Issue[];
  /** One `run.unknown_hospital` error per entry of `unknown`; `line` is the id's first line in the records file. */
  readonly recordIssues: readonly Issue[];
}

/**
 * `dip check --records R.csv [--hospitals H.csv] [--encoding auto|utf8|gb18030] [--json] [--max-issues N]`: stream a
 * records file through `readRecords` and print the summary (read, accepted, rejected, duplicates, warnings) and each
 * issue with its line, column, code and message. With `--hospitals`, the hospital table (定点医疗机构, DIP-RULES.md
 * §2.4) is read as `dip settle` reads it, and every hospital id of an accepted record that it lacks is reported once
 * ({@link HospitalCheck}: `run.unknown_hospital`, its case count and first line), as `dip settle` would before
 * excluding those cases. With `--json`, stdout holds exactly one JSON object: the `ReadSummary` plus `file` (and
 * `hospitals`), or `{ file, fatal: { code, line, message } }` for a malformed file. Exit 0 when every row is accepted
 * and no hospital error was found, 1 otherwise, 2 on a usage error or an unreadable/malformed file (message on
 * stderr, never a stack trace).
 *
 * @example
 * ```ts
 * await run(['--records', 'fixtures/records/sample-utf8.csv', '--json'], io); // 0, stdout {"file":…,"read":6,…}
 * await run(['--records', 'examples/small/records.csv', '--hospitals', 'examples/small/hospitals.csv'], io);
 * // 1; stdout ends with the lines
 * // examples/small/hospitals.csv: 3 hospitals read, 0 rejected; 1 hospital ids of accepted records not in it (1 cases, excluded by dip settle)
 * // unknown hospitals (lines of examples/small/records.csv):
 * //   line 11, hospital_id: error run.unknown_hospital: hospital H004 is not in the hospital table: its 1 case(s) would be …
 * ```
 */
export const run: CliCommand = async (argv, io) => {
  let records: string;
  let encoding: RecordsEncoding = 'auto';
  let maxIssues = 1000;
  let json = false;
  let dedup: DedupMode = 'auto';
  let tmpDir = tmpdir();
  let hospitalsArg: string | undefined;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const args = parseArgs(argv, { values: ['records', 'hospitals', 'encoding', 'max-issues', 'dedup', 'tmp-dir'], booleans: ['json'], required: ['records'] });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0] ?? ''}`);
    records = args.values.records as string;
    hospitalsArg = args.values.hospitals;
    json = args.booleans.has('json');
    const enc = args.values.encoding ?? 'auto';
    if (enc !== 'auto' && enc !== 'utf8' && enc !== 'gb18030') throw new UsageError(`--encoding must be auto, utf8 or gb18030, not "${enc}"`);
    encoding = enc;
    const mi = args.values['max-issues'];
    if (mi !== undefined) {
      if (!/^\d{1,9}$/u.test(mi)) throw new UsageError(`--max-issues must be a whole number, not "${mi}"`);
      maxIssues = Number(mi);
    }
    dedup = parseDedup(args.values.dedup);
    const td = args.values['tmp-dir'];
    if (td !== undefined) tmpDir = isAbsolute(td) ? td : join(io.cwd, td);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dip check: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const path = isAbsolute(records) ? records : join(io.cwd, records);
  let summary: ReadSummary | undefined;
  let hospitalCheck: HospitalCheck | undefined;
  let table: Awaited<ReturnType<typeof loadHospitals>> | undefined;
  if (hospitalsArg !== undefined) {
    try {
      table = await loadHospitals(isAbsolute(hospitalsArg) ? hospitalsArg : join(io.cwd, hospitalsArg));
    } catch (e) {
      if (e instanceof RecordsReadError) {
        if (json) io.stdout(`${JSON.stringify({ file: hospitalsArg, fatal: { code: e.code, line: e.line ?? null, message: e.detail } })}\n`);
        io.stderr(`dip check: ${hospitalsArg}: ${e.message} [${e.code}]\n`);
        return EXIT_USAGE;
      }
      throw e;
    }
  }
  try {
    const known = table === undefined ? undefined : new Set(table.rows.map((h) => h.hospitalId));
    const unknown = new Map<string, { cases: number; firstLine: number }>();
    const caseKeys = await precomputeCaseKeys(path, dedup, { tmpDir, encoding });
    for await (const e of readRecords(path, caseKeys === undefined ? { encoding, maxIssues } : { encoding, maxIssues, caseKeys })) {
      if (e.type === 'record') {
        if (known !== undefined && !known.has(e.record.hospitalId)) {
          const u = unknown.get(e.record.hospitalId);
          if (u === undefined) unknown.set(e.record.hospitalId, { cases: 1, firstLine: e.line });
          else u.cases++;
        }
      } else if (e.type === 'end') summary = e.summary;
    }
    if (table !== undefined) {
      const list = [...unknown].map(([hospitalId, u]) => ({ hospitalId, cases: u.cases, firstLine: u.firstLine }));
      const recordIssues = list.map((u): Issue => ({
          severity: 'error',
          code: 'run.unknown_hospital',
          message: `hospital ${u.hospitalId} is not in the hospital table: its ${u.cases} case(s) would be excluded from the settlement (first on line ${u.firstLine})`,
          line: u.firstLine,
          column: 'hospital_id',
          received: u.hospitalId,
        }));
      hospitalCheck = { file: hospitalsArg!, read: table.read, rejected: table.rejected, unknown: list, tableIssues: table.issues, recordIssues };
    }
    if (caseKeys !== undefined) {
      caseKeys.assertComplete();
      io.stderr(dedupReport('dip check', caseKeys));
    }
  } catch (e) {
    if (e instanceof RecordsReadError) {
      if (json) io.stdout(`${JSON.stringify({ file: records, fatal: { code: e.code, line: e.line ?? null, message: e.detail } })}\n`);
      io.stderr(`dip check: ${records}: ${e.message} [${e.code}]\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (summary === undefined) throw new Error('readRecords ended without a summary');
  if (json) io.stdout(`${JSON.stringify(hospitalCheck === undefined ? { file: records, ...summary } : { file: records, ...summary, hospitals: hospitalCheck })}\n`);
  else io.stdout(formatSummary(records, summary, hospitalCheck));
  const hospitalErrors =
    hospitalCheck !== undefined && (hospitalCheck.recordIssues.length > 0 || hospitalCheck.tableIssues.some((i) => i.severity === 'error'));
  return summary.rejected > 0 || hospitalErrors ? EXIT_INPUT_ISSUES : EXIT_OK;
};

import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Issue } from '../../core/issue.js';
import type { RecordsEncoding, ReadSummary } from '../../io/index.js';
import { RecordsReadError, readRecords } from '../../io/index.js';
import type { CliCommand } from '../io.js';
import { EXIT_INPUT_ISSUES, EXIT_OK, EXIT_USAGE } from '../io.js';
import { UsageError, parseArgs } from '../args.js';
import type { DedupMode } from '../dedup.js';
import { dedupReport, parseDedup, precomputeCaseKeys } from '../dedup.js';

const USAGE = `usage: dip check --records R.csv [--encoding auto|utf8|gb18030] [--json] [--max-issues N]
                 [--dedup auto|memory|disk [--tmp-dir DIR]]

Validate a discharge-records CSV (UTF-8 or GB18030, Chinese or English headers) and report every bad row.
  --records FILE      the records file
  --encoding ENC      auto (default), utf8 or gb18030
  --json              print exactly one JSON object on stdout
  --max-issues N      issues listed (default 1000; all are counted)
  --dedup MODE        where the duplicate-case check keeps its keys: memory (~13 bytes per case), disk (a pre-pass
                      spills them to hash buckets under --tmp-dir: memory independent of the number of cases, one
                      more read of the file), or auto (default: disk for a records file of 1 GiB or more)
  --tmp-dir DIR       directory for the --dedup disk buckets (default: the OS temp directory)

Exit: 0 every row accepted, 1 some rows rejected, 2 usage error or unreadable/malformed file.
`;

function formatIssue(i: Issue): string {
  const where = [i.line === undefined ? undefined : `line ${i.line}`, i.column].filter((x) => x !== undefined).join(', ');
  return `  ${where === '' ? '' : `${where}: `}${i.severity} ${i.code}: ${i.message}`;
}

function formatSummary(file: string, s: ReadSummary): string {
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
  return `${lines.join('\n')}\n`;
}

/**
 * `dip check --records R.csv [--encoding auto|utf8|gb18030] [--json] [--max-issues N]`: stream a records file
 * through `readRecords` and print the summary (read, accepted, rejected, duplicates, warnings) and each issue with
 * its line, column, code and message. With `--json`, stdout holds exactly one JSON object: the `ReadSummary`
 * plus `file`, or `{ file, fatal: { code, line, message } }` for a malformed file. Exit 0 when every row is
 * accepted, 1 when some are rejected, 2 on a usage error or an unreadable/malformed file (message on stderr,
 * never a stack trace).
 *
 * @example
 * ```ts
 * await run(['--records', 'fixtures/records/sample-utf8.csv', '--json'], io); // 0, stdout {"file":…,"read":6,…}
 * ```
 */
export const run: CliCommand = async (argv, io) => {
  let records: string;
  let encoding: RecordsEncoding = 'auto';
  let maxIssues = 1000;
  let json = false;
  let dedup: DedupMode = 'auto';
  let tmpDir = tmpdir();
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const args = parseArgs(argv, { values: ['records', 'encoding', 'max-issues', 'dedup', 'tmp-dir'], booleans: ['json'], required: ['records'] });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0] ?? ''}`);
    records = args.values.records as string;
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
  try {
    const caseKeys = await precomputeCaseKeys(path, dedup, { tmpDir, encoding });
    for await (const e of readRecords(path, caseKeys === undefined ? { encoding, maxIssues } : { encoding, maxIssues, caseKeys })) {
      if (e.type === 'end') summary = e.summary;
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
  if (json) io.stdout(`${JSON.stringify({ file: records, ...summary })}\n`);
  else io.stdout(formatSummary(records, summary));
  return summary.rejected > 0 ? EXIT_INPUT_ISSUES : EXIT_OK;
};

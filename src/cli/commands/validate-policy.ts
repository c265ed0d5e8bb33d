import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Issue } from '../../core/issue.js';
import { formatPath } from '../../policy/policyIssue.js';
import { isCalendarDate } from '../../policy/fields.js';
import { resolvePolicyWithProvenance } from '../../policy/resolvePolicy.js';
import { SECTION_NAMES } from '../../policy/schema.js';
import { validatePolicy } from '../../policy/validatePolicy.js';
import { UsageError, parseArgs } from '../args.js';
import type { CliCommand, CliIo } from '../io.js';
import { EXIT_INPUT_ISSUES, EXIT_OK, EXIT_USAGE } from '../io.js';

const USAGE = `usage: dip validate-policy P.json [--json] [--locale en|zh-CN] [--date YYYY-MM-DD]

Validate a region policy JSON file and report every issue with its path.
  --json     print a JSON report instead of text
  --locale   zh-CN adds Chinese messages (messageZh) to every issue
  --date     also resolve the policy at this date (from inclusive, to exclusive)
Exit: 0 valid, 1 invalid policy, 2 usage error / unreadable file / not JSON.
`;

function issueLine(i: Issue, zh: boolean): string {
  const head = `${i.severity} ${i.code} at ${formatPath(i.path)}: ${i.message}`;
  const extra = [i.expected === undefined ? '' : `expected ${i.expected}`, i.received === undefined ? '' : `received ${i.received}`].filter((s) => s !== '').join('; ');
  return `${head}${extra === '' ? '' : ` (${extra})`}${zh && i.messageZh !== undefined ? `\n    ${i.messageZh}` : ''}\n`;
}

/**
 * `dip validate-policy P.json [--json] [--locale zh-CN] [--date YYYY-MM-DD]`: validate a region policy file
 * (DIP-RULES.md §10) and optionally resolve it at a date. Exit 0 valid, 1 invalid, 2 usage / unreadable / not JSON.
 *
 * @example
 * ```sh
 * dip validate-policy schema/presets/jining-2023.json --date 2023-06-30
 * # OK jining-2023 "济宁 2023 DIP 规则", region 370800: 9 groups, 9 entries
 * ```
 */
export const run: CliCommand = async (argv, io) => {
  let file: string;
  let json: boolean;
  let locale: 'en' | 'zh-CN';
  let date: string | undefined;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const args = parseArgs(argv, { values: ['locale', 'date'], booleans: ['json'] });
    if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'a policy file is required' : 'give exactly one policy file');
    file = args.positionals[0]!;
    json = args.booleans.has('json');
    const loc = args.values.locale ?? 'en';
    if (loc !== 'en' && loc !== 'zh-CN') throw new UsageError(`--locale must be en or zh-CN, got "${loc}"`);
    locale = loc;
    date = args.values.date;
    if (date !== undefined && !isCalendarDate(date)) throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dip validate-policy: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  return validateFile(file, { json, locale, date }, io);
};

async function validateFile(file: string, opts: { json: boolean; locale: 'en' | 'zh-CN'; date: string | undefined }, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.stderr(`dip validate-policy: cannot read ${file}: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  let input: unknown;
  try {
    input = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    io.stderr(`dip validate-policy: ${file} is not JSON: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  const zh = opts.locale === 'zh-CN';
  const result = validatePolicy(input, { locale: opts.locale });
  if (!result.ok) {
    if (opts.json) io.stdout(`${JSON.stringify({ ok: false, file, issues: result.issues }, null, 2)}\n`);
    else {
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      io.stdout(`INVALID ${file}: ${errors} error${errors === 1 ? '' : 's'}\n`);
      for (const i of result.issues) io.stdout(issueLine(i, zh));
    }
    return EXIT_INPUT_ISSUES;
  }
  const policy = result.value;
  const params = policy.parameters as Record<string, readonly { from: string; to?: string }[] | undefined>;
  const groups = SECTION_NAMES.filter((g) => params[g] !== undefined).map((g) => ({ group: g, entries: (params[g] ?? []).map((e) => ({ from: e.from, ...(e.to === undefined ? {} : { to: e.to }) })) }));
  const entryCount = groups.reduce((n, g) => n + g.entries.length, 0);
  const warnings = result.warnings ?? [];
  let resolved: ReturnType<typeof resolvePolicyWithProvenance> | undefined;
  if (opts.date !== undefined) {
    resolved = resolvePolicyWithProvenance(policy, opts.date);
    if (!resolved.ok) {
      const issues = zh ? resolved.issues : resolved.issues.map(({ messageZh: _z, ...rest }) => rest);
      if (opts.json) io.stdout(`${JSON.stringify({ ok: false, file, date: opts.date, issues }, null, 2)}\n`);
      else {
        io.stdout(`INVALID ${file} at ${opts.date}: the policy is valid but cannot be resolved at that date\n`);
        for (const i of issues) io.stdout(issueLine(i, zh));
      }
      return EXIT_INPUT_ISSUES;
    }
  }
  if (opts.json) {
    const report = {
      ok: true,
      file,
      id: policy.id,
      name: policy.name,
      regionCode: policy.regionCode,
      groups,
      warnings,
      ...(resolved?.ok ? { date: opts.date, resolved: resolved.value.policy, provenance: resolved.value.provenance } : {}),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(`OK ${policy.id} "${policy.name}", region ${policy.regionCode}: ${groups.length} groups, ${entryCount} entries\n`);
  for (const g of groups) {
    const spans = g.entries.map((e) => `${e.from} → ${e.to ?? 'open'}`).join(', ');
    io.stdout(`  ${g.group.padEnd(13)} ${g.entries.length} entr${g.entries.length === 1 ? 'y' : 'ies'}: ${spans}\n`);
  }
  if (resolved?.ok) {
    io.stdout(`resolved at ${opts.date ?? ''}:\n`);
    for (const [group, p] of Object.entries(resolved.value.provenance)) {
      if (p === undefined) continue;
      io.stdout(`  ${group.padEnd(13)} entry ${p.index} (${p.from} → ${p.to ?? 'open'}), source ${p.source.join(', ')}${p.assumed.length > 0 ? `; assumed: ${p.assumed.join(', ')}` : ''}\n`);
    }
  }
  for (const w of warnings) io.stdout(issueLine(w, zh));
  return EXIT_OK;
};

import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliCommand } from '../io.js';
import { EXIT_OK, EXIT_USAGE } from '../io.js';
import { parseArgs, UsageError } from '../args.js';
import { fixturePaths, loadSyntheticTables } from '../../io/loadPacketStats.js';
import { CsvWriter, writeCsvFile } from '../../io/writeCsv.js';
import type { SyntheticOptions } from '../../synthetic/index.js';
import { buildSyntheticModel, DEFAULT_SYNTHETIC_OPTIONS, generateRecords, HOSPITAL_COLUMNS, hospitalRows, SYNTHETIC_COLUMNS, SYNTHETIC_NUMERIC_COLUMNS } from '../../synthetic/index.js';

const USAGE = `usage: dip generate --out RECORDS.csv [options]

Write a seeded synthetic city-year of discharge records (and its hospital master) drawn from a
catalog's per-packet statistics. Same options and seed → byte-identical files.

options:
  --out FILE              records CSV to write (required)
  --hospitals-out FILE    hospitals CSV (default: FILE with "-hospitals" before .csv)
  --fixtures DIR          reference data root (default: fixtures): pingdingshan-2025-dip2/, icd/
  --rows N                number of cases (default ${DEFAULT_SYNTHETIC_OPTIONS.rows})
  --seed S                seed (default ${String(DEFAULT_SYNTHETIC_OPTIONS.seed)})
  --year Y                discharge year (default ${DEFAULT_SYNTHETIC_OPTIONS.year})
  --hospitals N           number of hospitals (default ${DEFAULT_SYNTHETIC_OPTIONS.hospitals})
  --employee-share P      share of employee cases (default ${DEFAULT_SYNTHETIC_OPTIONS.employeeShare})
  --high-share P          share of high-cost outliers (default ${DEFAULT_SYNTHETIC_OPTIONS.highOutlierShare})
  --low-share P           share of low-cost outliers (default ${DEFAULT_SYNTHETIC_OPTIONS.lowOutlierShare})
  --bad-share P           share of bad rows (default ${DEFAULT_SYNTHETIC_OPTIONS.badRowShare})
  --fallback-share P      share of CPnn fallback cases (default ${DEFAULT_SYNTHETIC_OPTIONS.fallbackShare})
  --quiet                 no summary line
`;

function numberFlag(values: Readonly<Record<string, string>>, name: string, integer: boolean): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isSafeInteger(n))) throw new UsageError(`--${name} needs ${integer ? 'an integer' : 'a number'}, got "${v}"`);
  return n;
}

/**
 * Default hospitals path: `records.csv` → `records-hospitals.csv`.
 *
 * @example
 * ```ts
 * hospitalsPathFor('/tmp/dip/records-1870844.csv'); // '/tmp/dip/records-1870844-hospitals.csv'
 * ```
 */
export function hospitalsPathFor(out: string): string {
  return out.toLowerCase().endsWith('.csv') ? `${out.slice(0, -4)}-hospitals.csv` : `${out}-hospitals.csv`;
}

/** Summary of a generation run. */
export interface GenerateSummary {
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  /** Of which loading the tables and building the model. */
  readonly setupSeconds: number;
  readonly recordsPath: string;
  readonly hospitalsPath: string;
}

/**
 * Generate the synthetic files (Node side): load the reference tables, build the model, stream the
 * records CSV with backpressure, write the hospitals CSV.
 *
 * @example
 * ```ts
 * await generateSyntheticFiles({ rows: 1000, seed: 's' }, 'fixtures', '/tmp/r.csv', '/tmp/h.csv');
 * ```
 */
export async function generateSyntheticFiles(
  options: Partial<SyntheticOptions>,
  fixturesDir: string,
  recordsPath: string,
  hospitalsPath: string,
  onProgress?: (rows: number) => void,
): Promise<GenerateSummary> {
  const t0 = performance.now();
  const tables = await loadSyntheticTables(fixturePaths(fixturesDir));
  const model = buildSyntheticModel(tables, options);
  const t1 = performance.now();
  await mkdir(dirname(recordsPath), { recursive: true });
  await mkdir(dirname(hospitalsPath), { recursive: true });
  await writeCsvFile(hospitalsPath, HOSPITAL_COLUMNS, hospitalRows(model.hospitals));
  const numericColumns = new Set(SYNTHETIC_NUMERIC_COLUMNS.map((c) => SYNTHETIC_COLUMNS.indexOf(c)));
  const w = CsvWriter.toFile(recordsPath, SYNTHETIC_COLUMNS, { numericColumns });
  let n = 0;
  for (const cells of generateRecords(model)) {
    const p = w.writeRow(cells);
    if (p !== undefined) await p;
    if (onProgress !== undefined && ++n % 100_000 === 0) onProgress(n);
  }
  const { rows, bytes } = await w.close();
  const t2 = performance.now();
  return { rows, bytes, seconds: (t2 - t0) / 1000, setupSeconds: (t1 - t0) / 1000, recordsPath, hospitalsPath };
}

/**
 * `dip generate`: write a seeded synthetic city-year (records CSV + hospitals CSV). Exit 0 on success, 2 on a
 * usage error, a bad option value or unreadable reference files.
 *
 * @example
 * ```sh
 * dip generate --out /tmp/dip/records.csv --rows 100000 --seed demo --bad-share 0.01
 * ```
 */
export const run: CliCommand = async (argv, io) => {
  let args;
  try {
    args = parseArgs(argv, {
      values: ['out', 'hospitals-out', 'fixtures', 'rows', 'seed', 'year', 'hospitals', 'employee-share', 'high-share', 'low-share', 'bad-share', 'fallback-share'],
      booleans: ['help', 'quiet'],
    });
    if (args.booleans.has('help')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0] ?? ''}`);
    if (args.values['out'] === undefined) throw new UsageError('--out is required');
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dip generate: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const v = args.values;
  const options: { -readonly [K in keyof SyntheticOptions]?: SyntheticOptions[K] } = {};
  try {
    const set = <K extends keyof SyntheticOptions>(k: K, x: SyntheticOptions[K] | undefined): void => {
      if (x !== undefined) options[k] = x;
    };
    set('rows', numberFlag(v, 'rows', true));
    set('year', numberFlag(v, 'year', true));
    set('hospitals', numberFlag(v, 'hospitals', true));
    set('employeeShare', numberFlag(v, 'employee-share', false));
    set('highOutlierShare', numberFlag(v, 'high-share', false));
    set('lowOutlierShare', numberFlag(v, 'low-share', false));
    set('badRowShare', numberFlag(v, 'bad-share', false));
    set('fallbackShare', numberFlag(v, 'fallback-share', false));
    set('seed', v['seed']);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dip generate: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const out = resolve(io.cwd, v['out'] as string);
  const hospitalsOut = resolve(io.cwd, v['hospitals-out'] ?? hospitalsPathFor(v['out'] as string));
  const fixtures = resolve(io.cwd, v['fixtures'] ?? 'fixtures');
  let summary: GenerateSummary;
  try {
    summary = await generateSyntheticFiles(options, fixtures, out, hospitalsOut, io.stderrIsTTY ? (n) => io.stderr(`\r${n} rows`) : undefined);
  } catch (e) {
    if (e instanceof RangeError) {
      io.stderr(`dip generate: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string' && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR')) {
      io.stderr(`dip generate: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (io.stderrIsTTY) io.stderr('\n');
  if (!args.booleans.has('quiet')) {
    const mb = summary.bytes / 1e6;
    io.stdout(
      `wrote ${summary.rows} rows (${mb.toFixed(1)} MB) to ${summary.recordsPath} and ${summary.hospitalsPath} in ${summary.seconds.toFixed(1)} s ` +
        `(setup ${summary.setupSeconds.toFixed(1)} s, ${Math.round(summary.rows / Math.max(1e-9, summary.seconds - summary.setupSeconds))} rows/s writing)\n`,
    );
  }
  return EXIT_OK;
};

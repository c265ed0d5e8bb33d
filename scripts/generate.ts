/**
 * `npm run generate -- [options]`: write a synthetic city-year with `dip generate` (see its --help).
 * Without `--out`, writes `data/records-<rows>.csv` (git-ignored); big files never go into git.
 *
 * @example
 * ```sh
 * npm run generate                                   # 1,870,844 rows → data/records-1870844.csv
 * npm run generate -- --rows 10000 --out /tmp/dip/r.csv --seed test
 * ```
 */
import process from 'node:process';
import { run } from '../src/cli/commands/generate.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../src/synthetic/index.js';

const argv = process.argv.slice(2);
if (!argv.some((a) => a === '--out' || a.startsWith('--out=') || a === '--help')) {
  const rowsArg = argv.find((a, i) => argv[i - 1] === '--rows') ?? argv.find((a) => a.startsWith('--rows='))?.slice(7);
  argv.push('--out', `data/records-${rowsArg ?? DEFAULT_SYNTHETIC_OPTIONS.rows}.csv`);
}
process.exitCode = await run(argv, {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
});

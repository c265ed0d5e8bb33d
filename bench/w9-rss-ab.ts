/**
 * Peak resident set and wall time of `dip settle --workers N` variants, interleaved (A, B, …, A, B, …) so that the
 * shared machine's load falls on every variant alike. Each variant is a built CLI (`dist/cli.js` of a checkout) plus
 * extra arguments and environment; peak RSS is `/usr/bin/time -f %M` (kB), wall and user CPU from the same.
 *
 * Usage: `npx tsx bench/w9-rss-ab.ts RECORDS HOSPITALS ROUNDS 'name|cli.js|extra args|ENV=V ...' ...`
 *
 * @example
 * ```sh
 * npx tsx bench/w9-rss-ab.ts /tmp/dip/records-1870844.csv /tmp/dip-bench/records-200000-hospitals.csv 1 \
 *   'old|/tmp/old/dist/cli.js|--workers 2' 'new|dist/cli.js|--workers 2'
 * ```
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [records, hospitals, roundsArg, ...specs] = process.argv.slice(2);
if (records === undefined || hospitals === undefined || roundsArg === undefined || specs.length === 0) throw new Error('usage: RECORDS HOSPITALS ROUNDS SPEC...');
const variants = specs.map((s) => {
  const [name, cli, extra, env] = s.split('|');
  return { name: name!, cli: cli!, extra: (extra ?? '').split(' ').filter((x) => x !== ''), env: Object.fromEntries((env ?? '').split(' ').filter((x) => x !== '').map((kv) => kv.split('=') as [string, string])) };
});
const base = ['settle', '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', '--records', records, '--hospitals', hospitals];
const results = new Map<string, { rss: number[]; wall: number[]; user: number[] }>();
for (let round = 0; round < Number(roundsArg); round++) {
  for (const v of variants) {
    const out = mkdtempSync(join(tmpdir(), 'w9-rss-'));
    const r = spawnSync('/usr/bin/time', ['-f', 'W9 %M %e %U', 'node', v.cli, ...base, '--out', out, ...v.extra], { encoding: 'utf8', env: { ...process.env, ...v.env }, maxBuffer: 1 << 26 });
    rmSync(out, { recursive: true, force: true });
    const m = /W9 (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m === null) throw new Error(`${v.name}: no timing\n${r.stderr.slice(-2000)}`);
    const e = results.get(v.name) ?? { rss: [], wall: [], user: [] };
    e.rss.push(Number(m[1]));
    e.wall.push(Number(m[2]));
    e.user.push(Number(m[3]));
    results.set(v.name, e);
    console.log(`round ${round} ${v.name}: peak RSS ${m[1]} kB, wall ${m[2]} s, user ${m[3]} s, load ${(spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0])}`);
  }
}
for (const [name, e] of results) console.log(`${name}: peak RSS kB ${e.rss.join(', ')}; wall s ${e.wall.join(', ')}; user s ${e.user.join(', ')}`);

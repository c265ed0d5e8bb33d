/**
 * Peak resident set and wall time of `dip settle --workers N` variants, interleaved (A, B, …, A, B, …) so that the
 * shared machine's load falls on every variant alike. Each variant is a built CLI (`dist/cli.js` of a checkout) plus
 * extra arguments and environment; peak RSS is `/usr/bin/time -f %M` (kB), wall and user CPU from the same.
 *
 * Usage: `npx tsx bench/w9-rss-ab.ts RECORDS HOSPITALS ROUNDS 'name|cli.js|extra args|ENV=V ...' ...`
 *
 * Measured (2 cores, 23:18–23:42 UTC, load 1.5–4.7; old = 23e1701 `--workers 2` with `--memory auto` = default, new =
 * 4c192c0 where `--workers` makes it low), peak RSS kB / wall s:
 * - 50k: old 323,732, 331,836 / 5.32, 5.81 → new 309,916, 301,440 / 5.21, 5.45 (one thread 142,432 / 3.45)
 * - 200k: old 435,900, 433,332 / 9.24, 8.57 → new 421,776, 394,316 / 9.07, 8.89 (one thread 166,592 / 5.89)
 * - city-year (1.87M): old 844,556, 839,568 / 37.97, 35.27 → new 567,988, 546,252, 567,196, 565,704 / 56.43 (load
 *   4.7), 35.65, 46.45, 36.62 (one thread 243,068, 270,224 / 38.6). Not taken: worker young generation 24 MiB
 *   522–536 MB (+2 to +16 s user); `--worker-heap-mb 128` 490,828 kB at 46.5 s (+27 % wall), with young 24 MiB 464,892.
 * - 20M year, `--workers 2` (low and dedup disk were already automatic there): stopped at 318 s, peak 688,364 kB
 *   (> 700 MB), the worker heaps at ~185 MiB committed for ~63 MiB live each, the main heap ~100 MiB.
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

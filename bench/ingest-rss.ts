/**
 * Ingest benchmark: stream a records CSV through `readRecords` (decode, tokenize, validate every row, duplicate
 * keys over the whole file) and print rows, seconds, rows/s and peak RSS (`process.resourceUsage().maxRSS`).
 * Results are recorded in `bench/README.md`; never a timed test.
 *
 * ```sh
 * npx tsx bench/ingest-rss.ts /tmp/dip/records-1870844.csv [--encoding auto|utf8|gb18030] [--progress 1000000]
 * ```
 *
 * With `--progress N` (default 1,000,000; 0 = off) it writes one JSON line to stderr every N rows: rows, seconds,
 * current and peak RSS, V8 heap and array-buffer MiB — the memory growth per case over one run.
 */
import process from 'node:process';
import { RecordsReadError, readRecords } from '../src/io/index.js';

const [file, ...rest] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: npx tsx bench/ingest-rss.ts <records.csv> [--encoding auto|utf8|gb18030]\n');
  process.exit(2);
}
const encIdx = rest.indexOf('--encoding');
const encoding = encIdx === -1 ? 'auto' : rest[encIdx + 1];
if (encoding !== 'auto' && encoding !== 'utf8' && encoding !== 'gb18030') {
  process.stderr.write('--encoding must be auto, utf8 or gb18030\n');
  process.exit(2);
}

const progIdx = rest.indexOf('--progress');
const progressEvery = progIdx === -1 ? 1_000_000 : Number(rest[progIdx + 1]);
if (!Number.isInteger(progressEvery) || progressEvery < 0) {
  process.stderr.write('--progress must be a whole number of rows (0 = off)\n');
  process.exit(2);
}
const mib = (bytes: number): number => Math.round(bytes / 1048576);

const rssBefore = process.resourceUsage().maxRSS;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let records = 0;
let rows = 0;
try {
  for await (const e of readRecords(file, { encoding, maxIssues: 20 })) {
    if (e.type === 'record' || e.type === 'rejected') {
      if (e.type === 'record') records++;
      rows++;
      if (progressEvery > 0 && rows % progressEvery === 0) {
        const m = process.memoryUsage();
        const progress = {
          rows,
          seconds: Number((Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)),
          rssMiB: mib(m.rss),
          peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
          heapUsedMiB: mib(m.heapUsed),
          arrayBuffersMiB: mib(m.arrayBuffers),
        };
        process.stderr.write(`${JSON.stringify(progress)}\n`);
      }
    } else if (e.type === 'end') {
      const s = e.summary;
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const peakMiB = process.resourceUsage().maxRSS / 1024;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      process.stdout.write(
        `${JSON.stringify(
          {
            file,
            rows: s.read,
            accepted: s.accepted,
            rejected: s.rejected,
            duplicates: s.duplicates,
            warnings: s.warnings,
            encoding: s.encoding,
            seconds: Number(seconds.toFixed(2)),
            rowsPerSecond: Math.round(s.read / seconds),
            cpuSeconds: Number(cpuSeconds.toFixed(2)),
            rowsPerCpuSecond: Math.round(s.read / cpuSeconds),
            loadAverage: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(1))),
            peakRssMiB: Math.round(peakMiB),
            startRssMiB: Math.round(rssBefore / 1024),
            topIssues: Object.entries(s.issueCounts).sort((a, b) => b[1] - a[1]).slice(0, 8),
            node: process.version,
          },
          null,
          1,
        )}\n`,
      );
    }
  }
} catch (e) {
  if (e instanceof RecordsReadError) {
    process.stderr.write(`${file}: ${e.message} [${e.code}]\n`);
    process.exit(2);
  }
  throw e;
}
void records;

/**
 * `dip settle` when an output cannot be written (o9): a failed write — disk full (ENOSPC), an I/O error — ends the run
 * with exit code 2 and a message naming the file, and leaves no output behind (the partial files and any of an earlier
 * run in the same folder are removed), so nothing half-written looks complete.
 *
 * - `writeFully` and `CaseSpillWriter` with an injected failing `writeSync` (literal messages; short writes continued);
 * - `CsvWriter` over a stream whose write fails: rejected `flush` / `close` naming the file, no uncaught `'error'`;
 * - the command on examples/small with each output (and the spill) a symlink to `/dev/full` (where the platform has
 *   it), one thread and `--workers 2`.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseSpillWriter } from '../../src/cli/commands/settle.js';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';
import { CsvWriter, OutputWriteError, writeFully } from '../../src/io/writeCsv.js';
import type { CaseResult } from '../../src/run/types.js';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dip-output-failure-o9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

const CASE: CaseResult = {
  line: 2, caseId: 'C1', hospitalId: 'H1', pool: 'employee', month: '2025-01', status: 'grouped', packetCode: 'A01.0', packetKind: 'core', outlier: 'normal',
  coefficient: '1', auxCoef: '1', ratio: '0.5', casePoints: '100.0000', totalCost: '1000.00',
} as unknown as CaseResult;

describe('writeFully', () => {
  it('continues short writes until every byte is written', () => {
    const path = join(dir, 'short.bin');
    const fd = openSync(path, 'w');
    const calls: number[] = [];
    const short = ((f: number, b: Uint8Array, off: number, len: number) => {
      calls.push(len);
      return writeSync(f, b, off, Math.min(len, 3));
    }) as typeof writeSync;
    writeFully(fd, Buffer.from('0123456789abcdefXX'), 16, path, short);
    closeSync(fd);
    expect(readFileSync(path, 'latin1')).toBe('0123456789abcdef');
    expect(calls).toEqual([16, 13, 10, 7, 4, 1]);
  });

  it('a failing write is an OutputWriteError naming the file', () => {
    const fail = (() => {
      throw enospc();
    }) as typeof writeSync;
    let error: unknown;
    try {
      writeFully(1, Buffer.from('x'), 1, '/out/cases.csv', fail);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputWriteError);
    expect((error as Error).message).toBe('cannot write /out/cases.csv: ENOSPC: no space left on device, write');
    expect((error as OutputWriteError).code).toBe('ENOSPC');
    expect((error as OutputWriteError).path).toBe('/out/cases.csv');
  });
});

describe('CaseSpillWriter: a failed write', () => {
  it('throws from write once a 64 KiB chunk cannot be written, then every flush throws the same error without writing', () => {
    let calls = 0;
    let written = 0;
    const failAfter = ((_fd: number, _b: Uint8Array, _off: number, len: number) => {
      calls++;
      if (calls > 1) throw enospc();
      written += len;
      return len;
    }) as typeof writeSync;
    const w = new CaseSpillWriter(-1, '/out/.cases.pass1.csv', failAfter);
    let error: unknown;
    let rows = 0;
    try {
      for (; rows < 10_000; rows++) w.write(CASE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputWriteError);
    expect((error as Error).message).toBe('cannot write /out/.cases.pass1.csv: ENOSPC: no space left on device, write');
    expect(calls).toBe(2);
    expect(written).toBeGreaterThanOrEqual(1 << 16);
    expect(rows).toBeLessThan(10_000);
    expect(() => w.flush()).toThrow(error as Error);
    expect(calls).toBe(2);
  });
});

describe('CsvWriter over a stream that fails', () => {
  const failing = (): Writable =>
    new Writable({
      write(_chunk, _enc, cb) {
        cb(enospc());
      },
    });

  it('flush and close reject with an OutputWriteError naming the file; the error event is handled', async () => {
    const w = new CsvWriter(failing(), ['a', 'b'], { byteChunks: true, chunkBytes: 16, path: '/out/issues.csv' });
    // the first chunk is handed to the stream; its failure is reported by the next flush or close
    const p = w.writeRow(['1', 'x'.repeat(20)]);
    if (p !== undefined) await p.catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    await expect(w.flush()).rejects.toThrow('cannot write /out/issues.csv: ENOSPC: no space left on device, write');
    await expect(w.close()).rejects.toBeInstanceOf(OutputWriteError);
  });

  it('a failure on the last write is reported by close; without a path, as the stream error itself', async () => {
    const w = new CsvWriter(failing(), ['a'], { byteChunks: false });
    w.writeRow(['1']);
    await expect(w.close()).rejects.toThrow('ENOSPC: no space left on device, write');
    const named = new CsvWriter(failing(), ['a'], { path: '/out/h.csv' });
    await expect(named.close()).rejects.toThrow('cannot write /out/h.csv: ENOSPC: no space left on device, write');
  });
});

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { out: o, err: e, stdout: (t) => void o.push(t), stderr: (t) => void e.push(t), stderrIsTTY: false, cwd: root };
}

const ARGS = [
  'settle',
  '--policy', 'examples/small/policy.json',
  '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv',
  '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
  '--records', 'examples/small/records.csv',
  '--hospitals', 'examples/small/hospitals.csv',
];

describe.skipIf(!existsSync('/dev/full'))('dip settle with an output on a full disk (/dev/full)', () => {
  for (const file of ['.cases.pass1.csv', 'issues.csv', 'cases.csv', 'hospitals.csv', 'summary.json']) {
    it(`${file}: exit 2, the file named, no output left${file === '.cases.pass1.csv' ? ' (one thread and --workers 2)' : ''}`, async () => {
      for (const extra of file === '.cases.pass1.csv' ? [[], ['--workers', '2']] : [[]]) {
        const out = join(dir, `full-${file}-${extra.length}`);
        mkdirSync(out);
        // outputs of an earlier run in the same folder: removed too
        writeFileSync(join(out, 'summary.json'), '{"old": true}\n');
        writeFileSync(join(out, 'cases.csv'), 'old\n');
        rmSync(join(out, file), { force: true });
        symlinkSync('/dev/full', join(out, file));
        const io = fakeIo();
        const code = await main([...ARGS, ...extra, '--out', out], io);
        expect(code).toBe(2);
        // with --workers, --memory auto is low (4c192c0), announced first
        const memoryLine = extra.length > 0 ? 'dip settle: memory low: the heap is collected once it has grown by 50 % of its live data\n' : '';
        expect(io.err.join('')).toBe(`${memoryLine}dip settle: cannot write ${join(out, file)}: ENOSPC: no space left on device, write\ndip settle: no outputs written (removed from ${out})\n`);
        expect(io.out.join('')).toBe('');
        expect(readdirSync(out)).toEqual([]);
      }
    }, 60_000);
  }

  it('the same run with a writable folder writes the four outputs (exit 1: the example has input issues)', async () => {
    const out = join(dir, 'ok');
    const io = fakeIo();
    expect(await main([...ARGS, '--out', out], io)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['cases.csv', 'hospitals.csv', 'issues.csv', 'summary.json']);
  });
});

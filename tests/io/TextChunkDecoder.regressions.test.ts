/** Regression found by the reader fuzzing (tests/fuzz): encoding.invalid names the line holding the bad bytes. */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TextChunkDecoder } from '../../src/io/TextChunkDecoder.js';
import { RecordsReadError } from '../../src/io/RecordsReadError.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

function errorLine(bytes: Uint8Array, cuts: number[]): number | undefined {
  const d = new TextChunkDecoder('utf8');
  let from = 0;
  try {
    for (const c of [...cuts, bytes.length]) {
      d.decode(bytes.subarray(from, c));
      from = c;
    }
    d.end();
  } catch (e) {
    if (e instanceof RecordsReadError) return e.line;
    throw e;
  }
  return undefined;
}

describe('TextChunkDecoder error lines', () => {
  // '中'×40 \n 'x'×80 '中' \n \n 'A' <D6 D0: GBK bytes, invalid UTF-8> \n — the bad bytes are on line 4
  const bytes = join(utf8(`${'中'.repeat(40)}\n${'x'.repeat(80)}中\n`), Uint8Array.from([0x0a, 0x41, 0xd6, 0xd0, 0x0a]));
  test.prop([fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 4 }).map((a) => a.sort((x, y) => x - y))], { seed: 203 })(
    'wherever the chunks are cut, the invalid bytes are reported on line 4',
    (cuts) => {
      expect(errorLine(bytes, cuts)).toBe(4);
    },
  );
  test.prop([fc.integer({ min: 1, max: bytes.length - 1 })], { seed: 204 })('single cut, including inside a multi-byte character', (cut) => {
    expect(errorLine(bytes, [cut])).toBe(4);
  });
});

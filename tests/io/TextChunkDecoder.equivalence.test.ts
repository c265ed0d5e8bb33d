/**
 * `TextChunkDecoder` (ASCII detection by `isAscii`) against the reference copy of commit 25c6084
 * (`tests/io/reference/TextChunkDecoder.v1.ts`, a byte loop): the same text, the same detected encoding and the
 * same error (code, message, line) on random byte files — ASCII runs with non-ASCII bytes (UTF-8, GB18030,
 * invalid) at random places, BOMs — in random chunkings and for every encoding option.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextChunkDecoder } from '../../src/io/TextChunkDecoder.js';
import { TextChunkDecoder as TextChunkDecoderV1 } from './reference/TextChunkDecoder.v1.js';

/** Either decoder class (structurally: their private fields differ). */
type Decoder = new (encoding: 'auto' | 'utf8' | 'gb18030') => { decode(chunk: Uint8Array): string; end(): string; readonly detected: 'utf8' | 'gb18030' | undefined };

function run(D: Decoder, bytes: Uint8Array, cuts: readonly number[], enc: 'auto' | 'utf8' | 'gb18030'): string {
  const d = new D(enc);
  const out: string[] = [];
  try {
    let at = 0;
    for (const c of [...cuts, bytes.length]) {
      const to = Math.min(Math.max(c, at), bytes.length);
      out.push(d.decode(bytes.subarray(at, to)));
      at = to;
    }
    out.push(d.end());
    return JSON.stringify({ out, detected: d.detected });
  } catch (e) {
    const err = e as { code?: string; message?: string; line?: number };
    return JSON.stringify({ out, detected: d.detected, error: [err.code, err.message, err.line] });
  }
}

const ascii = fc.stringMatching(/^[a-z0-9,\n"]{0,300}$/u).map((s) => Array.from(new TextEncoder().encode(s)));
const nonAscii = fc.constantFrom([0xe8, 0x81, 0x8c], [0xd6, 0xb0], [0xbe, 0xd3], [0x95, 0x32, 0x82, 0x36], [0x80], [0xff], [0xc3], [0xef, 0xbb, 0xbf]);
const file = fc
  .tuple(fc.constantFrom([], [], [0xef, 0xbb, 0xbf]), fc.array(fc.oneof({ weight: 4, arbitrary: ascii }, { weight: 1, arbitrary: nonAscii }), { maxLength: 8 }))
  .map(([bom, parts]) => new Uint8Array([...bom, ...parts.flat()]));

describe('TextChunkDecoder = reference (commit 25c6084)', () => {
  it('same text, detected encoding and error on random files and chunkings (seed 71)', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat({ max: 2000 }), { maxLength: 6 }), fc.constantFrom('auto', 'auto', 'utf8', 'gb18030'), (bytes, cuts, enc) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        expect(run(TextChunkDecoder, bytes, sorted, enc)).toBe(run(TextChunkDecoderV1, bytes, sorted, enc));
      }),
      { seed: 71, numRuns: 3000 },
    );
  });

  it('a long ASCII prefix, then one non-ASCII byte at every offset of a chunk', () => {
    const prefix = new TextEncoder().encode('ab,c\n'.repeat(30));
    for (let k = 0; k < 40; k++) {
      const bytes = new Uint8Array([...prefix.subarray(0, prefix.length - k), 0xd6, 0xb0, ...prefix.subarray(prefix.length - k)]);
      for (const size of [1, 7, 64, 4096]) {
        const cuts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size);
        expect(run(TextChunkDecoder, bytes, cuts, 'auto')).toBe(run(TextChunkDecoderV1, bytes, cuts, 'auto'));
      }
    }
  });
});

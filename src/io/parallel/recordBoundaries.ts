/**
 * Record boundaries in the raw bytes of a CSV file, for cutting it into byte ranges that workers can tokenize on
 * their own (issue "Performance": a worker_threads runner that splits a file by byte ranges at record boundaries,
 * aware of quoted newlines).
 *
 * The scan follows exactly the quoting rules of {@link CsvTokenizer} (`src/io/CsvTokenizer.ts`), so a cut never
 * falls inside a record the tokenizer would read as one:
 * - a field is quoted only when its **first** character is `"` (the byte after `,`, a line break, or the start of
 *   the range, which is always a record start);
 * - inside a quoted field `""` is an escaped quote and any other `"` closes the field; what follows a closing quote
 *   up to the next `,` or line break is kept as stray text (quotes there are literal);
 * - a `"` inside an unquoted field is literal.
 * A record boundary is the byte after a line feed (`\n`, so also after `\r\n`) outside a quoted field. A lone `\r`
 * (old Mac line ends) also ends records for the tokenizer, but it is never used as a cut: a file with only lone `\r`
 * line ends is then one range, which is slower but still correct.
 *
 * Bytes, not text: in UTF-8 and GB18030 the bytes `"` (0x22), `,` (0x2C), `\r` (0x0D) and `\n` (0x0A) never occur
 * inside a multi-byte character (GB18030 trail bytes are 0x30–0x39 or 0x40–0xFE), so the scan needs no decoding.
 *
 * @module
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The end (exclusive) of the last complete record in `bytes[from, to)`, where `from` is a record start: the index
 * just after the last line feed that lies outside a quoted field, or `-1` when the range holds no complete record
 * (a record longer than the range, or a quoted field still open at `to`).
 *
 * A `"` as the very last byte of the range while inside a quoted field cannot be classified (it may be the first
 * half of `""`): the scan stops there, before it.
 *
 * @example
 * ```ts
 * const b = new TextEncoder().encode('a,b\n1,"x\ny"\n2,3');
 * lastRecordBoundary(b, 0, b.length); // 12: after '1,"x\ny"\n' — the quoted \n at index 8 is not a boundary
 * lastRecordBoundary(b, 0, 9);        // 4: the range ends inside the quoted field opened at index 6
 * ```
 */
export function lastRecordBoundary(bytes: Uint8Array, from: number, to: number): number {
  let best = -1;
  let p = from;
  // A UTF-8 byte-order mark at the start of the range is not text: a quote right after it opens the first field.
  const bomEnd = bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf ? from + 3 : from;
  for (;;) {
    // Unquoted stretch starting at p: find the next quote that opens a field.
    let open = -1;
    let q = bytes.indexOf(QUOTE, p);
    while (q !== -1 && q < to) {
      const prev = q === from || q === bomEnd ? LF : bytes[q - 1]!;
      if (prev === COMMA || prev === LF || prev === CR) {
        open = q;
        break;
      }
      q = bytes.indexOf(QUOTE, q + 1);
    }
    const stretchEnd = open === -1 ? to : open;
    if (stretchEnd > p) {
      const lf = bytes.lastIndexOf(LF, stretchEnd - 1);
      if (lf >= p) best = lf + 1;
    }
    if (open === -1) return best;
    // Quoted field from open + 1: find its closing quote.
    let i = open + 1;
    for (;;) {
      const c = bytes.indexOf(QUOTE, i);
      if (c === -1 || c >= to - 1) return best; // still open at `to` (or a final quote that may be half of "")
      if (bytes[c + 1] === QUOTE) {
        i = c + 2;
        continue;
      }
      p = c + 1; // stray text after the closing quote is unquoted up to the next delimiter
      break;
    }
  }
}

/**
 * Physical line breaks in `bytes[from, to)` as {@link CsvTokenizer} counts them: `\n`, `\r\n` and a lone `\r`,
 * quoted or not. Used to give each byte range the physical line it starts on. `lf` is the count of `\n` alone,
 * which is how {@link TextChunkDecoder} numbers the line of an undecodable byte.
 *
 * @example
 * ```ts
 * countLineBreaks(new TextEncoder().encode('a\r\nb\rc\n'), 0, 7); // { breaks: 3, lf: 2 }
 * ```
 */
export function countLineBreaks(bytes: Uint8Array, from: number, to: number): { breaks: number; lf: number } {
  let lf = 0;
  let i = bytes.indexOf(LF, from);
  while (i !== -1 && i < to) {
    lf++;
    i = bytes.indexOf(LF, i + 1);
  }
  let loneCr = 0;
  let r = bytes.indexOf(CR, from);
  while (r !== -1 && r < to) {
    if (bytes[r + 1] !== LF || r + 1 >= to) loneCr++;
    r = bytes.indexOf(CR, r + 1);
  }
  return { breaks: lf + loneCr, lf };
}

/**
 * Reference copy of `src/records/splitCodeList.ts` as of commit 25c6084 (before the trim shortcut), with imports pointing at
 * `src/`. Used only by `tests/records/validateRecord.equivalence.test.ts`; never edit except to follow moved imports.
 */
import { foldFullWidth } from '../../../src/codes/index.js';

const ASCII = /^[\x20-\x7e]*$/u;

/**
 * Split a list cell of codes (`secondary_dx`, `other_procedures`; DIP-RULES.md §2.1) into its entries, in
 * their listed order.
 *
 * Separators: `;` (the canonical one, DIP-RULES.md §2.1), and also `,`, full-width `；` and `，` — ICD codes
 * never contain these characters, and hospital exports and the Pingdingshan 2025 catalog use commas. Never `+`:
 * it is the dagger mark of a pair like `A01.000x005+J17.0*` (DIP-RULES.md §3.5). Nor white space: `E11.900 I10.x00`
 * is one malformed entry (a shape error), not two codes. Entries are trimmed; empty entries (`A;;B`, a trailing
 * `;`) are dropped, since they carry no code.
 *
 * @example
 * ```ts
 * splitCodeList('E11.900; I10.x00；A01.000x005+J17.0*,'); // ['E11.900', 'I10.x00', 'A01.000x005+J17.0*']
 * splitCodeList('');                                       // []
 * ```
 */
export function splitCodeList(text: string): string[] {
  const out: string[] = [];
  if (text === '') return out;
  // Printable ASCII (the common case): split by hand, without the regex test and the regex split.
  let start = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 59 : text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return splitFolded(text);
    if (c === 59 || c === 44) {
      if (i > start) {
        const t = text.slice(start, i).trim();
        if (t !== '') out.push(t);
      }
      start = i + 1;
    }
  }
  return out;
}

/** The general path: full-width folding, then the `;`/`,` split. */
function splitFolded(text: string): string[] {
  const out: string[] = [];
  const folded = ASCII.test(text) ? text : foldFullWidth(text);
  for (const part of folded.split(/[;,]/u)) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

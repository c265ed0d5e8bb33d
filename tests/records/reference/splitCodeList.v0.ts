/** Reference copy of src/records/splitCodeList.ts as of commit 7ac94e3 (for the old-vs-new equality property tests and bench/records-ab.ts). */
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
  const folded = ASCII.test(text) ? text : foldFullWidth(text);
  for (const part of folded.split(/[;,]/u)) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

/**
 * Integer fen (分) → exact 2-dp yuan string. Money in the synthetic generator is always drawn as an
 * integer number of fen, so every written amount is exact and total = fund + patient + other holds
 * digit for digit (DEVELOPERS.md).
 *
 * @example
 * ```ts
 * fenToYuan(1234507); // '12345.07'
 * fenToYuan(5);       // '0.05'
 * ```
 */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`fenToYuan: not a non-negative integer: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const cents = fen - yuan * 100;
  return `${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Exact rational numbers over BigInt, for the auditors' reference implementation.
 *
 * Written independently of `src/` (no decimal.js, no shared helper): every value is an exact fraction
 * num/den with den > 0 in lowest terms, so no intermediate is ever rounded. Rounding happens only where
 * the reference calls `round(scale, mode)`, i.e. at the steps DIP-RULES.md §8.7 names.
 */
export class Q {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new Error('Q: division by zero');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    this.num = g === 0n ? 0n : num / g;
    this.den = g === 0n ? 1n : den / g;
  }

  static of(n: bigint, d = 1n): Q {
    return new Q(n, d);
  }

  /** Parse a plain decimal string (`-12.345`); throws on anything else (reference inputs are trusted). */
  static parse(s: string): Q {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
    if (!m) throw new Error(`Q.parse: not a plain decimal: ${s}`);
    const frac = m[3] ?? '';
    const n = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
    return new Q(n, 10n ** BigInt(frac.length));
  }

  add(o: Q): Q {
    return new Q(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Q): Q {
    return new Q(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Q): Q {
    return new Q(this.num * o.num, this.den * o.den);
  }
  div(o: Q): Q {
    return new Q(this.num * o.den, this.den * o.num);
  }
  cmp(o: Q): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Q): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Q): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Q): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  neg(): Q {
    return new Q(-this.num, this.den);
  }
  min(o: Q): Q {
    return this.lte(o) ? this : o;
  }
  max(o: Q): Q {
    return this.gte(o) ? this : o;
  }

  /**
   * Round to `scale` decimal places. `halfUp` = 四舍五入, half away from zero (DIP-RULES.md §8.7);
   * `floor` toward −∞; `down` toward zero.
   */
  round(scale: number, mode: 'halfUp' | 'floor' | 'down' = 'halfUp'): Q {
    const f = 10n ** BigInt(scale);
    const scaled = this.num * f; // value × 10^scale = scaled / den
    const neg = scaled < 0n;
    const a = neg ? -scaled : scaled;
    let q = a / this.den;
    const r = a % this.den;
    if (mode === 'halfUp') {
      if (2n * r >= this.den) q += 1n;
    } else if (mode === 'floor') {
      if (neg && r !== 0n) q += 1n;
    }
    return new Q(neg ? -q : q, f);
  }

  /** Fixed-point text with exactly `scale` decimals; the value must already be at that scale. */
  toFixed(scale: number): string {
    const f = 10n ** BigInt(scale);
    if ((this.num * f) % this.den !== 0n) throw new Error(`Q.toFixed: ${this.num}/${this.den} has more than ${scale} decimals`);
    const v = (this.num * f) / this.den;
    const neg = v < 0n;
    const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
    const int = digits.slice(0, digits.length - scale);
    const frac = digits.slice(digits.length - scale);
    return `${neg && v !== 0n ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export const q = (s: string | number): Q => (typeof s === 'number' ? Q.of(BigInt(s)) : Q.parse(s));
export const ZERO = Q.of(0n);
export const ONE = Q.of(1n);

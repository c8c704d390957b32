/**
 * Exact rational helpers: the metrics keep sums and shares as bigint fractions and convert
 * to a float exactly once, here.
 */
import { InvalidThresholdError } from "./errors";

/** A non-negative rational `num / den` with integer parts. */
export interface Rational {
  num: bigint | number;
  den: bigint | number;
}

/** A threshold: a JS number (read as the decimal it prints as) or an exact rational. */
export type Threshold = number | Rational;

/**
 * Converts the rational `num / den` to the nearest double (round half to even), with a
 * single rounding. Exact for any bigint sizes; only the final IEEE-754 rounding is lost
 * (results in the subnormal range may be rounded twice).
 *
 * Method: scale so the integer quotient has at least 55 significant bits, fold a non-zero
 * remainder into the lowest bit ("sticky bit"), let `Number()` round that to 53 bits, then
 * multiply by the power of two (exact).
 *
 * @throws RangeError if `den` is 0.
 * @example
 * ratioToNumber(1n, 3n); // 0.3333333333333333
 * ratioToNumber(10n ** 30n + 1n, 2n * 10n ** 30n); // 0.5
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (den === 0n) throw new RangeError("ratioToNumber: zero denominator");
  if (num === 0n) return 0;
  let negative = false;
  if (num < 0n) {
    negative = !negative;
    num = -num;
  }
  if (den < 0n) {
    negative = !negative;
    den = -den;
  }
  const shift = bitLength(den) - bitLength(num) + 55;
  let q: bigint;
  let r: bigint;
  if (shift >= 0) {
    const scaled = num << BigInt(shift);
    q = scaled / den;
    r = scaled - q * den;
  } else {
    const d = den << BigInt(-shift);
    q = num / d;
    r = num - q * d;
  }
  if (r !== 0n) q |= 1n;
  const result = scaleByPowerOfTwo(Number(q), -shift);
  return negative ? -result : result;
}

/**
 * Number of bits of a positive bigint (`bitLength(1n) = 1`, `bitLength(255n) = 8`); 0 for 0n.
 * @example bitLength(1024n); // 11
 */
export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** `x * 2^e` without overflowing the intermediate power of two. */
function scaleByPowerOfTwo(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

/**
 * Reads a threshold as an exact rational `{ num, den }` with `0 <= num < den`.
 *
 * A JS number is read as the shortest decimal that prints it (`0.33` is 33/100, not the
 * binary double nearest to it), so `0.1`, `0.5`, `0.66` mean what they say. Pass a
 * `{ num, den }` for thirds or any other non-decimal fraction.
 *
 * @throws InvalidThresholdError unless the value is a finite rational in [0, 1).
 * @example
 * thresholdToRational(0.5); // { num: 5n, den: 10n }
 * thresholdToRational({ num: 2, den: 3 }); // { num: 2n, den: 3n }
 */
export function thresholdToRational(threshold: Threshold): { num: bigint; den: bigint } {
  let num: bigint;
  let den: bigint;
  if (typeof threshold === "number") {
    if (!Number.isFinite(threshold)) {
      throw new InvalidThresholdError(threshold, "must be a finite number");
    }
    if (threshold < 0) throw new InvalidThresholdError(threshold, "must be >= 0");
    const m = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(threshold));
    if (!m) throw new InvalidThresholdError(threshold, "cannot be read as a decimal");
    const frac = m[2] ?? "";
    const exp = Number(m[3] ?? "0") - frac.length;
    const digits = BigInt(m[1]! + frac);
    if (exp >= 0) {
      num = digits * 10n ** BigInt(exp);
      den = 1n;
    } else {
      num = digits;
      den = 10n ** BigInt(-exp);
    }
  } else if (typeof threshold === "object" && threshold !== null) {
    num = toBigInt(threshold.num, threshold);
    den = toBigInt(threshold.den, threshold);
    if (den <= 0n) throw new InvalidThresholdError(threshold, "den must be > 0");
    if (num < 0n) throw new InvalidThresholdError(threshold, "num must be >= 0");
  } else {
    throw new InvalidThresholdError(threshold, "must be a number or { num, den }");
  }
  if (num >= den) throw new InvalidThresholdError(threshold, "must be < 1");
  return { num, den };
}

function toBigInt(v: bigint | number, whole: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  throw new InvalidThresholdError(whole, "num and den must be integers (bigint or safe integer)");
}

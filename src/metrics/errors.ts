/**
 * Typed errors thrown by the metrics module for bad input.
 *
 * Every error names the offending argument (and index, for array elements) and the value,
 * so a caller can report it without re-deriving what went wrong.
 */

/** Base class of every input error raised by `src/metrics/`. */
export class MetricsInputError extends Error {
  override name = "MetricsInputError";
}

/**
 * An amount is below zero. Amounts are base-unit token quantities and must be `>= 0n`.
 * `index` is the array index, or the map key / field name for keyed inputs.
 */
export class NegativeAmountError extends MetricsInputError {
  override name = "NegativeAmountError";
  constructor(
    readonly index: number | string,
    readonly value: bigint,
  ) {
    super(`amount ${typeof index === "number" ? `at index ${index}` : `for ${index}`} is negative: ${value}`);
  }
}

/** An amount is not a bigint (e.g. a number or string slipped through). */
export class InvalidAmountError extends MetricsInputError {
  override name = "InvalidAmountError";
  constructor(
    readonly index: number | string,
    readonly value: unknown,
  ) {
    super(
      `amount ${typeof index === "number" ? `at index ${index}` : `for ${index}`} must be a bigint, got ${typeof value} ${describe(value)}`,
    );
  }
}

/** A concentration threshold is not a rational in [0, 1). */
export class InvalidThresholdError extends MetricsInputError {
  override name = "InvalidThresholdError";
  constructor(
    readonly threshold: unknown,
    reason: string,
  ) {
    super(`invalid threshold ${describe(threshold)}: ${reason}`);
  }
}

/** A scalar argument is out of range or of the wrong type. */
export class InvalidArgumentError extends MetricsInputError {
  override name = "InvalidArgumentError";
  constructor(
    readonly argument: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`${argument} must be ${expected}, got ${describe(value)}`);
  }
}

/** A count-like argument (top N, number of curve points, k epochs) is out of range. */
export class InvalidCountError extends InvalidArgumentError {
  override name = "InvalidCountError";
}

/** A time series is malformed (duplicate epoch, seasons out of order, ...). */
export class InvalidSeriesError extends MetricsInputError {
  override name = "InvalidSeriesError";
  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(`invalid series at index ${index}: ${reason}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    } catch {
      return String(value);
    }
  }
  return String(value);
}

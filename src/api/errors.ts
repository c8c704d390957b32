/**
 * Typed errors of the analytics API (GraphQL and REST).
 *
 * Each error carries the HTTP status it maps to and, where it applies, the name of the
 * offending parameter, so REST can answer `{ error, detail, parameter }` and GraphQL can put
 * the same message in `errors[].message` with `extensions.code`. Anything that is not an
 * {@link ApiError} is an internal fault: it is logged and reported without its stack.
 */

/** Base class: an error whose message is safe to show to the caller. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    /** HTTP status for REST. */
    readonly status: number,
    /** Machine-readable code, also used as GraphQL `extensions.code`. */
    readonly code: string,
    /** The query/argument name that is wrong, when one is. */
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** An argument failed validation (wrong type, out of range, malformed address or cursor). */
export class InvalidParameterError extends ApiError {
  override name = "InvalidParameterError";
  constructor(parameter: string, detail: string) {
    super(`invalid ${parameter}: ${detail}`, 400, "BAD_USER_INPUT", parameter);
  }
}

/** A referenced object does not exist in the index (an epoch not indexed, an unknown vault). */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
  constructor(parameter: string, detail: string) {
    super(detail, 404, "NOT_FOUND", parameter);
  }
}

/** The request body is larger than the API accepts. */
export class PayloadTooLargeError extends ApiError {
  override name = "PayloadTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`request body too large: the limit is ${limitBytes} bytes`, 413, "PAYLOAD_TOO_LARGE");
  }
}

/** The index has no data yet for what was asked (e.g. before the first indexed block). */
export class NotReadyError extends ApiError {
  override name = "NotReadyError";
  constructor(detail: string) {
    super(detail, 503, "NOT_READY");
  }
}

/** The body a REST endpoint answers with on error. */
export interface ErrorBody {
  error: string;
  detail: string;
  parameter?: string;
}

/** Maps any thrown value to a status and body; internal errors become an opaque 500. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: error.code, detail: error.message };
    if (error.parameter !== undefined) body.parameter = error.parameter;
    return { status: error.status, body };
  }
  return { status: 500, body: { error: "INTERNAL", detail: "internal error while answering the request" } };
}

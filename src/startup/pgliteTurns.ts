/**
 * Gives the HTTP server turns while the embedded database works.
 *
 * PGlite runs PostgreSQL in the process's one thread, and every statement it executes is
 * synchronous WebAssembly. A chain of statements awaited one after the other (the indexer's
 * transaction for a block: about fourteen of them; a data request of the API: a few) runs as one
 * unbroken stretch of microtasks, so `/health`, `/ready` and every cached answer wait for the
 * whole chain: 250–650 ms per block on the devnet, measured with a CPU profile of `ponder start`
 * following one block a second.
 *
 * Installed once per process, this wraps `PGlite.prototype.execProtocol` (every statement goes
 * through it) so that a statement that would start after `sliceMs` of one unbroken stretch first
 * yields to the event loop (`setImmediate`), which then answers the sockets that are waiting.
 * It changes no result and no order: PGlite's own locks still run one statement at a time and a
 * transaction to its end before any other query (`query` and `transaction` share one lock).
 *
 * Why the default slice is 0 (every statement but the first of a turn waits for the next turn):
 * the server accepts one new connection per turn of the event loop (`strace` of the server under
 * the load test: one `accept4` after each `epoll_pwait`, never until `EAGAIN`). With 50 clients
 * that open a connection per request, a turn per 10 ms slice of database work let about 250
 * connections in a second, and every request, `/health` included, first waited about 200 ms
 * behind 50 others in the listening socket's queue (`ss -ltn`: 50). With a turn before every
 * statement the queue empties, the load waits in the request gate instead, and `/health`,
 * `/ready` and cached answers are answered at once (`npm run test:load` on PGlite: `/ready`
 * p99 35 ms instead of 345–457 ms, `concentration` p99 34 ms instead of 360–624 ms, for 200
 * instead of 213–249 requests a second).
 *
 * @example
 * installPgliteTurns(PGlite, PGLITE_SLICE_MS); // in ponder.config.ts, when the database is PGlite
 */

/** Longest unbroken stretch of PGlite statements before the next one waits for a turn of the event loop (0: one statement a turn). */
export const PGLITE_SLICE_MS = 0;

/** The part of PGlite's class that is wrapped (method syntax: PGlite's options type is accepted). */
export interface PgliteClass {
  prototype: { execProtocol(message: Uint8Array, options?: unknown): Promise<unknown> };
}

const INSTALLED = Symbol.for("ve-lens.pgliteTurns");

export interface PgliteTurnStats {
  /** Statements that waited for a turn of the event loop before they ran. */
  yields: number;
}

/**
 * Wraps `pglite.prototype.execProtocol` (once; later calls return the first installation's
 * stats). `sliceMs`: longest unbroken stretch of statements before one yields; 0: every
 * statement but the first of a turn yields.
 */
export function installPgliteTurns(pglite: PgliteClass, sliceMs: number): PgliteTurnStats {
  if (!(sliceMs >= 0)) throw new RangeError(`sliceMs must be 0 or more, got ${sliceMs}`);
  const proto = pglite.prototype as PgliteClass["prototype"] & { [INSTALLED]?: PgliteTurnStats };
  const existing = proto[INSTALLED];
  if (existing) return existing;
  const stats: PgliteTurnStats = { yields: 0 };
  const original = proto.execProtocol;
  // A stretch is open from its first statement until the event loop's next check phase, which
  // runs only once the stretch's microtasks are done.
  let open = false;
  let openedAt = 0;
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  proto.execProtocol = async function execProtocolWithTurns(this: unknown, message: Uint8Array, options?: unknown) {
    if (open && performance.now() - openedAt >= sliceMs) {
      stats.yields += 1;
      await turn();
    }
    if (!open) {
      open = true;
      openedAt = performance.now();
      setImmediate(() => {
        open = false;
      });
    }
    return original.call(this, message, options);
  };
  Object.defineProperty(proto, INSTALLED, { value: stats });
  return stats;
}

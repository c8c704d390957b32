/**
 * Gives the HTTP server turns while the embedded database works.
 *
 * PGlite runs PostgreSQL in the process's one thread, and every statement it executes is
 * synchronous WebAssembly. A chain of statements awaited one after the other (the indexer's
 * transaction for a block: about fourteen of them) runs as one unbroken stretch of microtasks,
 * so `/health`, `/ready` and every cached answer wait for the whole chain: 250–650 ms per block
 * on the devnet, measured with a CPU profile of `ponder start` following one block a second
 * (while another job kept the machine's two cores busy; with this wrap, `/health` p99 in the same
 * conditions went from 261 to 56 ms).
 *
 * Installed once per process, this wraps `PGlite.prototype.execProtocol` (every statement goes
 * through it) so that a statement that would start after `sliceMs` of one unbroken stretch first
 * yields to the event loop (`setImmediate`), which then answers the sockets that are waiting.
 * It changes no result and no order: PGlite's own locks still run one statement at a time and a
 * transaction to its end before any other query (`query` and `transaction` share one lock).
 *
 * @example
 * installPgliteTurns(PGlite, 10); // in ponder.config.ts, when the database is PGlite
 */

/** Longest unbroken stretch of PGlite statements before the next one waits for a turn of the event loop. */
export const PGLITE_SLICE_MS = 10;

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
 * stats). `sliceMs`: longest unbroken stretch of statements before one yields.
 */
export function installPgliteTurns(pglite: PgliteClass, sliceMs: number): PgliteTurnStats {
  if (!(sliceMs > 0)) throw new RangeError(`sliceMs must be positive, got ${sliceMs}`);
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
    if (open && performance.now() - openedAt > sliceMs) {
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

/**
 * A liveness watchdog for a Ponder indexer: the minimal guard ve-lens needs because Ponder
 * 0.16.10, after a reorg deeper than its finality (30 blocks on chain 31337), logs
 * "Encountered unrecoverable reorg" and then keeps serving stale data without exiting.
 *
 * Unhealthy when, for `graceMs` in a row:
 * - Ponder logged an unrecoverable reorg (immediately, no grace), or
 * - the indexed block is above the chain's head (the chain went back further than Ponder follows), or
 * - the indexed block is more than `maxLagBlocks` behind the head.
 * On the first verdict `onUnhealthy` runs once (e.g. kill the process and re-index on a fresh
 * schema, or exit non-zero so a supervisor restarts it).
 *
 * @example
 * const dog = startWatchdog({ ponder, rpcUrl }, (v) => console.error(v.reason, v.detail));
 * ...
 * dog.stop();
 */
import type { PonderProcess } from "./ponderProcess.js";

export type WatchdogReason = "unrecoverable-reorg" | "ahead-of-chain" | "behind-chain";

export interface WatchdogVerdict {
  reason: WatchdogReason;
  detail: string;
  /** Milliseconds from start to the verdict. */
  afterMs: number;
}

export interface WatchdogOptions {
  ponder: PonderProcess;
  rpcUrl: string;
  /** Poll period (default 250 ms). */
  intervalMs?: number;
  /** How long a bad state must last (default 5 s). */
  graceMs?: number;
  /** Largest tolerated lag behind the head (default 100 blocks). */
  maxLagBlocks?: number;
}

export interface Watchdog {
  verdict(): WatchdogVerdict | undefined;
  /** Resolves with the first verdict. */
  unhealthy: Promise<WatchdogVerdict>;
  stop(): void;
}

async function chainHead(rpcUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}

export function startWatchdog(options: WatchdogOptions, onUnhealthy?: (v: WatchdogVerdict) => void): Watchdog {
  const started = performance.now();
  const interval = options.intervalMs ?? 250;
  const grace = options.graceMs ?? 5_000;
  const maxLag = options.maxLagBlocks ?? 100;
  let verdict: WatchdogVerdict | undefined;
  let resolve!: (v: WatchdogVerdict) => void;
  const unhealthy = new Promise<WatchdogVerdict>((r) => (resolve = r));
  let badSince: { reason: WatchdogReason; at: number } | undefined;
  let stopped = false;
  let seenLines = 0;

  const decide = (reason: WatchdogReason, detail: string) => {
    if (verdict) return;
    verdict = { reason, detail, afterMs: Math.round(performance.now() - started) };
    onUnhealthy?.(verdict);
    resolve(verdict);
  };

  const tick = async () => {
    if (stopped || verdict) return;
    const lines = options.ponder.lines();
    for (let i = Math.min(seenLines, lines.length); i < lines.length; i++) {
      if (/unrecoverable reorg/i.test(lines[i]!)) return decide("unrecoverable-reorg", lines[i]!.slice(0, 300));
    }
    seenLines = lines.length;
    const [indexed, head] = await Promise.all([options.ponder.indexedBlock(), chainHead(options.rpcUrl)]);
    if (indexed === undefined || head === undefined) return;
    const reason: WatchdogReason | undefined = indexed > head ? "ahead-of-chain" : head - indexed > maxLag ? "behind-chain" : undefined;
    if (!reason) {
      badSince = undefined;
      return;
    }
    const now = performance.now();
    if (!badSince || badSince.reason !== reason) badSince = { reason, at: now };
    if (now - badSince.at >= grace) decide(reason, `indexed block ${indexed}, chain head ${head}`);
  };

  const timer = setInterval(() => void tick(), interval);
  return {
    verdict: () => verdict,
    unhealthy,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/**
 * The API under load (`npm run test:load`; in CI as part of `npm run test:reliability`).
 * While 50 clients send the costliest requests the budgets still allow (the `load` requests of
 * `test/reliability/corpus/expensiveRequests.ts`: SQL over `/sql/db`, GraphQL, REST) for 60
 * seconds, and the chain mines a block with a vote every second,
 * - `/ready` answers 200 with p99 under 1 s (probed every 100 ms),
 * - a normal `concentration` query of a finalized epoch answers 200 with p99 under 250 ms
 *   (probed every 200 ms),
 * - the indexer follows the chain with a lag under 5 blocks,
 * - every load request gets an answer: 200, a clear 4xx refusal naming a budget, or the request
 *   gate's 429 / 503 with `Retry-After`; never another 5xx, never a dropped connection;
 * once on PGlite and once on PostgreSQL. Ponder's `/health` (no database, no ve-lens code) is
 * probed too and only reported: when it is as slow as everything else, the wait is in the
 * server process itself, before any route runs.
 *
 * The 50 clients are 50 addresses (`X-Forwarded-For`, with `VE_LENS_TRUST_PROXY=1`), as a
 * deployment behind a proxy sees them; each sends one request at a time and, when told to retry
 * later, waits as `Retry-After` says. Percentiles are nearest-rank.
 *
 * Lag: once a second, Ponder's `/status` is read and then the chain's head; the lag of that
 * sample is the head minus the indexed block of the answer. Reading the head after the answer
 * arrived counts the blocks mined while `/status` was answered as lag too (an upper bound).
 * Samples are taken from the moment the load starts until it ends.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExpensiveRequest, expensiveRequests } from "../reliability/corpus/expensiveRequests";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { type IndexStore, openIndexStore } from "../reliability/harness/indexStore";
import { type VoteDriver, createVoteDriver } from "../reliability/harness/liveVotes";
import { type PonderProcess, spawnPonder } from "../../devnet/harness/ponderProcess";
import { sendRaw, unclearClientError } from "../reliability/harness/rawHttp";
import type { ProbeResult } from "./probe";

const CLIENTS = 50;
const LOAD_MS = 60_000;
const BLOCK_MS = 1_000;
const READY_EVERY_MS = 100;
const CONCENTRATION_EVERY_MS = 200;
const LAG_EVERY_MS = 1_000;

const PROBE = join(import.meta.dirname, "probe.ts");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of `values` (ms); NaN when empty. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends `path` every `everyMs` for `durationMs` from a process of its own (test/load/probe.ts). */
function probe(url: string, path: string, everyMs: number, durationMs: number): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", PROBE, url, path, String(everyMs), String(Math.round(durationMs))];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as ProbeResult) : reject(new Error(`probe of ${path} exited with ${code}`))));
  });
}

/** Why a load answer is not acceptable, or undefined when it is. */
function loadProblem(req: ExpensiveRequest, res: Awaited<ReturnType<typeof sendRaw>>): string | undefined {
  if (res.status === 200) return undefined;
  if ((res.status === 429 || res.status === 503) && res.headers["retry-after"] !== undefined) return undefined;
  if (req.expect === "either" && unclearClientError(res) === undefined) return undefined;
  return `${req.name}: ${res.status} ${res.error ?? res.body.slice(0, 200)}`;
}

/** Mines one block with a vote every `BLOCK_MS` (on a fixed schedule) until stopped. */
function startMining(votes: VoteDriver): { stop(): Promise<{ blocks: number; errors: string[] }> } {
  let stopped = false;
  let blocks = 0;
  const errors: string[] = [];
  const t0 = performance.now();
  const loop = (async () => {
    for (let k = 1; !stopped; k++) {
      try {
        await votes.castVote();
        blocks++;
      } catch (e) {
        errors.push((e as Error).message);
      }
      await sleep(Math.max(0, t0 + k * BLOCK_MS - performance.now()));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { blocks, errors };
    },
  };
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`load on ${kind === "pglite" ? "PGlite" : "PostgreSQL"}`, () => {
    let chain: Chain;
    let store: IndexStore;
    let ponder: PonderProcess;

    beforeAll(async () => {
      chain = await startChain({ scenario: "small" });
      store = await openIndexStore(`load-${kind}`, kind);
      ponder = await spawnPonder({
        command: "start",
        manifestPath: chain.manifestPath,
        schema: "load",
        ...store.target("load"),
        env: { VE_LENS_TRUST_PROXY: "1" },
      });
      await ponder.waitReady(600_000);
      await ponder.waitForBlock(chain.manifest.headBlock);
    });

    afterAll(async () => {
      await ponder?.stop();
      await store?.close();
      await chain?.stop();
    });

    it(`${CLIENTS} clients of the costliest allowed requests for ${LOAD_MS / 1000} s: /ready p99 < 1 s, concentration p99 < 250 ms, lag < 5 blocks`, async () => {
      const getJson = async <T>(path: string): Promise<T> => {
        const res = await fetch(`${ponder.url}${path}`);
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as T;
      };
      const epochs = await getJson<{ id: number; finalized: boolean; voters: number }[]>("/api/v1/epochs");
      const epoch = [...epochs].reverse().find((e) => e.finalized && e.voters > 0)!.id;
      const vaults = await getJson<{ address: string }[]>("/api/v1/vaults");
      const load = expensiveRequests({ epoch, gauge: vaults[0]!.address, vault: vaults[0]!.address }).filter((r) => r.load);
      expect(load.length).toBeGreaterThanOrEqual(20);

      // The chain moves first, and the indexer is following it before the load starts.
      const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 21);
      const mining = startMining(votes);
      await sleep(3 * BLOCK_MS);
      await ponder.waitForBlock((await votes.head()).number, 30_000);

      const started = performance.now();
      const loadEnds = started + LOAD_MS;
      const running = () => performance.now() < loadEnds;
      const byStatus: Record<string, number> = {};
      const problems: string[] = [];
      let sent = 0;
      const perName = new Map<string, number[]>();
      const client = async (i: number) => {
        for (let k = i; running(); k++) {
          const req = load[k % load.length]!;
          const res = await sendRaw(ponder.url, { ...req, headers: { ...req.headers, "x-forwarded-for": `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` } }, 30_000);
          sent++;
          if (!perName.has(req.name)) perName.set(req.name, []);
          perName.get(req.name)!.push(res.ms);
          const status = res.error ? `error` : String(res.status);
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          const problem = loadProblem(req, res);
          if (problem) problems.push(problem);
          const retryAfter = Number(res.headers["retry-after"]);
          if ((res.status === 429 || res.status === 503) && retryAfter > 0) await sleep(retryAfter * 1000);
        }
      };
      const lags: { lag: number; indexed: number; head: number; statusMs: number }[] = [];
      const lagSampler = (async () => {
        while (running()) {
          const t = performance.now();
          const indexed = await ponder.indexedBlock();
          const statusMs = performance.now() - t;
          const head = (await votes.head()).number;
          lags.push({ lag: indexed === undefined ? Number.POSITIVE_INFINITY : head - indexed, indexed: indexed ?? -1, head, statusMs });
          await sleep(Math.max(0, LAG_EVERY_MS - (performance.now() - t)));
        }
      })();
      const concentrationPath = `/api/v1/concentration?epoch=${epoch}&scope=CAST_VOTES`;
      const [ready, concentration, health] = await Promise.all([
        probe(ponder.url, "/ready", READY_EVERY_MS, loadEnds - performance.now()),
        probe(ponder.url, concentrationPath, CONCENTRATION_EVERY_MS, loadEnds - performance.now()),
        probe(ponder.url, "/health", READY_EVERY_MS, loadEnds - performance.now()),
        lagSampler,
        ...Array.from({ length: CLIENTS }, (_, i) => client(i)),
      ]);
      const loadSeconds = (performance.now() - started) / 1000;
      const mined = await mining.stop();

      const maxLag = Math.max(...lags.map((l) => l.lag));
      const worst = lags.find((l) => l.lag === maxLag);
      const ms = (v: number) => Math.round(v);
      console.info(
        `[load] ${kind}: ${CLIENTS} clients for ${loadSeconds.toFixed(1)} s, ${sent} requests (${(sent / loadSeconds).toFixed(0)}/s), by status ${JSON.stringify(byStatus)}; ` +
          `/ready n=${ready.ms.length} p50 ${ms(percentile(ready.ms, 50))} ms p99 ${ms(percentile(ready.ms, 99))} ms max ${ms(Math.max(...ready.ms))} ms; ` +
          `concentration n=${concentration.ms.length} p50 ${ms(percentile(concentration.ms, 50))} ms p99 ${ms(percentile(concentration.ms, 99))} ms max ${ms(Math.max(...concentration.ms))} ms; ` +
          `/health p50 ${ms(percentile(health.ms, 50))} p99 ${ms(percentile(health.ms, 99))}; ` +
          `lag max ${maxLag} blocks (head ${worst?.head}, indexed ${worst?.indexed}, /status ${ms(worst?.statusMs ?? 0)} ms) over ${lags.length} samples; ` +
          `${mined.blocks} blocks mined`,
      );

      const slowest = [...perName].map(([name, v]) => ({ name, p50: percentile(v, 50) })).sort((a, b) => b.p50 - a.p50);
      console.info(`[load] ${kind}: slowest load requests by p50: ${slowest.slice(0, 5).map((r) => `${r.name} ${ms(r.p50)} ms`).join("; ")}`);

      expect(ponder.exit(), "the server process is still running").toBeUndefined();
      expect(mined.errors, "the chain mined a block with a vote every second").toEqual([]);
      expect(mined.blocks).toBeGreaterThanOrEqual(Math.floor(LOAD_MS / BLOCK_MS) - 5);
      expect(problems.slice(0, 20), `${problems.length} of ${sent} load requests got an unacceptable answer`).toEqual([]);
      expect(ready.failures.slice(0, 20), "/ready answered 200 throughout").toEqual([]);
      expect(concentration.failures.slice(0, 20), "concentration answered 200 throughout").toEqual([]);
      expect(lags.length).toBeGreaterThanOrEqual(LOAD_MS / LAG_EVERY_MS / 2);
      // The three targets, each reported even when another one is missed.
      expect.soft(percentile(ready.ms, 99), "p99 of /ready under load (ms)").toBeLessThan(1_000);
      expect.soft(percentile(concentration.ms, 99), "p99 of a normal concentration query under load (ms)").toBeLessThan(250);
      expect.soft(maxLag, "largest lag of the index behind the chain under load (blocks)").toBeLessThan(5);
      // Once the load is over the index reaches the head.
      const head = (await votes.head()).number;
      expect(await ponder.waitForBlock(head, 60_000)).toBeGreaterThanOrEqual(head);
    });
  });
}

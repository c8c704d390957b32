/**
 * (e) Hostile HTTP: every request of the corpus (`corpus/hostileRequests.ts`, > 200 malformed
 * or abusive requests) gets a 4xx with a clear message, the server stays up throughout, and a
 * normal query still answers the same afterwards. Then every expensive-but-valid request of
 * `corpus/expensiveRequests.ts` is answered within its budget (refused with a clear 4xx naming
 * the limit, or answered), while `/ready` keeps answering within a second.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expensiveRequests } from "./corpus/expensiveRequests";
import { type HostileRequest, hostileRequests } from "./corpus/hostileRequests";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { type IndexStore, openIndexStore } from "./harness/indexStore";
import { type PonderProcess, spawnPonder } from "../../devnet/harness/ponderProcess";
import { type RawResponse, sendRaw, unclearClientError } from "./harness/rawHttp";

let chain: Chain;
let store: IndexStore;
let ponder: PonderProcess;

beforeAll(async () => {
  chain = await startChain({ scenario: "small" });
  store = await openIndexStore("hostile");
  ponder = await spawnPonder({ command: "start", manifestPath: chain.manifestPath, schema: "hostile", ...store.target("hostile") });
  await ponder.waitReady(300_000);
  await ponder.waitForBlock(chain.manifest.headBlock);
});

afterAll(async () => {
  await ponder?.stop();
  await store?.close();
  await chain?.stop();
});

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${ponder.url}${path}`);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe("hostile HTTP requests", () => {
  it("answers every corpus request with a clear 4xx and stays up", async () => {
    const epochs = await getJson<{ id: number; finalized: boolean; voters: number }[]>("/api/v1/epochs");
    const epoch = [...epochs].reverse().find((e) => e.finalized && e.voters > 0)!.id;
    const vaults = await getJson<{ address: string }[]>("/api/v1/vaults");
    const gauges = await getJson<{ address?: string; gauge?: string }[]>(`/api/v1/gauges?epoch=${epoch}`);
    const gauge = gauges[0]?.address ?? gauges[0]?.gauge ?? vaults[0]!.address;
    const corpus = hostileRequests({ epoch, gauge, vault: vaults[0]!.address });
    expect(corpus.length).toBeGreaterThanOrEqual(200);

    const normal = `/api/v1/concentration?epoch=${epoch}&scope=CAST_VOTES&points=11`;
    const baseline = await fetch(`${ponder.url}${normal}`).then((r) => r.text());

    const failures: string[] = [];
    const slow: string[] = [];
    const byGroup: Record<string, { total: number; ok: number }> = {};
    const concurrency = 4;
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= corpus.length) return;
        const req: HostileRequest = corpus[i]!;
        const res: RawResponse = await sendRaw(ponder.url, req, 30_000);
        const problem = unclearClientError(res);
        const g = (byGroup[req.group] ??= { total: 0, ok: 0 });
        g.total += 1;
        if (problem) failures.push(`${req.name} [${req.method} ${req.path.slice(0, 80)}]: ${problem}`);
        else g.ok += 1;
        if (res.ms > 2_000) slow.push(`${req.name}: ${Math.round(res.ms)} ms`);
        if (i % 25 === 0) {
          const health = await sendRaw(ponder.url, { method: "GET", path: "/health" });
          if (health.status !== 200) failures.push(`server down after "${req.name}": /health answered ${health.status} ${health.error ?? ""}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    console.info(`[hostile] ${corpus.length} requests; per group ok/total: ${JSON.stringify(byGroup)}`);
    if (slow.length) console.info(`[hostile] slower than 2 s:\n  ${slow.join("\n  ")}`);
    expect(ponder.exit(), "the server process is still running").toBeUndefined();
    expect((await sendRaw(ponder.url, { method: "GET", path: "/health" })).status).toBe(200);
    expect(await fetch(`${ponder.url}${normal}`).then((r) => r.text()), "a normal query answers as before").toBe(baseline);
    expect(failures, `${failures.length} of ${corpus.length} requests were not answered with a clear 4xx:\n${failures.join("\n")}`).toEqual([]);
  });
});

describe("expensive but valid requests", () => {
  it("are refused or answered within their budget, and /ready keeps answering", async () => {
    const epochs = await getJson<{ id: number; finalized: boolean; voters: number }[]>("/api/v1/epochs");
    const epoch = [...epochs].reverse().find((e) => e.finalized && e.voters > 0)!.id;
    const vaults = await getJson<{ address: string }[]>("/api/v1/vaults");
    const corpus = expensiveRequests({ epoch, gauge: vaults[0]!.address, vault: vaults[0]!.address });
    expect(corpus.length).toBeGreaterThanOrEqual(50);

    let probing = true;
    let slowestReady = 0;
    const readyProbe = (async () => {
      while (probing) {
        const r = await sendRaw(ponder.url, { method: "GET", path: "/ready" }, 10_000);
        slowestReady = Math.max(slowestReady, r.ms);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const failures: string[] = [];
    const times: string[] = [];
    for (const req of corpus) {
      const res = await sendRaw(ponder.url, req, 30_000);
      times.push(`${Math.round(res.ms)} ms ${res.status} ${req.name}`);
      if (res.ms > 3_000) failures.push(`${req.name}: ${Math.round(res.ms)} ms (budget 3000 ms)`);
      const refusedClearly = unclearClientError(res) === undefined;
      if (req.expect === "refused" && !refusedClearly) failures.push(`${req.name}: expected a clear 4xx, got ${res.status} ${res.body.slice(0, 200)}`);
      if (req.expect === "answered" && res.status !== 200) failures.push(`${req.name}: expected 200, got ${res.status} ${res.body.slice(0, 200)}`);
      if (req.expect === "either" && res.status !== 200 && !refusedClearly) failures.push(`${req.name}: expected 200 or a clear 4xx, got ${res.status} ${res.body.slice(0, 200)}`);
    }
    probing = false;
    await readyProbe;
    console.info(`[expensive] ${corpus.length} requests; slowest /ready ${Math.round(slowestReady)} ms\n  ${times.join("\n  ")}`);
    expect(failures).toEqual([]);
    expect(slowestReady, "slowest /ready answer while the expensive corpus ran (ms)").toBeLessThan(1_000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { FaultProxyConfigError, startFaultProxy } from "../../devnet/faultProxy";

let anvil: AnvilInstance;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

type Outcome = "ok" | "rpc-error" | "http-500" | "dropped";

/**
 * One eth_chainId call. Only the transport (the request and reading its body) may fail as
 * "dropped"; what an answer says is checked outside the `catch`, so a wrong error code or chain
 * id fails the test instead of counting as a dropped connection.
 */
async function call(url: string, id: number): Promise<Outcome> {
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", connection: "close" },
      body: JSON.stringify({ jsonrpc: "2.0", id, method: "eth_chainId", params: [] }),
    });
    status = res.status;
    text = await res.text();
  } catch {
    return "dropped";
  }
  if (status === 500) return "http-500";
  expect(status, text).toBe(200);
  const body = JSON.parse(text) as { id?: number; result?: string; error?: { code: number } };
  expect(body.id).toBe(id);
  if (body.error) {
    expect(body.error.code).toBe(-32603);
    return "rpc-error";
  }
  expect(Number(body.result)).toBe(31337);
  return "ok";
}

async function sequence(seed: number, n: number): Promise<Outcome[]> {
  const proxy = await startFaultProxy({ target: anvil.rpcUrl, seed, failRate: 0.2, dropRate: 0.05, delayRate: 0.2, maxDelayMs: 20 });
  const out: Outcome[] = [];
  try {
    for (let i = 0; i < n; i++) out.push(await call(proxy.url, i));
    const s = proxy.stats();
    expect(s.requests).toBe(n);
    expect(s.failed500 + s.failedRpc + s.dropped + s.forwarded).toBe(n);
    expect(s.methods.eth_chainId).toBe(n);
    // each outcome the client saw is the fate the proxy recorded, one for one
    const seen = (k: Outcome) => out.filter((x) => x === k).length;
    expect({ http500: seen("http-500"), rpc: seen("rpc-error"), dropped: seen("dropped"), ok: seen("ok") }).toEqual({
      http500: s.failed500,
      rpc: s.failedRpc,
      dropped: s.dropped,
      ok: s.forwarded,
    });
  } finally {
    await proxy.stop();
  }
  return out;
}

describe("fault proxy", () => {
  it("fails, drops and forwards a seeded share of requests, reproducibly", async () => {
    const a = await sequence(7, 400);
    const b = await sequence(7, 400);
    const c = await sequence(8, 400);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const share = (k: Outcome) => a.filter((x) => x === k).length / a.length;
    expect(share("http-500") + share("rpc-error")).toBeGreaterThan(0.12);
    expect(share("http-500") + share("rpc-error")).toBeLessThan(0.28);
    expect(share("dropped")).toBeGreaterThan(0.01);
    expect(share("dropped")).toBeLessThan(0.1);
  });

  it("heals with setRates and answers batches with one error per request", async () => {
    const proxy = await startFaultProxy({ target: anvil.rpcUrl, seed: 1, failRate: 1 });
    try {
      const batch = [1, 2, 3].map((id) => ({ jsonrpc: "2.0", id, method: "eth_blockNumber", params: [] }));
      let sawRpcBatch = false;
      for (let i = 0; i < 20 && !sawRpcBatch; i++) {
        const res = await fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) });
        if (res.status === 200) {
          const body = (await res.json()) as { id: number; error?: unknown }[];
          expect(body.map((x) => x.id)).toEqual([1, 2, 3]);
          expect(body.every((x) => x.error)).toBe(true);
          sawRpcBatch = true;
        } else {
          expect(res.status).toBe(500);
        }
      }
      expect(sawRpcBatch).toBe(true);
      proxy.setRates({ failRate: 0 });
      expect(await call(proxy.url, 99)).toBe("ok");
    } finally {
      await proxy.stop();
    }
  });

  it("rejects impossible rates", async () => {
    await expect(startFaultProxy({ target: anvil.rpcUrl, failRate: 0.8, dropRate: 0.5 })).rejects.toThrow(FaultProxyConfigError);
    await expect(startFaultProxy({ target: anvil.rpcUrl, delayRate: 2 })).rejects.toThrow(/delayRate/);
  });
});

/**
 * End to end: voting power and BR balances at past blocks equal the chain's own views read at
 * that block. The `small` world (seasons, warmups, exits, transfers) on an anvil that keeps
 * history, indexed by `ponder start`; for many blocks (spread over the chain, just before and after
 * deposits, exit queueing, withdrawals and season starts) every token's `votingPower(tokenId)`, every
 * owner's `votingPowerForAccount(owner)` and BR `balanceOf` are read with `blockNumber` and compared
 * with `/api/v1/voting-power` and `/api/v1/balance`.
 */
import { tableFromIPC } from "apache-arrow";
import { readParquet } from "parquet-wasm";
import { createPublicClient, createTestClient, createWalletClient, http } from "viem";
import { EscrowCurveAbi } from "../../abis/EscrowCurveAbi";
import { DEFAULT_DEPLOYER } from "../../devnet/deploy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRTokenAbi } from "../../abis/BRTokenAbi";
import { VotingEscrowAbi } from "../../abis/VotingEscrowAbi";
import { type ApiWorld, startApiWorld } from "./apiWorld";

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({ scenario: "small", seed: 1 });
}, 600_000);

afterAll(async () => {
  await world?.stop();
});

async function getJson(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${world.url}/api/v1${path}`);
  return { status: res.status, body: await res.json() };
}

/** Runs `fn` over items, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

interface LockEventRow {
  tokenId: string;
  kind: string;
  account: string;
  blockNumber: number;
  timestamp: number;
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\r\n");
  const cols = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [cols[i]!, v])));
}

describe("power and balances at any block equal the chain's views", () => {
  it("matches votingPower(tokenId), votingPowerForAccount(owner) and balanceOf at many blocks", async () => {
    const m = world.manifest;
    const client = createPublicClient({ transport: http(world.anvil.rpcUrl) });
    const escrow = m.contracts.VotingEscrow.address as `0x${string}`;
    const token = m.contracts.BRToken.address as `0x${string}`;

    const res = await fetch(`${world.url}/api/v1/export/lockEvent?format=csv`);
    expect(res.status).toBe(200);
    const events: LockEventRow[] = parseCsv(await res.text()).map((r) => ({
      tokenId: r.tokenId!,
      kind: r.kind!,
      account: r.account!,
      blockNumber: Number(r.blockNumber),
      timestamp: Number(r.timestamp),
    }));
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toContain("deposit");
    expect(kinds).toContain("exitQueued");
    expect(kinds).toContain("withdraw");

    const tokens = [...new Set(events.map((e) => e.tokenId))];
    const owners = [...new Set(events.filter((e) => e.account !== "").map((e) => e.account))];
    const first = Math.min(...events.map((e) => e.blockNumber));
    const head = m.headBlock;

    // blocks: spread evenly, and around every kind of event and season start
    const blocks = new Set<number>();
    for (let i = 0; i <= 24; i++) blocks.add(Math.round(first + ((head - first) * i) / 24));
    const pick = (kind: string, n: number) => events.filter((e) => e.kind === kind).filter((_, i, all) => i % Math.max(1, Math.floor(all.length / n)) === 0);
    for (const e of [...pick("deposit", 5), ...pick("exitQueued", 4), ...pick("withdraw", 3), ...pick("transfer", 2)]) {
      for (const d of [-1, 0, 1, 3]) blocks.add(e.blockNumber + d);
    }
    for (const s of m.seasons) for (const d of [0, 1]) blocks.add(s.block + d);
    // the first blocks at or after each season start, and around the first warm second of some deposits
    const blockAtOrAfter = async (ts: number) => {
      let lo = first;
      let hi = head;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const b = await client.getBlock({ blockNumber: BigInt(mid) });
        if (Number(b.timestamp) >= ts) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    for (const start of m.seasonStarts) {
      const b = await blockAtOrAfter(Number(start));
      for (const d of [-1, 0, 1]) blocks.add(b + d);
    }
    for (const e of pick("deposit", 3)) {
      const b = await blockAtOrAfter(e.timestamp + Number(m.curve.warmup));
      for (const d of [-1, 0, 1]) blocks.add(b + d);
    }
    const sampled = [...blocks].filter((b) => b >= first && b <= head).sort((a, b) => a - b);
    expect(sampled.length).toBeGreaterThanOrEqual(30);
    console.log(`power-at e2e: ${sampled.length} blocks from ${first} to ${head}`);

    let compared = 0;
    let nonZero = 0;
    let warmingSeen = 0;
    const mismatches: string[] = [];
    await pool(sampled, 4, async (block) => {
      const blockNumber = BigInt(block);
      const minted = tokens.filter((id) => events.some((e) => e.tokenId === id && e.kind === "deposit" && e.blockNumber <= block));
      for (const id of minted) {
        const chain = await client.readContract({ address: escrow, abi: VotingEscrowAbi, functionName: "votingPower", args: [BigInt(id)], blockNumber });
        const api = await getJson(`/voting-power?tokenId=${id}&block=${block}`);
        compared++;
        if (chain > 0n) nonZero++;
        if (api.body.tokens?.[0] && !api.body.tokens[0].warm) warmingSeen++;
        if (api.status !== 200 || api.body.power !== chain.toString()) mismatches.push(`token ${id} block ${block}: chain ${chain}, api ${JSON.stringify(api.body)}`);
      }
      for (const owner of owners) {
        const chain = await client.readContract({
          address: escrow,
          abi: VotingEscrowAbi,
          functionName: "votingPowerForAccount",
          args: [owner as `0x${string}`],
          blockNumber,
        });
        const api = await getJson(`/voting-power?owner=${owner}&block=${block}`);
        compared++;
        if (api.status !== 200 || api.body.power !== chain.toString()) mismatches.push(`owner ${owner} block ${block}: chain ${chain}, api ${api.body.power ?? JSON.stringify(api.body)}`);
        const balance = await client.readContract({ address: token, abi: BRTokenAbi, functionName: "balanceOf", args: [owner as `0x${string}`], blockNumber });
        const apiBalance = await getJson(`/balance?address=${owner}&block=${block}`);
        compared++;
        if (apiBalance.status !== 200 || apiBalance.body.balance !== balance.toString()) {
          mismatches.push(`balance ${owner} block ${block}: chain ${balance}, api ${JSON.stringify(apiBalance.body)}`);
        }
      }
    });
    expect(mismatches.slice(0, 10), `${mismatches.length} mismatches of ${compared}`).toEqual([]);
    expect(nonZero).toBeGreaterThan(50);
    expect(warmingSeen).toBeGreaterThan(0);
    console.log(`power-at e2e: ${compared} comparisons at ${sampled.length} blocks, ${nonZero} non-zero token powers, ${warmingSeen} in warmup`);
  }, 900_000);

  it("answers a timestamp like the block at that time, and refuses moments after the indexed head", async () => {
    const client = createPublicClient({ transport: http(world.anvil.rpcUrl) });
    const status = (await getJson("/status")).body;
    const owner = (await getJson("/distribution?epoch=" + status.lastClosedEpoch + "&scope=ELIGIBLE_POWER&first=1")).body.items[0].owner;
    const block = status.block - 5;
    const b = await client.getBlock({ blockNumber: BigInt(block) });
    const byBlock = await getJson(`/voting-power?owner=${owner}&block=${block}`);
    const byTime = await getJson(`/voting-power?owner=${owner}&timestamp=${b.timestamp}`);
    expect(byTime.status).toBe(200);
    expect(byTime.body.block).toBeNull();
    expect(byTime.body.power).toBe(byBlock.body.power);

    const ahead = await getJson(`/voting-power?owner=${owner}&block=${status.block + 1000}`);
    expect(ahead.status).toBe(400);
    expect(ahead.body.parameter).toBe("block");
    expect(ahead.body.detail).toMatch(/after the latest indexed block/);
    const later = await getJson(`/balance?address=${owner}&timestamp=${status.timestamp + 3600}`);
    expect(later.status).toBe(400);
    expect(later.body.parameter).toBe("timestamp");
    const both = await getJson(`/voting-power?owner=${owner}&block=1&timestamp=1`);
    expect(both.status).toBe(400);
    const bad = await getJson(`/voting-power?owner=0x1234`);
    expect(bad.status).toBe(400);
    expect(bad.body.parameter).toBe("owner");

    // GraphQL gives the same
    const res = await fetch(`${world.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query($o: String!, $b: Int!) { votingPower(owner: $o, block: $b) { power block timestamp } balance(address: $o, block: $b) { balance } }`,
        variables: { o: owner, b: block },
      }),
    });
    const gql = (await res.json()) as { data: { votingPower: { power: string }; balance: { balance: string } } };
    expect(gql.data.votingPower.power).toBe(byBlock.body.power);
    const chainBalance = await client.readContract({
      address: world.manifest.contracts.BRToken.address as `0x${string}`,
      abi: BRTokenAbi,
      functionName: "balanceOf",
      args: [owner],
      blockNumber: BigInt(block),
    });
    expect(gql.data.balance.balance).toBe(chainBalance.toString());
  }, 120_000);

  it("answers the account of a locker with its locks, epochs, ranks and steering; an unknown address with an empty answer", async () => {
    const status = (await getJson("/status")).body;
    const top = (await getJson(`/distribution?epoch=${status.lastClosedEpoch}&scope=CAST_VOTES&first=1`)).body.items[0].owner;
    const { status: code, body } = await getJson(`/accounts/${top.toUpperCase().replace("0X", "0x")}`);
    expect(code).toBe(200);
    expect(body.known).toBe(true);
    expect(body.address).toBe(top);
    expect(body.locks.length).toBeGreaterThan(0);
    expect(body.epochs.length).toBeGreaterThan(0);
    expect(body.ranks.some((r: { scope: string }) => r.scope === "CAST_VOTES")).toBe(true);
    const now = await getJson(`/voting-power?owner=${top}`);
    expect(body.power).toBe(now.body.power);
    const live = body.locks.find((l: { status: string }) => l.status !== "exited");
    if (live) expect(live.curve.length).toBeGreaterThan(1);

    const csv = await fetch(`${world.url}/api/v1/accounts/${top}?format=csv&part=locks`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^address,tokenId,amount/);

    const empty = await getJson(`/accounts/0x${"7".repeat(40)}`);
    expect(empty.status).toBe(200);
    expect(empty.body.known).toBe(false);
    expect(empty.body.note).toMatch(/nothing indexed names this address/);
    expect(empty.body.locks).toEqual([]);
    const malformed = await getJson(`/accounts/0x12`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/20-byte hex address/);
  }, 120_000);

  it("exports the per-epoch tables as CSV and Parquet with the same rows (Parquet read by an independent reader)", async () => {
    const status = (await getJson("/status")).body;
    const last = status.lastClosedEpoch as number;
    for (const table of ["epoch", "epochLockPower", "epochVote", "epochGauge", "epochMetric", "epochHolding", "lockEvent"]) {
      const range = `fromEpoch=${last - 1}&toEpoch=${last}`;
      const csv = await fetch(`${world.url}/api/v1/export/${table}?${range}`);
      expect(csv.status).toBe(200);
      const csvRows = parseCsv(await csv.text());
      const pq = await fetch(`${world.url}/api/v1/export/${table}?format=parquet&${range}`);
      expect(pq.status).toBe(200);
      const arrow = tableFromIPC(readParquet(new Uint8Array(await pq.arrayBuffer())).intoIPCStream());
      expect(arrow.numRows, table).toBe(csvRows.length);
      if (table !== "lockEvent") expect(csvRows.length, table).toBeGreaterThan(0);
      const rows = arrow.toArray().map((r) => r.toJSON() as Record<string, unknown>);
      rows.forEach((r, i) => {
        for (const [k, v] of Object.entries(csvRows[i]!)) {
          const got = r[k] === null ? "" : typeof r[k] === "number" && !Number.isInteger(r[k]) ? String(r[k]) : String(r[k]);
          if (table === "epochMetric" && typeof r[k] === "number") expect(Number(got), `${table}.${k}`).toBeCloseTo(Number(v), 12);
          else expect(got, `${table}.${k}`).toBe(v);
        }
      });
    }
  }, 120_000);

  // Last: it changes the chain (a WarmupSet after the simulated head).
  it("follows a WarmupSet: power before it under the old warmup, after it under the new one, as the chain answers", async () => {
    const m = world.manifest;
    const rpc = http(world.anvil.rpcUrl);
    const client = createPublicClient({ transport: rpc });
    const escrow = m.contracts.VotingEscrow.address as `0x${string}`;
    const curve = m.contracts.EscrowCurve.address as `0x${string}`;
    const wallet = createWalletClient({ transport: rpc, account: DEFAULT_DEPLOYER });
    const testClient = createTestClient({ mode: "anvil", transport: rpc });
    const before = Number(await client.getBlockNumber());
    const longWarmup = 10 * 365 * 86_400; // every lock is warming up again
    const hash = await wallet.writeContract({ address: curve, abi: EscrowCurveAbi, functionName: "setWarmupPeriod", args: [longWarmup], chain: null });
    await testClient.mine({ blocks: 1 });
    const receipt = await client.waitForTransactionReceipt({ hash, timeout: 30_000 });
    expect(receipt.status).toBe("success");
    await testClient.increaseTime({ seconds: 3600 });
    await testClient.mine({ blocks: 1 });
    const head = Number(await client.getBlockNumber());
    await world.ponder.waitForBlock(head, 120_000);
    const set = Number(receipt.blockNumber);

    const res = await fetch(`${world.url}/api/v1/export/lockEvent?format=csv`);
    const tokens = [...new Set(parseCsv(await res.text()).filter((r) => r.kind === "deposit").map((r) => r.tokenId!))];
    let nonZeroBefore = 0;
    for (const block of [before, set - 1, set, head]) {
      for (const id of tokens) {
        const chain = await client.readContract({ address: escrow, abi: VotingEscrowAbi, functionName: "votingPower", args: [BigInt(id)], blockNumber: BigInt(block) });
        const api = await getJson(`/voting-power?tokenId=${id}&block=${block}`);
        expect(api.body.power, `token ${id} block ${block}`).toBe(chain.toString());
        if (block < set && chain > 0n) nonZeroBefore++;
        if (block >= set) expect(chain).toBe(0n);
      }
    }
    expect(nonZeroBefore).toBeGreaterThan(0);
    expect((await getJson(`/voting-power?tokenId=${tokens[0]}&block=${set - 1}`)).body.warmup).toBe(Number(m.curve.warmup));
    expect((await getJson(`/voting-power?tokenId=${tokens[0]}&block=${set}`)).body.warmup).toBe(longWarmup);
  }, 300_000);
});

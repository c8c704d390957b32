/**
 * Entities end to end on the `default` world: anvil, the simulator (with its entities spread
 * over wallets) and `ponder start`. The clustering served by the API is scored against the
 * manifest's true grouping (pairwise precision and recall over the addresses that hold locks,
 * read from the chain's Deposit and veNFT Transfer logs); entity-level concentration is checked
 * against an independent grouping of the per-address distribution; every grouping is explained.
 */
import { createPublicClient, http, parseAbiItem } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeConcentration } from "../../src/metrics";
import { pairScore } from "../entities/pairScore";
import { type ApiWorld, startApiWorld } from "./apiWorld";

let world: ApiWorld;

// biome-ignore lint: GraphQL answers are untyped JSON
async function gql(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(`${world.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  // biome-ignore lint: untyped JSON
  return body.data as Record<string, any>;
}

interface EntityJson {
  id: string;
  size: number;
  members: { address: string; evidence: { kind: string; txHash: string | null; block: number | null; confidence: number; other: string }[] }[];
}

let entities: EntityJson[];
let lockHolders: Set<string>;

beforeAll(async () => {
  world = await startApiWorld({ scenario: "default" });
  const client = createPublicClient({ transport: http(world.anvil.rpcUrl) });
  const toBlock = BigInt(world.manifest.headBlock);
  const [deposits, transfers] = await Promise.all([
    client.getLogs({
      address: world.manifest.contracts.VotingEscrow.address,
      event: parseAbiItem("event Deposit(address indexed depositor, uint256 indexed tokenId, uint256 indexed startTs, uint256 value, uint256 newTotalLocked)"),
      fromBlock: 0n,
      toBlock,
    }),
    client.getLogs({
      address: world.manifest.contracts.Lock.address,
      event: parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)"),
      fromBlock: 0n,
      toBlock,
    }),
  ]);
  const escrow = world.manifest.contracts.VotingEscrow.address.toLowerCase();
  lockHolders = new Set(deposits.map((l) => (l.args.depositor as string).toLowerCase()));
  for (const t of transfers) {
    const to = (t.args.to as string).toLowerCase();
    if (!/^0x0{40}$/.test(to) && to !== escrow) lockHolders.add(to);
  }
  entities = (await gql("{ entities { id size members { address evidence { kind txHash block confidence other } } } }")).entities;
});

afterAll(async () => {
  await world?.stop();
});

describe("entities on the default world", () => {
  it("the manifest carries the simulator's true grouping (the indexer never reads it)", () => {
    expect(world.manifest.entities?.length).toBeGreaterThan(5);
    expect(world.apiErrors).toEqual([]);
  });

  it("clustering vs the true grouping: precision ≥ 0.95, recall ≥ 0.80 (pairwise, over lock holders)", () => {
    const truth = (world.manifest.entities ?? []).map((e) => e.addresses.map((a) => a.toLowerCase()));
    const predicted = entities.map((e) => e.members.map((m) => m.address));
    const score = pairScore(predicted, truth, lockHolders);
    console.log(
      `[entities] default seed 1: ${lockHolders.size} lock holders, ${entities.length} entities found, ${truth.length} true; ` +
        `true pairs ${score.truePairs}, predicted ${score.predictedPairs}, correct ${score.correctPairs}; ` +
        `precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}`,
    );
    expect(score.truePairs).toBeGreaterThan(50);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.8);
  });

  it("every grouping is explained: each member has evidence, each link names a real transaction and another member", async () => {
    const client = createPublicClient({ transport: http(world.anvil.rpcUrl) });
    const sampled: string[] = [];
    for (const e of entities) {
      const members = new Set(e.members.map((m) => m.address));
      expect(e.size).toBe(e.members.length);
      for (const m of e.members) {
        expect(m.evidence.length, `${m.address} in ${e.id}`).toBeGreaterThan(0);
        for (const ev of m.evidence) {
          expect(members.has(ev.other)).toBe(true);
          expect(ev.confidence).toBeGreaterThanOrEqual(0.6);
          expect(["lockFor", "nftTransfer", "fundedLock", "copyVote"]).toContain(ev.kind);
          if (ev.txHash && sampled.length < 12 && !sampled.includes(ev.txHash)) sampled.push(ev.txHash);
        }
      }
    }
    for (const h of sampled) {
      const receipt = await client.getTransactionReceipt({ hash: h as `0x${string}` });
      const ev = entities.flatMap((e) => e.members.flatMap((m) => m.evidence)).find((x) => x.txHash === h)!;
      expect(Number(receipt.blockNumber)).toBe(ev.block);
    }
  });

  it("entity(id), entity(address), account(address).entity and REST agree", async () => {
    const e = entities[0]!;
    const member = e.members[1]!.address;
    const data = await gql(
      `query($id: String!, $a: String!) { byId: entity(id: $id) { id size } byAddress: entity(id: $a) { id } account(address: $a, transfers: 0, epochs: 1) { entity { id members { address } } } }`,
      { id: e.id, a: member },
    );
    expect(data.byId).toEqual({ id: e.id, size: e.size });
    expect(data.byAddress.id).toBe(e.id);
    expect(data.account.entity.id).toBe(e.id);
    const rest = await fetch(`${world.url}/api/v1/entities/${member}`);
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as EntityJson).id).toBe(e.id);
    const alone = "0x000000000000000000000000000000000000dead";
    expect((await gql(`{ entity(id: "${alone}") { id size } }`)).entity).toEqual({ id: alone, size: 1 });
    expect((await fetch(`${world.url}/api/v1/entities/e-zz`)).status).toBe(400);
    expect((await fetch(`${world.url}/api/v1/entities/e-${"0".repeat(40)}`)).status).toBe(404);
    expect((await fetch(`${world.url}/api/v1/concentration?epoch=1&scope=ELIGIBLE_POWER&by=wallet`)).status).toBe(400);
  });

  it("concentration by entity equals an independent grouping of the per-address distribution; uplift matches both", async () => {
    const status = (await gql("{ status { lastClosedEpoch } }")).status;
    const epoch = status.lastClosedEpoch as number;
    for (const scope of ["ELIGIBLE_POWER", "CAST_VOTES", "LOCKED_BR"]) {
      const rows: { owner: string; amount: string }[] = [];
      let after: string | null = null;
      for (;;) {
        // biome-ignore lint: untyped JSON
        const d: any = (
          await gql(
            `query($e: Int!, $s: Scope!, $after: String) { distribution(epoch: $e, scope: $s, first: 1000, after: $after) { items { owner amount } pageInfo { endCursor hasNextPage } } }`,
            { e: epoch, s: scope, after },
          )
        ).distribution;
        rows.push(...d.items);
        if (!d.pageInfo.hasNextPage) break;
        after = d.pageInfo.endCursor;
      }
      const entityOf = new Map<string, string>();
      for (const e of entities) for (const m of e.members) entityOf.set(m.address, e.id);
      const sums = new Map<string, bigint>();
      for (const r of rows) {
        const key = entityOf.get(r.owner) ?? r.owner;
        sums.set(key, (sums.get(key) ?? 0n) + BigInt(r.amount));
      }
      const expected = computeConcentration([...sums.values()]);
      const byAddress = computeConcentration(rows.map((r) => BigInt(r.amount)));
      const data = await gql(
        `query($e: Int!, $s: Scope!) { c: concentration(epoch: $e, scope: $s, by: ENTITY) { by n total nakamoto50 gini top1Share lorenz(points: 5) { x y } } u: uplift(epoch: $e, scope: $s) { address { n nakamoto50 gini top1Share } entity { n nakamoto50 gini top1Share } nakamotoDrop } }`,
        { e: epoch, s: scope },
      );
      expect(data.c.by).toBe("ENTITY");
      expect(data.c.n).toBe(expected.n);
      expect(data.c.total).toBe(expected.total.toString());
      expect(data.c.nakamoto50).toBe(expected.nakamoto50);
      expect(data.c.gini).toBeCloseTo(expected.gini, 12);
      expect(data.c.top1Share).toBeCloseTo(expected.top1Share, 12);
      expect(data.c.lorenz).toHaveLength(5);
      expect(data.u.entity.nakamoto50).toBe(expected.nakamoto50);
      expect(data.u.address.nakamoto50).toBe(byAddress.nakamoto50);
      expect(data.u.address.n).toBe(byAddress.n);
      expect(data.u.nakamotoDrop).toBe(byAddress.nakamoto50 - expected.nakamoto50);
      expect(data.u.entity.n).toBeLessThan(data.u.address.n);
      console.log(
        `[entities] epoch ${epoch} ${scope}: Nakamoto-50 ${byAddress.nakamoto50} by address → ${expected.nakamoto50} by entity; top-1 ${byAddress.top1Share.toFixed(4)} → ${expected.top1Share.toFixed(4)}; Gini ${byAddress.gini.toFixed(4)} → ${expected.gini.toFixed(4)}`,
      );
      const rest = await fetch(`${world.url}/api/v1/concentration?epoch=${epoch}&scope=${scope}&by=entity`);
      expect(rest.status).toBe(200);
      expect(((await rest.json()) as { nakamoto50: number; by: string }).nakamoto50).toBe(expected.nakamoto50);
    }
  });
});

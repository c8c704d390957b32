/**
 * Accounts and power at a moment over the in-memory stores: the point-in-time rules (warmup
 * against the evaluating block, exit zero point, season anchor, NFT holder from the lock events,
 * WarmupSet history), the account view, and their REST / GraphQL answers and errors.
 */
import { describe, expect, it } from "vitest";
import { createGraphqlApp } from "../../src/api/graphql";
import { createAnalytics } from "../../src/api/queries/analytics";
import { curveAhead, lockAt, warmupAt } from "../../src/api/queries/powerAt";
import { createRestApp } from "../../src/api/rest";
import { BEDROCK_8X_CURVE, biasAt } from "../../src/domain/votingPower";
import { BLOCK_TS, LOCKS, LOCK_EVENTS, createFakeHistoryStore, fakeBlockTimestamp } from "./fakeHistoryStore";
import { A, B, C, EPOCH, G1, LIVE_TS, createFakeStore } from "./fakeStore";

const e18 = 10n ** 18n;
const rules = {
  curve: BEDROCK_8X_CURVE,
  // read at start-up, after the change: before the change the value it replaced is in force
  warmupChanges: [{ warmup: 60n, previous: 259_200n, blockNumber: 250, timestamp: BLOCK_TS[250]! }],
  startupWarmup: 60n,
  seasons: [{ number: 1, startTs: BigInt(12 * EPOCH), startBlock: 400 }],
};
const at = (block: number) => ({ block, timestamp: BLOCK_TS[block]! });

function setup(options: { blockTimestamp?: boolean } = {}) {
  const store = createFakeStore();
  const analytics = createAnalytics(store, {
    history: createFakeHistoryStore(),
    blockTimestamp: options.blockTimestamp === false ? undefined : fakeBlockTimestamp,
    listAlerts: async () => [
      {
        id: "1",
        rule: "whale",
        type: "capture",
        severity: "warning",
        epoch: 12,
        season: 2,
        ts: 12 * EPOCH + 601_200,
        subject: G1,
        provisional: true,
        title: "one voter steers G1",
        message: "A holds most of G1",
        value: 0.9,
        threshold: 0.5,
        details: { voter: A },
      },
    ],
  });
  return { analytics, rest: createRestApp(analytics), graphql: createGraphqlApp(analytics) };
}

describe("lockAt: one lock at a past moment", () => {
  const lock1 = LOCKS[0]!;
  it("is not minted before its deposit and warming up right after it (the warmup compares the block time)", () => {
    expect(lockAt(lock1, LOCK_EVENTS, at(50), rules)).toMatchObject({ standing: "notMinted", power: 0n, holder: null });
    const warming = lockAt(lock1, LOCK_EVENTS, at(150), rules);
    expect(warming).toMatchObject({ standing: "active", holder: A, warm: false, power: 0n });
  });

  it("has the curve's power once warm, anchored at the later of its start and the season start", () => {
    const before = lockAt(lock1, LOCK_EVENTS, at(200), rules);
    expect(before.warm).toBe(true);
    expect(before.power).toBe(biasAt(50n * e18, BigInt(9 * EPOCH - 8 * EPOCH), BEDROCK_8X_CURVE));
    const afterSeason = lockAt(lock1, LOCK_EVENTS, at(900), rules);
    expect(afterSeason.power).toBe(biasAt(50n * e18, BigInt(13 * EPOCH - 1000 - 12 * EPOCH), BEDROCK_8X_CURVE));
  });

  it("follows transfers and the exit: queued power lasts until the exit checkpoint, held by the escrow", () => {
    const lock2 = LOCKS[1]!;
    expect(lockAt(lock2, LOCK_EVENTS, at(200), rules).holder).toBe(C);
    expect(lockAt(lock2, LOCK_EVENTS, at(260), rules).holder).toBe(B);
    const lock3 = LOCKS[2]!;
    const held = lockAt(lock3, LOCK_EVENTS, at(850), rules);
    expect(held).toMatchObject({ standing: "active", holder: C, exitCheckpointTs: null });
    expect(held.power).toBeGreaterThan(0n);
    const queued = lockAt(lock3, LOCK_EVENTS, at(900), rules);
    expect(queued).toMatchObject({ standing: "queued", holder: null, owner: C, exitCheckpointTs: BigInt(13 * EPOCH) });
    expect(queued.power).toBeGreaterThan(0n);
    expect(lockAt(lock3, LOCK_EVENTS, at(950), rules).power).toBe(0n);
  });

  it("takes the warmup in force at the moment from the WarmupSet history", () => {
    expect(warmupAt(rules.warmupChanges, rules.startupWarmup, at(200))).toBe(259_200n);
    expect(warmupAt(rules.warmupChanges, rules.startupWarmup, at(250))).toBe(60n);
    expect(warmupAt(rules.warmupChanges, rules.startupWarmup, { block: null, timestamp: BLOCK_TS[250]! - 1 })).toBe(259_200n);
  });

  it("draws the curve ahead up to the cap, and to zero at the exit checkpoint", () => {
    const now = BigInt(9 * EPOCH);
    const curve = curveAhead(LOCKS[0]!, now, { warmup: 0n, seasonStarts: [], curve: BEDROCK_8X_CURVE }, 30);
    expect(curve[0]!.ts).toBe(Number(now));
    expect(curve[curve.length - 1]!.ts).toBe(8 * EPOCH + 6 * EPOCH);
    expect(curve[curve.length - 1]!.power).toBe(biasAt(50n * e18, BEDROCK_8X_CURVE.maxTime, BEDROCK_8X_CURVE));
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.power >= curve[i - 1]!.power).toBe(true);
    const exiting = curveAhead(LOCKS[2]!, BigInt(13 * EPOCH - 1000), { warmup: 0n, seasonStarts: [BigInt(12 * EPOCH)], curve: BEDROCK_8X_CURVE }, 30);
    expect(exiting[exiting.length - 1]).toEqual({ ts: 13 * EPOCH, power: 0n });
  });
});

describe("votingPower and balance at a block or a timestamp", () => {
  it("sums the tokens the owner's wallet holds at the block (a queued lock is not counted)", async () => {
    const { analytics } = setup();
    const held = await analytics.votingPower({ owner: C, block: 850 });
    expect(held.power).not.toBe("0");
    expect(held.tokens.find((t) => t.tokenId === "3")).toMatchObject({ counted: true, holder: C });
    const queued = await analytics.votingPower({ owner: C, block: 900 });
    expect(queued.power).toBe("0");
    expect(queued.tokens.find((t) => t.tokenId === "3")).toMatchObject({ counted: false, standing: "queued" });
    const token = await analytics.votingPower({ tokenId: "3", block: 900 });
    expect(BigInt(token.power)).toBeGreaterThan(0n);
    expect(token).toMatchObject({ block: 900, timestamp: BLOCK_TS[900], season: 2 });
  });

  it("answers the head by default, and a timestamp as a block at that time", async () => {
    const { analytics } = setup();
    const head = await analytics.votingPower({ owner: A });
    expect(head).toMatchObject({ block: 1000, timestamp: LIVE_TS });
    expect(head.power).toBe(biasAt(50n * e18, BigInt(LIVE_TS - 12 * EPOCH), BEDROCK_8X_CURVE).toString());
    const byTime = await analytics.votingPower({ owner: B, timestamp: BLOCK_TS[200]! });
    expect(byTime.block).toBeNull();
    expect(byTime.power).toBe("0"); // lock 2 was with C then
  });

  it("gives BR balances from the transfers at or before the moment", async () => {
    const { analytics } = setup();
    expect((await analytics.balance({ address: A, block: 50 })).balance).toBe((100n * e18).toString());
    expect((await analytics.balance({ address: A, block: 250 })).balance).toBe((50n * e18).toString());
    expect((await analytics.balance({ address: A })).balance).toBe((57n * e18).toString());
  });

  it("refuses moments after the head, both block and timestamp, neither or both of owner and tokenId", async () => {
    const { analytics } = setup();
    await expect(analytics.votingPower({ owner: A, block: 1001 })).rejects.toMatchObject({ status: 400, parameter: "block" });
    await expect(analytics.balance({ address: A, timestamp: LIVE_TS + 1 })).rejects.toMatchObject({ status: 400, parameter: "timestamp" });
    await expect(analytics.votingPower({ owner: A, block: 900, timestamp: 1 })).rejects.toMatchObject({ status: 400 });
    await expect(analytics.votingPower({ block: 900 })).rejects.toMatchObject({ status: 400 });
    await expect(analytics.votingPower({ tokenId: "77" })).rejects.toMatchObject({ status: 404, parameter: "tokenId" });
    await expect(setup({ blockTimestamp: false }).analytics.votingPower({ owner: A, block: 900 })).rejects.toMatchObject({ status: 503 });
  });

  it("over REST: 200 with the view, 400 naming a malformed owner", async () => {
    const { rest } = setup();
    const ok = await rest.request(`/voting-power?owner=${A.toUpperCase().replace("0X", "0x")}&block=900`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { owner: string }).owner).toBe(A);
    const bad = await rest.request("/voting-power?owner=0x123");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: "owner" });
    const csv = await rest.request(`/voting-power?owner=${C}&block=900&format=csv`);
    expect((await csv.text()).split("\r\n")[0]).toBe("owner,block,timestamp,tokenId,standing,holder,counted,warm,power");
  });
});

describe("account(address)", () => {
  it("gathers balance, transfers, vesting, locks with curves, epochs, ranks, steering and alerts", async () => {
    const { analytics } = setup();
    const a = await analytics.account({ address: A, transfers: 100, epochs: 104 });
    expect(a).toMatchObject({ address: A, known: true, note: null, brBalance: (57n * e18).toString(), transferCount: 3 });
    expect(a.transfers.map((t) => [t.direction, t.balanceAfter])).toEqual([
      ["in", (57n * e18).toString()],
      ["out", (50n * e18).toString()],
      ["in", (100n * e18).toString()],
    ]);
    expect(a.vesting).toEqual([expect.objectContaining({ name: "team", role: "beneficiary" })]);
    expect(a.locks).toHaveLength(1);
    expect(a.locks[0]).toMatchObject({ tokenId: "1", held: true, status: "active", warm: true });
    expect(a.locks[0]!.curve.length).toBeGreaterThan(3);
    expect(a.power).toBe(a.locks[0]!.power);
    expect(a.epochs[0]).toMatchObject({ epoch: 13, live: true });
    expect(a.epochs.find((e) => e.epoch === 10)).toMatchObject({ castVotes: (60n * e18).toString() });
    expect(a.latestEpoch).toBe(13);
    const cast = a.ranks.find((r) => r.scope === "CAST_VOTES")!;
    expect(cast).toMatchObject({ rank: 1, epoch: 13 });
    expect(cast.percentile).toBeGreaterThanOrEqual(0);
    expect(a.ranks.some((r) => r.scope === "GAUGE_VOTERS" && r.gauge === G1)).toBe(true);
    expect(a.steering.gauges).toEqual([expect.objectContaining({ gauge: G1, share: 1 })]);
    expect(a.alerts.map((x) => x.id)).toEqual(["1"]);
  });

  it("answers an address nothing names with an empty view that says so", async () => {
    const { analytics } = setup();
    const a = await analytics.account({ address: "0x" + "5".repeat(40), transfers: 100, epochs: 104 });
    expect(a).toMatchObject({ known: false, brBalance: "0", power: "0", locks: [], transfers: [], epochs: [], ranks: [], alerts: [] });
    expect(a.note).toMatch(/nothing indexed names this address/);
  });

  it("over REST (JSON and each CSV part) and GraphQL; a malformed address is a 400", async () => {
    const { rest, graphql } = setup();
    const json = await rest.request(`/accounts/${A}`);
    expect(json.status).toBe(200);
    const bad = await rest.request("/accounts/0xnot-an-address");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: "address", detail: expect.stringMatching(/20-byte hex address/) });
    const locks = await rest.request(`/accounts/${A}?format=csv`);
    expect((await locks.text()).split("\r\n")[0]).toMatch(/^address,tokenId,amount,startTs/);
    const transfers = await rest.request(`/accounts/${A}?format=csv&part=transfers`);
    expect((await transfers.text()).split("\r\n")).toHaveLength(5);
    const part = await rest.request(`/accounts/${A}?part=nope`);
    expect(part.status).toBe(400);
    const res = await graphql.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ account(address: "${A}") { known brBalance locks { tokenId curve { ts power } } ranks { scope rank of } alerts { id details { key value } } }
                 votingPower(owner: "${C}", block: 900) { power tokens { tokenId counted } } balance(address: "${A}", block: 50) { balance } }`,
      }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.account.known).toBe(true);
    // token 2 passed through C's wallet earlier: listed, not counted
    expect(body.data.votingPower.tokens).toEqual([
      { tokenId: "2", counted: false },
      { tokenId: "3", counted: false },
    ]);
    expect(body.data.balance.balance).toBe((100n * e18).toString());
    const err = await graphql.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ account(address: "0x1") { known } }` }),
    });
    const errBody = (await err.json()) as { errors: { extensions: { code: string; parameter: string } }[] };
    expect(errBody.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", parameter: "address" });
  });
});

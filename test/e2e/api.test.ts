/**
 * End to end: the `small` scenario on anvil, indexed by `ponder start`, queried through the
 * analytics GraphQL, the REST API, Ponder's generated GraphQL and SQL over HTTP. Values are
 * checked against each other (a metric against the population it is computed from) and against
 * the manifest the simulator wrote.
 */
import { createClient, sql } from "@ponder/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../ponder.schema";
import { createPublicClient, http } from "viem";
import { VestingWalletAbi } from "../../abis";
import { METRIC_SCOPES } from "../../src/domain/scopes";
import { computeConcentration, lorenzCurve } from "../../src/metrics/index";
import { expectCsvMatchesJson } from "../api/csvCheck";
import { type ApiWorld, startApiWorld } from "./apiWorld";

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({ scenario: "small", seed: 1 });
});

afterAll(async () => {
  await world?.stop();
});

interface GqlError {
  message: string;
  extensions?: { code?: string; parameter?: string };
}
interface GqlBody {
  data?: Record<string, any> | null;
  errors?: GqlError[];
}

async function gqlRaw(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GqlBody }> {
  const res = await fetch(`${world.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GqlBody };
}

async function gql(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const { status, body } = await gqlRaw(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data!;
}

async function gqlError(query: string, variables?: Record<string, unknown>): Promise<GqlError> {
  const { status, body } = await gqlRaw(query, variables);
  expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(body.errors, JSON.stringify(body)).toBeDefined();
  return body.errors![0]!;
}

async function rest(path: string, headers: Record<string, string> = {}) {
  return fetch(`${world.url}/api/v1${path}`, { headers });
}

async function restJson<T = any>(path: string): Promise<T> {
  const res = await rest(path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

/** Every scope that needs no gauge argument (GAUGE_VOTERS is checked per gauge below). */
const SCOPES = METRIC_SCOPES.filter((s) => s !== "GAUGE_VOTERS");
const METRIC_FIELDS = "epoch scope gauge finalized live n total gini nakamoto33 nakamoto50 nakamoto66 hhi effectiveN theil entropy top1Share top5Share top10Share palma";

interface Epoch {
  id: number;
  finalized: boolean;
  live: boolean;
  season: number;
  eligiblePower: string;
  castPower: string;
  participation: number;
  voters: number;
}

/**
 * The live epoch: the scenario ends inside an epoch's voting window (and anvil mines on in real
 * time, far from the next window end), so exactly one epoch is live, and it is the last one.
 */
function theLiveEpoch(epochs: Epoch[]): Epoch {
  const live = epochs.filter((e) => e.live);
  expect(live.map((e) => e.id), "exactly one live epoch").toHaveLength(1);
  expect(live[0], "the live epoch is the last one").toBe(epochs[epochs.length - 1]);
  expect(live[0]!.finalized).toBe(false);
  return live[0]!;
}

/** Every row of a distribution, walking the cursor with pages of `pageSize`. */
async function fullDistribution(epoch: number, scope: string, gauge?: string, pageSize = 1000) {
  const items: { rank: number; owner: string; amount: string; share: number }[] = [];
  let after: string | null = null;
  let block: number | undefined;
  for (;;) {
    const data = await gql(
      `query($epoch: Int!, $scope: Scope!, $gauge: String, $first: Int, $after: String) {
        status { block }
        distribution(epoch: $epoch, scope: $scope, gauge: $gauge, first: $first, after: $after) {
          total totalCount items { rank owner amount share } pageInfo { endCursor hasNextPage }
        }
      }`,
      { epoch, scope, gauge, first: pageSize, after },
    );
    block ??= data.status.block;
    items.push(...data.distribution.items);
    if (!data.distribution.pageInfo.hasNextPage) return { items, total: data.distribution.total as string, totalCount: data.distribution.totalCount as number, block: block! };
    after = data.distribution.pageInfo.endCursor;
  }
}

/** Compares a concentration answer with computeConcentration over the distribution rows. */
function expectMatches(metric: Record<string, any>, amounts: bigint[]) {
  const m = computeConcentration(amounts);
  expect(metric.n).toBe(m.n);
  expect(metric.total).toBe(m.total.toString());
  for (const k of ["nakamoto33", "nakamoto50", "nakamoto66"] as const) expect(metric[k], k).toBe(m[k]);
  for (const k of ["gini", "hhi", "effectiveN", "theil", "entropy", "top1Share", "top5Share", "top10Share"] as const) {
    expect(metric[k], k).toBeCloseTo(m[k], 12);
  }
  if (m.palma === null) expect(metric.palma).toBeNull();
  else expect(metric.palma).toBeCloseTo(m.palma, 9);
}

/**
 * Runs a check against live data; anvil keeps mining after the simulation, so a live answer can
 * move between two requests. Retries when the indexed block changed during the check.
 */
async function stableLive(check: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    const before = (await gql("{ status { block } }")).status.block;
    try {
      await check();
      return;
    } catch (error) {
      const after = (await gql("{ status { block } }")).status.block;
      if (after === before || attempt >= 4) throw error;
    }
  }
}

describe("analytics GraphQL on the small scenario", () => {
  let epochs: Epoch[];

  beforeAll(async () => {
    epochs = (await gql("{ epochs { id finalized live season eligiblePower castPower participation voters } }")).epochs;
  });

  it("lists every epoch of the scenario, finalized ones first and exactly one live, the last", async () => {
    const status = (await gql("{ status { block timestamp liveEpoch lastClosedEpoch lastFinalizedEpoch } }")).status;
    expect(status.block).toBeGreaterThanOrEqual(world.manifest.headBlock);
    const ids = epochs.map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const live = theLiveEpoch(epochs);
    const finalized = epochs.filter((e) => e.finalized).map((e) => e.id);
    expect(finalized.length).toBeGreaterThanOrEqual(3);
    expect(status.lastFinalizedEpoch).toBe(finalized[finalized.length - 1]);
    expect(status.liveEpoch).toBe(live.id);
    const some = await gql("query($from: Int, $to: Int) { epochs(from: $from, to: $to) { id } }", { from: ids[1], to: ids[2] });
    expect(some.epochs.map((e: Epoch) => e.id)).toEqual([ids[1], ids[2]]);
  });

  it("castPower, eligiblePower and voters equal the sums of their distributions (stored epochs)", async () => {
    for (const e of epochs.filter((x) => !x.live)) {
      const cast = await fullDistribution(e.id, "CAST_VOTES");
      expect(cast.items.reduce((s, i) => s + BigInt(i.amount), 0n).toString(), `epoch ${e.id}`).toBe(e.castPower);
      expect(cast.totalCount).toBe(e.voters);
      const power = await fullDistribution(e.id, "ELIGIBLE_POWER");
      expect(power.items.reduce((s, i) => s + BigInt(i.amount), 0n).toString()).toBe(e.eligiblePower);
      if (BigInt(e.eligiblePower) > 0n) expect(e.participation).toBeCloseTo(Number(BigInt(e.castPower)) / Number(BigInt(e.eligiblePower)), 9);
    }
    expect(epochs.some((e) => BigInt(e.castPower) > 0n)).toBe(true);
  });

  it("castPower of the live epoch equals the sum of its CAST_VOTES distribution", async () => {
    const live = theLiveEpoch(epochs);
    await stableLive(async () => {
      const [now] = (await gql(`{ epochs(from: ${live.id}) { castPower eligiblePower } }`)).epochs;
      const cast = await fullDistribution(live.id, "CAST_VOTES");
      expect(cast.items.reduce((s, i) => s + BigInt(i.amount), 0n).toString()).toBe(now.castPower);
      const power = await fullDistribution(live.id, "ELIGIBLE_POWER");
      expect(power.items.reduce((s, i) => s + BigInt(i.amount), 0n).toString()).toBe(now.eligiblePower);
    });
  });

  it("concentration of every epoch and scope equals computeConcentration over its distribution", async () => {
    for (const e of epochs) {
      for (const scope of SCOPES) {
        await stableLive(async () => {
          const c = (await gql(`{ concentration(epoch: ${e.id}, scope: ${scope}) { ${METRIC_FIELDS} } }`)).concentration;
          expect(c).toMatchObject({ epoch: e.id, scope, gauge: null, finalized: e.finalized, live: e.live });
          const d = await fullDistribution(e.id, scope, undefined, 7);
          expectMatches(c, d.items.map((i) => BigInt(i.amount)));
        });
      }
    }
  });

  it("GAUGE_VOTERS concentration per gauge equals its distribution; gauges sum to castPower", async () => {
    for (const e of epochs.filter((x) => !x.live)) {
      const gauges = (await gql(`{ gauges(epoch: ${e.id}) { gauge votes share voters vault } }`)).gauges as {
        gauge: string;
        votes: string;
        share: number;
        voters: number;
      }[];
      expect(gauges.reduce((s, g) => s + BigInt(g.votes), 0n).toString()).toBe(e.castPower);
      if (gauges.length > 0) expect(gauges.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 9);
      for (const g of gauges) {
        const c = (await gql(`{ concentration(epoch: ${e.id}, scope: GAUGE_VOTERS, gauge: "${g.gauge}") { ${METRIC_FIELDS} } }`)).concentration;
        const d = await fullDistribution(e.id, "GAUGE_VOTERS", g.gauge);
        expect(d.totalCount).toBe(g.voters);
        expect(d.total).toBe(g.votes);
        expectMatches(c, d.items.map((i) => BigInt(i.amount)));
      }
    }
  });

  it("the Lorenz curve equals lorenzCurve over the distribution", async () => {
    const e = epochs.filter((x) => x.finalized && BigInt(x.castPower) > 0n).at(-1)!;
    const c = (await gql(`{ concentration(epoch: ${e.id}, scope: BR_HOLDINGS) { n lorenz(points: 11) { x y } } }`)).concentration;
    const d = await fullDistribution(e.id, "BR_HOLDINGS");
    expect(c.lorenz).toEqual(lorenzCurve(d.items.map((i) => BigInt(i.amount)), 11));
    expect(c.lorenz[0]).toEqual({ x: 0, y: 0 });
    expect(c.lorenz.at(-1)).toEqual({ x: 1, y: 1 });
  });

  it("pages a distribution with cursors: same rows as one big page, ranks in order", async () => {
    const e = epochs.filter((x) => x.finalized).at(-1)!;
    const whole = await fullDistribution(e.id, "BR_HOLDINGS", undefined, 1000);
    const paged = await fullDistribution(e.id, "BR_HOLDINGS", undefined, 3);
    expect(paged.items).toEqual(whole.items);
    expect(whole.items.map((i) => i.rank)).toEqual(whole.items.map((_, k) => k + 1));
    for (let k = 1; k < whole.items.length; k++) {
      const [a, b] = [whole.items[k - 1]!, whole.items[k]!];
      expect(BigInt(a.amount) > BigInt(b.amount) || (a.amount === b.amount && a.owner < b.owner)).toBe(true);
    }
  });

  it("concentrationSeries matches per-epoch concentration and splits at season starts", async () => {
    const s = (
      await gql(`{ concentrationSeries(scope: CAST_VOTES) { scope points { epoch season gini nakamoto50 live } seasons { season firstEpoch lastEpoch jump } } }`)
    ).concentrationSeries;
    expect(s.points.map((p: { epoch: number }) => p.epoch)).toEqual(epochs.map((e) => e.id));
    for (const p of s.points.filter((x: { live: boolean }) => !x.live)) {
      const c = (await gql(`{ concentration(epoch: ${p.epoch}, scope: CAST_VOTES) { gini nakamoto50 } }`)).concentration;
      expect(c).toEqual({ gini: p.gini, nakamoto50: p.nakamoto50 });
    }
    const seasonsSeen = [...new Set(epochs.map((e) => e.season))];
    expect(s.seasons.map((x: { season: number }) => x.season)).toEqual(seasonsSeen);
    expect(s.seasons[0].jump).toBeNull();
    const some = (await gql(`{ concentrationSeries(scope: LOCKED_BR, fromEpoch: ${epochs[1]!.id}, toEpoch: ${epochs[2]!.id}) { points { epoch } } }`)).concentrationSeries;
    expect(some.points.map((p: { epoch: number }) => p.epoch)).toEqual([epochs[1]!.id, epochs[2]!.id]);
  });

  it("influence: top voters are the head of the CAST_VOTES distribution", async () => {
    const e = epochs.filter((x) => x.finalized && x.voters > 3).at(-1)!;
    const inf = (
      await gql(`{ influence(epoch: ${e.id}, top: 3, k: 2) {
        epoch top total topShare topVoters { voter amount share }
        gauges { gauge total voters topShare topVoter topVoterShare }
        mostCaptured { gauge voter share }
        participation { powerShare voterShare castPower eligiblePower voters eligibleOwners }
        persistence { k kUsed share currentPower persistentPower currentVoters persistentVoters }
      } }`)
    ).influence;
    const d = await fullDistribution(e.id, "CAST_VOTES");
    expect(inf.total).toBe(e.castPower);
    expect(inf.topVoters.map((v: { voter: string; amount: string }) => [v.voter, v.amount])).toEqual(d.items.slice(0, 3).map((i) => [i.owner, i.amount]));
    expect(inf.participation.castPower).toBe(e.castPower);
    expect(inf.participation.powerShare).toBeCloseTo(e.participation, 9);
    expect(inf.persistence.currentPower).toBe(e.castPower);
    expect(inf.persistence.kUsed).toBeLessThanOrEqual(2);
    expect(BigInt(inf.persistence.persistentPower)).toBeLessThanOrEqual(BigInt(inf.persistence.currentPower));
    const gauges = (await gql(`{ gauges(epoch: ${e.id}) { gauge votes } }`)).gauges;
    expect(inf.gauges.map((g: { gauge: string; total: string }) => [g.gauge, g.total]).sort()).toEqual(
      gauges.map((g: { gauge: string; votes: string }) => [g.gauge, g.votes]).sort(),
    );
  });

  it("seasons match the manifest", async () => {
    const seasons = (await gql("{ seasons { number startTs startEpoch endTs } }")).seasons;
    expect(seasons.map((s: { startTs: number }) => s.startTs)).toEqual(world.manifest.seasonStarts.map(Number));
    expect(seasons.at(-1).endTs).toBeNull();
  });

  it("unlockSchedule: allocations of the manifest, vested amounts of the chain, schedule past and projected", async () => {
    const u = (
      await gql(`{ unlockSchedule(step: 1209600) {
        asOf totalAllocated
        allocations { name address total released vested percentUnlocked start cliff duration tgeBps releases { ts amount } }
        points { ts projected unlocked locked percentUnlocked circulatingSupply }
        upcoming { ts allocation amount }
      } }`)
    ).unlockSchedule;
    const wallets = world.manifest.vestingWallets;
    expect(u.allocations.map((a: { address: string }) => a.address).sort()).toEqual(wallets.map((w) => w.address.toLowerCase()).sort());
    expect(u.totalAllocated).toBe(wallets.reduce((s, w) => s + w.total, 0n).toString());
    // The schedule from the manifest the simulator deployed; vested and released from the wallet's
    // own views (vestedAmount at the answer's asOf, released now: nothing is released after the run).
    const client = createPublicClient({ transport: http(world.anvil.rpcUrl) });
    const token = world.manifest.contracts.BRToken.address;
    for (const a of u.allocations) {
      const w = wallets.find((x) => x.address.toLowerCase() === a.address)!;
      expect({ name: a.name, total: a.total, start: a.start, cliff: a.cliff, duration: a.duration, tgeBps: a.tgeBps }).toEqual({
        name: w.name,
        total: w.total.toString(),
        start: w.start,
        cliff: w.cliff,
        duration: w.duration,
        tgeBps: w.tgeBps,
      });
      const wallet = { address: w.address, abi: VestingWalletAbi } as const;
      const vested = await client.readContract({ ...wallet, functionName: "vestedAmount", args: [token, BigInt(u.asOf)] });
      const released = await client.readContract({ ...wallet, functionName: "released", args: [token] });
      expect(a.vested, `${a.name} vested at ${u.asOf}`).toBe(vested.toString());
      expect(a.released, `${a.name} released`).toBe(released.toString());
      expect(BigInt(a.released)).toBeLessThanOrEqual(BigInt(a.vested));
      expect(a.releases.reduce((s: bigint, r: { amount: string }) => s + BigInt(r.amount), 0n).toString()).toBe(a.released);
    }
    let previous = -1n;
    for (const p of u.points) {
      expect(BigInt(p.unlocked) + BigInt(p.locked)).toBe(BigInt(u.totalAllocated));
      expect(BigInt(p.unlocked) >= previous).toBe(true);
      previous = BigInt(p.unlocked);
      expect(p.projected).toBe(p.ts > u.asOf);
      if (p.projected) expect(p.circulatingSupply).toBeNull();
    }
    expect(u.points.some((p: { projected: boolean }) => p.projected)).toBe(true);
    expect(u.points.some((p: { circulatingSupply: string | null }) => p.circulatingSupply !== null)).toBe(true);
    expect(u.upcoming.length).toBeGreaterThan(0);
    expect(u.upcoming.every((x: { ts: number }) => x.ts > u.asOf)).toBe(true);
  });

  it("vaults and vault TVL: manifest vaults, gauge share = vault gauge votes / cast votes", async () => {
    const vaults = (await gql("{ vaults { address name gauge totalAssets totalShares } }")).vaults;
    expect(vaults.map((v: { address: string }) => v.address).sort()).toEqual(world.manifest.vaults.map((v) => v.address.toLowerCase()).sort());
    const byId = new Map(epochs.map((e) => [e.id, e]));
    for (const v of vaults) {
      expect(v.gauge).toBe(v.address);
      const t = (
        await gql(`query($v: String!) { vaultTvl(vault: $v, lag: 1) { vault name lag drop stickiness events { epoch retained tvlAtDrop tvlAfterLag } points { epoch finalized tvl tvlAtEpochEnd deposits withdrawals gaugeVotes gaugeShare } } }`, {
          v: v.address.toUpperCase().replace("0X", "0x"),
        })
      ).vaultTvl;
      expect(t.vault).toBe(v.address);
      expect(t.points.length).toBeGreaterThan(0);
      for (const p of t.points) {
        const e = byId.get(p.epoch);
        if (p.finalized) expect(p.tvl).not.toBeNull();
        if (e && !e.live && p.gaugeVotes !== null && BigInt(e.castPower) > 0n) {
          expect(p.gaugeShare).toBeCloseTo(Number(BigInt(p.gaugeVotes)) / Number(BigInt(e.castPower)), 9);
        }
      }
      for (const ev of t.events) expect(ev.retained).toBeCloseTo(Number(BigInt(ev.tvlAfterLag)) / Number(BigInt(ev.tvlAtDrop)), 9);
      if (t.events.length === 0) expect(t.stickiness).toBeNull();
    }
  });

  it("alerts come from the alerts module (same ids as its REST route)", async () => {
    const g = (await gql("{ alerts(first: 1000) { id rule type severity epoch ts title message provisional details { key value } } }")).alerts;
    const r = await restJson<{ alerts: { id: string }[] }>("/alerts?first=1000");
    expect(g.map((a: { id: string }) => a.id)).toEqual(r.alerts.map((a) => a.id));
    const since = g.length > 0 ? g.at(-1).ts : 0;
    const recent = (await gql(`{ alerts(since: ${since}) { ts } }`)).alerts;
    expect(recent.every((a: { ts: number }) => a.ts >= since)).toBe(true);
  });
});

describe("bad input on the real index", () => {
  it("unknown epoch, negative first, bad address, bad cursor: GraphQL errors that say what is wrong", async () => {
    const unknown = await gqlError("{ concentration(epoch: 5, scope: CAST_VOTES) { gini } }");
    expect(unknown.message).toMatch(/^unknown epoch 5: indexed epochs are \d+ to \d+$/);
    expect(unknown.extensions).toMatchObject({ code: "NOT_FOUND", parameter: "epoch" });
    const negative = await gqlError(`{ distribution(epoch: ${world.manifest.seasonStarts.length > 0 ? 1451 : 0}, scope: CAST_VOTES, first: -1) { total } }`);
    expect(negative.message).toBe("invalid first: must be an integer from 1 to 1000 (got -1)");
    const address = await gqlError('{ vaultTvl(vault: "0xnot-an-address") { stickiness } }');
    expect(address.message).toMatch(/^invalid vault: must be a 0x-prefixed 20-byte hex address/);
    expect(address.extensions?.code).toBe("BAD_USER_INPUT");
    const gauge = await gqlError('{ concentration(epoch: 1451, scope: GAUGE_VOTERS, gauge: "0x12") { gini } }');
    expect(gauge.extensions?.parameter).toBe("gauge");
    const cursor = await gqlError('{ distribution(epoch: 1451, scope: CAST_VOTES, after: "nope") { total } }');
    expect(cursor.extensions?.parameter).toBe("after");
    const vault = await gqlError(`{ vaultTvl(vault: "0x${"1".repeat(40)}") { stickiness } }`);
    expect(vault.message).toMatch(/^unknown vault 0x1{40}: indexed vaults are 0x/);
  });

  it("malformed GraphQL, depth, alias and cost bombs are refused without a 500", async () => {
    expect((await gqlError("{ epochs { id ")).message).toMatch(/^Syntax Error/);
    expect((await gqlError("{ epochs { id nope } }")).message).toContain('Cannot query field "nope"');
    let nested = "gauge";
    for (let i = 0; i < 12; i++) nested = `... on Query { influence(epoch: 1451) { gauges { ${nested} } } }`;
    expect((await gqlError(`{ ${nested} }`)).message).toMatch(/query depth \d+ exceeds the limit/);
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: epochs { id }`).join(" ");
    expect((await gqlError(`{ ${aliases} }`)).message).toMatch(/query uses 40 aliases; the limit is 15/);
    const cost = Array.from({ length: 10 }, (_, i) => `d${i}: distribution(epoch: 1451, scope: BR_HOLDINGS, first: 1000) { items { owner amount share rank } }`).join(" ");
    expect((await gqlError(`{ ${cost} }`)).message).toMatch(/query cost \d+ exceeds the limit/);
  });

  it("an oversized body gets 413", async () => {
    const res = await fetch(`${world.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ status { block } } # ${"x".repeat(200_000)}` }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as GqlBody).errors![0]!.message).toMatch(/request body too large/);
  });

  it("REST: bad format, bad parameters and unknown epoch are 400/404 naming the parameter", async () => {
    const cases: [string, number, string][] = [
      ["/epochs?format=xlsx", 400, "format"],
      ["/distribution?epoch=1451&scope=CAST_VOTES&first=-1", 400, "first"],
      ["/vaults/0xabc/tvl", 400, "vault"],
      ["/concentration?epoch=1451&scope=NOPE", 400, "scope"],
      ["/gauges?epoch=7", 404, "epoch"],
      ["/epochs?frm=1", 400, "frm"],
    ];
    for (const [path, status, parameter] of cases) {
      const res = await rest(path);
      expect(res.status, path).toBe(status);
      const body = (await res.json()) as { error: string; detail: string; parameter: string };
      expect(body.parameter, path).toBe(parameter);
      expect(body.detail.length).toBeGreaterThan(10);
    }
  });
});

describe("REST /api/v1 on the small scenario", () => {
  let epochs: Epoch[];
  let finalized: number;
  let vault: string;

  beforeAll(async () => {
    epochs = await restJson<Epoch[]>("/epochs");
    finalized = epochs.filter((e) => e.finalized && BigInt(e.castPower) > 0n).at(-1)!.id;
    vault = (await restJson<{ address: string }[]>("/vaults"))[0]!.address;
  });

  it("every route answers JSON and CSV, the CSV's header and rows equal to the JSON answer", async () => {
    const paths: [string, string][] = [
      ["status", "/status"],
      ["epochs", "/epochs"],
      ["concentration", `/concentration?epoch=${finalized}&scope=CAST_VOTES&points=11`],
      ["concentrationSeries", "/concentration/series?scope=ELIGIBLE_POWER"],
      ["distribution", `/distribution?epoch=${finalized}&scope=LOCKED_BR&first=5`],
      ["influence", `/influence?epoch=${finalized}`],
      ["gauges", `/gauges?epoch=${finalized}`],
      ["seasons", "/seasons"],
      ["unlocks", "/unlocks"],
      ["vaults", "/vaults"],
      ["vaultTvl", `/vaults/${vault}/tvl`],
      ["alerts", "/alerts"],
    ];
    for (const [id, path] of paths) {
      const csvPath = `${path}${path.includes("?") ? "&" : "?"}format=csv`;
      // live answers (status, the live epoch, unlocks' asOf) move with each block: retry then
      await stableLive(async () => {
        const json = await rest(path);
        expect(json.status, path).toBe(200);
        expect(json.headers.get("content-type"), path).toMatch(/application\/json/);
        const csv = await rest(csvPath);
        expect(csv.status, path).toBe(200);
        expect(csv.headers.get("content-type"), path).toMatch(/text\/csv/);
        const rows = expectCsvMatchesJson(id, await csv.text(), await json.json(), csvPath);
        if (id !== "alerts") expect(rows, `${path}: at least one row`).toBeGreaterThan(0);
      });
    }
  });

  it("REST and GraphQL give the same numbers; CSV rows equal JSON rows", async () => {
    const r = await restJson(`/concentration?epoch=${finalized}&scope=ELIGIBLE_POWER`);
    const g = (await gql(`{ concentration(epoch: ${finalized}, scope: ELIGIBLE_POWER) { ${METRIC_FIELDS} } }`)).concentration;
    expect(r).toEqual(g);
    const d = await restJson<{ items: { rank: number; owner: string; amount: string }[] }>(`/distribution?epoch=${finalized}&scope=CAST_VOTES&first=1000`);
    const csv = (await (await rest(`/distribution?epoch=${finalized}&scope=CAST_VOTES&first=1000&format=csv`)).text()).trim().split("\r\n");
    expect(csv[0]).toBe("epoch,scope,gauge,rank,owner,amount,share");
    expect(csv.slice(1).map((line) => line.split(",").slice(3, 6))).toEqual(d.items.map((i) => [String(i.rank), i.owner, i.amount]));
    const epochsCsv = (await (await rest("/epochs?format=csv")).text()).trim().split("\r\n");
    expect(epochsCsv).toHaveLength(epochs.length + 1);
  });

  it("finalized answers are immutable with an ETag and 304 on If-None-Match; live ones are no-cache", async () => {
    const res = await rest(`/concentration?epoch=${finalized}&scope=CAST_VOTES`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = res.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const again = await rest(`/concentration?epoch=${finalized}&scope=CAST_VOTES`, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    const dist = await rest(`/distribution?epoch=${finalized}&scope=CAST_VOTES`);
    expect(dist.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const live = theLiveEpoch(epochs);
    const l = await rest(`/concentration?epoch=${live.id}&scope=CAST_VOTES`);
    expect(l.status).toBe(200);
    expect(l.headers.get("cache-control")).toBe("no-cache");
    expect(l.headers.get("etag")).toBeTruthy();
    expect((await rest("/epochs")).headers.get("cache-control")).toBe("no-cache");
  });

  it("the OpenAPI document lists every route", async () => {
    const doc = await restJson<{ openapi: string; paths: Record<string, unknown> }>("/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/v1/alerts",
        "/api/v1/concentration",
        "/api/v1/concentration/series",
        "/api/v1/distribution",
        "/api/v1/epochs",
        "/api/v1/gauges",
        "/api/v1/influence",
        "/api/v1/seasons",
        "/api/v1/status",
        "/api/v1/unlocks",
        "/api/v1/vaults",
        "/api/v1/vaults/{vault}/tvl",
        "/api/v1/accounts/{address}",
        "/api/v1/voting-power",
        "/api/v1/balance",
        "/api/v1/export/{table}",
        "/api/v1/concentration/uplift",
        "/api/v1/entities",
        "/api/v1/entities/{id}",
      ].sort(),
    );
  });
});

describe("Ponder's generated GraphQL and SQL over HTTP", () => {
  it("/ponder/graphql serves the tables", async () => {
    const res = await fetch(`${world.url}/ponder/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ epochs(orderBy: \"id\", orderDirection: \"asc\") { items { id castPower finalized } } }" }),
    });
    const body = (await res.json()) as GqlBody;
    expect(body.errors).toBeUndefined();
    const stored = (await gql("{ epochs { id live castPower } }")).epochs.filter((e: Epoch) => !e.live);
    expect(body.data!.epochs.items.map((e: { id: number; castPower: string }) => [e.id, String(e.castPower)])).toEqual(
      stored.map((e: Epoch) => [e.id, e.castPower]),
    );
    // the example of docs/API.md
    const metrics = await fetch(`${world.url}/ponder/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ epochMetrics(where: { scope: CAST_VOTES }) { items { epoch gini } } }" }),
    });
    const m = (await metrics.json()) as GqlBody;
    expect(m.errors).toBeUndefined();
    expect(m.data!.epochMetrics.items.length).toBe(stored.length);
    // a per-epoch view is read one epoch (or a few) at a time
    const ask = (query: string) => fetch(`${world.url}/ponder/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const last = stored[stored.length - 1]!.id;
    const unfiltered = await ask('{ epochLockPowers(orderBy: "owner", limit: 10) { items { owner power } } }');
    expect(unfiltered.status).toBe(400);
    expect(((await unfiltered.json()) as GqlBody).errors![0]!.message).toMatch(/^epochLockPowers is computed per epoch when read and it has no where filter/);
    const filtered = (await (await ask(`{ epochLockPowers(where: { epoch: ${last} }, orderBy: "owner", limit: 1000) { items { epoch owner power } } }`)).json()) as GqlBody;
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.epochLockPowers.items.length).toBeGreaterThan(0);
    expect(new Set(filtered.data!.epochLockPowers.items.map((r: { epoch: number }) => r.epoch))).toEqual(new Set([last]));
  });

  it("@ponder/client reads tables over /sql and cannot write", async () => {
    const client = createClient(`${world.url}/sql`, { schema });
    const rows = await client.db.select().from(schema.epochMetric).where(sql`${schema.epochMetric.scope} = 'CAST_VOTES'`);
    const series = (await gql("{ concentrationSeries(scope: CAST_VOTES) { points { epoch gini live } } }")).concentrationSeries.points;
    for (const p of series.filter((x: { live: boolean }) => !x.live)) {
      expect(rows.find((r) => r.epoch === p.epoch)?.gini).toBe(p.gini);
    }
    await expect(client.db.execute(sql`DELETE FROM epoch`)).rejects.toThrow();
    expect((await client.db.select().from(schema.epoch)).length).toBeGreaterThan(0);
  });

  it("/sql answers refused or malformed SQL with 400 BAD_SQL and no server paths", async () => {
    const sj = (s: string) => JSON.stringify({ json: { sql: s, params: [], typings: [] } });
    for (const param of [sj("DELETE FROM epoch"), sj("SELEKT * FROM"), "SELECT 1"]) {
      const res = await fetch(`${world.url}/sql/db?sql=${encodeURIComponent(param)}`);
      const text = await res.text();
      expect(res.status, text).toBe(400);
      const body = JSON.parse(text) as { error: string; detail: string };
      expect(body.error).toBe("BAD_SQL");
      expect(body.detail.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/node_modules|\/src\/|\.ts:\d|\.js:\d/);
    }
  });
});

describe("server log", () => {
  it("has no internal API error after all of the above", () => {
    expect(world.apiErrors).toEqual([]);
  });
});

/**
 * The API's store over Ponder's tables (src/api/queries/ponderStore.ts) against the same tables
 * read directly: the `small` scenario is indexed by `ponder start` on PGlite, Ponder is stopped,
 * and the directory is opened here. Every answer of the store is compared with plain
 * `SELECT * FROM <table>` rows filtered, summed and ordered in the test (no ve-lens code).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { writeManifest } from "../../src/config/manifest";
import { startPonder } from "../../devnet/ponder";
import { loadScenario } from "../../devnet/scenario";
import { simulate, simulatorAnvilArgs } from "../../devnet/simulate";
import * as schema from "../../ponder.schema";
import { voteWindow } from "../../src/api/queries/liveVoteMirror";
import { createPonderStore } from "../../src/api/queries/ponderStore";
import type { AnalyticsStore } from "../../src/api/queries/store";
import type { MetricScope } from "../../src/domain/scopes";

type Row = Record<string, unknown>;

const dir = mkdtempSync(join(tmpdir(), "ve-lens-ponder-store-"));
let anvil: AnvilInstance;
let client: PGlite;
let store: AnalyticsStore;

/** Every row of a table, column names in camelCase. */
async function rows(table: string): Promise<Row[]> {
  const result = await client.query<Row>(`SELECT * FROM "${table}"`);
  return result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v])));
}

/** Values as text (bigint, numeric strings and numbers alike), so both sides compare by value. */
function canon(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v === null || typeof v === "object" ? v : String(v))));
}

const sumBy = (list: Row[], key: string, amount: string) => {
  const sums = new Map<string, bigint>();
  for (const r of list) sums.set(String(r[key]), (sums.get(String(r[key])) ?? 0n) + BigInt(String(r[amount])));
  return [...sums].filter(([, a]) => a > 0n).map(([owner, a]) => ({ owner, amount: a }));
};
const byOwner = (list: { owner: string; amount: bigint }[]) => canon([...list].sort((a, b) => (a.owner < b.owner ? -1 : 1)));

beforeAll(async () => {
  const scenario = loadScenario("small");
  anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
  const manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, seed: 1 });
  const manifestPath = join(dir, "devnet.json");
  await writeManifest(manifestPath, manifest);
  const databaseDir = join(dir, "pglite");
  const ponder = await startPonder({ manifestPath, databaseDir });
  try {
    await ponder.waitReady(300_000);
    await ponder.waitForBlock(manifest.headBlock, 120_000);
  } finally {
    await ponder.stop();
  }
  client = new PGlite(databaseDir);
  const found = await client.query<{ table_schema: string }>(
    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'epoch_metric' AND table_type = 'BASE TABLE'",
  );
  expect(found.rows).toHaveLength(1);
  await client.exec(`SET search_path TO "${found.rows[0]!.table_schema}"`);
  store = createPonderStore(drizzle(client) as never, schema);
});

afterAll(async () => {
  await client?.close();
  await anvil?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("ponderStore over the indexed tables", () => {
  it("checkpoint and indexer state are the stored rows", async () => {
    const checkpoints = await rows("_ponder_checkpoint");
    expect(checkpoints.length).toBeGreaterThan(0);
    const latest = checkpoints.map((r) => String(r.latestCheckpoint)).sort().at(-1)!;
    // checkpoint string: 10 digits of timestamp, 16 of chain id, 16 of block number
    const checkpoint = await store.checkpoint();
    expect(checkpoint).toEqual({ timestamp: Number(latest.slice(0, 10)), blockNumber: Number(latest.slice(26, 42)), id: expect.any(String) });
    // the checkpoint string and its row's version (xmin); nothing is written meanwhile: the same id again
    expect(checkpoint!.id).toMatch(new RegExp(`^${latest}@[0-9]+$`));
    expect((await store.checkpoint())!.id).toBe(checkpoint!.id);
    // a write of the same checkpoint string (as a reorg's rewind to it would be) is another position
    await client.exec(`UPDATE _ponder_checkpoint SET latest_checkpoint = latest_checkpoint`);
    const rewritten = await store.checkpoint();
    expect(rewritten!.id.split("@")[0]).toBe(latest);
    expect(rewritten!.id).not.toBe(checkpoint!.id);
    const [state] = (await rows("indexer_state")).filter((r) => Number(r.id) === 0);
    const s = await store.indexerState();
    expect(canon(s)).toEqual(
      canon({
        lastClosedEpoch: state!.lastClosedEpoch,
        lastFinalizedEpoch: state!.lastFinalizedEpoch,
        firstEpoch: state!.firstEpoch,
        seasonStarts: state!.seasonStarts,
        warmup: state!.warmup,
        totalLocked: state!.totalLocked,
        brTotalSupply: state!.brTotalSupply,
      }),
    );
  });

  it("epochs, whole and in ranges, are the epoch rows in id order", async () => {
    const epochs = (await rows("epoch")).sort((a, b) => Number(a.id) - Number(b.id));
    expect(epochs.length).toBeGreaterThanOrEqual(4);
    const fields = ["id", "startTs", "endTs", "windowEnd", "season", "finalized", "eligiblePower", "castPower", "lockedBr", "voters", "eligibleOwners", "circulatingSupply"];
    const pick = (r: Row) => Object.fromEntries(fields.map((f) => [f, r[f]]));
    expect(canon(await store.epochs())).toEqual(canon(epochs.map(pick)));
    const [a, b] = [Number(epochs[1]!.id), Number(epochs[2]!.id)];
    expect(canon(await store.epochs(a, b))).toEqual(canon(epochs.filter((e) => Number(e.id) >= a && Number(e.id) <= b).map(pick)));
    expect(canon(await store.epochs(b))).toEqual(canon(epochs.filter((e) => Number(e.id) >= b).map(pick)));
  });

  it("metrics of every scope and gauge are the epoch_metric rows, in epoch order", async () => {
    const metrics = await rows("epoch_metric");
    const keys = [...new Set(metrics.map((m) => `${m.scope}|${m.gauge}`))];
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) {
      const [scope, gauge] = key.split("|") as [MetricScope, string];
      const expected = metrics.filter((m) => m.scope === scope && m.gauge === gauge).sort((x, y) => Number(x.epoch) - Number(y.epoch));
      const got = await store.metrics(scope, gauge);
      expect(canon(got.map((m) => ({ ...m, palma: m.palma ?? null }))), key).toEqual(canon(expected.map((m) => ({ ...m, palma: m.palma ?? null }))));
      const first = Number(expected[0]!.epoch);
      expect((await store.metrics(scope, gauge, first + 1)).map((m) => m.epoch)).toEqual(expected.slice(1).map((m) => Number(m.epoch)));
      expect((await store.metrics(scope, gauge, undefined, first)).map((m) => m.epoch)).toEqual([first]);
    }
  });

  it("stored populations of every epoch, scope and gauge are the snapshot rows summed per owner", async () => {
    const [votes, powers, holdings, gauges, epochs] = await Promise.all([rows("epoch_vote"), rows("epoch_lock_power"), rows("epoch_holding"), rows("epoch_gauge"), rows("epoch")]);
    let compared = 0;
    for (const e of epochs.map((r) => Number(r.id))) {
      const at = (list: Row[]) => list.filter((r) => Number(r.epoch) === e);
      const expected: [MetricScope, string, { owner: string; amount: bigint }[]][] = [
        ["CAST_VOTES", "", sumBy(at(votes), "voter", "amount")],
        ["ELIGIBLE_POWER", "", sumBy(at(powers), "owner", "power")],
        ["LOCKED_BR", "", sumBy(at(powers), "owner", "amount")],
        ["BR_HOLDINGS", "", sumBy(at(holdings).filter((h) => h.label === null), "holder", "balance")],
        ["GAUGES", "", sumBy(at(gauges), "gauge", "votes")],
        ...[...new Set(at(votes).map((v) => String(v.gauge)))].map(
          (g): [MetricScope, string, { owner: string; amount: bigint }[]] => ["GAUGE_VOTERS", g, sumBy(at(votes).filter((v) => v.gauge === g), "voter", "amount")],
        ),
      ];
      for (const [scope, gauge, want] of expected) {
        expect(byOwner(await store.storedAmounts(e, scope, gauge)), `${e} ${scope} ${gauge}`).toEqual(byOwner(want));
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("stored votes and gauges, live locks, standing votes and live holdings are their rows, filtered as documented", async () => {
    const key = (r: Row) => JSON.stringify(canon(r));
    const sorted = (list: Row[]) => list.map(key).sort();
    const votes = await rows("epoch_vote");
    const epochIds = votes.map((v) => Number(v.epoch));
    const [lo, hi] = [Math.min(...epochIds), Math.max(...epochIds)];
    const voteFields = (v: Row) => ({ epoch: v.epoch, tokenId: v.tokenId, voter: v.voter, gauge: v.gauge, amount: v.amount });
    expect(sorted((await store.storedVotes(lo, hi)) as never)).toEqual(sorted(votes.map(voteFields)));
    expect(sorted((await store.storedVotes(hi, hi)) as never)).toEqual(sorted(votes.filter((v) => Number(v.epoch) === hi).map(voteFields)));
    const gauges = (await rows("epoch_gauge")).filter((g) => Number(g.epoch) === hi);
    expect(gauges.length).toBeGreaterThan(0);
    expect(sorted((await store.storedGauges(hi)) as never)).toEqual(sorted(gauges.map((g) => ({ gauge: g.gauge, votes: g.votes, voters: g.voters }))));

    const locks = (await rows("lock")).filter((l) => l.status !== "exited");
    expect(locks.length).toBeGreaterThan(0);
    const lockFields = (l: Row) => ({ tokenId: l.tokenId, owner: l.owner, amount: l.amount, startTs: l.startTs, writtenTs: l.writtenTs, status: l.status, exitQueuedAt: l.exitQueuedAt, exitCheckpointTs: l.exitCheckpointTs });
    expect(sorted((await store.liveLocks()) as never)).toEqual(sorted(locks.map(lockFields)));

    const standing = await rows("standing_vote");
    expect(standing.length).toBeGreaterThan(0);
    const standingFields = (s: Row) => ({ tokenId: s.tokenId, voter: s.voter, gauge: s.gauge, amount: s.amount, season: s.season, voterContract: s.voterContract, block: s.blockNumber });
    const all = await store.standingVotes(null, []);
    expect(sorted(all.rows as never)).toEqual(sorted(standing.map(standingFields)));
    expect(all.gone).toEqual([]);
    // the bounds: the lowest of the latest, finalized and safe checkpoints' blocks, and the latest
    const checkpoints = await rows("_ponder_checkpoint");
    const blockOf = (c: unknown) => Number(String(c).slice(26, 42));
    expect(all.latest).toBe(Math.max(...checkpoints.map((c) => blockOf(c.latestCheckpoint))));
    expect(all.bound).toBe(Math.min(...checkpoints.flatMap((c) => [c.latestCheckpoint, c.finalizedCheckpoint, c.safeCheckpoint].map(blockOf))));
    // From a block: the rows written at or after it, and the rows of the held keys, except the
    // ones equal to what is held; held keys without a row come back as gone.
    const blocks = [...new Set(standing.map((s) => Number(s.blockNumber)))].sort((x, y) => x - y);
    const from = blocks[Math.floor(blocks.length / 2)]!;
    const byKey = new Map(all.rows.map((r) => [`${r.tokenId}:${r.gauge}`, r]));
    const heldOf = (s: Row) => byKey.get(`${s.tokenId}:${s.gauge}`)!;
    const oldRows = standing.filter((s) => Number(s.blockNumber) < from);
    const newRows = standing.filter((s) => Number(s.blockNumber) >= from);
    expect(oldRows.length).toBeGreaterThanOrEqual(2);
    expect(newRows.length).toBeGreaterThanOrEqual(2);
    const [oldSame, oldStale] = [oldRows[0]!, oldRows[1]!];
    const [newSame, newStale] = [newRows[0]!, newRows[1]!];
    const missing = { ...heldOf(oldSame), tokenId: 10n ** 30n };
    const held = [heldOf(oldSame), { ...heldOf(oldStale), amount: heldOf(oldStale).amount + 1n }, heldOf(newSame), { ...heldOf(newStale), voter: "0x" + "0".repeat(40) }, missing];
    const since = await store.standingVotes(from, held);
    expect(sorted(since.rows as never)).toEqual(sorted([oldStale, ...newRows.filter((s) => s !== newSame)].map(standingFields)));
    expect(since.gone).toEqual([{ tokenId: missing.tokenId, gauge: missing.gauge }]);
    expect(sorted((await store.standingVotes(from, [])).rows as never)).toEqual(sorted(newRows.map(standingFields)));
    // nothing written after the latest block: the bounds come back with no row
    expect(await store.standingVotes(all.latest + 1, [])).toEqual({ bound: all.bound, latest: all.latest, rows: [], gone: [] });
    // With a check: the rows written after `upTo`, and the window (count, digest) of the rows from
    // `from` on, summed by the database as the mirror sums it in JavaScript (voteDigest over md5).
    const upTo = blocks[blocks.length - 2]!;
    const checked = await store.standingVotes(from, [], { upTo });
    expect(sorted(checked.rows as never)).toEqual(sorted(standing.filter((s) => Number(s.blockNumber) > upTo).map(standingFields)));
    const fromOn = all.rows.filter((r) => r.block >= from);
    expect(checked.window).toEqual(voteWindow(fromOn));
    expect(checked.window!.count).toBe(newRows.length);
    // one field of one row different: another digest
    expect(voteWindow([...fromOn.slice(1), { ...fromOn[0]!, amount: fromOn[0]!.amount + 1n }]).digest).not.toBe(checked.window!.digest);
    expect((await store.standingVotes(all.latest + 1, [], { upTo: all.latest })).window).toEqual({ count: 0, digest: 0 });

    const holders = (await rows("account")).filter((a) => BigInt(String(a.brBalance)) > 0n && a.label === null);
    expect(holders.length).toBeGreaterThan(0);
    expect(sorted((await store.liveHoldings()) as never)).toEqual(sorted(holders.map((a) => ({ owner: a.address, amount: a.brBalance }))));
  });

  it("gauges, seasons, releases, supply points and vault epochs are their rows in the documented order", async () => {
    const gauges = (await rows("gauge")).sort((a, b) => (String(a.address) < String(b.address) ? -1 : 1));
    expect(canon(await store.gauges())).toEqual(canon(gauges.map((g) => ({ address: g.address, metadataURI: g.metadataUri ?? g.metadataURI, active: g.active }))));
    const seasons = (await rows("season")).sort((a, b) => Number(a.number) - Number(b.number));
    expect(canon(await store.seasons())).toEqual(canon(seasons.map((s) => ({ number: s.number, startTs: s.startTs, startEpoch: s.startEpoch }))));
    const releases = (await rows("vesting_release")).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    expect(canon(await store.releases())).toEqual(canon(releases.map((r) => ({ wallet: r.wallet, amount: r.amount, timestamp: r.timestamp }))));
    const points = (await rows("supply_point")).sort((a, b) => Number(a.ts) - Number(b.ts));
    expect(points.length).toBeGreaterThan(0);
    expect(canon(await store.supplyPoints())).toEqual(
      canon(points.map((p) => ({ epoch: p.epoch, moment: p.moment, ts: p.ts, totalSupply: p.totalSupply, circulatingSupply: p.circulatingSupply }))),
    );
    const vaultEpochs = await rows("vault_epoch");
    const vault = String(vaultEpochs[0]!.vault);
    const want = vaultEpochs.filter((v) => v.vault === vault).sort((a, b) => Number(a.epoch) - Number(b.epoch));
    expect(canon(await store.vaultEpochs(vault))).toEqual(
      canon(
        want.map((v) => ({
          epoch: v.epoch,
          deposits: v.deposits,
          withdrawals: v.withdrawals,
          tvlAtWindowEnd: v.tvlAtWindowEnd,
          tvlAtEpochEnd: v.tvlAtEpochEnd,
          votesAtWindowEnd: v.votesAtWindowEnd,
        })),
      ),
    );
  });
});

/**
 * The per-epoch views of ponder.schema.ts (`epochLockPower`, `epochVote`, `epochHolding`) on a
 * real PGlite: their SQL, as Ponder creates it, over hand-made rows of the tables they read.
 * - `epochLockPower`'s power equals `votingPowerAt` (src/domain/votingPower.ts) on every edge of
 *   the curve (start, exit point, warmup, season anchor, cap) and on seeded random locks, for a
 *   linear and a quadratic curve;
 * - each view takes a row's state from the span covering the epoch, or from the live row from its
 *   `fromEpoch` on, and keeps only what the epoch's snapshot counts.
 */
import { PGlite } from "@electric-sql/pglite";
import { type SQL, getViewName } from "drizzle-orm";
import { PgDialect, type PgView, getViewConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { epochHolding, epochLockPower, epochVote } from "../ponder.schema";
import { BEDROCK_8X_CURVE, type CurveConstants, votingPowerAt } from "../src/domain/votingPower";
import { windowEnd } from "../src/domain/epochs";

/** The columns the views read, named and typed as Ponder creates them (bigint = numeric(78)). */
const TABLES = `
  CREATE TABLE epoch (id integer PRIMARY KEY, window_end numeric(78) NOT NULL, season integer NOT NULL, voter_contract text,
    warmup numeric(78) NOT NULL, season_anchor numeric(78) NOT NULL);
  CREATE TABLE chain_rules (id integer PRIMARY KEY, curve_constant numeric(78) NOT NULL, curve_linear numeric(78) NOT NULL,
    curve_quadratic numeric(78) NOT NULL, max_time numeric(78) NOT NULL);
  CREATE TABLE lock (token_id numeric(78) PRIMARY KEY, owner text NOT NULL, amount numeric(78) NOT NULL, start_ts numeric(78) NOT NULL,
    written_ts numeric(78) NOT NULL, status text NOT NULL, exit_checkpoint_ts numeric(78), from_epoch integer NOT NULL);
  CREATE TABLE lock_span (token_id numeric(78) NOT NULL, from_epoch integer NOT NULL, to_epoch integer NOT NULL, owner text NOT NULL,
    amount numeric(78) NOT NULL, start_ts numeric(78) NOT NULL, written_ts numeric(78) NOT NULL, status text NOT NULL,
    exit_checkpoint_ts numeric(78));
  CREATE TABLE account (address text PRIMARY KEY, br_balance numeric(78) NOT NULL, label text, from_epoch integer NOT NULL);
  CREATE TABLE br_transfer (id text PRIMARY KEY, "from" text NOT NULL, "to" text NOT NULL, held_to_epoch integer, sender_held_from_epoch integer,
    sender_held_balance numeric(78), sender_held_label text, receiver_held_from_epoch integer, receiver_held_balance numeric(78),
    receiver_held_label text);
  CREATE TABLE standing_vote (token_id numeric(78) NOT NULL, gauge text NOT NULL, voter text NOT NULL, amount numeric(78) NOT NULL,
    season integer NOT NULL, voter_contract text NOT NULL, from_epoch integer NOT NULL);
  CREATE TABLE vote_event (id text PRIMARY KEY, token_id numeric(78) NOT NULL, gauge text NOT NULL, replaced_from_epoch integer,
    replaced_to_epoch integer, replaced_voter text, replaced_amount numeric(78), replaced_season integer, replaced_voter_contract text);
`;

const dialect = new PgDialect();
const viewSql = (view: PgView) => dialect.sqlToQuery(getViewConfig(view).query as SQL).sql;

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(TABLES);
  for (const view of [epochLockPower, epochVote, epochHolding]) {
    await db.exec(`CREATE VIEW ${getViewName(view)} AS ${viewSql(view)}`);
  }
});

afterAll(async () => {
  await db.close();
});

const clear = () => db.exec("DELETE FROM epoch; DELETE FROM chain_rules; DELETE FROM lock; DELETE FROM lock_span; DELETE FROM account; DELETE FROM br_transfer; DELETE FROM standing_vote; DELETE FROM vote_event;");

interface EpochCase {
  id: number;
  season?: number;
  voterContract?: string | null;
  warmup: bigint;
  seasonAnchor: bigint;
}

async function insertEpochs(epochs: EpochCase[]): Promise<void> {
  for (const e of epochs) {
    await db.query("INSERT INTO epoch VALUES ($1, $2, $3, $4, $5, $6)", [
      e.id,
      windowEnd(e.id).toString(),
      e.season ?? 0,
      e.voterContract === undefined ? "0xv" : e.voterContract,
      e.warmup.toString(),
      e.seasonAnchor.toString(),
    ]);
  }
}

async function insertCurve(curve: CurveConstants): Promise<void> {
  await db.query("INSERT INTO chain_rules VALUES (0, $1, $2, $3, $4)", [curve.constant, curve.linear, curve.quadratic, curve.maxTime].map(String));
}

interface LockCase {
  tokenId: bigint;
  amount: bigint;
  startTs: bigint;
  writtenTs: bigint;
  exitCheckpointTs: bigint | null;
  status?: "active" | "queued" | "exited";
  owner?: string;
}

async function insertLock(l: LockCase, fromEpoch: number): Promise<void> {
  await db.query("INSERT INTO lock VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [
    l.tokenId.toString(),
    l.owner ?? "0xo",
    l.amount.toString(),
    l.startTs.toString(),
    l.writtenTs.toString(),
    l.status ?? "active",
    l.exitCheckpointTs?.toString() ?? null,
    fromEpoch,
  ]);
}

async function rows<T>(text: string): Promise<T[]> {
  return (await db.query<T>(text)).rows;
}

const E = 1450; // an epoch of today's chain: window end 1_753_315_200 + 601_200
const W = windowEnd(E);
const WEEK = 604_800n;
const QUADRATIC: CurveConstants = { constant: 10n ** 18n, linear: 3_306_878_306_878n, quadratic: 1_367_030n, maxTime: 6n * 1_209_600n };

describe("epochLockPower: the curve in SQL equals votingPowerAt", () => {
  // Each case: a lock and the epoch's warmup and season anchor; the expected power is the
  // TypeScript curve's, evaluated by a block at the window end.
  const edges: { name: string; lock: Omit<LockCase, "tokenId">; warmup: bigint; anchor: bigint }[] = [
    { name: "starts after the window end", lock: { amount: 10n ** 21n, startTs: W + 1n, writtenTs: W - 10n, exitCheckpointTs: null }, warmup: 0n, anchor: 0n },
    { name: "starts at the window end", lock: { amount: 10n ** 21n, startTs: W, writtenTs: W - 10n, exitCheckpointTs: null }, warmup: 0n, anchor: 0n },
    { name: "exit point at the window end", lock: { amount: 10n ** 21n, startTs: W - WEEK, writtenTs: W - WEEK - 10n, exitCheckpointTs: W }, warmup: 0n, anchor: 0n },
    { name: "exit point after the window end", lock: { amount: 10n ** 21n, startTs: W - WEEK, writtenTs: W - WEEK - 10n, exitCheckpointTs: W + 1n }, warmup: 0n, anchor: 0n },
    { name: "warm exactly at the window end (not warm: strict)", lock: { amount: 10n ** 21n, startTs: W - WEEK, writtenTs: W - 3600n, exitCheckpointTs: null }, warmup: 3600n, anchor: 0n },
    { name: "warm one second before the window end", lock: { amount: 10n ** 21n, startTs: W - WEEK, writtenTs: W - 3601n, exitCheckpointTs: null }, warmup: 3600n, anchor: 0n },
    { name: "season anchor after the start", lock: { amount: 7n * 10n ** 20n + 3n, startTs: W - 5n * WEEK, writtenTs: W - 5n * WEEK - 99n, exitCheckpointTs: null }, warmup: 0n, anchor: W - 2n * WEEK },
    { name: "season anchor before the start", lock: { amount: 7n * 10n ** 20n + 3n, startTs: W - 2n * WEEK, writtenTs: W - 2n * WEEK - 99n, exitCheckpointTs: null }, warmup: 0n, anchor: W - 5n * WEEK },
    { name: "past the cap", lock: { amount: 123_456_789_012_345_678_901n, startTs: W - 40n * WEEK, writtenTs: W - 40n * WEEK, exitCheckpointTs: null }, warmup: 0n, anchor: 0n },
    { name: "amount 0", lock: { amount: 0n, startTs: W - WEEK, writtenTs: W - WEEK, exitCheckpointTs: null }, warmup: 0n, anchor: 0n },
    { name: "one base unit", lock: { amount: 1n, startTs: W - 3n * WEEK, writtenTs: W - 3n * WEEK, exitCheckpointTs: null }, warmup: 0n, anchor: 0n },
  ];

  for (const curve of [BEDROCK_8X_CURVE, QUADRATIC]) {
    it(`on the edges of the curve (Q = ${curve.quadratic})`, async () => {
      await clear();
      await insertCurve(curve);
      // one epoch per case (the same window end offset), so each case has its own warmup and anchor
      const expected = new Map<number, bigint>();
      for (const [i, c] of edges.entries()) {
        const e = E + i;
        const shift = windowEnd(e) - W;
        const lock = { ...c.lock, startTs: c.lock.startTs + shift, writtenTs: c.lock.writtenTs + shift, exitCheckpointTs: c.lock.exitCheckpointTs === null ? null : c.lock.exitCheckpointTs + shift };
        const anchor = c.anchor === 0n ? 0n : c.anchor + shift;
        await insertEpochs([{ id: e, warmup: c.warmup, seasonAnchor: anchor }]);
        await insertLock({ tokenId: BigInt(i + 1), ...lock }, e);
        const seasonStarts = anchor === 0n ? [] : [anchor];
        expected.set(i + 1, votingPowerAt({ amount: lock.amount, start: lock.startTs, writtenTs: lock.writtenTs, exitCheckpointTs: lock.exitCheckpointTs }, windowEnd(e), { now: windowEnd(e), warmup: c.warmup, seasonStarts, curve }));
      }
      // each lock's live row counts from its own epoch on: compare at that epoch only
      const got = await rows<{ epoch: number; token_id: string; power: string }>("SELECT epoch, token_id::text, power::text FROM epoch_lock_power");
      const atOwnEpoch = got.filter((r) => r.epoch === E + Number(r.token_id) - 1);
      expect(atOwnEpoch.map((r) => [Number(r.token_id), BigInt(r.power)])).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]));
      // zero: after the start, at the exit point, not warm, amount 0; every other case has power
      const zero = edges.filter((_, i) => expected.get(i + 1) === 0n).map((c) => c.name);
      expect(zero).toEqual(["starts after the window end", "exit point at the window end", "warm exactly at the window end (not warm: strict)", "amount 0"]);
    });
  }

  it("on 300 seeded random locks and epochs", async () => {
    await clear();
    await insertCurve(QUADRATIC);
    let seed = 0x5eed;
    const rand = (n: bigint) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return BigInt(seed) % n;
    };
    const epochs: EpochCase[] = [];
    for (let e = E; e < E + 6; e++) epochs.push({ id: e, warmup: rand(3n) * 1800n, seasonAnchor: e >= E + 3 ? windowEnd(E + 2) + 3600n : 0n });
    await insertEpochs(epochs);
    const locks: LockCase[] = [];
    for (let i = 1; i <= 300; i++) {
      const start = windowEnd(E) - 8n * WEEK + rand(14n * WEEK);
      const l: LockCase = {
        tokenId: BigInt(i),
        amount: rand(10n ** 24n),
        startTs: start,
        writtenTs: start - rand(2n * WEEK),
        exitCheckpointTs: rand(4n) === 0n ? start + rand(12n * WEEK) : null,
        status: "active",
      };
      locks.push(l);
      await insertLock(l, E);
    }
    const got = await rows<{ epoch: number; token_id: string; power: string }>("SELECT epoch, token_id::text, power::text FROM epoch_lock_power");
    expect(got.length).toBe(300 * 6);
    let positive = 0;
    for (const r of got) {
      const e = epochs.find((x) => x.id === r.epoch)!;
      const l = locks[Number(r.token_id) - 1]!;
      const want = votingPowerAt({ amount: l.amount, start: l.startTs, writtenTs: l.writtenTs, exitCheckpointTs: l.exitCheckpointTs }, windowEnd(e.id), {
        now: windowEnd(e.id),
        warmup: e.warmup,
        seasonStarts: e.seasonAnchor === 0n ? [] : [e.seasonAnchor],
        curve: QUADRATIC,
      });
      expect(`${r.epoch}/${r.token_id}: ${r.power}`).toBe(`${r.epoch}/${r.token_id}: ${want}`);
      if (want > 0n) positive++;
    }
    expect(positive).toBeGreaterThan(300);
  });
});

describe("each view takes a row from its span or from the live row", () => {
  it("epochLockPower: spans for earlier epochs, the live lock from its fromEpoch, exited locks left out", async () => {
    await clear();
    await insertCurve(BEDROCK_8X_CURVE);
    await insertEpochs([E, E + 1, E + 2, E + 3].map((id) => ({ id, warmup: 0n, seasonAnchor: 0n })));
    const start = windowEnd(E) - 2n * WEEK;
    // token 1: owner 0xa for epochs E..E+1, then 0xb (live from E+2)
    await db.query("INSERT INTO lock_span VALUES (1, $1, $2, '0xa', 100, $3, $3, 'active', NULL)", [E, E + 1, start.toString()]);
    await insertLock({ tokenId: 1n, owner: "0xb", amount: 100n, startTs: start, writtenTs: start, exitCheckpointTs: null }, E + 2);
    // token 2: queued until E+2, exited from E+3 (live row exited: no row)
    await db.query("INSERT INTO lock_span VALUES (2, $1, $2, '0xc', 50, $3, $3, 'queued', $4)", [E, E + 2, start.toString(), (windowEnd(E + 1) + 1n).toString()]);
    await insertLock({ tokenId: 2n, owner: "0xc", amount: 50n, startTs: start, writtenTs: start, exitCheckpointTs: windowEnd(E + 1) + 1n, status: "exited" }, E + 3);
    const got = await rows<{ epoch: number; token_id: string; owner: string; status: string; zero: boolean }>(
      "SELECT epoch, token_id::text, owner, status, power = 0 AS zero FROM epoch_lock_power ORDER BY token_id, epoch",
    );
    expect(got.map((r) => `${r.token_id}@${r.epoch - E}:${r.owner}:${r.status}:${r.zero ? "0" : "+"}`)).toEqual([
      "1@0:0xa:active:+",
      "1@1:0xa:active:+",
      "1@2:0xb:active:+",
      "1@3:0xb:active:+",
      "2@0:0xc:queued:+",
      "2@1:0xc:queued:+",
      "2@2:0xc:queued:0",
    ]);
  });

  it("epochVote: only votes of the epoch's season and voter contract with amount > 0", async () => {
    await clear();
    await insertEpochs([
      { id: E, season: 1, warmup: 0n, seasonAnchor: 0n },
      { id: E + 1, season: 1, warmup: 0n, seasonAnchor: 0n },
      { id: E + 2, season: 2, warmup: 0n, seasonAnchor: 0n },
      { id: E + 3, season: 2, voterContract: null, warmup: 0n, seasonAnchor: 0n },
    ]);
    // A vote event and the vote it replaced: (id, token, gauge, replaced from..to, voter, amount, season, voter contract).
    const replacing = "INSERT INTO vote_event VALUES ($1, $2, $3, $4, $4, $5, $6, 1, $7)";
    // token 1 / gauge g: 10 in E (replaced by the event of E+1), 20 from E+1 (live, season 1: not
    // counted from E+2 on); its first vote, which no window end saw, replaced nothing
    await db.query("INSERT INTO vote_event (id, token_id, gauge) VALUES ('a', 1, '0xg')");
    await db.query(replacing, ["b", 1, "0xg", E, "0xa", 10, "0xv"]);
    await db.query("INSERT INTO standing_vote VALUES (1, '0xg', '0xa', 20, 1, '0xv', $1)", [E + 1]);
    // token 2 / gauge g: voted in season 2 from E+2, by another voter contract for E+1 only
    await db.query(replacing, ["c", 2, "0xg", E + 1, "0xb", 5, "0xother"]);
    await db.query("INSERT INTO standing_vote VALUES (2, '0xg', '0xb', 7, 2, '0xv', $1)", [E + 2]);
    // token 3 / gauge h: reset (amount 0) from E+1
    await db.query(replacing, ["d", 3, "0xh", E, "0xc", 9, "0xv"]);
    await db.query("INSERT INTO standing_vote VALUES (3, '0xh', '0xc', 0, 1, '0xv', $1)", [E + 1]);
    const got = await rows<{ epoch: number; token_id: string; gauge: string; voter: string; amount: string }>(
      "SELECT epoch, token_id::text, gauge, voter, amount::text FROM epoch_vote ORDER BY epoch, token_id",
    );
    expect(got.map((r) => `${r.epoch - E}:${r.token_id}:${r.gauge}:${r.voter}:${r.amount}`)).toEqual([
      "0:1:0xg:0xa:10",
      "0:3:0xh:0xc:9",
      "1:1:0xg:0xa:20",
      "2:2:0xg:0xb:7",
    ]);
  });

  it("epochHolding: balances > 0 from the balances transfers replaced and from live accounts, with their labels", async () => {
    await clear();
    await insertEpochs([E, E + 1, E + 2].map((id) => ({ id, warmup: 0n, seasonAnchor: 0n })));
    // A transfer and the balances it replaced: (id, from, to, held to, sender's held from, balance, label, receiver's held from, balance, label).
    const transfer = "INSERT INTO br_transfer VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    // 0xa's 100, held since E, all sent to 0xd after E+1's window end
    await db.query(transfer, ["a", "0xa", "0xd", E + 1, E, 100, null, null, null, null]);
    await db.query("INSERT INTO account VALUES ('0xa', 0, NULL, $1)", [E + 2]);
    await db.query("INSERT INTO account VALUES ('0xd', 100, NULL, $1)", [E + 2]);
    // 0xb (an exchange) held 20 since E, received 10 after E's window end from 0xf, whose balance no window end saw
    await db.query(transfer, ["b", "0xf", "0xb", E, null, null, null, E, 20, "exchange"]);
    await db.query("INSERT INTO account VALUES ('0xb', 30, 'exchange', $1)", [E + 1]);
    await db.query("INSERT INTO account VALUES ('0xf', 0, NULL, $1)", [E + 1]);
    // 0xe sent to itself after E's window end: one balance replaced, the sender's
    await db.query(transfer, ["c", "0xe", "0xe", E, E, 7, null, null, null, null]);
    await db.query("INSERT INTO account VALUES ('0xe', 7, NULL, $1)", [E + 1]);
    // 0xc minted after the last closed window end: nothing replaced, not yet seen
    await db.query(transfer, ["d", "0x0", "0xc", null, null, null, null, null, null, null]);
    await db.query("INSERT INTO account VALUES ('0xc', 5, NULL, $1)", [E + 3]);
    const got = await rows<{ epoch: number; holder: string; balance: string; label: string | null }>(
      "SELECT epoch, holder, balance::text, label FROM epoch_holding ORDER BY epoch, holder",
    );
    expect(got.map((r) => `${r.epoch - E}:${r.holder}:${r.balance}:${r.label ?? "-"}`)).toEqual([
      "0:0xa:100:-",
      "0:0xb:20:exchange",
      "0:0xe:7:-",
      "1:0xa:100:-",
      "1:0xb:30:exchange",
      "1:0xe:7:-",
      "2:0xb:30:exchange",
      "2:0xd:100:-",
      "2:0xe:7:-",
    ]);
  });
});

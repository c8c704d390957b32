/**
 * The index self-checks on a hand-made world in a real PGlite: a consistent one passes every
 * check, and each corruption a crash could leave is named by the check that owns it.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { integrityChecks, integrityFailure } from "../../src/health/integrity";

const Z = "0x0000000000000000000000000000000000000000";
const db = new PGlite();
afterAll(() => db.close());

/**
 * Alice gets 100 minted, sends 30 to Bob, Bob burns 5; vesting wallet W gets 40 minted and
 * releases 15 to Bob: supply 135, Alice 70, Bob 40, W 25 (allocation 40, released 15).
 * Locks 40 (active) + 10 (queued) + 7 (exited): totalLocked 50, the last Withdraw said 50.
 * Gauge G: token 1 votes 6 then token 2 votes 4 in season 1 (total 10); an old season-0 vote of
 * 9 on G does not count. Vault V: 12 shares = 5 + 7. Epochs 10..12 closed, each with a metric.
 * Event ids stand for Ponder checkpoints ("01".."09"); the last committed checkpoint is "09".
 * Times fall in epochs 10 and 11 (window end of 10: 12,697,200): the live rows changed last in
 * the window of 11 carry `from_epoch` 11 and their spans end at 10; the exit fee (kind `exit`)
 * changes no lock state.
 */
async function seed(): Promise<void> {
  await db.exec(`
DROP SCHEMA IF EXISTS s CASCADE; CREATE SCHEMA s; SET search_path TO s;
CREATE TABLE br_transfer (id text, "from" text, "to" text, value numeric(78), "timestamp" numeric(78), held_to_epoch int,
  sender_held_from_epoch int, receiver_held_from_epoch int);
CREATE TABLE account (address text primary key, br_balance numeric(78), updated_ts numeric(78), from_epoch int);
CREATE TABLE indexer_state (id int, br_total_supply numeric(78), total_locked numeric(78), last_closed_epoch int);
CREATE TABLE lock (token_id int, amount numeric(78), status text, from_epoch int);
CREATE TABLE lock_span (token_id int, from_epoch int, to_epoch int);
CREATE TABLE lock_event (id text, token_id int, kind text, total_locked numeric(78), block_number int, "timestamp" numeric(78));
CREATE TABLE vote_event (id text, gauge text, token_id int, total_in_gauge numeric(78), block_number int, log_index int, replaced_from_epoch int,
  replaced_to_epoch int);
CREATE TABLE standing_vote (token_id int, gauge text, amount numeric(78), season int, voter_contract text, block_number int, from_epoch int);
CREATE TABLE vault (address text, total_shares numeric(78));
CREATE TABLE vault_position (vault text, owner text, shares numeric(78));
CREATE TABLE epoch (id int);
CREATE TABLE epoch_metric (epoch int, scope text);
CREATE TABLE vault_event (id text);
CREATE TABLE vesting_release (id text, wallet text, amount numeric(78));
CREATE TABLE vesting_allocation (address text, total numeric(78), released numeric(78));
CREATE TABLE warmup_change (id text);
CREATE TABLE proxy_upgrade (id text);
CREATE TABLE _ponder_checkpoint (chain_name text, latest_checkpoint varchar(75));
INSERT INTO br_transfer VALUES ('00', '${Z}', 'w', 40, 12096100, NULL, NULL, NULL), ('01', '${Z}', 'alice', 100, 12096200, NULL, NULL, NULL),
  ('03', 'alice', 'bob', 30, 12700000, 10, 10, NULL), ('05', 'w', 'bob', 15, 12800000, 10, 10, NULL), ('07', 'bob', '${Z}', 5, 13400000, NULL, NULL, NULL);
INSERT INTO account VALUES ('alice', 70, 12700000, 11), ('bob', 40, 13400000, 11), ('carol', 0, 12096000, 10), ('w', 25, 12800000, 11);
INSERT INTO indexer_state VALUES (0, 135, 50, 12);
INSERT INTO lock VALUES (1, 40, 'active', 10), (2, 10, 'queued', 11), (3, 7, 'exited', 11);
INSERT INTO lock_span VALUES (2, 10, 10), (3, 10, 10);
INSERT INTO lock_event VALUES ('02', 1, 'deposit', 57, 1, 12096300), ('04', 3, 'withdraw', 50, 3, 12750000), ('05', 2, 'exitQueued', NULL, 4, 12760000),
  ('06', 3, 'exit', NULL, 5, 13400000);
INSERT INTO vote_event VALUES ('06', 'G', 3, 9, 1, 0, NULL, NULL), ('08', 'G', 1, 6, 5, 0, 10, 10), ('09', 'G', 2, 10, 5, 1, NULL, NULL);
INSERT INTO standing_vote VALUES (3, 'G', 9, 0, 'V1', 1, 10), (1, 'G', 6, 1, 'V1', 5, 11), (2, 'G', 4, 1, 'V1', 5, 11);
INSERT INTO vault VALUES ('V', 12);
INSERT INTO vault_position VALUES ('V', 'alice', 5), ('V', 'bob', 7);
INSERT INTO epoch VALUES (10), (11), (12);
INSERT INTO epoch_metric VALUES (10, 'X'), (11, 'X'), (12, 'X'), (12, 'Y');
INSERT INTO vault_event VALUES ('06');
INSERT INTO vesting_allocation VALUES ('W', 40, 15);
INSERT INTO vesting_release VALUES ('05', 'w', 15);
INSERT INTO _ponder_checkpoint VALUES ('devnet', '09');
SET search_path TO public;`);
}

async function failures(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const check of integrityChecks("s")) {
    const { rows } = await db.query<Record<string, unknown>>(check.sql);
    const failure = integrityFailure(check, rows);
    if (failure) out[check.name] = failure;
  }
  return out;
}

describe("index self-checks", () => {
  beforeEach(seed);

  it("a consistent index passes every check", async () => {
    expect(integrityChecks("s").map((c) => c.name)).toEqual(["supply", "balances", "locked", "gauge-totals", "vault-shares", "vesting", "epoch-snapshots", "spans", "checkpoint"]);
    expect(await failures()).toEqual({});
  });

  it.each([
    ["a transfer applied twice to the balances", "UPDATE s.account SET br_balance = br_balance + 30 WHERE address = 'bob'; UPDATE s.account SET br_balance = br_balance - 30 WHERE address = 'alice'", ["balances"]],
    ["a mint lost from the state row", "UPDATE s.indexer_state SET br_total_supply = 195", ["supply"]],
    ["a balance row lost", "DELETE FROM s.account WHERE address = 'bob'", ["supply", "balances"]],
    ["a transfer row lost", "DELETE FROM s.br_transfer WHERE \"from\" = 'alice'", ["balances", "spans"]],
    ["a withdrawal applied to the lock but not the state", "UPDATE s.lock SET status = 'exited' WHERE token_id = 2", ["locked"]],
    ["the last Withdraw event lost", "DELETE FROM s.lock_event WHERE id = '04'", ["locked"]],
    ["a vote counted twice", "UPDATE s.standing_vote SET amount = 8 WHERE token_id = 2", ["gauge-totals"]],
    ["a vote row lost", "DELETE FROM s.standing_vote WHERE token_id = 1", ["gauge-totals"]],
    ["a vault position lost", "DELETE FROM s.vault_position WHERE owner = 'bob'", ["vault-shares"]],
    ["a release counted twice in its allocation", "UPDATE s.vesting_allocation SET released = 30", ["vesting"]],
    ["a release row lost", "DELETE FROM s.vesting_release", ["vesting"]],
    ["the funding of a vesting wallet lost", "DELETE FROM s.br_transfer WHERE \"to\" = 'w'", ["supply", "balances", "vesting"]],
    ["a closed epoch without its row", "DELETE FROM s.epoch WHERE id = 11", ["epoch-snapshots"]],
    ["a closed epoch without its metrics", "DELETE FROM s.epoch_metric WHERE epoch = 12", ["epoch-snapshots"]],
    ["an epoch row beyond the last closed one", "INSERT INTO s.epoch VALUES (13)", ["epoch-snapshots"]],
    ["the state row lost", "DELETE FROM s.indexer_state", ["supply", "locked", "epoch-snapshots"]],
    ["a lock change kept without its event (a torn write)", "UPDATE s.lock SET from_epoch = 12 WHERE token_id = 1", ["spans"]],
    ["a balance change kept without its transfer", "UPDATE s.account SET updated_ts = 13500000 WHERE address = 'bob'", ["spans"]],
    ["a vote change kept without its event", "UPDATE s.standing_vote SET block_number = 6 WHERE token_id = 1", ["spans"]],
    ["a lock span ahead of its live row", "INSERT INTO s.lock_span VALUES (1, 10, 10)", ["spans"]],
    ["a replaced balance ahead of its live row", "UPDATE s.br_transfer SET receiver_held_from_epoch = 10, held_to_epoch = 11 WHERE id = '05'", ["spans"]],
    ["a replaced vote ahead of its live row", "UPDATE s.vote_event SET replaced_from_epoch = 10, replaced_to_epoch = 11 WHERE id = '09'", ["spans"]],
    ["a vault event written after the last committed checkpoint", "INSERT INTO s.vault_event VALUES ('10')", ["checkpoint"]],
    ["a release written after the last committed checkpoint", "INSERT INTO s.vesting_release VALUES ('11')", ["checkpoint"]],
    ["event rows without any committed checkpoint", "DELETE FROM s._ponder_checkpoint", ["checkpoint"]],
  ])("%s is named", async (_what, corruption, expected) => {
    await db.exec(corruption);
    const found = await failures();
    expect(Object.keys(found).sort()).toEqual([...expected].sort());
    for (const name of expected) expect(found[name]).toMatch(new RegExp(`^${name}: .+ does not hold \\(\\{`));
  });

  it("the failure line shows the violating values", async () => {
    await db.exec("UPDATE s.indexer_state SET total_locked = 49");
    const found = await failures();
    expect(found.locked).toBe(
      'locked: Σ amounts of locks not withdrawn = indexer_state.total_locked = the last newTotalLocked does not hold ({"state":"49","locks":"50","last_event":"50"})',
    );
  });
});

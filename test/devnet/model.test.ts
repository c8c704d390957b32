/**
 * The simulator model's voting power and season rules, from hand-worked examples of the Aragon
 * Season semantics (fact-sheet numbers: 1e18 locked on the 8x curve gives 7,999,999,999,996,326,400
 * after 12 weeks).
 */
import { describe, expect, it } from "vitest";
import { EPOCH, WEEK, loadScenario, nextCheckpoint } from "../../devnet/scenario";
import { type Account, type LockState, Model, WAD } from "../../devnet/sim/model";

const S = 1_753_920_000; // an epoch start (Thursday 00:00 UTC)
const scenario = loadScenario("small");

function lockAt(model: Model, writtenTs: number, amount = WAD): LockState {
  const lock: LockState = {
    id: model.locks.length + 1,
    owner: {} as Account,
    amount,
    start: nextCheckpoint(writtenTs),
    writtenTs,
    exitQueuedAt: 0,
    exitCheckpoint: 0,
    exitDate: 0,
    withdrawAt: 0,
    withdrawn: false,
    voteSeason: 0,
    votes: [],
  };
  model.locks.push(lock);
  return lock;
}

describe("Model.votingPowerAt (8x curve, 3-day warmup)", () => {
  it("is 0 before the aligned start, 1x at the start, +7/12 per week, 8x (truncated) from 12 weeks on", () => {
    const model = new Model(scenario);
    const early = lockAt(model, S - 2 * 86_400); // deposit 2 days before S: starts at S, warm only from S + 1 d
    expect(early.start).toBe(S);
    expect(model.votingPowerAt(early, S)).toBe(0n);
    expect(model.votingPowerAt(early, S + 86_400 + 1)).toBe(model.bias(WAD, 86_400 + 1));
    const lock = lockAt(model, S - 4 * 86_400); // 4 days before S: starts at S, warm at S
    expect(model.votingPowerAt(lock, S - 1)).toBe(0n);
    expect(model.votingPowerAt(lock, S)).toBe(WAD);
    expect(model.votingPowerAt(lock, S + WEEK)).toBe(WAD + 964_506_172_839n * BigInt(WEEK));
    expect(model.votingPowerAt(lock, S + 6 * EPOCH)).toBe(7_999_999_999_996_326_400n);
    expect(model.votingPowerAt(lock, S + 20 * EPOCH)).toBe(7_999_999_999_996_326_400n);
  });

  it("applies the warmup against the block time (now), not the queried time", () => {
    const model = new Model(scenario);
    const written = S - 60; // one minute before the checkpoint: starts at S, warm after S - 60 + 3 d
    const lock = lockAt(model, written);
    const warmEnd = written + scenario.curve.warmup;
    expect(model.votingPowerAt(lock, S + 3_600)).toBe(0n); // now = t, still warming up
    expect(model.votingPowerAt(lock, warmEnd)).toBe(0n); // strict: now > writtenTs + warmup
    expect(model.votingPowerAt(lock, warmEnd + 1)).toBeGreaterThan(WAD);
    // A past t read later returns the historical value; a future t read during warmup returns 0.
    expect(model.votingPowerAt(lock, S + 3_600, warmEnd + 1)).toBe(model.bias(WAD, 3_600));
    expect(model.votingPowerAt(lock, S + WEEK, S + 3_600)).toBe(0n);
  });

  it("restarts the curve at a season start and keeps power until the exit checkpoint", () => {
    const model = new Model(scenario);
    const lock = lockAt(model, S - 86_400);
    const season = S + 4 * EPOCH;
    model.seasonStarts.push(season);
    expect(model.seasonIndexAt(season - 1)).toBe(0);
    expect(model.seasonIndexAt(season)).toBe(1);
    expect(model.votingPowerAt(lock, season - 1)).toBe(model.bias(WAD, season - 1 - S));
    expect(model.votingPowerAt(lock, season)).toBe(WAD);
    const queued = season + 3 * 86_400;
    lock.exitQueuedAt = queued;
    lock.exitCheckpoint = nextCheckpoint(queued);
    expect(model.votingPowerAt(lock, lock.exitCheckpoint - 1)).toBe(model.bias(WAD, lock.exitCheckpoint - 1 - season));
    expect(model.votingPowerAt(lock, lock.exitCheckpoint)).toBe(0n);
  });

  it("keys votes by the season current at the vote: they stop counting when the next season starts", () => {
    const model = new Model(scenario);
    model.gauges.push({ index: 0 } as never);
    const lock = lockAt(model, S - 86_400);
    lock.voteSeason = 0;
    lock.votes = [{ gauge: 0, amount: 5n }];
    model.addVotes(0, 0, 5n);
    model.seasonStarts.push(S + 2 * EPOCH);
    expect(model.isVoting(lock, S + 2 * EPOCH - 1)).toBe(true);
    expect(model.gaugeTotalsAt(S + 2 * EPOCH - 1)).toEqual([5n]);
    expect(model.isVoting(lock, S + 2 * EPOCH)).toBe(false);
    expect(model.gaugeTotalsAt(S + 2 * EPOCH)).toEqual([0n]);
    expect(model.totalCastAt(S + 2 * EPOCH)).toBe(0n);
  });
});

import { type Address, type TransactionReceipt, parseEther } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, EPOCH, HOUR, type TestWorld, WEEK, expectedPower, setupWorld } from "./world";

let w: TestWorld;
let snap: `0x${string}`;
let S: number; // start of the first epoch after deployment
let escrow: Address;
let voter: Address;
let G: Address[]; // gauges: two vaults, a dex pool, a lending market
let clock: Address;
let lockNFT: Address;
let E: number; // an epoch whose window opens after the test locks are warm and started

beforeAll(async () => {
  w = await setupWorld();
  S = w.firstEpochStart;
  escrow = w.world.contracts.VotingEscrow.address;
  voter = w.world.contracts.SimpleGaugeVoter.address;
  G = w.world.gauges.map((g) => g.address);
  clock = w.world.contracts.Clock.address;
  lockNFT = w.world.contracts.Lock.address;
  E = S + EPOCH;
});
afterAll(async () => {
  await w?.stop();
});
beforeEach(async () => {
  snap = await w.snapshot();
});
afterEach(async () => {
  await w.revert(snap);
});

async function lock(user: Address, amount: bigint, ts: number): Promise<bigint> {
  const receipt = await w.send(escrow, "VotingEscrow", "createLock", [amount], user, ts);
  const deposit = w.events(receipt).find((e) => e.eventName === "Deposit" && e.address.toLowerCase() === escrow.toLowerCase());
  return deposit?.args.tokenId as bigint;
}

function vote(user: Address, tokenId: bigint, split: [number, Address][], ts: number): Promise<TransactionReceipt> {
  const votes = split.map(([weight, gauge]) => ({ weight: BigInt(weight), gauge }));
  return w.send(voter, "SimpleGaugeVoter", "vote", [tokenId, votes], user, ts);
}

const voterEvents = (receipt: TransactionReceipt) =>
  w.events(receipt).filter((e) => e.address.toLowerCase() === voter.toLowerCase());

const readVoter = <T>(fn: string, args: unknown[] = []) => w.read<T>(voter, "SimpleGaugeVoter", fn, args);

const BR = 10n ** 18n;
const sw = (t: number) => BigInt(t);
/** Locks at S + 100: start S + 1w, warm after S + 100 + 3d; so in epoch E = S + 2w every lock votes. */
const LOCK_TS = 100;
const START = WEEK;

describe("epochs and the voting window", () => {
  it("rejects a vote one second before the window, accepts at its start and its last second, rejects at its end", async () => {
    const [a] = w.users;
    const id = await lock(a, parseEther("10"), S + LOCK_TS);
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], a, E + HOUR - 1, "VotingInactive");
    await vote(a, id, [[1, G[0] as Address]], E + HOUR);
    await vote(a, id, [[1, G[1] as Address]], E + WEEK - HOUR - 1);
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], a, E + WEEK - HOUR, "VotingInactive");
    expect(await readVoter("epochId")).toBe(BigInt(E / EPOCH));
  });

  it("rejects non-owners, unknown or inactive gauges, zero weights, repeated gauges and tokens without power", async () => {
    const [a, b] = w.users;
    const id = await lock(a, parseEther("10"), S + LOCK_TS);
    const cold = await lock(b, parseEther("10"), E + HOUR - 10); // starts E + 1w: no power yet
    const t = E + 2 * HOUR;
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], b, t, "NotApprovedOrOwner");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [cold, [{ weight: 1n, gauge: G[0] }]], b, t, "NoVotingPower");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, []], a, t, "NoVotes");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 0n, gauge: G[0] }]], a, t, "NoVotes");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }, { weight: 1n, gauge: G[0] }]], a, t, "DoubleVote");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: a }]], a, t, "GaugeDoesNotExist");
    await w.send(voter, "SimpleGaugeVoter", "deactivateGauge", [G[1]], w.deployer, t);
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[1] }]], a, t + 1, "GaugeInactive");
  });
});

describe("vote split", () => {
  it("splits floor(weight * power / sumW) of the power at the vote, with running totals in Voted", async () => {
    const [a] = w.users;
    const A = parseEther("1000") + 1n;
    const id = await lock(a, A, S + LOCK_TS);
    const t = E + 2 * HOUR;
    const p = expectedPower(A, S + START, t);
    const r = await vote(a, id, [[3, G[0] as Address], [5, G[1] as Address], [2, G[2] as Address]], t);
    const shares = [(3n * p) / 10n, (5n * p) / 10n, (2n * p) / 10n];
    let running = 0n;
    expect(voterEvents(r).map((e) => [e.eventName, e.args])).toEqual(
      shares.map((v, i) => {
        running += v;
        return ["Voted", { voter: a, gauge: G[i], epoch: BigInt(E / EPOCH), tokenId: id, votingPowerCastForGauge: v, totalVotingPowerInGauge: v, totalVotingPowerInContract: running, timestamp: sw(t) }];
      }),
    );
    expect(await readVoter("usedVotingPower", [id])).toBe(running);
    expect(await readVoter("votes", [id, G[1]])).toBe(shares[1]);
    expect(await readVoter("gaugesVotedFor", [id])).toEqual([G[0], G[1], G[2]]);
    expect(await readVoter("totalVotingPowerCast")).toBe(running);
    expect(await readVoter("isVoting", [id])).toBe(true);
    // frozen: nothing grows with the curve until the token votes again
    await w.mineAt(E + 3 * DAY);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(shares[0]);
  });

  it("voteMultiple applies the same split to each token", async () => {
    const [a] = w.users;
    const id1 = await lock(a, parseEther("10"), S + LOCK_TS);
    const id2 = await lock(a, parseEther("30"), S + LOCK_TS + 1);
    const t = E + 2 * HOUR;
    const votes = [{ weight: 1n, gauge: G[0] }];
    await w.send(voter, "SimpleGaugeVoter", "voteMultiple", [[id1, id2], votes], a, t);
    const p1 = expectedPower(parseEther("10"), S + START, t);
    const p2 = expectedPower(parseEther("30"), S + START, t);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(p1 + p2);
  });
});

describe("re-vote and reset", () => {
  it("a re-vote emits Reset for each previous gauge in vote order, then Voted, with correct totals", async () => {
    const [a] = w.users;
    const A = parseEther("100");
    const id = await lock(a, A, S + LOCK_TS);
    const t1 = E + 2 * HOUR;
    await vote(a, id, [[1, G[0] as Address], [1, G[1] as Address]], t1);
    const p1 = expectedPower(A, S + START, t1);
    const t2 = E + 2 * DAY;
    const r = await vote(a, id, [[1, G[2] as Address]], t2);
    const p2 = expectedPower(A, S + START, t2);
    expect(voterEvents(r).map((e) => [e.eventName, e.args.gauge, e.args.totalVotingPowerInContract])).toEqual([
      ["Reset", G[0], p1 - p1 / 2n],
      ["Reset", G[1], 0n],
      ["Voted", G[2], p2],
    ]);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(0n);
    expect(await readVoter("gaugeVotes", [G[2]])).toBe(p2);
  });

  it("reset removes every vote; a token with no votes cannot reset", async () => {
    const [a] = w.users;
    const id = await lock(a, parseEther("100"), S + LOCK_TS);
    await w.expectRevert(voter, "SimpleGaugeVoter", "reset", [id], a, E + HOUR, "NotCurrentlyVoting");
    await vote(a, id, [[1, G[0] as Address]], E + HOUR + 1);
    const r = await w.send(voter, "SimpleGaugeVoter", "reset", [id], a, E + HOUR + 2);
    expect(voterEvents(r).map((e) => e.eventName)).toEqual(["Reset"]);
    expect(await readVoter("isVoting", [id])).toBe(false);
    expect(await readVoter("totalVotingPowerCast")).toBe(0n);
  });

  it("refuses beginWithdrawal while voting; resetVotesAndBeginWithdrawal resets through the approved escrow", async () => {
    const [a] = w.users;
    await w.send(w.world.contracts.ExitQueue.address, "ExitQueue", "setMinLock", [1], w.deployer, S + 50);
    const id = await lock(a, parseEther("100"), S + LOCK_TS);
    await vote(a, id, [[1, G[0] as Address]], E + HOUR);
    await w.send(lockNFT, "Lock", "approve", [escrow, id], a, E + HOUR + 1);
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], a, E + HOUR + 2, "CannotExit");
    const r = await w.send(escrow, "VotingEscrow", "resetVotesAndBeginWithdrawal", [id], a, E + HOUR + 3);
    expect(w.events(r).map((e) => e.eventName)).toEqual(["Reset", "Transfer", "ExitQueued"]);
    expect(w.events(r)[0]?.args.voter).toBe(escrow);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(0n);
  });
});

describe("seasons", () => {
  it("count votes per season: old-season votes stop counting at the start, cannot be reset, and do not block an exit", async () => {
    const [a, b] = w.users;
    await w.send(w.world.contracts.ExitQueue.address, "ExitQueue", "setMinLock", [1], w.deployer, S + 50);
    const A = parseEther("100");
    const id = await lock(a, A, S + LOCK_TS);
    const other = await lock(b, A, S + LOCK_TS + 1);
    const t1 = E + HOUR;
    await vote(a, id, [[1, G[0] as Address]], t1);
    await vote(b, other, [[1, G[1] as Address]], t1 + 1);
    const v1 = expectedPower(A, S + START, t1);
    await w.send(clock, "Clock", "newSeason", [], w.deployer, E + 2 * HOUR); // season 1 starts E + 1w
    const s1 = E + WEEK;
    await w.mineAt(s1 - 1);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(v1); // still season 0
    expect(await readVoter("isVoting", [id])).toBe(true);
    await w.mineAt(s1);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(0n);
    expect(await readVoter("totalVotingPowerCast")).toBe(0n);
    expect(await readVoter("isVoting", [id])).toBe(false);
    expect(await readVoter("votes", [id, G[0]])).toBe(0n);
    expect(await readVoter("usedVotingPower", [id])).toBe(0n);
    expect(await readVoter("seasonGaugeVotes", [0, G[0]])).toBe(v1);
    expect(await readVoter("seasonTotalVotingPowerCast", [0])).toBe(v1 + expectedPower(A, S + START, t1 + 1));
    // the next window: the old vote cannot be reset; a new vote has no Reset; the other token exits unreset
    const E2 = E + EPOCH;
    await w.expectRevert(voter, "SimpleGaugeVoter", "reset", [id], a, E2 + HOUR, "NotCurrentlyVoting");
    const r = await vote(a, id, [[1, G[0] as Address]], E2 + HOUR + 1);
    const v2 = expectedPower(A, s1, E2 + HOUR + 1); // restarted at 1x at the season start
    expect(voterEvents(r).map((e) => [e.eventName, e.args.votingPowerCastForGauge])).toEqual([["Voted", v2]]);
    expect(await readVoter("seasonGaugeVotes", [1, G[0]])).toBe(v2);
    expect(await readVoter("seasonGaugeVotes", [0, G[0]])).toBe(v1);
    await w.send(lockNFT, "Lock", "approve", [escrow, other], b, E2 + HOUR + 2);
    await w.send(escrow, "VotingEscrow", "beginWithdrawal", [other], b, E2 + HOUR + 3);
  });
});

import { type Address, type TransactionReceipt, parseEther } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, EPOCH, HOUR, type TestWorld, WEEK, setupWorld } from "./world";

let w: TestWorld;
let snap: `0x${string}`;
let S: number; // start of the first epoch after deployment
let escrow: Address;
let voter: Address;
let G: Address[]; // gauges: two vaults, a dex pool, a lending market

beforeAll(async () => {
  w = await setupWorld();
  S = w.firstEpochStart;
  escrow = w.world.contracts.VotingEscrow.address;
  voter = w.world.contracts.SimpleGaugeVoter.address;
  G = w.world.gauges.map((g) => g.address);
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

describe("epochs and the voting window", () => {
  it("rejects a vote one second before the window, accepts at its start and its last second, rejects at its end", async () => {
    const [u] = w.users;
    const id = await lock(u, parseEther("1000"), S + 100);
    const S1 = S + EPOCH;
    const split: [number, Address][] = [[1, G[0]!]];

    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], u, S1 + HOUR - 1, "VotingInactive");
    const first = await vote(u, id, split, S1 + HOUR);
    expect(voterEvents(first)[0]?.args.epoch).toBe(BigInt(S1 / EPOCH));

    const clock = w.world.contracts.Clock.address;
    expect(await w.read(clock, "Clock", "currentEpoch")).toBe(BigInt(S1 / EPOCH));
    expect(await w.read(clock, "Clock", "epochStartTs")).toBe(BigInt(S1));
    expect(await w.read(clock, "Clock", "epochVoteStartTs")).toBe(BigInt(S1 + HOUR));
    expect(await w.read(clock, "Clock", "epochVoteEndTs")).toBe(BigInt(S1 + WEEK - HOUR));
    expect(await w.read(clock, "Clock", "votingActive")).toBe(true);

    await vote(u, id, split, S1 + WEEK - HOUR - 1);
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], u, S1 + WEEK - HOUR, "VotingInactive");
    await w.expectRevert(voter, "SimpleGaugeVoter", "reset", [id], u, S1 + WEEK - HOUR, "VotingInactive");
    await w.mineAt(S1 + WEEK - HOUR);
    expect(await w.read(clock, "Clock", "votingActive")).toBe(false);
    expect(epochOfEvent(first)).toBe(BigInt(Math.floor((S1 + HOUR) / EPOCH)));
  });

  it("rejects votes from non-owners, for inactive gauges, with zero weights or duplicate gauges", async () => {
    const [u, other] = w.users;
    const id = await lock(u, parseEther("1000"), S + HOUR);
    const t = S + HOUR + 3 * DAY;
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], other, t, "NotTokenOwner");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: u }]], u, t, "GaugeInactive");
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 0n, gauge: G[0] }]], u, t, "ZeroWeight");
    await w.expectRevert(
      voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }, { weight: 2n, gauge: G[0] }]], u, t, "DuplicateGauge",
    );
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[0] }]], u, S + HOUR + 3 * DAY - 1, "NoVotingPower");
    await w.send(voter, "SimpleGaugeVoter", "deactivateGauge", [G[1]], w.deployer, t);
    await w.expectRevert(voter, "SimpleGaugeVoter", "vote", [id, [{ weight: 1n, gauge: G[1] }]], u, t + 1, "GaugeInactive");
    await w.expectRevert(voter, "SimpleGaugeVoter", "activateGauge", [G[1]], u, t + 1, "NotOwner");
  });
});

function epochOfEvent(receipt: TransactionReceipt): bigint {
  return voterEvents(receipt)[0]?.args.epoch as bigint;
}

describe("vote split", () => {
  it("splits weight * power / sumW with floor rounding, totals after each entry", async () => {
    const [a, b] = w.users;
    const idA = await lock(a, parseEther("1000"), S + HOUR);
    const idB = await lock(b, parseEther("1000"), S + HOUR + 1);

    // exactly at the end of the warmup: power = 1000 + 1000 * 7 * 3 days / 12 weeks = 1250 BR
    const tA = S + HOUR + 3 * DAY;
    expect(await w.read(escrow, "VotingEscrow", "votingPowerAt", [idA, BigInt(tA)])).toBe(1250n * 10n ** 18n);
    const rA = await vote(a, idA, [[1, G[0]!], [1, G[1]!], [1, G[2]!]], tA);
    const third = 416666666666666666666n;
    expect(voterEvents(rA).map((e) => [e.eventName, e.args.gauge, e.args.votingPowerCastForGauge, e.args.totalVotingPowerInGauge, e.args.totalVotingPowerInContract])).toEqual([
      ["Voted", G[0], third, third, third],
      ["Voted", G[1], third, third, 833333333333333333332n],
      ["Voted", G[2], third, third, 1249999999999999999998n],
    ]);
    const first = voterEvents(rA)[0]!.args;
    expect(first.voter).toBe(a);
    expect(first.tokenId).toBe(idA);
    expect(first.epoch).toBe(BigInt(S / EPOCH));
    expect(first.timestamp).toBe(BigInt(tA));

    // weights 2:5 of 1250 BR
    const rB = await vote(b, idB, [[2, G[0]!], [5, G[2]!]], tA + 1);
    expect(voterEvents(rB).map((e) => [e.args.gauge, e.args.votingPowerCastForGauge, e.args.totalVotingPowerInGauge, e.args.totalVotingPowerInContract])).toEqual([
      [G[0], 357142857142857142857n, 773809523809523809523n, 1607142857142857142855n],
      [G[2], 892857142857142857142n, 1309523809523809523808n, 2499999999999999999997n],
    ]);
    expect(await readVoter("votes", [idA, G[0]])).toBe(third);
    expect(await readVoter("votes", [idB, G[2]])).toBe(892857142857142857142n);
    expect(await readVoter("votes", [idB, G[1]])).toBe(0n);
    expect(await readVoter("usedVotingPower", [idA])).toBe(1249999999999999999998n);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(773809523809523809523n);
    expect(await readVoter("gaugeVotes", [G[1]])).toBe(third);
    expect(await readVoter("totalVotingPowerCast")).toBe(2499999999999999999997n);
    expect(await readVoter("isVoting", [idA])).toBe(true);
    expect(await w.read(escrow, "VotingEscrow", "isVoting", [idB])).toBe(true);
  });

  it("keeps a five-gauge vote cheap", async () => {
    const [a] = w.users;
    const extra = "0x000000000000000000000000000000000000d303";
    await w.send(voter, "SimpleGaugeVoter", "createGauge", [extra, "ipfs://gauge/extra"], w.deployer, S);
    const id = await lock(a, parseEther("1000"), S + HOUR);
    const five: [number, Address][] = [[1, G[0]!], [2, G[1]!], [3, G[2]!], [4, G[3]!], [5, extra]];
    const first = await vote(a, id, five, S + HOUR + 3 * DAY);
    const revote = await vote(a, id, five, S + HOUR + 4 * DAY);
    expect(voterEvents(first)).toHaveLength(5);
    expect(voterEvents(revote)).toHaveLength(10);
    console.log(`five-gauge vote: first ${first.gasUsed} gas, re-vote ${revote.gasUsed} gas`);
    expect(first.gasUsed).toBeLessThan(450_000n);
    expect(revote.gasUsed).toBeLessThan(450_000n);
  });
});

describe("re-vote and reset", () => {
  it("emits Reset for each previous gauge in vote order, then Voted, with correct totals", async () => {
    const [a] = w.users;
    const id = await lock(a, parseEther("1000"), S + HOUR);
    await vote(a, id, [[1, G[0]!], [1, G[1]!], [1, G[2]!]], S + HOUR + 3 * DAY);

    // one day later: power = 1000 + 1000 * 7 * 4 days / 12 weeks = 1333.33.. BR
    const t = S + HOUR + 4 * DAY;
    const r = await vote(a, id, [[1, G[3]!], [3, G[0]!]], t);
    const third = 416666666666666666666n;
    expect(voterEvents(r).map((e) => [e.eventName, e.args.gauge, e.args.votingPowerCastForGauge ?? e.args.votingPowerRemovedFromGauge, e.args.totalVotingPowerInGauge, e.args.totalVotingPowerInContract])).toEqual([
      ["Reset", G[0], third, 0n, 833333333333333333332n],
      ["Reset", G[1], third, 0n, third],
      ["Reset", G[2], third, 0n, 0n],
      ["Voted", G[3], 333333333333333333333n, 333333333333333333333n, 333333333333333333333n],
      ["Voted", G[0], 999999999999999999999n, 999999999999999999999n, 1333333333333333333332n],
    ]);
    for (const e of voterEvents(r)) {
      expect(e.args.voter).toBe(a);
      expect(e.args.tokenId).toBe(id);
      expect(e.args.epoch).toBe(BigInt(S / EPOCH));
      expect(e.args.timestamp).toBe(BigInt(t));
    }
    expect(await readVoter("votes", [id, G[1]])).toBe(0n);
    expect(await readVoter("votes", [id, G[0]])).toBe(999999999999999999999n);
    expect(await readVoter("votedGauges", [id])).toEqual([G[3], G[0]]);
    expect(await readVoter("totalVotingPowerCast")).toBe(1333333333333333333332n);
  });

  it("reset removes every vote; a token with no votes cannot reset", async () => {
    const [a] = w.users;
    const id = await lock(a, parseEther("1000"), S + HOUR);
    await w.expectRevert(voter, "SimpleGaugeVoter", "reset", [id], a, S + 2 * HOUR, "NotVoting");
    await vote(a, id, [[1, G[0]!], [1, G[1]!]], S + HOUR + 3 * DAY);
    const r = await w.send(voter, "SimpleGaugeVoter", "reset", [id], a, S + HOUR + 3 * DAY + 10);
    expect(voterEvents(r).map((e) => [e.eventName, e.args.gauge, e.args.votingPowerRemovedFromGauge, e.args.totalVotingPowerInContract])).toEqual([
      ["Reset", G[0], 625n * 10n ** 18n, 625n * 10n ** 18n],
      ["Reset", G[1], 625n * 10n ** 18n, 0n],
    ]);
    expect(await readVoter("isVoting", [id])).toBe(false);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(0n);
  });
});

describe("persistence and withdrawal", () => {
  it("keeps votes unchanged in later epochs until reset or re-vote", async () => {
    const [a] = w.users;
    const id = await lock(a, parseEther("1000"), S + HOUR);
    await vote(a, id, [[1, G[0]!], [1, G[1]!], [1, G[2]!]], S + HOUR + 3 * DAY);
    for (const ts of [S + EPOCH + 2 * HOUR, S + 3 * EPOCH + WEEK]) {
      await w.mineAt(ts);
      expect(await w.read(w.world.contracts.Clock.address, "Clock", "currentEpoch")).toBe(BigInt(Math.floor(ts / EPOCH)));
      expect(await readVoter("votes", [id, G[0]])).toBe(416666666666666666666n);
      expect(await readVoter("gaugeVotes", [G[2]])).toBe(416666666666666666666n);
      expect(await readVoter("totalVotingPowerCast")).toBe(1249999999999999999998n);
      expect(await readVoter("isVoting", [id])).toBe(true);
    }
  });

  it("refuses beginWithdrawal while voting; reset then begin works", async () => {
    const [a] = w.users;
    const id = await lock(a, parseEther("1000"), S + HOUR);
    await vote(a, id, [[1, G[0]!], [1, G[1]!], [1, G[2]!]], S + HOUR + 3 * DAY);
    const t = S + 2 * EPOCH + 2 * HOUR; // past the 4-week minimum lock, inside a voting window
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t, "TokenIsVoting");
    const reset = await w.send(voter, "SimpleGaugeVoter", "reset", [id], a, t);
    expect(voterEvents(reset).map((e) => e.eventName)).toEqual(["Reset", "Reset", "Reset"]);
    const begin = await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t + 1);
    const queued = w.events(begin).find((e) => e.eventName === "ExitQueued");
    expect(queued?.args).toEqual({ tokenId: id, holder: a, exitDate: BigInt(t + 1 + 2 * WEEK) });
    expect(await w.read(escrow, "VotingEscrow", "votingPowerAt", [id, BigInt(t + 1)])).toBe(0n);
  });
});

describe("season reset", () => {
  it("restarts multipliers at 1x, drops old votes silently, and takes new votes without Reset", async () => {
    const [a, b] = w.users;
    const id = await lock(a, parseEther("1000"), S + HOUR);
    const idB = await lock(b, parseEther("1000"), S + HOUR + 1);
    await vote(a, id, [[1, G[0]!], [1, G[1]!], [1, G[2]!]], S + HOUR + 3 * DAY);
    await vote(b, idB, [[1, G[3]!]], S + HOUR + 3 * DAY + 1);

    const S2 = S + 4 * EPOCH;
    await w.expectRevert(escrow, "VotingEscrow", "startSeason", [], a, S2, "NotOwner");
    const started = await w.send(escrow, "VotingEscrow", "startSeason", [], w.deployer, S2);
    expect(w.events(started).map((e) => [e.eventName, e.args.season, e.args.startTs])).toEqual([["SeasonStarted", 2n, BigInt(S2)]]);
    expect(await w.read(escrow, "VotingEscrow", "seasonCount")).toBe(2n);
    expect(await w.read(escrow, "VotingEscrow", "seasonStart", [2n])).toBe(BigInt(S2));

    const power = (ts: number) => w.read(escrow, "VotingEscrow", "votingPowerAt", [id, BigInt(ts)]);
    expect(await power(S2 - 1)).toBe(5663193479938271604938n); // season 1 curve, elapsed 4 epochs - 1h - 1s
    expect(await power(S2)).toBe(1000n * 10n ** 18n); // back to 1x
    expect(await power(S2 + WEEK)).toBe(1583333333333333333333n); // 1 + 7 * 1/12

    expect(await readVoter("votes", [id, G[0]])).toBe(0n);
    expect(await readVoter("isVoting", [id])).toBe(false);
    expect(await readVoter("gaugeVotes", [G[0]])).toBe(0n);
    expect(await readVoter("totalVotingPowerCast")).toBe(0n);
    expect(await readVoter("votedGauges", [id])).toEqual([]);

    const t = S2 + HOUR + DAY;
    const r = await vote(a, id, [[1, G[3]!]], t);
    expect(voterEvents(r).map((e) => [e.eventName, e.args.gauge, e.args.votingPowerCastForGauge, e.args.totalVotingPowerInGauge, e.args.totalVotingPowerInContract])).toEqual([
      ["Voted", G[3], 1086805555555555555555n, 1086805555555555555555n, 1086805555555555555555n],
    ]);
    expect(await readVoter("votes", [id, G[3]])).toBe(1086805555555555555555n);
    expect(await readVoter("votes", [id, G[0]])).toBe(0n);
    expect(await readVoter("isVoting", [id])).toBe(true);

    // b's season-1 vote no longer blocks the exit
    expect(await readVoter("isVoting", [idB])).toBe(false);
    await w.send(escrow, "VotingEscrow", "beginWithdrawal", [idB], b, t + 1);
  });
});

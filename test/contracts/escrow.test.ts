import { type Address, parseEther, zeroAddress } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, EPOCH, HOUR, type TestWorld, WEEK, expectedPower, nextCheckpoint, setupWorld } from "./world";

let w: TestWorld;
let snap: `0x${string}`;
let S: number;
let escrow: Address;
let queue: Address;
let br: Address;
let lockNFT: Address;
let curve: Address;
let clock: Address;

const BR = 10n ** 18n;
const MIN_LOCK = 4 * WEEK; // BEDROCK_EXIT_QUEUE
const COOLDOWN = 2 * WEEK;
const WARMUP = 3 * DAY;
const MAX_TIME = 6 * EPOCH;
const MAX_8X = 7_999_999_999_996_326_400n;

beforeAll(async () => {
  w = await setupWorld();
  S = w.firstEpochStart;
  escrow = w.world.contracts.VotingEscrow.address;
  queue = w.world.contracts.ExitQueue.address;
  br = w.world.contracts.BRToken.address;
  lockNFT = w.world.contracts.Lock.address;
  curve = w.world.contracts.EscrowCurve.address;
  clock = w.world.contracts.Clock.address;
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

const is = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase();
const power = (id: bigint, ts: number) => w.read<bigint>(escrow, "VotingEscrow", "votingPowerAt", [id, BigInt(ts)]);
const balance = (token: Address, who: Address) => w.read<bigint>(token, "BRToken", "balanceOf", [who]);

async function lock(user: Address, amount: bigint, ts: number): Promise<bigint> {
  const receipt = await w.send(escrow, "VotingEscrow", "createLock", [amount], user, ts);
  return w.events(receipt).find((e) => e.eventName === "Deposit" && is(e.address, escrow))?.args.tokenId as bigint;
}

describe("createLock", () => {
  it("starts the lock at the next weekly checkpoint (strictly after), pulls BR, mints and emits Deposit", async () => {
    const [a, b] = w.users;
    const r = await w.send(escrow, "VotingEscrow", "createLock", [parseEther("1000")], a, S + 100);
    expect(w.events(r).map((e) => [e.eventName, e.address, e.args])).toEqual([
      ["Transfer", br, { from: a, to: escrow, value: 1000n * BR }],
      ["Transfer", lockNFT, { from: zeroAddress, to: a, tokenId: 1n }],
      ["Deposit", escrow, { depositor: a, tokenId: 1n, startTs: BigInt(S + WEEK), value: 1000n * BR, newTotalLocked: 1000n * BR }],
    ]);
    // exactly on a checkpoint: the start is the NEXT one
    const r2 = await w.send(escrow, "VotingEscrow", "createLockFor", [parseEther("250"), b], a, S + WEEK);
    const deposit = w.events(r2).find((e) => e.eventName === "Deposit");
    expect(deposit?.args).toEqual({ depositor: b, tokenId: 2n, startTs: BigInt(S + 2 * WEEK), value: 250n * BR, newTotalLocked: 1250n * BR });
    expect(await w.read(lockNFT, "Lock", "ownerOf", [2n])).toBe(b);
    expect(await w.read(escrow, "VotingEscrow", "ownedTokens", [a])).toEqual([1n]);
    expect(await w.read(escrow, "VotingEscrow", "totalLocked")).toBe(1250n * BR);
    expect(await w.read(escrow, "VotingEscrow", "lastLockId")).toBe(2n);
    expect(await w.read(escrow, "VotingEscrow", "locked", [1n])).toEqual({ amount: 1000n * BR, start: S + WEEK });
    expect(await w.read(clock, "Clock", "resolveEpochNextCheckpointTs", [BigInt(S + WEEK)])).toBe(BigInt(S + 2 * WEEK));
  });

  it("enforces the minimum deposit set by the owner only", async () => {
    const [a] = w.users;
    await w.expectRevert(escrow, "VotingEscrow", "setMinDeposit", [parseEther("10")], a, S, "NotOwner");
    const r = await w.send(escrow, "VotingEscrow", "setMinDeposit", [parseEther("10")], w.deployer, S);
    expect(w.events(r).map((e) => [e.eventName, e.args])).toEqual([["MinDepositSet", { minDeposit: 10n * BR }]]);
    await w.expectRevert(escrow, "VotingEscrow", "createLock", [parseEther("10") - 1n], a, S + 1, "AmountTooSmall");
    await w.expectRevert(escrow, "VotingEscrow", "createLock", [0n], a, S + 1, "ZeroAmount");
    expect(await lock(a, parseEther("10"), S + 1)).toBe(1n);
  });

  it("lets veNFTs move only to whitelisted addresses (the escrow); approvals are standard ERC-721", async () => {
    const [a, b] = w.users;
    const id = await lock(a, parseEther("1"), S + 100);
    await w.expectRevert(lockNFT, "Lock", "transferFrom", [a, b, id], a, S + 101, "NotWhitelisted");
    await w.expectRevert(lockNFT, "Lock", "approve", [b, id], b, S + 101, "NotApprovedOrOwner");
    const r = await w.send(lockNFT, "Lock", "approve", [escrow, id], a, S + 101);
    expect(w.events(r).map((e) => [e.eventName, e.args])).toEqual([["Approval", { owner: a, approved: escrow, tokenId: id }]]);
    expect(await w.read(lockNFT, "Lock", "getApproved", [id])).toBe(escrow);
    expect(await w.read(escrow, "VotingEscrow", "isApprovedOrOwner", [escrow, id])).toBe(true);
    expect(await w.read(escrow, "VotingEscrow", "isApprovedOrOwner", [b, id])).toBe(false);
    expect(await w.read(lockNFT, "Lock", "whitelisted", [escrow])).toBe(true);
  });
});

describe("voting-power curve", () => {
  it("has Bedrock's constants: [1e18, 964506172839, 0], 8x at MAX_TIME, 3-day warmup", async () => {
    expect(await w.read(curve, "EscrowCurve", "getCoefficients", [BR])).toEqual([BR, 964_506_172_839n, 0n]);
    expect(await w.read(curve, "EscrowCurve", "previewMaxBias", [BR])).toBe(MAX_8X);
    expect(await w.read(curve, "EscrowCurve", "getBias", [BigInt(MAX_TIME + 1), BR])).toBe(MAX_8X);
    expect(await w.read(curve, "EscrowCurve", "getBias", [BigInt(MAX_TIME / 2), 2n * BR])).toBe(expectedPower(2n * BR, 0, MAX_TIME / 2));
    expect(await w.read(curve, "EscrowCurve", "warmupPeriod")).toBe(WARMUP);
  });

  it("writes a point (checkpointTs = start, writtenTs = tx time) and follows floor(A(C+LT)/1e18) from the start, capped", async () => {
    const [a] = w.users;
    const A = parseEther("1000") + 7n;
    const t0 = S + 100;
    const start = S + WEEK;
    const id = await lock(a, A, t0);
    expect(await w.read(curve, "EscrowCurve", "tokenPointIntervals", [id])).toBe(1n);
    const point = await w.read<{ bias: bigint; checkpointTs: bigint; writtenTs: bigint; coefficients: bigint[] }>(curve, "EscrowCurve", "tokenPointHistory", [id, 1n]);
    expect(point).toEqual({ bias: A, checkpointTs: BigInt(start), writtenTs: BigInt(t0), coefficients: [A * BR, A * 964_506_172_839n, 0n] });
    await w.mineAt(start + DAY);
    expect(await power(id, start - 1)).toBe(0n);
    expect(await power(id, start)).toBe(A);
    for (const T of [1, HOUR, WEEK, 6 * WEEK, MAX_TIME - 1, MAX_TIME, MAX_TIME + 5 * WEEK]) {
      expect(await power(id, start + T)).toBe(expectedPower(A, start, start + T));
    }
    expect(await power(id, start + MAX_TIME)).toBe((A * MAX_8X) / BR);
    expect(await w.read(escrow, "VotingEscrow", "votingPower", [id])).toBe(expectedPower(A, start, start + DAY));
    expect(await w.read(escrow, "VotingEscrow", "votingPowerForAccount", [a])).toBe(expectedPower(A, start, start + DAY));
  });

  it("counts nothing until block time > writtenTs + warmup (strict), for any queried t, then the full history", async () => {
    const [a] = w.users;
    const r = await w.send(curve, "EscrowCurve", "setWarmupPeriod", [8 * DAY], w.deployer, S + 50);
    expect(w.events(r).map((e) => [e.eventName, e.args])).toEqual([["WarmupSet", { warmup: 8 * DAY }]]);
    await w.expectRevert(curve, "EscrowCurve", "setWarmupPeriod", [0], a, S + 60, "NotOwner");
    const t0 = S + 100;
    const start = S + WEEK;
    const id = await lock(a, parseEther("10"), t0);
    await w.mineAt(t0 + 8 * DAY); // exactly writtenTs + warmup: still cold
    expect(await w.read(curve, "EscrowCurve", "isWarm", [id])).toBe(false);
    expect(await power(id, start + DAY)).toBe(0n);
    expect(await power(id, start + 10 * WEEK)).toBe(0n);
    await w.mineAt(t0 + 8 * DAY + 1);
    expect(await w.read(curve, "EscrowCurve", "isWarm", [id])).toBe(true);
    expect(await power(id, start + DAY)).toBe(expectedPower(parseEther("10"), start, start + DAY));
    expect(await power(id, start)).toBe(parseEther("10"));
  });

  it("restarts older locks at 1x at a season start (the next checkpoint after newSeason), not newer ones", async () => {
    const [a, b] = w.users;
    const A = parseEther("100");
    const id = await lock(a, A, S + 100); // start S + 1w
    const r = await w.send(clock, "Clock", "newSeason", [], w.deployer, S + 5 * WEEK + 10);
    const seasonStart = nextCheckpoint(S + 5 * WEEK + 10);
    expect(seasonStart).toBe(S + 6 * WEEK);
    expect(w.events(r).map((e) => [e.eventName, e.address, e.args])).toEqual([["SeasonStarted", clock, { seasonIndex: 1, startTimestamp: seasonStart }]]);
    expect(await w.read(clock, "Clock", "currentSeasonIndex")).toBe(0); // scheduled, not begun
    const late = await lock(b, A, seasonStart - DAY); // start = seasonStart
    await w.mineAt(seasonStart + 3 * WEEK);
    expect(await w.read(clock, "Clock", "currentSeasonIndex")).toBe(1);
    expect(await power(id, seasonStart - 1)).toBe(expectedPower(A, S + WEEK, seasonStart - 1));
    expect(await power(id, seasonStart)).toBe(A);
    expect(await power(id, seasonStart + WEEK)).toBe(expectedPower(A, S + WEEK, seasonStart + WEEK, [seasonStart]));
    expect(await power(id, seasonStart + WEEK)).toBe(expectedPower(A, seasonStart, seasonStart + WEEK));
    expect(await power(late, seasonStart + 2 * WEEK)).toBe(expectedPower(A, seasonStart, seasonStart + 2 * WEEK));
  });
});

describe("seasons on the clock", () => {
  it("are owner-only, at least 2 weeks apart (from start to start), indexed by the starts <= ts", async () => {
    const [a] = w.users;
    await w.expectRevert(clock, "Clock", "newSeason", [], a, S + 100, "NotOwner");
    await w.send(clock, "Clock", "newSeason", [], w.deployer, S + 100); // starts S + 1w
    await w.expectRevert(clock, "Clock", "newSeason", [], w.deployer, S + WEEK + 100, "SeasonTooShort"); // would start S + 2w
    await w.expectRevert(clock, "Clock", "newSeason", [], w.deployer, S + 2 * WEEK - 1, "SeasonTooShort");
    const r = await w.send(clock, "Clock", "newSeason", [], w.deployer, S + 2 * WEEK); // on a checkpoint: starts S + 3w
    expect(w.events(r)[0]?.args).toEqual({ seasonIndex: 2, startTimestamp: S + 3 * WEEK });
    expect(await w.read(clock, "Clock", "seasonIndexAt", [S + WEEK - 1])).toBe(0);
    expect(await w.read(clock, "Clock", "seasonIndexAt", [S + WEEK])).toBe(1);
    expect(await w.read(clock, "Clock", "seasonIndexAt", [S + 3 * WEEK])).toBe(2);
    expect(await w.read(clock, "Clock", "seasonTs", [0])).toEqual([0, S + WEEK]);
    expect(await w.read(clock, "Clock", "seasonTs", [1])).toEqual([S + WEEK, S + 3 * WEEK]);
    expect(await w.read(clock, "Clock", "seasonTsAt", [S + 4 * WEEK])).toEqual([S + 3 * WEEK, 0]);
    await w.expectRevert(clock, "Clock", "seasonTs", [3], a, S + 2 * WEEK + 1, "SeasonNotFound");
  });

  it("answers the epoch views like ClockSeason", async () => {
    const E = BigInt(S);
    const at = (fn: string, ts: bigint) => w.read<unknown>(clock, "Clock", fn, [ts]);
    expect(await w.read(clock, "Clock", "epochDuration")).toBe(BigInt(EPOCH));
    expect(await w.read(clock, "Clock", "checkpointInterval")).toBe(BigInt(WEEK));
    expect(await at("resolveEpoch", E + 5n)).toBe(E / BigInt(EPOCH));
    expect(await at("resolveEpochStartTs", E)).toBe(E);
    expect(await at("resolveEpochStartTs", E + 1n)).toBe(E + BigInt(EPOCH));
    expect(await at("resolveVotingActive", E + BigInt(HOUR) - 1n)).toBe(false);
    expect(await at("resolveVotingActive", E + BigInt(HOUR))).toBe(true);
    expect(await at("resolveVotingActive", E + BigInt(WEEK - HOUR) - 1n)).toBe(true);
    expect(await at("resolveVotingActive", E + BigInt(WEEK - HOUR))).toBe(false);
    expect(await at("resolveEpochNextCheckpointTs", E + BigInt(WEEK) - 1n)).toBe(E + BigInt(WEEK));
    expect(await at("resolveEpochNextCheckpointTs", E + BigInt(WEEK))).toBe(E + BigInt(2 * WEEK));
  });
});

describe("exit", () => {
  it("needs the escrow's approval and minLock from the aligned start; power lasts until the next checkpoint", async () => {
    const [a] = w.users;
    const A = parseEther("1000");
    const id = await lock(a, A, S + 100); // start S + 1w
    const start = S + WEEK;
    await w.send(queue, "ExitQueue", "setCooldown", [DAY], w.deployer, S + 200);
    const t = start + MIN_LOCK; // = S + 5w, on a checkpoint
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t - 10, "NotApprovedOrOwner");
    await w.send(lockNFT, "Lock", "approve", [escrow, id], a, t - 5);
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t - 1, "MinLockNotReached");
    const r = await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t + 10);
    const exitDate = nextCheckpoint(t + 10); // max(next checkpoint, now + 1 day)
    expect(exitDate).toBe(S + 6 * WEEK);
    expect(w.events(r).map((e) => [e.eventName, e.address, e.args])).toEqual([
      ["Transfer", lockNFT, { from: a, to: escrow, tokenId: id }],
      ["ExitQueued", queue, { tokenId: id, holder: a, exitDate: BigInt(exitDate) }],
    ]);
    expect(await w.read(queue, "ExitQueue", "queue", [id])).toEqual({ holder: a, exitDate: BigInt(exitDate) });
    expect(await w.read(queue, "ExitQueue", "ticketHolder", [id])).toBe(a);
    expect(await w.read(escrow, "VotingEscrow", "votingPower", [id])).toBe(expectedPower(A, start, t + 10));
    expect(await power(id, exitDate - 1)).toBe(expectedPower(A, start, exitDate - 1));
    expect(await power(id, exitDate)).toBe(0n);
    expect(await w.read(curve, "EscrowCurve", "tokenPointIntervals", [id])).toBe(2n);
  });

  it("uses now + cooldown when later than the next checkpoint; canExit and withdraw only strictly after exitDate", async () => {
    const [a, b] = w.users;
    const A = parseEther("333") + 1n;
    const id = await lock(a, A, S + 100);
    await w.send(queue, "ExitQueue", "setFeePercent", [50n], w.deployer, S + 200);
    await w.send(lockNFT, "Lock", "approve", [escrow, id], a, S + 300);
    const t = S + WEEK + MIN_LOCK + DAY;
    await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t);
    const exitDate = t + COOLDOWN;
    expect(await w.read(queue, "ExitQueue", "queue", [id])).toEqual({ holder: a, exitDate: BigInt(exitDate) });
    await w.mineAt(exitDate);
    expect(await w.read(queue, "ExitQueue", "canExit", [id])).toBe(false);
    await w.expectRevert(escrow, "VotingEscrow", "withdraw", [id], b, exitDate + 1, "NotTicketHolder");
    await w.mineAt(exitDate + 1);
    expect(await w.read(queue, "ExitQueue", "canExit", [id])).toBe(true);
    const fee = (A * 50n) / 10_000n;
    expect(await w.read(queue, "ExitQueue", "calculateFee", [id])).toBe(fee);
    const before = await balance(br, a);
    const r = await w.send(escrow, "VotingEscrow", "withdraw", [id], a, exitDate + 2);
    expect(w.events(r).filter((e) => e.eventName !== "Transfer" || is(e.address, lockNFT)).map((e) => [e.eventName, e.args])).toEqual([
      ["Exit", { tokenId: id, fee }],
      ["Transfer", { from: escrow, to: zeroAddress, tokenId: id }],
      ["Withdraw", { depositor: a, tokenId: id, value: A - fee, ts: BigInt(exitDate + 2), newTotalLocked: 0n }],
    ]);
    expect(await balance(br, a)).toBe(before + A - fee);
    expect(await balance(br, queue)).toBe(fee);
    expect(await w.read(escrow, "VotingEscrow", "locked", [id])).toEqual({ amount: 0n, start: 0 });
    expect(await w.read(queue, "ExitQueue", "ticketHolder", [id])).toBe(zeroAddress);
    expect(await power(id, S + 3 * WEEK)).toBe(expectedPower(A, S + WEEK, S + 3 * WEEK)); // history stays answerable
  });

  it("refuses a token without power (before its start or during warmup)", async () => {
    const [a] = w.users;
    await w.send(queue, "ExitQueue", "setMinLock", [1], w.deployer, S + 50);
    const id = await lock(a, parseEther("5"), S + 100);
    await w.send(lockNFT, "Lock", "approve", [escrow, id], a, S + 200);
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], a, S + 300, "CannotExit");
  });

  it("lets the owner change cooldown, minimum lock and fee, with events", async () => {
    const [a] = w.users;
    await w.expectRevert(queue, "ExitQueue", "setCooldown", [1], a, S, "NotOwner");
    const r1 = await w.send(queue, "ExitQueue", "setCooldown", [3 * DAY], w.deployer, S);
    const r2 = await w.send(queue, "ExitQueue", "setMinLock", [WEEK], w.deployer, S + 1);
    const r3 = await w.send(queue, "ExitQueue", "setFeePercent", [10_000n], w.deployer, S + 2);
    expect([...w.events(r1), ...w.events(r2), ...w.events(r3)].map((e) => [e.eventName, e.args])).toEqual([
      ["CooldownSet", { cooldown: 3 * DAY }],
      ["MinLockSet", { minLock: WEEK }],
      ["FeePercentSet", { feePercent: 10_000n }],
    ]);
    await w.expectRevert(queue, "ExitQueue", "setFeePercent", [10_001n], w.deployer, S + 3, "FeeTooHigh");
    await w.expectRevert(queue, "ExitQueue", "setMinLock", [0], w.deployer, S + 3, "MinLockOutOfBounds");
  });
});

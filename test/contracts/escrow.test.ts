import { type Address, parseEther } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, EPOCH, HOUR, type TestWorld, WEEK, expectedPower, setupWorld } from "./world";

let w: TestWorld;
let snap: `0x${string}`;
let S: number;
let escrow: Address;
let queue: Address;
let br: Address;
let lockNFT: Address;

const BR = 10n ** 18n;
const MIN_LOCK = 4 * WEEK;
const COOLDOWN = 2 * WEEK;
const GROWTH = 7_257_600;
const WARMUP = 259_200;

beforeAll(async () => {
  w = await setupWorld();
  S = w.firstEpochStart;
  escrow = w.world.contracts.VotingEscrow.address;
  queue = w.world.contracts.ExitQueue.address;
  br = w.world.contracts.BRToken.address;
  lockNFT = w.world.contracts.Lock.address;
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
  it("pulls BR, mints the veNFT from id 1 and emits Deposit with the new total", async () => {
    const [a, b] = w.users;
    const r = await w.send(escrow, "VotingEscrow", "createLock", [parseEther("1000")], a, S + 100);
    expect(w.events(r).map((e) => [e.eventName, e.address, e.args])).toEqual([
      ["Transfer", br, { from: a, to: escrow, value: 1000n * BR }],
      ["Transfer", lockNFT, { from: "0x0000000000000000000000000000000000000000", to: a, tokenId: 1n }],
      ["Deposit", escrow, { depositor: a, tokenId: 1n, startTs: BigInt(S + 100), value: 1000n * BR, newTotalLocked: 1000n * BR }],
    ]);
    const r2 = await w.send(escrow, "VotingEscrow", "createLockFor", [parseEther("250"), b], a, S + 200);
    const deposit = w.events(r2).find((e) => e.eventName === "Deposit");
    expect(deposit?.args).toEqual({ depositor: b, tokenId: 2n, startTs: BigInt(S + 200), value: 250n * BR, newTotalLocked: 1250n * BR });
    expect(await w.read(lockNFT, "Lock", "ownerOf", [2n])).toBe(b);
    expect(await w.read(lockNFT, "Lock", "balanceOf", [a])).toBe(1n);
    expect(await w.read(escrow, "VotingEscrow", "ownedTokens", [a])).toEqual([1n]);
    expect(await w.read(escrow, "VotingEscrow", "totalLocked")).toBe(1250n * BR);
    expect(await w.read(escrow, "VotingEscrow", "locked", [1n])).toEqual({ amount: 1000n * BR, start: S + 100 });
  });

  it("enforces the minimum deposit set by the owner only", async () => {
    const [a] = w.users;
    await w.expectRevert(escrow, "VotingEscrow", "setMinDeposit", [parseEther("10")], a, S, "NotOwner");
    const r = await w.send(escrow, "VotingEscrow", "setMinDeposit", [parseEther("10")], w.deployer, S);
    expect(w.events(r).map((e) => [e.eventName, e.args])).toEqual([["MinDepositSet", { minDeposit: 10n * BR }]]);
    await w.expectRevert(escrow, "VotingEscrow", "createLock", [parseEther("10") - 1n], a, S + 1, "DepositTooSmall");
    await w.expectRevert(escrow, "VotingEscrow", "createLock", [0n], a, S + 1, "DepositTooSmall");
    expect(await lock(a, parseEther("10"), S + 1)).toBe(1n);
  });

  it("keeps veNFTs non-transferable", async () => {
    const [a, b] = w.users;
    const id = await lock(a, parseEther("1"), S + 100);
    await w.expectRevert(lockNFT, "Lock", "transferFrom", [a, b, id], a, S + 101, "TransfersDisabled");
  });
});

describe("exit queue", () => {
  it("requires the minimum lock (both edges) and the cooldown (both edges)", async () => {
    const [a, b] = w.users;
    const t0 = S + 100;
    const id = await lock(a, parseEther("1000"), t0);
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t0 + MIN_LOCK - 1, "MinLockNotReached");
    await w.expectRevert(escrow, "VotingEscrow", "beginWithdrawal", [id], b, t0 + MIN_LOCK, "NotTokenOwner");

    const begin = await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], a, t0 + MIN_LOCK);
    const exitDate = t0 + MIN_LOCK + COOLDOWN;
    expect(w.events(begin).map((e) => [e.eventName, e.address, e.args])).toEqual([
      ["Transfer", lockNFT, { from: a, to: escrow, tokenId: id }],
      ["ExitQueued", queue, { tokenId: id, holder: a, exitDate: BigInt(exitDate) }],
    ]);
    expect(await w.read(escrow, "VotingEscrow", "exitQueuedAt", [id])).toBe(BigInt(t0 + MIN_LOCK));
    expect(await w.read(escrow, "VotingEscrow", "totalLocked")).toBe(1000n * BR);
    expect(await w.read(queue, "ExitQueue", "queue", [id])).toEqual([a, BigInt(exitDate)]);

    await w.expectRevert(escrow, "VotingEscrow", "withdraw", [id], a, exitDate - 1, "CooldownNotElapsed");
    await w.expectRevert(escrow, "VotingEscrow", "withdraw", [id], b, exitDate, "NotQueuedHolder");
    const out = await w.send(escrow, "VotingEscrow", "withdraw", [id], a, exitDate);
    expect(w.events(out).map((e) => [e.eventName, e.address, e.args])).toEqual([
      ["Exit", queue, { tokenId: id, fee: 0n }],
      ["Transfer", lockNFT, { from: escrow, to: "0x0000000000000000000000000000000000000000", tokenId: id }],
      ["Transfer", br, { from: escrow, to: a, value: 1000n * BR }],
      ["Withdraw", escrow, { depositor: a, tokenId: id, value: 1000n * BR, ts: BigInt(exitDate), newTotalLocked: 0n }],
    ]);
    expect(await w.read(escrow, "VotingEscrow", "totalLocked")).toBe(0n);
    expect(await balance(br, a)).toBe(1_000_000n * BR);
    await w.expectRevert(escrow, "VotingEscrow", "withdraw", [id], a, exitDate + 1, "NotQueuedHolder");
  });

  it("charges the exit fee (bps of the amount) to the queue", async () => {
    const [a, b] = w.users;
    await w.expectRevert(queue, "ExitQueue", "setFeePercent", [50n], a, S, "NotOwner");
    const set = await w.send(queue, "ExitQueue", "setFeePercent", [50n], w.deployer, S);
    expect(w.events(set).map((e) => [e.eventName, e.args])).toEqual([["FeePercentSet", { feePercent: 50n }]]);
    await w.expectRevert(queue, "ExitQueue", "setFeePercent", [10_001n], w.deployer, S + 1, "FeeTooHigh");

    const id = await lock(b, parseEther("1000"), S + 100);
    await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], b, S + 100 + MIN_LOCK);
    const out = await w.send(escrow, "VotingEscrow", "withdraw", [id], b, S + 100 + MIN_LOCK + COOLDOWN);
    const events = w.events(out);
    expect(events.find((e) => e.eventName === "Exit")?.args).toEqual({ tokenId: id, fee: 5n * BR });
    expect(events.find((e) => e.eventName === "Withdraw")?.args.value).toBe(995n * BR);
    expect(await balance(br, b)).toBe(1_000_000n * BR - 5n * BR);
    expect(await balance(br, queue)).toBe(5n * BR);
    expect(await balance(br, escrow)).toBe(0n);
  });

  it("lets the owner change cooldown and minimum lock, with events", async () => {
    const [a] = w.users;
    const r1 = await w.send(queue, "ExitQueue", "setCooldown", [DAY], w.deployer, S);
    const r2 = await w.send(queue, "ExitQueue", "setMinLock", [WEEK], w.deployer, S + 1);
    expect(w.events(r1)[0]?.args).toEqual({ cooldown: DAY });
    expect(w.events(r2)[0]?.args).toEqual({ minLock: WEEK });
    await w.expectRevert(queue, "ExitQueue", "setCooldown", [0], a, S + 2, "NotOwner");
    const id = await lock(a, parseEther("1"), S + 100);
    const begin = await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], a, S + 100 + WEEK);
    expect(w.events(begin).find((e) => e.eventName === "ExitQueued")?.args.exitDate).toBe(BigInt(S + 100 + WEEK + DAY));
  });
});

describe("voting-power curve", () => {
  it("matches the formula: warmup zero, linear growth, 8x cap", async () => {
    const [a, b] = w.users;
    const seasons = w.world.seasonStarts;
    const t0 = S + 100;
    const id = await lock(a, parseEther("1000"), t0);
    const odd = await lock(b, 1_234_567n, t0 + 1);

    const cases: [number, bigint][] = [
      [t0 - 1, 0n],
      [t0, 0n],
      [t0 + WARMUP - 1, 0n],
      [t0 + WARMUP, 1250n * BR], // 1 + 7 * 3 days / 84 days
      [t0 + GROWTH / 2, 4500n * BR],
      [t0 + GROWTH - 1, 7999999035493827160493n],
      [t0 + GROWTH, 8000n * BR],
      [t0 + GROWTH + 10 * WEEK, 8000n * BR],
    ];
    for (const [ts, expected] of cases) {
      expect(expectedPower(1000n * BR, t0, ts, seasons)).toBe(expected);
      expect(await power(id, ts)).toBe(expected);
    }
    // 1234567 + floor(1234567 * 70000 * 259200 / 72576000000) = 1234567 + 308641
    expect(await power(odd, t0 + 1 + WARMUP)).toBe(1_543_208n);
    expect(await power(odd, t0 + 1 + WARMUP + 12_345)).toBe(expectedPower(1_234_567n, t0 + 1, t0 + 1 + WARMUP + 12_345, seasons));

    await w.mineAt(t0 + WARMUP + 1000);
    expect(await w.read(escrow, "VotingEscrow", "votingPower", [id])).toBe(await power(id, t0 + WARMUP + 1000));
    expect(await w.read(escrow, "VotingEscrow", "votingPower", [id])).toBe(expectedPower(1000n * BR, t0, t0 + WARMUP + 1000, seasons));
  });

  it("drops power to 0 when the exit begins and keeps past values answerable after withdrawal", async () => {
    const [a] = w.users;
    const t0 = S + 100;
    const id = await lock(a, parseEther("1000"), t0);
    const q = t0 + MIN_LOCK;
    await w.send(escrow, "VotingEscrow", "beginWithdrawal", [id], a, q);
    await w.send(escrow, "VotingEscrow", "withdraw", [id], a, q + COOLDOWN);
    expect(await power(id, q - 1)).toBe(expectedPower(1000n * BR, t0, q - 1, w.world.seasonStarts));
    expect(await power(id, q - 1)).toBe(3333332368827160493827n);
    expect(await power(id, q)).toBe(0n);
    expect(await power(id, t0 + WARMUP)).toBe(1250n * BR);
    expect(await w.read(escrow, "VotingEscrow", "locked", [id])).toEqual({ amount: 1000n * BR, start: t0 });
  });

  it("restarts at 1x at a season start, keeps the warmup from the lock start, and lets the owner set the warmup", async () => {
    const [a, b] = w.users;
    const t0 = S + 100;
    const id = await lock(a, parseEther("1000"), t0);
    const S2 = S + 2 * EPOCH;
    await w.send(escrow, "VotingEscrow", "startSeason", [], w.deployer, S2);
    // a lock made 1 hour before the season: still in warmup at the season start
    const late = await lock(b, parseEther("1000"), S2 + HOUR);
    const seasons = [...w.world.seasonStarts, S2];
    expect(await power(id, S2 - 1)).toBe(expectedPower(1000n * BR, t0, S2 - 1, seasons));
    expect(await power(id, S2)).toBe(1000n * BR);
    expect(await power(id, S2 + GROWTH)).toBe(8000n * BR);
    expect(await power(late, S2 + HOUR + WARMUP - 1)).toBe(0n);
    expect(await power(late, S2 + HOUR + WARMUP)).toBe(1250n * BR);

    const curve = w.world.contracts.EscrowCurve.address;
    await w.expectRevert(curve, "EscrowCurve", "setWarmup", [0], a, S2 + 2 * HOUR, "NotOwner");
    const r = await w.send(curve, "EscrowCurve", "setWarmup", [0], w.deployer, S2 + 2 * HOUR);
    expect(w.events(r)[0]).toMatchObject({ eventName: "WarmupSet", args: { warmup: 0 } });
    expect(await power(late, S2 + HOUR)).toBe(1000n * BR);
  });
});

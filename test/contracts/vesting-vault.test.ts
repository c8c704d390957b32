import { type Address, parseEther } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestWorld, setupWorld } from "./world";

let w: TestWorld;
let snap: `0x${string}`;
let br: Address;

const BR = 10n ** 18n;
const MONTH = 30 * 86_400;

beforeAll(async () => {
  w = await setupWorld();
  br = w.world.contracts.BRToken.address;
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

const balance = (token: Address, who: Address) => w.read<bigint>(token, "BRToken", "balanceOf", [who]);

function wallet(name: string) {
  const entry = w.world.vestingWallets.find((v) => v.name === name);
  if (!entry) throw new Error(`no vesting wallet ${name}`);
  return entry;
}

describe("vesting wallets", () => {
  it("are funded with their totals and expose their schedule", async () => {
    for (const v of w.world.vestingWallets) {
      expect(await balance(br, v.address)).toBe(v.total);
      expect(await w.read(v.address, "VestingWallet", "beneficiary")).toBe(v.beneficiary);
      expect(await w.read(v.address, "VestingWallet", "start")).toBe(BigInt(v.start));
      expect(await w.read(v.address, "VestingWallet", "cliffDuration")).toBe(BigInt(v.cliff));
      expect(await w.read(v.address, "VestingWallet", "duration")).toBe(BigInt(v.duration));
      expect(await w.read(v.address, "VestingWallet", "tgeBps")).toBe(BigInt(v.tgeBps));
    }
  });

  it("releases the TGE at start, nothing more before the cliff, linearly after it, everything at the end", async () => {
    // investors: 100M BR, 10% at TGE, cliff 6 months, fully vested after 24 months
    const v = wallet("investors");
    const who = v.beneficiary;
    const vested = (ts: number) => w.read<bigint>(v.address, "VestingWallet", "vestedAmount", [br, BigInt(ts)]);
    const release = async (ts: number) => {
      const r = await w.send(v.address, "VestingWallet", "release", [br], w.users[0], ts);
      const e = w.events(r).find((x) => x.eventName === "ERC20Released");
      expect(e?.args.token).toBe(br);
      return e?.args.amount as bigint;
    };

    expect(await vested(v.start - 1)).toBe(0n);
    expect(await release(v.start - 1)).toBe(0n);
    expect(await release(v.start)).toBe(10_000_000n * BR);
    expect(await balance(br, who)).toBe(10_000_000n * BR);
    expect(await vested(v.start + v.cliff - 1)).toBe(10_000_000n * BR);
    expect(await release(v.start + v.cliff - 1)).toBe(0n);
    expect(await vested(v.start + v.cliff)).toBe(10_000_000n * BR);
    // half-way through the linear part: 10M + 90M / 2
    expect(await release(v.start + v.cliff + 9 * MONTH)).toBe(45_000_000n * BR);
    expect(await w.read(v.address, "VestingWallet", "released", [br])).toBe(55_000_000n * BR);
    // one second into the stream: 90M / 18 months, floored
    expect(await vested(v.start + v.cliff + 1)).toBe(10_000_000n * BR + (90_000_000n * BR) / BigInt(18 * MONTH));
    expect(await release(v.start + v.duration)).toBe(45_000_000n * BR);
    expect(await balance(br, who)).toBe(100_000_000n * BR);
    expect(await balance(br, v.address)).toBe(0n);
    expect(await vested(v.start + v.duration + 1)).toBe(100_000_000n * BR);
    expect(await release(v.start + v.duration + 1)).toBe(0n);
  });

  it("vests nothing at the cliff without TGE, then streams (team: cliff 12 of 48 months)", async () => {
    const v = wallet("team");
    const vested = (ts: number) => w.read<bigint>(v.address, "VestingWallet", "vestedAmount", [br, BigInt(ts)]);
    expect(await vested(v.start)).toBe(0n);
    expect(await vested(v.start + v.cliff)).toBe(0n);
    expect(await vested(v.start + v.cliff + 1)).toBe(1607510288065843621n); // 150M / 36 months, one second
    expect(await vested(v.start + v.cliff + 18 * MONTH)).toBe(75_000_000n * BR);
    expect(await vested(v.start + v.duration)).toBe(150_000_000n * BR);
  });
});

describe("brBTC vaults", () => {
  it("mint shares 1:1 on the first deposit, follow totalAssets after yield, and emit ERC-4626 events", async () => {
    const [a, b] = w.users;
    const btc = w.world.contracts.MockBTC.address;
    const vault = w.world.vaults[0]!.address;
    expect(w.world.vaults[0]!.gauge).toBe(vault);
    expect(await w.read(vault, "BrBtcVault", "asset")).toBe(btc);
    expect(await w.read(vault, "BrBtcVault", "decimals")).toBe(8);
    expect(await w.read(vault, "BrBtcVault", "name")).toBe("brBTC Core");
    expect(await w.read(btc, "MockBTC", "decimals")).toBe(8);

    await w.expectRevert(btc, "MockBTC", "mint", [a, 1n], a, w.deployedAt + 10, "NotOwner");
    await w.send(btc, "MockBTC", "mint", [a, 10n * 10n ** 8n], w.deployer, w.deployedAt + 10);
    await w.send(btc, "MockBTC", "approve", [vault, 2n ** 256n - 1n], a, w.deployedAt + 11);

    const dep = await w.send(vault, "BrBtcVault", "deposit", [3n * 10n ** 8n, a], a, w.deployedAt + 12);
    expect(w.events(dep).map((e) => [e.eventName, e.address, e.args])).toEqual([
      ["Transfer", btc, { from: a, to: vault, value: 300_000_000n }],
      ["Transfer", vault, { from: "0x0000000000000000000000000000000000000000", to: a, value: 300_000_000n }],
      ["Deposit", vault, { sender: a, owner: a, assets: 300_000_000n, shares: 300_000_000n }],
    ]);
    expect(await w.read(vault, "BrBtcVault", "totalAssets")).toBe(300_000_000n);

    // 1 BTC of yield: shares are worth more
    await w.send(btc, "MockBTC", "mint", [vault, 10n ** 8n], w.deployer, w.deployedAt + 13);
    expect(await w.read(vault, "BrBtcVault", "totalAssets")).toBe(400_000_000n);
    expect(await w.read(vault, "BrBtcVault", "convertToShares", [400_000_000n])).toBe(300_000_000n);
    // floor(3e8 * (4e8 + 1) / (3e8 + 1))
    expect(await w.read(vault, "BrBtcVault", "maxWithdraw", [a])).toBe(399_999_999n);

    // withdraw 2 BTC to b: shares = ceil(2e8 * (3e8 + 1) / (4e8 + 1))
    expect(await w.read(vault, "BrBtcVault", "previewWithdraw", [200_000_000n])).toBe(150_000_001n);
    const wd = await w.send(vault, "BrBtcVault", "withdraw", [200_000_000n, b, a], a, w.deployedAt + 14);
    expect(w.events(wd).find((e) => e.eventName === "Withdraw")?.args).toEqual({
      sender: a, receiver: b, owner: a, assets: 200_000_000n, shares: 150_000_001n,
    });
    expect(await balance(btc, b)).toBe(200_000_000n);
    expect(await w.read(vault, "BrBtcVault", "totalAssets")).toBe(200_000_000n);
    expect(await w.read(vault, "BrBtcVault", "totalSupply")).toBe(149_999_999n);

    // redeem the rest: floor(149999999 * (2e8 + 1) / 1.5e8)
    const rd = await w.send(vault, "BrBtcVault", "redeem", [149_999_999n, a, a], a, w.deployedAt + 15);
    expect(w.events(rd).find((e) => e.eventName === "Withdraw")?.args).toEqual({
      sender: a, receiver: a, owner: a, assets: 199_999_999n, shares: 149_999_999n,
    });
    expect(await w.read(vault, "BrBtcVault", "totalAssets")).toBe(1n);
    await w.expectRevert(vault, "BrBtcVault", "redeem", [1n, a, a], a, w.deployedAt + 16, "ExceedsMax");
  });

  it("mint pulls assets rounded up; third parties need an allowance to withdraw", async () => {
    const [a, b] = w.users;
    const btc = w.world.contracts.MockBTC.address;
    const vault = w.world.vaults[1]!.address;
    await w.send(btc, "MockBTC", "mint", [a, 10n ** 8n], w.deployer, w.deployedAt + 10);
    await w.send(btc, "MockBTC", "approve", [vault, 2n ** 256n - 1n], a, w.deployedAt + 11);
    await w.send(vault, "BrBtcVault", "deposit", [3n, a], a, w.deployedAt + 12);
    await w.send(btc, "MockBTC", "mint", [vault, 1n], w.deployer, w.deployedAt + 13); // 4 assets, 3 shares
    const m = await w.send(vault, "BrBtcVault", "mint", [2n, a], a, w.deployedAt + 14);
    // assets = ceil(2 * (4 + 1) / (3 + 1)) = 3
    expect(w.events(m).find((e) => e.eventName === "Deposit")?.args).toEqual({ sender: a, owner: a, assets: 3n, shares: 2n });
    await w.expectRevert(vault, "BrBtcVault", "withdraw", [1n, b, a], b, w.deployedAt + 15, "AllowanceTooLow");
  });
});

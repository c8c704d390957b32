/**
 * A migrated deployment: an Oct-2024 (v1.0.0) world of the kit (Clock, QuadraticIncreasingEscrow,
 * SimpleGaugeVoter) played for two epochs, then upgraded in place to Season the way
 * `UpgradeFactory_v1_0_0__Season` does it: the clock proxy `upgradeTo(ClockSeason)`, the curve
 * proxy `upgradeTo(QuadraticIncreasingCurveSeason)` (same curve constants), a NEW
 * SimpleGaugeVoterSeason proxy, `escrow.pause()`, `escrow.setVoter(new)`, `escrow.unpause()`, the
 * gauges created again on the new voter; then three more epochs with votes, an exit of a token that
 * voted only on the old voter, a new lock and a `newSeason()`.
 *
 * Driven through the kit's own deploy.mjs module (connect, deployKit, send, warp), imported at run
 * time. Time: S = first epoch start; epoch k starts at S + k·2w; window end = start + 1w − 1h, where
 * an empty block is mined.
 *
 * @example
 * const world = await playMigratedWorld(rpcUrl, 1_900_281_600);
 * world.epochs.forEach((e) => world.voterAt(e));
 */
import { encodeFunctionData } from "viem";
import { type KitHandle, importKitDeploy, kitAbi, kitBytecode } from "./kit";
import type { VeContracts } from "./chainTruth";
import { EPOCH_SECONDS, WEEK_SECONDS } from "./chainTruth";

const DAY = 86_400n;
const HOUR = 3_600n;
const WEEK = BigInt(WEEK_SECONDS);
const EPOCH = BigInt(EPOCH_SECONDS);
const E18 = 10n ** 18n;

export interface MigratedWorld {
  token: string;
  startBlock: number;
  /** Proxies; `voter` is the Season voter (the escrow's voter after the upgrade). */
  contracts: VeContracts;
  oldVoter: string;
  /** Block of `escrow.setVoter(new)`; epochs whose window end is before it read the old voter. */
  migrationBlock: number;
  /** Timestamp of the clock's upgrade to ClockSeason. */
  migrationTs: number;
  /** Epochs played (window ends mined). */
  epochs: number[];
  gauges: string[];
  /** Start of season 1 (`newSeason()` in E2's second week). */
  seasonStart: number;
}

/** Plays the migrated world on `rpcUrl` (an empty chain-56 anvil) with first epoch start `S`. */
export async function playMigratedWorld(rpcUrl: string, startTs: number): Promise<MigratedWorld> {
  const m = await importKitDeploy();
  const kit = await m.connect(rpcUrl);
  const S = BigInt(startTs);
  const Es = (k: number) => S + BigInt(k) * EPOCH;
  const W = (k: number) => Es(k) + WEEK - HOUR;
  await m.warp(kit, S - 8n * DAY);
  const manifest = await m.deployKit(kit, "oct2024", m.DEFAULT_PARAMS);
  const c = manifest.contracts;
  const deployer = kit.accounts[0]!;
  type Hex = `0x${string}`;
  const [A, B, C, D, E, F] = kit.accounts.slice(1, 7) as [Hex, Hex, Hex, Hex, Hex, Hex];
  const who = { A, B, C, D, E, F } as Record<string, `0x${string}`>;
  const amounts: Record<string, bigint> = {
    A: 1000n * E18 + 7n,
    B: 500n * E18,
    C: 2345n * E18 + 123_456_789n,
    D: 300n * E18 + 1n,
    E: 777n * E18,
    F: 1500n * E18 + 99n,
  };
  const [G1, G2, G3] = m.GAUGES as [string, string, string];
  const tok: Record<string, bigint> = {};
  let voter = c.voter;
  let voterName = "SimpleGaugeVoter";

  const send = (from: string, name: string, address: string, fn: string, args: unknown[] = []) => m.send(kit, from, name, address, fn, args, `${name}.${fn}`);
  const lock = async (k: string) => {
    const r = await send(who[k]!, "VotingEscrow", c.escrow, "createLock", [amounts[k]]);
    // tokenIds are sequential: lastLockId after the deposit
    tok[k] = (await kitRead(kit, "VotingEscrow", c.escrow, "lastLockId")) as bigint;
    return r;
  };
  const vote = (k: string, votes: [string, number][]) =>
    send(who[k]!, voterName, voter, "vote", [tok[k], votes.map(([gauge, w]) => ({ weight: BigInt(w), gauge }))]);
  const exit = async (k: string) => {
    await send(who[k]!, "Lock", c.lockNFT, "approve", [c.escrow, tok[k]]);
    await send(who[k]!, "VotingEscrow", c.escrow, "beginWithdrawal", [tok[k]]);
  };

  for (const [i, g] of [G1, G2, G3].entries()) await send(deployer, voterName, voter, "createGauge", [g, `ipfs://ve-lens-conformance/gauge-${i + 1}`]);
  for (const k of Object.keys(who)) {
    await send(deployer, "BRToken", c.token, "mint", [who[k], amounts[k]]);
    await send(who[k]!, "BRToken", c.token, "approve", [c.escrow, amounts[k]]);
  }

  // ---- week before S: first locks (start S)
  await m.warp(kit, S - 6n * DAY);
  for (const k of ["A", "B", "C", "D"]) await lock(k);
  // ---- E0 (v1.0.0)
  await m.warp(kit, Es(0) + 2n * DAY);
  await vote("A", [[G1, 1], [G2, 2]]);
  await vote("B", [[G2, 1]]);
  await vote("C", [[G1, 3], [G3, 1]]);
  await m.warp(kit, Es(0) + 3n * DAY);
  await lock("E");
  await m.warp(kit, W(0));
  // ---- E1 (v1.0.0)
  await m.warp(kit, Es(1) + DAY);
  await vote("D", [[G3, 1]]);
  await vote("A", [[G3, 5], [G1, 1]]);
  await m.warp(kit, Es(1) + 2n * DAY);
  await send(B, "SimpleGaugeVoter", voter, "reset", [tok.B]);
  await vote("E", [[G2, 1]]);
  await m.warp(kit, W(1));

  // ---- migration in E1's second week (UpgradeFactory_v1_0_0__Season)
  await m.warp(kit, Es(1) + WEEK + DAY);
  const migrationTs = Number(kit.now);
  const clockImpl = await deployImplementation(kit, deployer, "ClockSeason");
  const curveImpl = await deployImplementation(kit, deployer, "QuadraticIncreasingCurveSeason");
  const voterImpl = await deployImplementation(kit, deployer, "SimpleGaugeVoterSeason");
  await send(deployer, "Clock", c.clock, "upgradeTo", [clockImpl]);
  await send(deployer, "QuadraticIncreasingEscrow", c.curve, "upgradeTo", [curveImpl]);
  const newVoter = await deployImplementation(kit, deployer, "ERC1967Proxy", [
    voterImpl,
    encodeInit("SimpleGaugeVoterSeason", [c.dao, c.escrow, false, c.clock]),
  ]);
  await send(deployer, "VotingEscrow", c.escrow, "pause");
  const setVoter = await send(deployer, "VotingEscrow", c.escrow, "setVoter", [newVoter]);
  await send(deployer, "VotingEscrow", c.escrow, "unpause");
  const oldVoter = voter;
  voter = newVoter;
  voterName = "SimpleGaugeVoterSeason";
  for (const [i, g] of [G1, G2, G3].entries()) await send(deployer, voterName, voter, "createGauge", [g, `ipfs://ve-lens-conformance/gauge-${i + 1}`]);

  // ---- E2 (Season contracts, season 0)
  await m.warp(kit, Es(2) + DAY);
  await vote("A", [[G1, 1], [G2, 1], [G3, 1]]);
  await vote("C", [[G2, 1]]);
  await m.warp(kit, Es(2) + 2n * DAY);
  await vote("E", [[G1, 2], [G3, 1]]);
  await exit("D"); // voted only on the old voter: not voting on the new one, exits without a reset
  await m.warp(kit, W(2));
  // second week: newSeason() -> season 1 starts at the next checkpoint (E3's start)
  await m.warp(kit, Es(2) + WEEK + DAY);
  await send(deployer, "ClockSeason", c.clock, "newSeason");
  // ---- E3 (season 1)
  await m.warp(kit, Es(3) + DAY);
  await vote("A", [[G2, 1]]);
  await vote("C", [[G1, 1], [G3, 4]]);
  await exit("B");
  await send(D, "VotingEscrow", c.escrow, "withdraw", [tok.D]);
  await m.warp(kit, Es(3) + 2n * DAY);
  await lock("F");
  await m.warp(kit, W(3));
  // ---- E4 (season 1)
  await m.warp(kit, Es(4) + DAY);
  await vote("F", [[G3, 1]]);
  await vote("E", [[G2, 1]]);
  await m.warp(kit, Es(4) + 2n * DAY);
  await send(C, "SimpleGaugeVoterSeason", voter, "reset", [tok.C]);
  await m.warp(kit, W(4));
  await m.warp(kit, Es(5) + HOUR);

  return {
    token: c.token,
    startBlock: Number(manifest.startBlock),
    contracts: { escrow: c.escrow, voter: newVoter, clock: c.clock, queue: c.queue, lockNFT: c.lockNFT },
    oldVoter,
    migrationBlock: Number(setVoter.blockNumber),
    migrationTs,
    epochs: [0, 1, 2, 3, 4].map((k) => Number(Es(k) / EPOCH)),
    gauges: [G1, G2, G3],
    seasonStart: Number(Es(3)),
  };
}

type KitClients = {
  pub: {
    readContract(a: unknown): Promise<unknown>;
    request(a: unknown): Promise<unknown>;
    waitForTransactionReceipt(a: unknown): Promise<{ status: string; contractAddress?: string | null }>;
  };
  wallet: { deployContract(a: unknown): Promise<string> };
};

async function kitRead(kit: KitHandle, name: string, address: string, functionName: string, args: unknown[] = []) {
  return (kit as unknown as KitClients).pub.readContract({ abi: kitAbi(name), address, functionName, args });
}

/** `initialize(...)` calldata of a kit artifact (for an ERC1967Proxy constructor). */
function encodeInit(name: string, args: unknown[]): `0x${string}` {
  return encodeFunctionData({ abi: kitAbi(name), functionName: "initialize", args } as never);
}

/** Deploys a kit artifact at kit time + 3 s (the kit's transaction spacing); returns its address. */
async function deployImplementation(kit: KitHandle, from: string, name: string, args: unknown[] = []): Promise<string> {
  const k = kit as unknown as KitClients;
  kit.now = kit.now + 3n;
  await k.pub.request({ method: "evm_setNextBlockTimestamp", params: [Number(kit.now)] });
  const hash = await k.wallet.deployContract({ account: from, abi: kitAbi(name), bytecode: kitBytecode(name), args });
  const r = await k.pub.waitForTransactionReceipt({ hash });
  if (r.status !== "success" || !r.contractAddress) throw new Error(`deploying ${name} failed`);
  return r.contractAddress;
}

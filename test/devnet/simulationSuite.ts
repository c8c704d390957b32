/**
 * The simulator's checks on the `small` preset, written once and run against each ve contract set
 * (the project's own, and the real Aragon contracts of the conformance kit): determinism, the
 * realism features, the time markers, seasons, the exit rules and the model equal to the chain.
 * Event topics come from the Aragon signatures, so nothing here depends on which set is deployed.
 */
import { type Abi, type Hex, decodeAbiParameters, getAbiItem, toEventSelector } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrBtcVaultAbi, VestingWalletAbi } from "../../abis";
import type { VeDeployer } from "../../devnet/deploy";
import { EPOCH, VOTE_SLOT_OFFSETS, WEEK, loadScenario, nextCheckpoint, windowEndOf } from "../../devnet/scenario";
import { compareModelWithChain } from "./chainViews";
import { type Log, type Run, simulateOnFreshAnvil } from "./simRun";

const T = {
  Voted: toEventSelector("Voted(address,address,uint256,uint256,uint256,uint256,uint256,uint256)"),
  Reset: toEventSelector("Reset(address,address,uint256,uint256,uint256,uint256,uint256,uint256)"),
  ExitQueued: toEventSelector("ExitQueued(uint256,address,uint256)"),
  Exit: toEventSelector("Exit(uint256,uint256)"),
  SeasonStarted: toEventSelector("SeasonStarted(uint16,uint48)"),
  EscrowDeposit: toEventSelector("Deposit(address,uint256,uint256,uint256,uint256)"),
  Approval721: toEventSelector("Approval(address,address,uint256)"),
  GaugeCreated: toEventSelector("GaugeCreated(address,address,string)"),
  GaugeDeactivated: toEventSelector("GaugeDeactivated(address)"),
  GaugeMetadataUpdated: toEventSelector("GaugeMetadataUpdated(address,string)"),
  ERC20Released: toEventSelector(getAbiItem({ abi: VestingWalletAbi as Abi, name: "ERC20Released" }) as never),
  VaultDeposit: toEventSelector(getAbiItem({ abi: BrBtcVaultAbi as Abi, name: "Deposit" }) as never),
  VaultWithdraw: toEventSelector(getAbiItem({ abi: BrBtcVaultAbi as Abi, name: "Withdraw" }) as never),
};

const word = (data: Hex, i: number): bigint => BigInt(`0x${data.slice(2 + 64 * i, 2 + 64 * (i + 1))}`);

/** Registers the suite; `deployVe` (called once per run) picks the ve contract set, undefined = the project's own. */
export function simulationSuite(label: string, deployVe?: () => VeDeployer): void {
  const scenario = loadScenario("small");
  const runs: Run[] = [];
  let first: Run;
  let again: Run;
  let other: Run;

  beforeAll(async () => {
    for (const seed of [1, 1, 2]) runs.push(await simulateOnFreshAnvil(scenario, seed, deployVe?.()));
    [first, again, other] = runs as [Run, Run, Run];
  }, 300_000);

  afterAll(async () => {
    await Promise.all(runs.map((r) => r.anvil.stop()));
  });

  const blockTime = (run: Run, log: Log): number => run.blocks[Number(log.blockNumber)]?.timestamp as number;
  const ofTopic = (run: Run, topic: Hex, address?: Hex): Log[] =>
    run.logs.filter((l) => l.topics[0] === topic && (!address || l.address.toLowerCase() === address.toLowerCase()));

  describe(`simulate (small preset, ${label})`, () => {
    it("gives byte-identical logs for the same scenario and seed, others for another seed", () => {
      expect(first.logs.length).toBeGreaterThan(500);
      expect(again.logsJson).toBe(first.logsJson);
      const { rpcUrl: _a, ...m1 } = first.manifest;
      const { rpcUrl: _b, ...m2 } = again.manifest;
      expect(m2).toEqual(m1);
      expect(other.logsJson).not.toBe(first.logsJson);
      expect(other.manifest.genesisHash).toBe(first.manifest.genesisHash);
    });

    it("contains the realism features", () => {
      const { manifest } = first;
      const count = (t: Hex, addresses?: Hex[]) =>
        first.logs.filter((l) => l.topics[0] === t && (!addresses || addresses.includes(l.address.toLowerCase() as Hex))).length;
      const vaults = manifest.vaults.map((v) => v.address.toLowerCase() as Hex);
      expect(count(T.Reset)).toBeGreaterThan(0);
      expect(count(T.ExitQueued)).toBeGreaterThan(0);
      expect(count(T.Exit)).toBeGreaterThan(0);
      expect(count(T.Approval721, [manifest.contracts.Lock.address.toLowerCase() as Hex])).toBe(count(T.ExitQueued));
      expect(count(T.ERC20Released)).toBeGreaterThan(0);
      expect(count(T.VaultDeposit, vaults)).toBeGreaterThan(0);
      expect(count(T.VaultWithdraw, vaults)).toBeGreaterThan(0);
      expect(first.model.counts.votesSkippedZeroShare ?? 0).toBe(0);
      // Exits of both kinds: resetVotesAndBeginWithdrawal for a token voting in the current season,
      // and beginWithdrawal without a reset for a token whose votes belong to an earlier season.
      expect(first.model.counts.exitsWithReset ?? 0).toBeGreaterThan(0);
      expect(first.model.counts.exitsWithOldSeasonVotes ?? 0).toBeGreaterThan(0);
      expect(first.model.counts.resets ?? 0).toBeGreaterThan(0);

      // Gauge lifecycle: one gauge created after deployment, one updated, one deactivated.
      expect(count(T.GaugeCreated)).toBe(scenario.gauges.length);
      expect(manifest.gauges).toHaveLength(scenario.gauges.length);
      const createdLate = first.logs.find((l) => l.topics[0] === T.GaugeCreated && Number(l.blockNumber) > manifest.contracts.SimpleGaugeVoter.startBlock + 10);
      expect(createdLate).toBeDefined();
      expect(count(T.GaugeMetadataUpdated)).toBe(1);
      expect(count(T.GaugeDeactivated)).toBe(1);

      // Votes in every epoch, the live one included (the epoch is Voted's third indexed topic).
      const firstEpoch = scenario.time.genesisEpoch;
      const votedEpochs = new Set(first.logs.filter((l) => l.topics[0] === T.Voted).map((l) => Number(BigInt(l.topics[3] as Hex))));
      for (let e = firstEpoch; e <= firstEpoch + scenario.time.epochs; e++) expect(votedEpochs.has(e), `votes in epoch ${e}`).toBe(true);

      // Several locks per owner for some holders; every lock starts at the next weekly checkpoint.
      const owners = new Map<string, number>();
      for (const l of ofTopic(first, T.EscrowDeposit)) {
        owners.set(l.topics[1] as string, (owners.get(l.topics[1] as string) ?? 0) + 1);
        expect(Number(BigInt(l.topics[3] as Hex))).toBe(nextCheckpoint(blockTime(first, l)));
      }
      expect([...owners.values()].some((n) => n > 1)).toBe(true);
    });

    it("marks time: the deployment week, a block at every epoch start, at every window end and in every second week", () => {
      const { blocks, manifest } = first;
      const firstEpoch = scenario.time.genesisEpoch;
      const times = blocks.map((b) => b.timestamp);
      expect(times[0]).toBe(firstEpoch * EPOCH - WEEK);
      for (let e = firstEpoch; e < firstEpoch + scenario.time.epochs; e++) {
        const start = e * EPOCH;
        expect(times.includes(start), `block at the start of epoch ${e}`).toBe(true);
        expect(times.includes(windowEndOf(start)), `block at the window end of epoch ${e}`).toBe(true);
        expect(times.some((t) => t >= start + WEEK && t < start + EPOCH), `block in week 2 of epoch ${e}`).toBe(true);
      }
      const live = (firstEpoch + scenario.time.epochs) * EPOCH;
      const head = times[manifest.headBlock] as number;
      expect(head).toBeGreaterThanOrEqual(live + VOTE_SLOT_OFFSETS[0]);
      expect(head).toBeLessThan(windowEndOf(live));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
      // The window-end blocks are empty markers: the model's reports point at them.
      expect(first.model.reports.map((r) => times[r.block])).toEqual(first.model.reports.map((r) => r.windowEnd));
    });

    it("starts each season at its epoch start, called in the previous epoch's second week", () => {
      const { manifest } = first;
      const firstEpoch = scenario.time.genesisEpoch;
      const expected = scenario.time.seasonStartEpochs.filter((e) => e > 0).map((e) => (firstEpoch + e) * EPOCH);
      const events = ofTopic(first, T.SeasonStarted, manifest.contracts.Clock.address).map((l) => {
        const [index, start] = decodeAbiParameters([{ type: "uint16" }, { type: "uint48" }], l.data);
        return { index, start: Number(start), block: Number(l.blockNumber) };
      });
      expect(events.map((e) => e.start)).toEqual(expected);
      expect(manifest.seasons).toEqual(events);
      expect(manifest.seasonStarts).toEqual(expected);
      for (const s of manifest.seasons) {
        const called = first.blocks[s.block]?.timestamp as number;
        expect(called).toBeGreaterThanOrEqual(s.start - WEEK);
        expect(called).toBeLessThan(s.start);
      }
    });

    it("follows the exit rules: minLock from the aligned start, exit date, strict withdrawal, fee", () => {
      const { exitQueue } = scenario;
      const deposits = new Map(ofTopic(first, T.EscrowDeposit).map((l) => [BigInt(l.topics[2] as Hex), { start: Number(BigInt(l.topics[3] as Hex)), amount: word(l.data, 0) }]));
      const exitDates = new Map<bigint, number>();
      for (const l of ofTopic(first, T.ExitQueued)) {
        const id = BigInt(l.topics[1] as Hex);
        const ts = blockTime(first, l);
        const exitDate = Number(word(l.data, 0));
        expect(exitDate).toBe(Math.max(nextCheckpoint(ts), ts + exitQueue.cooldown));
        expect((deposits.get(id)?.start as number) + exitQueue.minLock).toBeLessThanOrEqual(ts);
        exitDates.set(id, exitDate);
      }
      for (const l of ofTopic(first, T.Exit)) {
        const id = BigInt(l.topics[1] as Hex);
        expect(blockTime(first, l)).toBeGreaterThan(exitDates.get(id) as number);
        expect(word(l.data, 0)).toBe(((deposits.get(id)?.amount as bigint) * BigInt(exitQueue.feeBps)) / 10_000n);
      }
    });

    it("has the model's numbers in the chain's views at every window end and at the head", async () => {
      const seasons = first.model.seasonsSupported;
      const { mismatches, comparisons } = await compareModelWithChain(first.rpcUrl, first.manifest, first.model, { seasons });
      expect(first.model.reports).toHaveLength(scenario.time.epochs);
      expect(comparisons).toBeGreaterThan(300);
      expect(mismatches.slice(0, 10)).toEqual([]);
    });
  });
}

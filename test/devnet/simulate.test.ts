import { type Abi, type Hex, createPublicClient, decodeEventLog, getAbiItem, http, toEventSelector } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRTokenAbi, BrBtcVaultAbi, ExitQueueAbi, SimpleGaugeVoterAbi, VestingWalletAbi, VotingEscrowAbi } from "../../abis";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import type { Manifest } from "../../devnet/manifest";
import { EPOCH, VOTE_SLOT_OFFSETS, WEEK, loadScenario } from "../../devnet/scenario";
import type { Model } from "../../devnet/sim/model";
import { simulateWorld, simulatorAnvilArgs } from "../../devnet/simulate";

interface Log {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
}
interface Run {
  rpcUrl: string;
  model: Model;
  manifest: Manifest;
  logs: Log[];
  logsJson: string;
  blocks: { number: number; timestamp: number }[];
}

const scenario = loadScenario("small");
const anvils: AnvilInstance[] = [];

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function run(seed: number): Promise<Run> {
  const anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
  anvils.push(anvil);
  const { manifest, model } = await simulateWorld({ rpcUrl: anvil.rpcUrl, scenario, seed });
  const logs = await rpc<Log[]>(anvil.rpcUrl, "eth_getLogs", [{ fromBlock: "0x0", toBlock: `0x${manifest.headBlock.toString(16)}` }]);
  const blocks: Run["blocks"] = [];
  for (let n = 0; n <= manifest.headBlock; n++) {
    const b = await rpc<{ timestamp: Hex }>(anvil.rpcUrl, "eth_getBlockByNumber", [`0x${n.toString(16)}`, false]);
    blocks.push({ number: n, timestamp: Number(b.timestamp) });
  }
  return { rpcUrl: anvil.rpcUrl, model, manifest, logs, logsJson: JSON.stringify(logs), blocks };
}

const topic = (abi: Abi, name: string): Hex => toEventSelector(getAbiItem({ abi, name }) as never);
const TOPICS = {
  Voted: topic(SimpleGaugeVoterAbi as Abi, "Voted"),
  Reset: topic(SimpleGaugeVoterAbi as Abi, "Reset"),
  ExitQueued: topic(ExitQueueAbi as Abi, "ExitQueued"),
  Exit: topic(ExitQueueAbi as Abi, "Exit"),
  SeasonStarted: topic(VotingEscrowAbi as Abi, "SeasonStarted"),
  ERC20Released: topic(VestingWalletAbi as Abi, "ERC20Released"),
  VaultDeposit: topic(BrBtcVaultAbi as Abi, "Deposit"),
  VaultWithdraw: topic(BrBtcVaultAbi as Abi, "Withdraw"),
  EscrowDeposit: topic(VotingEscrowAbi as Abi, "Deposit"),
  GaugeCreated: topic(SimpleGaugeVoterAbi as Abi, "GaugeCreated"),
  GaugeDeactivated: topic(SimpleGaugeVoterAbi as Abi, "GaugeDeactivated"),
  GaugeMetadataUpdated: topic(SimpleGaugeVoterAbi as Abi, "GaugeMetadataUpdated"),
};

let first: Run;
let again: Run;
let other: Run;

beforeAll(async () => {
  first = await run(1);
  again = await run(1);
  other = await run(2);
}, 120_000);

afterAll(async () => {
  await Promise.all(anvils.map((a) => a.stop()));
});

describe("simulate (small preset)", () => {
  it("gives byte-identical logs for the same scenario and seed", () => {
    expect(first.logs.length).toBeGreaterThan(500);
    expect(again.logsJson).toBe(first.logsJson);
    const { rpcUrl: _a, ...m1 } = first.manifest;
    const { rpcUrl: _b, ...m2 } = again.manifest;
    expect(m2).toEqual(m1);
  });

  it("gives different logs for a different seed", () => {
    expect(other.logsJson).not.toBe(first.logsJson);
    expect(other.manifest.genesisHash).toBe(first.manifest.genesisHash);
  });

  it("contains the realism features", () => {
    const { logs, manifest } = first;
    const count = (t: Hex, addresses?: Hex[]) =>
      logs.filter((l) => l.topics[0] === t && (!addresses || addresses.includes(l.address.toLowerCase() as Hex))).length;
    const vaults = manifest.vaults.map((v) => v.address.toLowerCase() as Hex);
    expect(count(TOPICS.Reset)).toBeGreaterThan(0);
    expect(count(TOPICS.ExitQueued)).toBeGreaterThan(0);
    expect(count(TOPICS.Exit)).toBeGreaterThan(0);
    expect(count(TOPICS.SeasonStarted)).toBe(2);
    expect(count(TOPICS.ERC20Released)).toBeGreaterThan(0);
    expect(count(TOPICS.VaultDeposit, vaults)).toBeGreaterThan(0);
    expect(count(TOPICS.VaultWithdraw, vaults)).toBeGreaterThan(0);

    // Gauge lifecycle: one gauge created after deployment, one updated, one deactivated.
    expect(count(TOPICS.GaugeCreated)).toBe(scenario.gauges.length);
    expect(manifest.gauges).toHaveLength(scenario.gauges.length);
    const createdLate = logs.find((l) => l.topics[0] === TOPICS.GaugeCreated && Number(l.blockNumber) > manifest.contracts.SimpleGaugeVoter.startBlock + 10);
    expect(createdLate).toBeDefined();
    expect(count(TOPICS.GaugeMetadataUpdated)).toBe(1);
    expect(count(TOPICS.GaugeDeactivated)).toBe(1);

    // Votes in every epoch, the live one included (the epoch is Voted's third indexed topic).
    const firstEpoch = scenario.time.genesisEpoch;
    const votedEpochs = new Set(logs.filter((l) => l.topics[0] === TOPICS.Voted).map((l) => Number(BigInt(l.topics[3] as Hex))));
    for (let e = firstEpoch; e <= firstEpoch + scenario.time.epochs; e++) expect(votedEpochs.has(e), `votes in epoch ${e}`).toBe(true);

    // Several locks per owner for some holders.
    const owners = new Map<string, number>();
    for (const l of logs.filter((x) => x.topics[0] === TOPICS.EscrowDeposit)) owners.set(l.topics[1] as string, (owners.get(l.topics[1] as string) ?? 0) + 1);
    expect([...owners.values()].some((n) => n > 1)).toBe(true);

    // Season 2 starts exactly at an epoch start.
    const seasons = logs.filter((l) => l.topics[0] === TOPICS.SeasonStarted).map((l) => decodeEventLog({ abi: VotingEscrowAbi, ...l } as never) as unknown as { args: { startTs: bigint } });
    for (const s of seasons) expect(Number(s.args.startTs) % EPOCH).toBe(0);
    expect(manifest.seasonStarts).toEqual(seasons.map((s) => Number(s.args.startTs)));
  });

  it("marks time: a block at every epoch start and in every second week; ends inside the live epoch's window", () => {
    const { blocks, manifest } = first;
    const firstEpoch = scenario.time.genesisEpoch;
    const times = blocks.map((b) => b.timestamp);
    for (let e = firstEpoch; e < firstEpoch + scenario.time.epochs; e++) {
      const start = e * EPOCH;
      expect(times.includes(start), `block at the start of epoch ${e}`).toBe(true);
      expect(times.some((t) => t >= start + WEEK && t < start + EPOCH), `block in week 2 of epoch ${e}`).toBe(true);
    }
    const live = (firstEpoch + scenario.time.epochs) * EPOCH;
    const head = times[manifest.headBlock] as number;
    expect(head).toBeGreaterThanOrEqual(live + VOTE_SLOT_OFFSETS[0]);
    expect(head).toBeLessThan(live + WEEK - 3_600);
    // Timestamps never go backwards.
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
  });

  it("ends with the simulator's model equal to the chain's state", async () => {
    const { model, manifest } = first;
    const client = createPublicClient({ transport: http(first.rpcUrl) });
    const read = (address: Hex, abi: Abi, functionName: string, args: unknown[] = []) =>
      client.readContract({ address, abi, functionName, args } as never) as Promise<bigint>;
    const c = manifest.contracts;
    expect(await read(c.VotingEscrow.address, VotingEscrowAbi as Abi, "totalLocked")).toBe(model.totalLocked);
    expect(await read(c.SimpleGaugeVoter.address, SimpleGaugeVoterAbi as Abi, "totalVotingPowerCast")).toBe(model.totalCast);
    for (const g of model.gauges) {
      expect(await read(c.SimpleGaugeVoter.address, SimpleGaugeVoterAbi as Abi, "gaugeVotes", [g.address]), g.name).toBe(model.gaugeTotals[g.index]);
    }
    for (const v of model.vaults) {
      expect(await read(v.address, BrBtcVaultAbi as Abi, "totalAssets")).toBe(v.assets);
      expect(await read(v.address, BrBtcVaultAbi as Abi, "totalSupply")).toBe(v.supply);
    }
    for (const a of model.accounts) {
      expect(await read(c.BRToken.address, BRTokenAbi as Abi, "balanceOf", [a.address]), `BR of ${a.label}`).toBe(a.br);
    }
    const head = await client.getBlock();
    for (const lock of model.locks) {
      const onChain = await read(c.VotingEscrow.address, VotingEscrowAbi as Abi, "votingPowerAt", [BigInt(lock.id), head.timestamp]);
      expect(onChain, `power of lock ${lock.id}`).toBe(model.votingPowerAt(lock, Number(head.timestamp)));
    }
  });
});

/**
 * Who is on the chain: holders with power-law (Pareto) holdings and a handful of whales,
 * exchange hot wallets that hold a lot and never lock, vesting beneficiaries and BTC vault
 * depositors. Each account gets behavioural traits (locker or not, how much it locks, voter
 * type, favourite gauge, sticky depositor) drawn once from the seed.
 */
import { keccak256, stringToHex } from "viem";
import type { Rng } from "../rng";
import type { Scenario } from "../scenario";
import type { Hex } from "./calls";
import type { SimContext } from "./context";
import { type Account, type AccountKind, type Model, WAD } from "./model";

const EXCHANGE_NAMES = ["Binance", "OKX", "Bybit", "Gate", "Bitget", "KuCoin", "MEXC", "HTX", "Kraken", "Upbit"];

/** A deterministic fresh address for an account role. */
export function deriveAddress(seed: number, scenarioName: string, role: string, index: number): Hex {
  return `0x${keccak256(stringToHex(`ve-lens/${scenarioName}/${seed}/${role}/${index}`)).slice(-40)}` as Hex;
}

export function newAccount(model: Model, address: Hex, kind: AccountKind, label: string): Account {
  const account: Account = {
    id: model.accounts.length,
    address,
    kind,
    label,
    br: 0n,
    btc: 0n,
    active: kind !== "holder",
    escrowApproved: false,
    locker: false,
    whale: false,
    lockFraction: 0,
    firstLockEpoch: 0,
    voter: "passive",
    favouriteGauge: -1,
    earlyBird: false,
    weight: 1,
    tokens: [],
    depositor: false,
    sticky: false,
    vaultApproved: model.vaults.map(() => false),
    shares: model.vaults.map(() => 0n),
  };
  model.accounts.push(account);
  return account;
}

/** Locker and voter traits, shared by holders and locking beneficiaries. */
export function assignVoterTraits(account: Account, scenario: Scenario, rng: Rng, gaugeCount: number): void {
  const v = scenario.voting;
  const r = rng.float();
  const loyalShare = account.whale ? Math.max(v.loyalShare, 0.6) : v.loyalShare;
  account.voter = r < loyalShare ? "loyal" : r < loyalShare + v.sporadicShare ? "sporadic" : "passive";
  account.earlyBird = account.voter === "loyal" ? rng.chance(0.7) : rng.chance(0.15);
  account.favouriteGauge = rng.chance(v.partisanShare) ? rng.int(0, gaugeCount - 1) : -1;
}

export interface Population {
  holders: Account[];
  exchanges: Account[];
  depositors: Account[];
  /** Holders that receive BR at genesis. */
  initialHolders: Account[];
}

/** Creates holders, exchanges and depositors with their traits (no transactions). */
export function createPopulation(model: Model, scenario: Scenario, seed: number, rng: Rng): Population {
  const name = scenario.name;
  const gaugeCount = model.gauges.length;
  const exchanges: Account[] = [];
  for (let i = 0; i < scenario.exchanges.count; i++) {
    exchanges.push(newAccount(model, deriveAddress(seed, name, "exchange", i), "exchange", `${EXCHANGE_NAMES[i]} hot wallet`));
  }

  const holders: Account[] = [];
  const weights: number[] = [];
  const n = scenario.holders.count;
  for (let i = 0; i < n; i++) {
    holders.push(newAccount(model, deriveAddress(seed, name, "holder", i), "holder", `holder ${i}`));
    weights.push(rng.pareto(scenario.holders.paretoAlpha));
  }
  // Whales: the largest holders, scaled up further.
  const byWeight = holders.map((_, i) => i).sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  for (const i of byWeight.slice(0, scenario.holders.whales)) {
    weights[i] = (weights[i] as number) * (3 + rng.float() * 5);
    (holders[i] as Account).whale = true;
  }
  holders.forEach((h, i) => (h.weight = weights[i] as number));

  const l = scenario.locking;
  for (const h of holders) {
    h.locker = h.whale || rng.chance(l.lockerShare);
    h.lockFraction = h.whale ? 0.6 + rng.float() * 0.3 : l.lockFractionMin + rng.float() * (l.lockFractionMax - l.lockFractionMin);
    // Early epochs see more first locks: u^2 skews towards 0.
    h.firstLockEpoch = Math.floor(rng.float() ** 2 * l.firstLockSpreadEpochs);
    if (h.locker) assignVoterTraits(h, scenario, rng, gaugeCount);
  }

  const initialCount = Math.max(1, Math.round(n * scenario.holders.initialShare));
  const initialHolders = rng.sample(holders, initialCount).sort((a, b) => a.id - b.id);
  // Whales hold from genesis.
  const initial = new Set(initialHolders);
  for (const h of holders) if (h.whale && !initial.has(h)) initialHolders.push(h);

  const depositors: Account[] = [];
  const fromHolders = Math.min(holders.length, Math.floor(scenario.vaults.depositors * 0.3));
  for (const h of rng.sample(holders, fromHolders)) depositors.push(h);
  for (let i = depositors.length; i < scenario.vaults.depositors; i++) {
    depositors.push(newAccount(model, deriveAddress(seed, name, "depositor", i), "depositor", `depositor ${i}`));
  }
  for (const d of depositors) {
    d.depositor = true;
    d.sticky = rng.chance(scenario.vaults.stickyShare);
  }
  return { holders, exchanges, depositors, initialHolders };
}

/** Splits `budget` over `weights` with bigint arithmetic (the remainder goes to the first). */
export function splitByWeights(budget: bigint, weights: readonly number[]): bigint[] {
  const scaled = weights.map((w) => BigInt(Math.max(1, Math.round(w * 1e9))));
  const sum = scaled.reduce((a, b) => a + b, 0n);
  const parts = scaled.map((w) => (budget * w) / sum);
  const rest = budget - parts.reduce((a, b) => a + b, 0n);
  parts[0] = (parts[0] as bigint) + rest;
  return parts;
}

/** Genesis distribution: the deployer funds the exchanges and the initial holders. */
export async function distributeGenesis(ctx: SimContext, initialHolders: Account[]): Promise<void> {
  const { scenario, actions, deployer } = ctx;
  const supply = BigInt(scenario.token.supply) * WAD;
  if (ctx.exchanges.length > 0) {
    const budget = (supply * BigInt(scenario.exchanges.shareBps)) / 10_000n;
    const shares = splitByWeights(
      budget,
      ctx.exchanges.map((_, i) => 1 / (i + 1.5)),
    );
    for (let i = 0; i < ctx.exchanges.length; i++) {
      const amount = shares[i] as bigint;
      if (amount > 0n) await actions.transferBr(deployer, ctx.exchanges[i] as Account, amount, "exchange listing");
    }
  }
  const float = (supply * BigInt(scenario.holders.floatShareBps)) / 10_000n;
  const parts = splitByWeights(
    float,
    initialHolders.map((h) => h.weight),
  );
  for (let i = 0; i < initialHolders.length; i++) {
    const amount = parts[i] as bigint;
    if (amount > 0n) await actions.transferBr(deployer, initialHolders[i] as Account, amount, "genesis airdrop");
  }
}

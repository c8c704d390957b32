/**
 * Entities that spread over several wallets: the clustering's ground truth. Each entity has a
 * root wallet, funded from an exchange at genesis, that locks part of its BR and hands the rest
 * to its other wallets over staggered epochs, by one of the routes of the scenario's `entities`
 * (see `devnet/scenario.ts`). Every epoch the entity may vote: all its wallets cast the same
 * allocation in the same vote slot (copy-voting). Draws come from the `entities` stream only.
 */
import type { Rng } from "../rng";
import type { Scenario } from "../scenario";
import type { EpochInfo, SimContext } from "./context";
import { type Account, type LockState, type Model, WAD, roundDown } from "./model";
import { deriveAddress, newAccount, splitByWeights } from "./population";
import { type SlotAction, chooseAllocation } from "./voting";

export type EntityRoute = "funded" | "lockFor" | "chain" | "late" | "exchange";
const ROUTES: readonly EntityRoute[] = ["funded", "lockFor", "chain", "late", "exchange"];

export interface EntityWallet {
  account: Account;
  route: EntityRoute;
  /** 0-based epoch index in which the wallet receives its BR. */
  fundEpoch: number;
  amount: bigint;
  /** chain: the funded sibling that relays the BR. */
  relay?: EntityWallet;
  /** exchange: the epoch index of the root's top-up (-1: none). */
  topUpEpoch: number;
}

export interface SimEntity {
  name: string;
  root: Account;
  /** BR the root locks in the genesis week. */
  rootLock: bigint;
  budget: bigint;
  wallets: EntityWallet[];
}

/** Plans the entities (accounts and schedules, no transactions); empty without `scenario.entities`. */
export function planEntities(model: Model, scenario: Scenario, seed: number, rng: Rng): SimEntity[] {
  const spec = scenario.entities;
  if (!spec) return [];
  const supply = BigInt(scenario.token.supply) * WAD;
  const budgets = splitByWeights(
    (supply * BigInt(spec.budgetBps)) / 10_000n,
    Array.from({ length: spec.count }, () => rng.pareto(1.2)),
  );
  const weights = ROUTES.map((r) => spec.routes[r]);
  const lastFundEpoch = Math.max(0, scenario.time.epochs - 4);
  return budgets.map((budget, i) => {
    const name = `entity ${i}`;
    const root = newAccount(model, deriveAddress(seed, scenario.name, "entity-root", i), "holder", `${name} root`);
    const n = rng.int(spec.walletsMin, spec.walletsMax);
    const first = rng.int(0, Math.min(2, lastFundEpoch));
    const rootLock = roundDown(budget / 5n, 2);
    const parts = splitByWeights(
      budget - rootLock,
      Array.from({ length: n }, () => 0.5 + rng.float()),
    );
    const wallets: EntityWallet[] = [];
    for (let j = 0; j < n; j++) {
      const account = newAccount(model, deriveAddress(seed, scenario.name, `entity-${i}-wallet`, j), "holder", `${name} wallet ${j}`);
      let route = ROUTES[rng.weightedIndex(weights)] as EntityRoute;
      const fundEpoch = Math.min(lastFundEpoch, first + rng.int(0, spec.staggerEpochs));
      const relay = route === "chain" ? wallets.find((w) => w.route === "funded" && w.fundEpoch <= fundEpoch) : undefined;
      if (route === "chain" && !relay) route = "funded";
      const topUpEpoch = route === "exchange" && rng.chance(0.5) ? Math.min(lastFundEpoch, fundEpoch + 1 + rng.int(0, 2)) : -1;
      wallets.push({ account, route, fundEpoch, amount: roundDown(parts[j] as bigint, 1), topUpEpoch, ...(relay ? { relay } : {}) });
    }
    return { name, root, rootLock, budget, wallets };
  });
}

/** The true grouping for the manifest. */
export function entityTruth(entities: readonly SimEntity[]): { name: string; addresses: `0x${string}`[] }[] {
  return entities.map((e) => ({ name: e.name, addresses: [e.root.address, ...e.wallets.map((w) => w.account.address)] }));
}

/**
 * Genesis airdrop block: every root withdraws its budget from the exchanges (the one holding the
 * most BR pays; a budget beyond a third of it is cut), as whales buying OTC would.
 */
export async function fundEntityRoots(ctx: SimContext): Promise<void> {
  for (const e of ctx.entities ?? []) {
    const venue = [...ctx.exchanges].sort((x, y) => (y.br > x.br ? 1 : y.br < x.br ? -1 : 0))[0];
    if (!venue) return;
    const amount = roundDown(usable(e.budget, venue.br / 3n), 1);
    if (amount < WAD) continue;
    e.budget = amount;
    if (e.rootLock > amount / 5n) e.rootLock = roundDown(amount / 5n, 1);
    await ctx.actions.transferBr(venue, e.root, amount, `${e.name} withdraws its budget`);
  }
}

/** Genesis lock block: every root locks its share. */
export async function lockEntityRoots(ctx: SimContext): Promise<void> {
  for (const e of ctx.entities ?? []) if (e.rootLock >= WAD) await ctx.actions.createLock(e.root, e.rootLock);
}

const usable = (amount: bigint, balance: bigint) => (amount > balance ? balance : amount);

/** Block S + 10 min: roots fund wallets (funded, late, chain relays' share), exchanges pay out, top-ups. */
export async function fundEntityWallets(ctx: SimContext, epoch: EpochInfo): Promise<void> {
  const { actions } = ctx;
  for (const e of ctx.entities ?? []) {
    for (const w of e.wallets) {
      if (w.topUpEpoch === epoch.index) {
        const topUp = usable(roundDown(w.amount / 4n, 1), e.root.br);
        if (topUp >= WAD) await actions.transferBr(e.root, w.account, topUp, `${e.name} top-up`);
      }
      if (w.fundEpoch !== epoch.index) continue;
      if (w.route === "funded" || w.route === "late") {
        const amount = usable(w.amount, e.root.br);
        if (amount >= WAD) await actions.transferBr(e.root, w.account, amount, `${e.name} funds a wallet`);
      } else if (w.route === "chain" && w.relay) {
        const amount = usable(w.amount, e.root.br);
        if (amount >= WAD) await actions.transferBr(e.root, w.relay.account, amount, `${e.name} funds a relay`);
      } else if (w.route === "exchange" && ctx.exchanges.length > 0) {
        const venue = ctx.exchanges[ctx.rng.entities.int(0, ctx.exchanges.length - 1)] as Account;
        const amount = usable(w.amount, venue.br / 50n);
        if (amount >= WAD) await actions.transferBr(venue, w.account, roundDown(amount, 1), `${e.name} withdraws from an exchange`);
      }
    }
  }
}

/**
 * Block S + 30 min: funded and exchange wallets lock what they received, roots lock for their
 * `lockFor` wallets, relays forward to chain wallets; `late` wallets lock two epochs after funding.
 */
export async function lockEntityWallets(ctx: SimContext, epoch: EpochInfo): Promise<void> {
  const { actions } = ctx;
  for (const e of ctx.entities ?? []) {
    for (const w of e.wallets) {
      const a = w.account;
      if (w.fundEpoch === epoch.index) {
        if ((w.route === "funded" || w.route === "exchange") && a.br >= WAD) await actions.createLock(a, a.br);
        if (w.route === "lockFor") {
          const amount = usable(w.amount, e.root.br);
          if (amount >= WAD) await actions.createLockFor(e.root, a, amount);
        }
        if (w.route === "chain" && w.relay) {
          const amount = usable(w.amount, w.relay.account.br);
          if (amount >= WAD) await actions.transferBr(w.relay.account, a, amount, `${e.name} relays to a wallet`);
        }
      }
      if (w.route === "late" && w.fundEpoch + 2 === epoch.index && a.br >= WAD) await actions.createLock(a, a.br);
    }
  }
}

/** Block S + 1 w + 2 d: chain wallets lock what their relay forwarded. */
export async function lateLockEntityWallets(ctx: SimContext, epoch: EpochInfo): Promise<void> {
  for (const e of ctx.entities ?? []) {
    for (const w of e.wallets) {
      if (w.route === "chain" && w.fundEpoch === epoch.index && w.account.br >= WAD) await ctx.actions.createLock(w.account, w.account.br);
    }
  }
}

/** Adds the entities' copy-votes to the epoch's vote slots: one allocation and slot per entity. */
export function planEntityVotes(ctx: SimContext, epoch: EpochInfo, slotTimes: readonly number[], exiting: Set<LockState>, slots: SlotAction[][]): void {
  const rng = ctx.rng.entities;
  const p = ctx.scenario.entities?.voteProbability ?? 0;
  for (const e of ctx.entities ?? []) {
    if (!rng.chance(p)) continue;
    const allocation = chooseAllocation(ctx, e.root, rng);
    if (allocation.length === 0) continue;
    const slot = rng.int(0, Math.min(2, slotTimes.length - 1));
    for (const member of [e.root, ...e.wallets.map((w) => w.account)]) {
      for (const lock of ctx.model.liveLocks(member)) {
        if (exiting.has(lock)) continue;
        let s = slot;
        while (s < slotTimes.length && ctx.model.votingPowerAt(lock, slotTimes[s] as number) === 0n) s++;
        if (s < slotTimes.length) (slots[s] as SlotAction[]).push({ kind: "vote", lock, allocation, why: `${e.name} copy-vote, epoch ${epoch.epoch}` });
      }
    }
  }
}

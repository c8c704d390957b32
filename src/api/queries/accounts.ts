/**
 * "What about me?" and "power at any moment": the account view of one address, voting power of
 * an owner or token at any block or time, and BR balances at any block or time.
 *
 * Point-in-time answers equal the chain's views read with `blockNumber` = that block:
 * `escrow.votingPower(tokenId)`, `escrow.votingPowerForAccount(owner)` and `BR.balanceOf(address)`
 * (see `powerAt.ts` for the rules). A block's timestamp comes from `blockTimestamp` (the chain RPC,
 * cached); a moment after the latest indexed block is refused (400).
 */
import { vestedAmount } from "../../domain/vesting";
import { InvalidParameterError, NotFoundError, NotReadyError } from "../errors";
import type { MetricScope } from "../../domain/scopes";
import type { AccountView, AlertView, BalanceView, StatusView, VotingPowerView } from "../views";
import type { LockDetailRecord, HistoryStore, LockEventRecord, Moment } from "./historyStore";
import { type EvaluationRules, curveAhead, lockAt, seasonAtMoment, seasonStartsAt, warmupAt } from "./powerAt";
import type { AnalyticsStore, VoteRecord } from "./store";

/** Largest number of locks one owner query reads. */
export const MAX_ACCOUNT_LOCKS = 5000;
/** Points of a lock's power curve ahead. */
export const CURVE_POINTS = 30;
/** Alerts scanned for ones naming the account. */
const ALERT_SCAN = 1000;

const str = (v: bigint) => v.toString();
const num = (v: bigint | null) => (v === null ? null : Number(v));
const ratio = (a: bigint, b: bigint) => (b === 0n ? 0 : Number((a * 1_000_000_000_000n) / b) / 1e12);

/** What the accounts queries need of the analytics service. */
export interface AccountDeps {
  store: AnalyticsStore;
  history?: HistoryStore;
  /** Timestamp of a block (from the chain RPC, cached); without it only timestamps are accepted. */
  blockTimestamp?: (block: number) => Promise<number>;
  status(): Promise<StatusView>;
  /** The owner's standing in one population of an epoch, null when not in it. */
  rankOf(epoch: number, scope: MetricScope, gauge: string, owner: string): Promise<{ amount: bigint; rank: number; of: number; total: bigint } | null>;
  /** Votes of an epoch (stored snapshot, or live standing votes). */
  epochVotes(epoch: number): Promise<VoteRecord[]>;
  alerts(args: { first: number }): Promise<AlertView[]>;
}

/** Builds the accounts queries. */
export function createAccountQueries(deps: AccountDeps) {
  function history(): HistoryStore {
    if (!deps.history) throw new NotReadyError("account history is not available in this deployment");
    return deps.history;
  }

  /** The indexed head, as a moment. */
  async function head(): Promise<{ block: number; timestamp: number }> {
    const s = await deps.status();
    if (s.block === null || s.timestamp === null) throw new NotReadyError("nothing is indexed yet: retry when /ready answers 200");
    return { block: s.block, timestamp: s.timestamp };
  }

  /** Resolves `block` / `timestamp` to a moment no later than the indexed head. */
  async function resolveMoment(args: { block?: number; timestamp?: number }): Promise<Moment> {
    const h = await head();
    if (args.block !== undefined && args.timestamp !== undefined) {
      throw new InvalidParameterError("timestamp", "give block or timestamp, not both");
    }
    if (args.block !== undefined) {
      if (args.block > h.block) {
        throw new InvalidParameterError("block", `block ${args.block} is after the latest indexed block ${h.block}`);
      }
      if (args.block === h.block) return h;
      if (!deps.blockTimestamp) throw new NotReadyError("block timestamps are not available (no chain RPC): pass a timestamp");
      return { block: args.block, timestamp: await deps.blockTimestamp(args.block) };
    }
    if (args.timestamp !== undefined) {
      if (args.timestamp > h.timestamp) {
        throw new InvalidParameterError(
          "timestamp",
          `${args.timestamp} is after the latest indexed block's timestamp ${h.timestamp} (block ${h.block})`,
        );
      }
      return { block: null, timestamp: args.timestamp };
    }
    return h;
  }

  async function rules(): Promise<EvaluationRules> {
    const h = history();
    const [chainRules, warmupChanges, startupWarmup, seasons] = await Promise.all([
      deps.store.chainRules(),
      h.warmupChanges(),
      h.startupWarmup(),
      h.seasonStarts(),
    ]);
    if (!chainRules || startupWarmup === null) throw new NotReadyError("the chain's rules are not indexed yet: retry when /ready answers 200");
    return { curve: chainRules.curve, warmupChanges, startupWarmup, seasons };
  }

  /** Locks whose history names the owner, with their events. */
  async function locksOf(owner: string): Promise<{ locks: LockDetailRecord[]; events: LockEventRecord[] }> {
    const h = history();
    const ids = await h.tokenIdsOf(owner, MAX_ACCOUNT_LOCKS + 1);
    if (ids.length > MAX_ACCOUNT_LOCKS) {
      throw new InvalidParameterError("owner", `more than ${MAX_ACCOUNT_LOCKS} locks name this address: ask per tokenId`);
    }
    const [locks, events] = await Promise.all([h.locks(ids), h.lockEvents(ids)]);
    locks.sort((a, b) => (a.tokenId < b.tokenId ? -1 : 1));
    return { locks, events };
  }

  async function votingPower(args: { owner?: string; tokenId?: string; block?: number; timestamp?: number }): Promise<VotingPowerView> {
    if ((args.owner === undefined) === (args.tokenId === undefined)) {
      throw new InvalidParameterError(args.owner === undefined ? "owner" : "tokenId", "give exactly one of owner and tokenId");
    }
    const at = await resolveMoment(args);
    const r = await rules();
    let locks: LockDetailRecord[];
    let events: LockEventRecord[];
    if (args.tokenId !== undefined) {
      const id = BigInt(args.tokenId);
      [locks, events] = await Promise.all([history().locks([id]), history().lockEvents([id])]);
      if (locks.length === 0) throw new NotFoundError("tokenId", `unknown token ${args.tokenId}: no lock with this id is indexed`);
    } else {
      ({ locks, events } = await locksOf(args.owner!));
    }
    const tokens = locks.map((lock) => {
      const l = lockAt(lock, events, at, r);
      const counted = args.tokenId !== undefined || (l.holder !== null && l.holder === args.owner);
      return { l, counted };
    });
    const shown = tokens.filter((t) => args.tokenId !== undefined || t.l.standing !== "notMinted");
    return {
      owner: args.owner ?? null,
      tokenId: args.tokenId ?? null,
      block: at.block,
      timestamp: at.timestamp,
      power: str(tokens.filter((t) => t.counted).reduce((acc, t) => acc + t.l.power, 0n)),
      warmup: Number(warmupAt(r.warmupChanges, r.startupWarmup, at)),
      season: seasonAtMoment(r.seasons, at),
      tokens: shown.map(({ l, counted }) => ({
        tokenId: str(l.tokenId),
        standing: l.standing,
        holder: l.holder,
        counted,
        warm: l.warm,
        power: str(l.power),
      })),
    };
  }

  async function balance(args: { address: string; block?: number; timestamp?: number }): Promise<BalanceView> {
    const at = await resolveMoment(args);
    const value = await history().brBalanceAt(args.address, at);
    return { address: args.address, block: at.block, timestamp: at.timestamp, balance: str(value) };
  }

  async function account(args: { address: string; transfers: number; epochs: number }): Promise<AccountView> {
    const address = args.address;
    const h = history();
    const now = await head();
    const status = await deps.status();
    const [row, transfers, transferCount, owned, r, allocations, alerts] = await Promise.all([
      h.account(address),
      args.transfers === 0 ? Promise.resolve([]) : h.brTransfers(address, args.transfers),
      h.brTransferCount(address),
      locksOf(address),
      rules(),
      deps.store.allocations(),
      deps.alerts({ first: ALERT_SCAN }),
    ]);
    const latestEpoch = status.liveEpoch ?? status.lastClosedEpoch;
    const lastStored = status.lastClosedEpoch;
    const fromEpoch = Math.max(0, (latestEpoch ?? 0) - args.epochs + 1);
    const [powers, votes] =
      lastStored === null
        ? [[], []]
        : await Promise.all([h.ownerEpochPowers(address, fromEpoch, lastStored), h.voterEpochVotes(address, fromEpoch, lastStored)]);

    // BR transfers, newest first, with the balance after each (from the live balance backwards)
    let after = row?.brBalance ?? 0n;
    const transferViews = transfers.map((t) => {
      const delta = (t.to === address ? t.value : 0n) - (t.from === address ? t.value : 0n);
      const view = {
        blockNumber: t.blockNumber,
        timestamp: t.timestamp,
        txHash: t.txHash,
        from: t.from,
        to: t.to,
        value: str(t.value),
        direction: (t.from === t.to ? "self" : t.to === address ? "in" : "out") as "in" | "out" | "self",
        balanceAfter: str(after),
      };
      after -= delta;
      return view;
    });

    // locks: power now and the curve ahead
    const nowTs = BigInt(now.timestamp);
    const warmup = warmupAt(r.warmupChanges, r.startupWarmup, now);
    const starts = seasonStartsAt(r.seasons, now);
    const lockViews = owned.locks.map((lock) => {
      const l = lockAt(lock, owned.events, now, r);
      const exited = lock.status === "exited";
      return {
        tokenId: str(lock.tokenId),
        amount: str(lock.amount),
        startTs: Number(lock.startTs),
        writtenTs: Number(lock.writtenTs),
        status: lock.status as "active" | "queued" | "exited",
        held: l.holder === address,
        warm: l.warm,
        power: str(l.power),
        exitQueuedAt: num(lock.exitQueuedAt),
        exitCheckpointTs: num(lock.exitCheckpointTs),
        exitDate: num(lock.exitDate),
        exitedAt: num(lock.exitedAt),
        fee: lock.fee === null ? null : str(lock.fee),
        returned: lock.returned === null ? null : str(lock.returned),
        curve: exited
          ? []
          : curveAhead(lock, nowTs, { warmup, seasonStarts: starts, curve: r.curve }, CURVE_POINTS).map((p) => ({ ts: p.ts, power: str(p.power) })),
      };
    });
    const held = lockViews.filter((l) => l.held);
    const power = held.reduce((acc, l) => acc + BigInt(l.power), 0n);

    // vesting
    const vesting = allocations
      .filter((a) => a.beneficiary === address || a.address === address)
      .map((a) => ({
        name: a.name,
        wallet: a.address,
        beneficiary: a.beneficiary,
        role: (a.address === address ? "wallet" : "beneficiary") as "wallet" | "beneficiary",
        total: str(a.total),
        released: str(a.released),
        vested: str(vestedAmount({ start: a.start, cliff: a.cliff, duration: a.duration, tgeBps: BigInt(a.tgeBps), total: a.total }, nowTs)),
        start: Number(a.start),
        cliff: Number(a.cliff),
        duration: Number(a.duration),
      }));

    // per epoch: stored snapshot rows, plus the live epoch
    const byEpoch = new Map<number, { live: boolean; power: bigint; locked: bigint; locks: number; votes: Map<string, bigint> }>();
    const entry = (epoch: number, live = false) => {
      let e = byEpoch.get(epoch);
      if (!e) {
        e = { live, power: 0n, locked: 0n, locks: 0, votes: new Map() };
        byEpoch.set(epoch, e);
      }
      return e;
    };
    for (const p of powers) {
      const e = entry(p.epoch);
      e.power += p.power;
      e.locked += p.amount;
      e.locks += 1;
    }
    for (const v of votes) {
      const e = entry(v.epoch);
      e.votes.set(v.gauge, (e.votes.get(v.gauge) ?? 0n) + v.amount);
    }
    let latestVotes: VoteRecord[] = [];
    if (latestEpoch !== null) latestVotes = await deps.epochVotes(latestEpoch);
    const mine = latestVotes.filter((v) => v.voter === address);
    if (status.liveEpoch !== null) {
      const e = entry(status.liveEpoch, true);
      for (const l of lockViews) {
        if (l.status === "exited" || !(l.held || l.status === "queued")) continue;
        e.power += BigInt(l.power);
        e.locked += BigInt(l.amount);
        e.locks += 1;
      }
      for (const v of mine) e.votes.set(v.gauge, (e.votes.get(v.gauge) ?? 0n) + v.amount);
      if (e.locks === 0 && e.votes.size === 0) byEpoch.delete(status.liveEpoch);
    }
    const epochViews = [...byEpoch]
      .sort((a, b) => b[0] - a[0])
      .map(([epoch, e]) => ({
        epoch,
        live: e.live,
        eligiblePower: str(e.power),
        lockedBr: str(e.locked),
        locks: e.locks,
        castVotes: str([...e.votes.values()].reduce((acc, v) => acc + v, 0n)),
        votes: [...e.votes].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([gauge, amount]) => ({ gauge, amount: str(amount) })),
      }));

    // ranks and steering in the latest epoch
    const ranks: AccountView["ranks"] = [];
    const gaugeTotals = new Map<string, bigint>();
    for (const v of latestVotes) gaugeTotals.set(v.gauge, (gaugeTotals.get(v.gauge) ?? 0n) + v.amount);
    const myGauges = new Map<string, bigint>();
    for (const v of mine) myGauges.set(v.gauge, (myGauges.get(v.gauge) ?? 0n) + v.amount);
    if (latestEpoch !== null) {
      const scopes: [MetricScope, string][] = [
        ["ELIGIBLE_POWER", ""],
        ["LOCKED_BR", ""],
        ["CAST_VOTES", ""],
        ["BR_HOLDINGS", ""],
        ...[...myGauges.keys()].sort().map((g): [MetricScope, string] => ["GAUGE_VOTERS", g]),
      ];
      for (const [scope, gauge] of scopes) {
        const standing = await deps.rankOf(latestEpoch, scope, gauge, address);
        if (!standing) continue;
        ranks.push({
          epoch: latestEpoch,
          scope,
          gauge: gauge === "" ? null : gauge,
          amount: str(standing.amount),
          rank: standing.rank,
          of: standing.of,
          share: ratio(standing.amount, standing.total),
          percentile: (standing.of - standing.rank) / standing.of,
        });
      }
    }
    const castVotes = [...myGauges.values()].reduce((acc, v) => acc + v, 0n);
    const allVotes = [...gaugeTotals.values()].reduce((acc, v) => acc + v, 0n);
    const steering = {
      castVotes: str(castVotes),
      allVotes: str(allVotes),
      share: ratio(castVotes, allVotes),
      gauges: [...myGauges]
        .sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] < b[0] ? -1 : 1))
        .map(([gauge, amount]) => ({ gauge, amount: str(amount), gaugeTotal: str(gaugeTotals.get(gauge) ?? 0n), share: ratio(amount, gaugeTotals.get(gauge) ?? 0n) })),
    };

    const naming = alerts.filter(
      (a) => a.subject === address || Object.values(a.details).some((v) => typeof v === "string" && v.toLowerCase() === address),
    );
    const known = row !== null || owned.locks.length > 0 || epochViews.length > 0 || vesting.length > 0;
    return {
      address,
      asOf: now,
      known,
      note: known ? null : "nothing indexed names this address: no BR transfer, lock, vote or vesting allocation",
      label: row?.label ?? null,
      brBalance: str(row?.brBalance ?? 0n),
      transferCount,
      transfers: transferViews,
      vesting,
      power: str(power),
      locks: lockViews,
      epochs: epochViews,
      latestEpoch,
      ranks,
      steering,
      alerts: naming,
    };
  }

  return { votingPower, balance, account };
}

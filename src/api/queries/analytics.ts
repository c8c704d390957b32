/**
 * The analytics behind GraphQL and REST: one method per query, taking validated arguments
 * (see `args.ts`) and returning JSON-ready views (`views.ts`; amounts as decimal strings).
 *
 * Epoch kinds:
 * - stored: the chain passed the epoch's window end; its snapshot rows and `epochMetric` are read.
 *   `finalized` once the chain passed the epoch end; answers about it never change.
 * - live: the current epoch before its window end; computed from the live tables with
 *   `computeConcentration` and cached until the next indexed block.
 */
import { epochEnd, epochOf, epochStart, windowEnd } from "../../domain/epochs.js";
import { seasonOf } from "../../domain/seasons.js";
import { type VestingSchedule, vestedAmount } from "../../domain/vesting.js";
import { voterAt } from "../../domain/chainRules.js";
import { votingPowerAt } from "../../domain/votingPower.js";
import {
  computeConcentration,
  emissionSteering,
  lorenzCurve,
  participation,
  persistence,
  seasonDrift,
} from "../../metrics/index.js";
import { InvalidParameterError, NotFoundError, NotReadyError } from "../errors.js";
import type { Scope } from "../args.js";
import type { AlertView, ConcentrationSeriesView, ConcentrationView, DistributionView, EpochView, GaugeView, InfluenceView, SeasonView, StatusView, UnlockScheduleView, VaultTvlView, VaultView } from "../views.js";
import { BlockCache, ImmutableCache } from "./blockCache.js";
import type { AllocationRecord, AnalyticsStore, Checkpoint, EpochRecord, Holding, IndexerStateRecord, VoteRecord } from "./store.js";
import { unlockSchedule } from "./unlockSchedule.js";
import { createAccountQueries } from "./accounts.js";
import type { HistoryStore } from "./historyStore.js";
import { type Distribution, decodeCursor, encodeCursor, indexAfter, metricsView, sortDistribution, str } from "./distribution.js";
import { ratio, vaultStickiness } from "./vaultStickiness.js";
import type { EntityQueries } from "./entities.js";
import { entityUplift, groupByEntity } from "../../entities/index.js";

export { decodeCursor, encodeCursor, sortDistribution } from "./distribution.js";

/** Lists alerts (the alerts module); `since` in unix seconds. */
export type AlertSource = (args: { since?: number; first: number }) => Promise<AlertView[]>;

export interface AnalyticsOptions {
  /** Alert listing; without it `alerts` answers an empty list. */
  listAlerts?: AlertSource;
  /** Per-account and point-in-time data; without it the account queries answer 503. */
  history?: HistoryStore;
  /** Timestamp of a block (the chain RPC, cached); without it `block` arguments answer 503. */
  blockTimestamp?: (block: number) => Promise<number>;
  /** Entity clustering; without it `by: ENTITY`, `uplift` and `entity` answer 503. */
  entities?: EntityQueries;
}

/** Where an epoch's data comes from. */
type EpochRef =
  | { kind: "stored"; id: number; record: EpochRecord; finalized: boolean }
  | { kind: "live"; id: number; finalized: false };

/** Indexing position used to resolve epochs and key the live cache. */
interface Position {
  checkpoint: Checkpoint;
  state: IndexerStateRecord | null;
  stored: EpochRecord[];
  /** Current epoch when its window end has not passed (no stored row), else null. */
  liveEpoch: number | null;
}

/** The vesting schedule of an indexed allocation. */
function scheduleOf(a: AllocationRecord): VestingSchedule {
  return { start: a.start, cliff: a.cliff, duration: a.duration, tgeBps: BigInt(a.tgeBps), total: a.total };
}

export type Analytics = ReturnType<typeof createAnalytics>;

/** Builds the analytics service over a store. */
export function createAnalytics(store: AnalyticsStore, options: AnalyticsOptions = {}) {
  const blockCache = new BlockCache();
  const immutable = new ImmutableCache();

  async function position(): Promise<Position> {
    const checkpoint = await store.checkpoint();
    if (checkpoint === null) throw new NotReadyError("nothing is indexed yet: retry when /ready answers 200");
    return blockCache.get(checkpoint.blockNumber, "position", async () => {
      const [state, stored] = await Promise.all([store.indexerState(), store.epochs()]);
      const current = epochOf(BigInt(checkpoint.timestamp));
      const last = stored[stored.length - 1];
      const liveEpoch = last !== undefined && last.id >= current ? null : current;
      return { checkpoint, state, stored, liveEpoch };
    });
  }

  function describeIndexed(pos: Position): string {
    const first = pos.stored[0]?.id ?? pos.liveEpoch;
    const last = pos.liveEpoch ?? pos.stored[pos.stored.length - 1]?.id;
    if (first === undefined || first === null || last === undefined) return "no epoch is indexed yet";
    return `indexed epochs are ${first} to ${last}`;
  }

  async function resolveEpoch(id: number, pos?: Position): Promise<{ ref: EpochRef; pos: Position }> {
    const p = pos ?? (await position());
    const record = p.stored.find((e) => e.id === id);
    if (record) return { ref: { kind: "stored", id, record, finalized: record.finalized }, pos: p };
    if (p.liveEpoch === id) return { ref: { kind: "live", id, finalized: false }, pos: p };
    throw new NotFoundError("epoch", `unknown epoch ${id}: ${describeIndexed(p)}`);
  }

  /** Cache by finality: forever for finalized epochs, per block otherwise. */
  function cached<T>(ref: EpochRef, pos: Position, key: string, compute: () => Promise<T>): Promise<T> {
    return ref.finalized ? immutable.get(key, compute) : blockCache.get(pos.checkpoint.blockNumber, key, compute);
  }

  async function seasonStarts(): Promise<bigint[]> {
    return (await store.seasons()).map((s) => BigInt(s.startTs));
  }

  /** The standing votes that count at the checkpoint: the season in force, held by the escrow's voter then. */
  async function liveVotes(pos: Position): Promise<VoteRecord[]> {
    return blockCache.get(pos.checkpoint.blockNumber, "liveVotes", async () => {
      const [starts, rules] = await Promise.all([seasonStarts(), store.chainRules()]);
      const voter = rules ? (voterAt(rules.voters, pos.checkpoint.blockNumber)?.address ?? null) : null;
      return store.liveVotes(seasonOf(BigInt(pos.checkpoint.timestamp), starts), voter);
    });
  }

  async function liveAmounts(pos: Position, scope: Scope, gauge: string): Promise<Holding[]> {
    switch (scope) {
      case "CAST_VOTES":
        return (await liveVotes(pos)).map((v) => ({ owner: v.voter, amount: v.amount }));
      case "GAUGE_VOTERS":
        return (await liveVotes(pos)).filter((v) => v.gauge === gauge).map((v) => ({ owner: v.voter, amount: v.amount }));
      case "GAUGES":
        return (await liveVotes(pos)).map((v) => ({ owner: v.gauge, amount: v.amount }));
      case "ELIGIBLE_POWER": {
        const [locks, rules] = await Promise.all([store.liveLocks(), store.chainRules()]);
        if (!rules || !pos.state) return [];
        // As a block at the checkpoint evaluates `votingPowerAt(id, now)`.
        const now = BigInt(pos.checkpoint.timestamp);
        const evaluation = { now, warmup: pos.state.warmup, seasonStarts: pos.state.seasonStarts, curve: rules.curve };
        return locks.map((l) => ({
          owner: l.owner,
          amount: votingPowerAt(
            { amount: l.amount, start: l.startTs, writtenTs: l.writtenTs, exitCheckpointTs: l.exitCheckpointTs },
            now,
            evaluation,
          ),
        }));
      }
      case "LOCKED_BR":
        return (await store.liveLocks()).map((l) => ({ owner: l.owner, amount: l.amount }));
      case "BR_HOLDINGS":
        return store.liveHoldings();
    }
  }

  function checkGauge(scope: Scope, gauge: string | undefined): string {
    if (scope === "GAUGE_VOTERS") {
      if (gauge === undefined) throw new InvalidParameterError("gauge", "required when scope is GAUGE_VOTERS");
      return gauge;
    }
    if (gauge !== undefined) throw new InvalidParameterError("gauge", `only used with scope GAUGE_VOTERS, not ${scope}`);
    return "";
  }

  async function distributionOf(ref: EpochRef, pos: Position, scope: Scope, gauge: string): Promise<Distribution> {
    return cached(ref, pos, `dist:${ref.id}:${scope}:${gauge}`, async () =>
      sortDistribution(
        ref.kind === "stored" ? await store.storedAmounts(ref.id, scope, gauge) : await liveAmounts(pos, scope, gauge),
      ),
    );
  }

  async function liveEpochView(pos: Position, id: number): Promise<EpochView> {
    return blockCache.get(pos.checkpoint.blockNumber, `liveEpoch:${id}`, async () => {
      const [votes, power, locked, starts] = await Promise.all([
        liveVotes(pos),
        distributionOf({ kind: "live", id, finalized: false }, pos, "ELIGIBLE_POWER", ""),
        store.liveLocks(),
        seasonStarts(),
      ]);
      const castPower = votes.reduce((acc, v) => acc + v.amount, 0n);
      const eligiblePower = power.reduce((acc, h) => acc + h.amount, 0n);
      return {
        id,
        startTs: Number(epochStart(id)),
        endTs: Number(epochEnd(id)),
        windowEnd: Number(windowEnd(id)),
        season: seasonOf(BigInt(pos.checkpoint.timestamp), starts),
        finalized: false,
        live: true,
        eligiblePower: str(eligiblePower),
        castPower: str(castPower),
        participation: ratio(castPower, eligiblePower),
        voters: new Set(votes.map((v) => v.voter)).size,
        eligibleOwners: power.length,
        lockedBr: str(locked.reduce((acc, l) => acc + l.amount, 0n)),
        circulatingSupply: null,
      };
    });
  }

  function storedEpochView(e: EpochRecord): EpochView {
    return {
      id: e.id,
      startTs: e.startTs,
      endTs: e.endTs,
      windowEnd: e.windowEnd,
      season: e.season,
      finalized: e.finalized,
      live: false,
      eligiblePower: str(e.eligiblePower),
      castPower: str(e.castPower),
      participation: ratio(e.castPower, e.eligiblePower),
      voters: e.voters,
      eligibleOwners: e.eligibleOwners,
      lockedBr: str(e.lockedBr),
      circulatingSupply: str(e.circulatingSupply),
    };
  }

  async function epochView(ref: EpochRef, pos: Position): Promise<EpochView> {
    return ref.kind === "stored" ? storedEpochView(ref.record) : liveEpochView(pos, ref.id);
  }

  /** The metrics of one population (a fresh object: callers may add `lorenz`). */
  async function concentrationOf(ref: EpochRef, pos: Position, scope: Scope, gauge: string): Promise<ConcentrationView> {
    const view = await cached(ref, pos, `conc:${ref.id}:${scope}:${gauge}`, async (): Promise<ConcentrationView> => {
      const head = { epoch: ref.id, scope, gauge: gauge === "" ? null : gauge, finalized: ref.finalized, live: ref.kind === "live" };
      if (ref.kind === "stored") {
        const [row] = await store.metrics(scope, gauge, ref.id, ref.id);
        if (row) return { ...head, ...metricsView(row) };
      }
      // live epoch, or no stored row (e.g. a gauge without votes): compute from the population
      const dist = await distributionOf(ref, pos, scope, gauge);
      return { ...head, ...metricsView(computeConcentration(dist.map((h) => h.amount))) };
    });
    return { ...view };
  }

  function entityQueries(): EntityQueries {
    if (!options.entities) throw new NotReadyError("entity clustering is not configured on this server");
    return options.entities;
  }

  /** The population grouped by entity (an address in no entity is its own). */
  async function entityDistributionOf(ref: EpochRef, pos: Position, scope: Scope, gauge: string): Promise<Distribution> {
    const [dist, keyOf] = await Promise.all([distributionOf(ref, pos, scope, gauge), entityQueries().keyOf()]);
    return sortDistribution(groupByEntity(dist, keyOf));
  }

  /** Concentration of one population by entity (computed at read time: the clustering can grow with every block). */
  async function entityConcentrationOf(ref: EpochRef, pos: Position, scope: Scope, gauge: string, points?: number): Promise<ConcentrationView> {
    const dist = await entityDistributionOf(ref, pos, scope, gauge);
    const amounts = dist.map((h) => h.amount);
    const head = { epoch: ref.id, scope, gauge: gauge === "" ? null : gauge, finalized: ref.finalized, live: ref.kind === "live", by: "ENTITY" as const };
    const view: ConcentrationView = { ...head, ...metricsView(computeConcentration(amounts)) };
    if (points !== undefined) view.lorenz = lorenzCurve(amounts, points);
    return view;
  }

  function rangeOf(pos: Position, from?: number, to?: number, name: readonly [string, string] = ["from", "to"]) {
    if (from !== undefined && to !== undefined && to < from) {
      throw new InvalidParameterError(name[1], `must be >= ${name[0]} (${name[0]}=${from}, ${name[1]}=${to})`);
    }
    const refs: EpochRef[] = [];
    for (const record of pos.stored) {
      if ((from === undefined || record.id >= from) && (to === undefined || record.id <= to)) {
        refs.push({ kind: "stored", id: record.id, record, finalized: record.finalized });
      }
    }
    const live = pos.liveEpoch;
    if (live !== null && (from === undefined || live >= from) && (to === undefined || live <= to)) {
      refs.push({ kind: "live", id: live, finalized: false });
    }
    return refs;
  }

  const core = {
    /** Indexing position: latest block, live epoch, last closed and finalized epochs. */
    async status(): Promise<StatusView> {
      const pos = await position();
      const finalized = pos.stored.filter((e) => e.finalized);
      return {
        block: pos.checkpoint.blockNumber,
        timestamp: pos.checkpoint.timestamp,
        liveEpoch: pos.liveEpoch,
        lastClosedEpoch: pos.stored[pos.stored.length - 1]?.id ?? null,
        lastFinalizedEpoch: finalized[finalized.length - 1]?.id ?? null,
      };
    },

    /** Whether every epoch in [from, to] is finalized (so an answer about them is immutable). */
    async allFinalized(from: number, to: number): Promise<boolean> {
      const pos = await position();
      for (let id = from; id <= to; id++) {
        const record = pos.stored.find((e) => e.id === id);
        if (!record?.finalized) return false;
      }
      return true;
    },

    async epochs(args: { from?: number; to?: number }): Promise<EpochView[]> {
      const pos = await position();
      return Promise.all(rangeOf(pos, args.from, args.to).map((ref) => epochView(ref, pos)));
    },

    async epoch(id: number): Promise<EpochView> {
      const { ref, pos } = await resolveEpoch(id);
      return epochView(ref, pos);
    },

    async concentration(args: { epoch: number; scope: Scope; gauge?: string; points?: number; by?: "ADDRESS" | "ENTITY" }): Promise<ConcentrationView> {
      const gauge = checkGauge(args.scope, args.gauge);
      const { ref, pos } = await resolveEpoch(args.epoch);
      if (args.by === "ENTITY") return entityConcentrationOf(ref, pos, args.scope, gauge, args.points);
      const view = await concentrationOf(ref, pos, args.scope, gauge);
      if (args.points !== undefined) {
        const dist = await distributionOf(ref, pos, args.scope, gauge);
        view.lorenz = lorenzCurve(
          dist.map((h) => h.amount),
          args.points,
        );
      }
      return view;
    },

    /** Address-level vs entity-level Nakamoto-50, Gini and top-1 share of one population. */
    async uplift(args: { epoch: number; scope: Scope; gauge?: string }) {
      const gauge = checkGauge(args.scope, args.gauge);
      const { ref, pos } = await resolveEpoch(args.epoch);
      const [dist, keyOf] = await Promise.all([distributionOf(ref, pos, args.scope, gauge), entityQueries().keyOf()]);
      return { epoch: ref.id, scope: args.scope, gauge: gauge === "" ? null : gauge, finalized: ref.finalized, ...entityUplift(dist, keyOf) };
    },

    /** An entity by id, or the entity of an address, with every member's evidence. */
    async entity(id: string) {
      return entityQueries().entity(id);
    },

    /** Every entity (two or more addresses, or labelled), largest first. */
    async entities() {
      return entityQueries().entities();
    },

    /** The entity id of an address (null: in no entity). */
    async entityIdOf(address: string): Promise<string | null> {
      return options.entities ? options.entities.entityIdOf(address) : null;
    },

    /** Lorenz curve of one population (GraphQL's `Concentration.lorenz`). */
    async lorenz(args: { epoch: number; scope: Scope; gauge: string | null; points?: number }) {
      const { ref, pos } = await resolveEpoch(args.epoch);
      const dist = await distributionOf(ref, pos, args.scope, args.gauge ?? "");
      return lorenzCurve(
        dist.map((h) => h.amount),
        args.points,
      );
    },

    async concentrationSeries(args: {
      scope: Scope;
      fromEpoch?: number;
      toEpoch?: number;
      gauge?: string;
    }): Promise<ConcentrationSeriesView> {
      const gauge = checkGauge(args.scope, args.gauge);
      const pos = await position();
      const refs = rangeOf(pos, args.fromEpoch, args.toEpoch, ["fromEpoch", "toEpoch"]);
      const storedIds = refs.filter((r) => r.kind === "stored").map((r) => r.id);
      const rows =
        storedIds.length === 0
          ? []
          : await store.metrics(args.scope, gauge, Math.min(...storedIds), Math.max(...storedIds));
      const byEpoch = new Map(rows.map((r) => [r.epoch, r]));
      const points = await Promise.all(
        refs.map(async (ref) => {
          const row = byEpoch.get(ref.id);
          const head = {
            epoch: ref.id,
            scope: args.scope,
            gauge: gauge === "" ? null : gauge,
            finalized: ref.finalized,
            live: ref.kind === "live",
          };
          const view: ConcentrationView = row ? { ...head, ...metricsView(row) } : await concentrationOf(ref, pos, args.scope, gauge);
          const season = ref.kind === "stored" ? ref.record.season : (await liveEpochView(pos, ref.id)).season;
          return { ...view, season };
        }),
      );
      const seasons = seasonDrift(points.map((p) => ({ epoch: p.epoch, season: p.season, value: p.gini }))).map((s) => ({
        season: s.season,
        firstEpoch: s.firstEpoch,
        lastEpoch: s.lastEpoch,
        change: s.change,
        jump: s.jump,
      }));
      return { scope: args.scope, gauge: gauge === "" ? null : gauge, points, seasons };
    },

    async distribution(args: {
      epoch: number;
      scope: Scope;
      gauge?: string;
      first: number;
      after?: string;
    }): Promise<DistributionView> {
      const gauge = checkGauge(args.scope, args.gauge);
      const cursor = args.after === undefined ? undefined : decodeCursor(args.after);
      const { ref, pos } = await resolveEpoch(args.epoch);
      const dist = await distributionOf(ref, pos, args.scope, gauge);
      const total = dist.reduce((acc, h) => acc + h.amount, 0n);
      const start = cursor === undefined ? 0 : indexAfter(dist, cursor);
      const page = dist.slice(start, start + args.first);
      const last = page[page.length - 1];
      return {
        epoch: ref.id,
        scope: args.scope,
        gauge: gauge === "" ? null : gauge,
        finalized: ref.finalized,
        live: ref.kind === "live",
        total: str(total),
        totalCount: dist.length,
        items: page.map((h, i) => ({ rank: start + i + 1, owner: h.owner, amount: str(h.amount), share: ratio(h.amount, total) })),
        pageInfo: { endCursor: last ? encodeCursor(last) : null, hasNextPage: start + page.length < dist.length },
      };
    },

    async influence(args: { epoch: number; top: number; k: number }): Promise<InfluenceView> {
      const { ref, pos } = await resolveEpoch(args.epoch);
      return cached(ref, pos, `influence:${ref.id}:${args.top}:${args.k}`, async () => {
        const votes = ref.kind === "stored" ? await store.storedVotes(ref.id, ref.id) : await liveVotes(pos);
        const steering = emissionSteering(votes, args.top);
        const epoch = await epochView(ref, pos);
        const turnout = participation({
          castPower: BigInt(epoch.castPower),
          eligiblePower: BigInt(epoch.eligiblePower),
          voters: epoch.voters,
          eligibleOwners: epoch.eligibleOwners,
        });
        // previous epochs, most recent first (only indexed ones)
        const firstPrev = Math.max(0, ref.id - args.k);
        const history = args.k === 0 || ref.id === 0 ? [] : await store.storedVotes(firstPrev, ref.id - 1);
        const previous: Map<string, bigint>[] = [];
        for (let id = ref.id - 1; id >= firstPrev; id--) {
          if (!pos.stored.some((e) => e.id === id)) break;
          const map = new Map<string, bigint>();
          for (const v of history) if (v.epoch === id) map.set(v.voter, (map.get(v.voter) ?? 0n) + v.amount);
          previous.push(map);
        }
        const current = new Map<string, bigint>();
        for (const v of votes) current.set(v.voter, (current.get(v.voter) ?? 0n) + v.amount);
        const persist = persistence(current, previous, args.k);
        return {
          epoch: ref.id,
          finalized: ref.finalized,
          live: ref.kind === "live",
          top: args.top,
          total: str(steering.total),
          topShare: steering.topNShare,
          topVoters: steering.topVoters.map((v) => ({ voter: v.voter, amount: str(v.amount), share: v.share })),
          gauges: steering.gauges.map((g) => ({
            gauge: g.gauge,
            total: str(g.total),
            voters: g.voters,
            topShare: g.topNShare,
            topVoter: g.topVoter,
            topVoterAmount: str(g.topVoterAmount),
            topVoterShare: g.topVoterShare,
          })),
          mostCaptured: steering.mostCaptured
            ? { ...steering.mostCaptured, total: str(steering.mostCaptured.total) }
            : null,
          participation: {
            powerShare: turnout.powerShare,
            voterShare: turnout.voterShare,
            castPower: epoch.castPower,
            eligiblePower: epoch.eligiblePower,
            voters: epoch.voters,
            eligibleOwners: epoch.eligibleOwners,
          },
          persistence: {
            k: args.k,
            kUsed: persist.kUsed,
            share: persist.share,
            currentPower: str(persist.currentPower),
            persistentPower: str(persist.persistentPower),
            currentVoters: persist.currentVoters,
            persistentVoters: persist.persistentVoters,
          },
        };
      });
    },

    async gauges(args: { epoch: number }): Promise<GaugeView[]> {
      const { ref, pos } = await resolveEpoch(args.epoch);
      return cached(ref, pos, `gauges:${ref.id}`, async () => {
        const [known, vaults] = await Promise.all([store.gauges(), store.vaults()]);
        let totals: { gauge: string; votes: bigint; voters: number }[];
        if (ref.kind === "stored") {
          totals = await store.storedGauges(ref.id);
        } else {
          const byGauge = new Map<string, { votes: bigint; voters: Set<string> }>();
          for (const v of await liveVotes(pos)) {
            const entry = byGauge.get(v.gauge) ?? { votes: 0n, voters: new Set<string>() };
            entry.votes += v.amount;
            entry.voters.add(v.voter);
            byGauge.set(v.gauge, entry);
          }
          totals = [...byGauge].map(([gauge, e]) => ({ gauge, votes: e.votes, voters: e.voters.size }));
        }
        const all = totals.reduce((acc, g) => acc + g.votes, 0n);
        const meta = new Map(known.map((g) => [g.address, g]));
        const vaultOf = new Map(vaults.map((v) => [v.gauge, v.address]));
        return totals
          .filter((g) => g.votes > 0n)
          .sort((a, b) => (a.votes > b.votes ? -1 : a.votes < b.votes ? 1 : a.gauge < b.gauge ? -1 : 1))
          .map((g) => ({
            epoch: ref.id,
            gauge: g.gauge,
            metadataURI: meta.get(g.gauge)?.metadataURI ?? null,
            active: meta.get(g.gauge)?.active ?? null,
            vault: vaultOf.get(g.gauge) ?? null,
            votes: str(g.votes),
            share: ratio(g.votes, all),
            voters: g.voters,
          }));
      });
    },

    async seasons(): Promise<SeasonView[]> {
      const seasons = await store.seasons();
      return seasons.map((s, i) => ({
        number: s.number,
        startTs: s.startTs,
        startEpoch: s.startEpoch,
        endTs: seasons[i + 1]?.startTs ?? null,
      }));
    },

    async unlockSchedule(args: { from?: number; to?: number; step: number }): Promise<UnlockScheduleView> {
      const pos = await position();
      const [allocations, releases, supply] = await Promise.all([
        store.allocations(),
        store.releases(),
        store.supplyPoints(),
      ]);
      const asOf = pos.checkpoint.timestamp;
      const schedule = unlockSchedule(
        allocations.map((a) => ({ name: a.name, address: a.address, schedule: scheduleOf(a) })),
        supply.map((s) => ({ ts: s.ts, circulatingSupply: s.circulatingSupply })),
        { from: args.from, to: args.to, step: args.step, asOf },
      );
      return {
        asOf,
        totalAllocated: str(schedule.totalAllocated),
        allocations: allocations.map((a) => {
          const vested = vestedAmount(scheduleOf(a), BigInt(asOf));
          return {
            name: a.name,
            address: a.address,
            beneficiary: a.beneficiary,
            start: Number(a.start),
            cliff: Number(a.cliff),
            duration: Number(a.duration),
            tgeBps: a.tgeBps,
            total: str(a.total),
            released: str(a.released),
            vested: str(vested),
            percentUnlocked: ratio(vested, a.total),
            releases: releases.filter((r) => r.wallet === a.address).map((r) => ({ ts: r.timestamp, amount: str(r.amount) })),
          };
        }),
        points: schedule.points.map((p) => ({
          ts: p.ts,
          projected: p.projected,
          unlocked: str(p.unlocked),
          locked: str(p.locked),
          percentUnlocked: p.percentUnlocked,
          circulatingSupply: p.circulatingSupply === null ? null : str(p.circulatingSupply),
        })),
        upcoming: schedule.upcoming.map((u) => ({ ts: u.ts, allocation: u.allocation, amount: str(u.amount) })),
      };
    },

    async vaults(): Promise<VaultView[]> {
      const vaults = await store.vaults();
      return vaults.map((v) => ({ ...v, totalAssets: str(v.totalAssets), totalShares: str(v.totalShares) }));
    },

    async vaultTvl(args: { vault: string; fromEpoch?: number; toEpoch?: number; lag: number; drop: number }): Promise<VaultTvlView> {
      if (args.fromEpoch !== undefined && args.toEpoch !== undefined && args.toEpoch < args.fromEpoch) {
        throw new InvalidParameterError("toEpoch", `must be >= fromEpoch (fromEpoch=${args.fromEpoch}, toEpoch=${args.toEpoch})`);
      }
      const pos = await position();
      const vaults = await store.vaults();
      const vault = vaults.find((v) => v.address === args.vault);
      if (!vault) {
        throw new NotFoundError(
          "vault",
          `unknown vault ${args.vault}: indexed vaults are ${vaults.map((v) => v.address).join(", ") || "none"}`,
        );
      }
      const rows = await store.vaultEpochs(vault.address);
      const castByEpoch = new Map(pos.stored.map((e) => [e.id, e.castPower]));
      const finalizedByEpoch = new Map(pos.stored.map((e) => [e.id, e.finalized]));
      const samples = rows.map((r) => {
        const cast = castByEpoch.get(r.epoch);
        const gaugeShare =
          r.votesAtWindowEnd === null || cast === undefined ? null : cast === 0n ? 0 : ratio(r.votesAtWindowEnd, cast);
        return { row: r, gaugeShare };
      });
      const sticky = vaultStickiness(
        samples.map((s) => ({ epoch: s.row.epoch, tvl: s.row.tvlAtWindowEnd, gaugeShare: s.gaugeShare })),
        args.lag,
        args.drop,
      );
      const inRange = (e: number) =>
        (args.fromEpoch === undefined || e >= args.fromEpoch) && (args.toEpoch === undefined || e <= args.toEpoch);
      const events = sticky.events.filter((e) => inRange(e.epoch));
      return {
        vault: vault.address,
        name: vault.name,
        lag: args.lag,
        drop: args.drop,
        stickiness: events.length === 0 ? null : events.reduce((acc, e) => acc + e.retained, 0) / events.length,
        events: events.map((e) => ({ ...e, tvlAtDrop: str(e.tvlAtDrop), tvlAfterLag: str(e.tvlAfterLag) })),
        points: samples
          .filter((s) => inRange(s.row.epoch))
          .map((s) => ({
            epoch: s.row.epoch,
            finalized: finalizedByEpoch.get(s.row.epoch) ?? false,
            tvl: s.row.tvlAtWindowEnd === null ? null : str(s.row.tvlAtWindowEnd),
            tvlAtEpochEnd: s.row.tvlAtEpochEnd === null ? null : str(s.row.tvlAtEpochEnd),
            deposits: str(s.row.deposits),
            withdrawals: str(s.row.withdrawals),
            gaugeVotes: s.row.votesAtWindowEnd === null ? null : str(s.row.votesAtWindowEnd),
            gaugeShare: s.gaugeShare,
          })),
      };
    },

    async alerts(args: { since?: number; first: number }): Promise<AlertView[]> {
      if (!options.listAlerts) return [];
      const pos = await position();
      return blockCache.get(pos.checkpoint.blockNumber, `alerts:${args.since}:${args.first}`, () =>
        options.listAlerts!(args),
      );
    },

    /** The owner's rank in one population of an epoch (null when not in it). */
    async rankOf(epoch: number, scope: Scope, gauge: string, owner: string) {
      const { ref, pos } = await resolveEpoch(epoch);
      const dist = await distributionOf(ref, pos, scope, gauge);
      const index = dist.findIndex((h) => h.owner === owner);
      if (index < 0) return null;
      return { amount: dist[index]!.amount, rank: index + 1, of: dist.length, total: dist.reduce((acc, h) => acc + h.amount, 0n) };
    },

    /** Every vote of an epoch: its stored snapshot, or the live standing votes. */
    async epochVotes(epoch: number): Promise<VoteRecord[]> {
      const { ref, pos } = await resolveEpoch(epoch);
      return ref.kind === "stored" ? cached(ref, pos, `votes:${ref.id}`, () => store.storedVotes(ref.id, ref.id)) : liveVotes(pos);
    },
  };
  const accounts = createAccountQueries({
    store,
    history: options.history,
    blockTimestamp: options.blockTimestamp,
    status: core.status,
    rankOf: core.rankOf,
    epochVotes: core.epochVotes,
    alerts: core.alerts,
  });
  return { ...core, ...accounts };
}

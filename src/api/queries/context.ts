/**
 * What every analytics answer stands on: the store, the options, the caches, and the indexing
 * position that says which epochs are stored (snapshot rows, `finalized` once the chain passed
 * their end) and which one is live (computed from the live tables until its window end).
 *
 * @example
 * const ctx = createContext(store, options);
 * const { ref, pos } = await ctx.resolveEpoch(12);
 * const view = await ctx.cached(ref, pos, "key", () => compute());
 */
import { epochOf } from "../../domain/epochs";
import { InvalidParameterError, NotFoundError, NotReadyError } from "../errors";
import type { AlertView } from "../views";
import { BlockCache, ImmutableCache } from "./blockCache";
import type { EntityQueries } from "./entities";
import type { HistoryStore } from "./historyStore";
import { LiveVoteMirror } from "./liveVoteMirror";
import { LiveVotes } from "./liveVotes";
import type { AnalyticsStore, Checkpoint, EpochRecord, IndexerStateRecord } from "./store";

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
export type EpochRef =
  | { kind: "stored"; id: number; record: EpochRecord; finalized: boolean }
  | { kind: "live"; id: number; finalized: false };

/** Indexing position used to resolve epochs and key the live cache. */
export interface Position {
  checkpoint: Checkpoint;
  state: IndexerStateRecord | null;
  stored: EpochRecord[];
  /** Current epoch when its window end has not passed (no stored row), else null. */
  liveEpoch: number | null;
}

/** The store, options, caches and epoch resolution shared by every group of answers. */
export interface AnalyticsContext {
  store: AnalyticsStore;
  options: AnalyticsOptions;
  /** Values valid until the index moves (keyed by the checkpoint's id). */
  blockCache: BlockCache;
  /** The live standing votes and their distributions, kept up to date block by block. */
  liveVotes: LiveVotes;
  /** The indexing position (cached per checkpoint id); NotReadyError before anything is indexed. */
  position(): Promise<Position>;
  /** A stored or the live epoch; NotFoundError naming the indexed range otherwise. */
  resolveEpoch(id: number, pos?: Position): Promise<{ ref: EpochRef; pos: Position }>;
  /** Cache by finality: forever for finalized epochs, per block otherwise. */
  cached<T>(ref: EpochRef, pos: Position, key: string, compute: () => Promise<T>): Promise<T>;
  /** The stored epochs and the live one in [from, to]; `name` names the bounds in errors. */
  rangeOf(pos: Position, from?: number, to?: number, name?: readonly [string, string]): EpochRef[];
}

export function createContext(store: AnalyticsStore, options: AnalyticsOptions = {}): AnalyticsContext {
  const blockCache = new BlockCache();
  const immutable = new ImmutableCache();
  const liveVotes = new LiveVotes(new LiveVoteMirror((fromBlock, held, check) => store.standingVotes(fromBlock, held, check)));

  async function position(): Promise<Position> {
    const checkpoint = await store.checkpoint();
    if (checkpoint === null) throw new NotReadyError("nothing is indexed yet: retry when /ready answers 200");
    return blockCache.get(checkpoint.id, "position", async () => {
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

  /** Cache by finality: forever for finalized epochs, per indexed position otherwise. */
  function cached<T>(ref: EpochRef, pos: Position, key: string, compute: () => Promise<T>): Promise<T> {
    return ref.finalized ? immutable.get(key, compute) : blockCache.get(pos.checkpoint.id, key, compute);
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

  return { store, options, blockCache, liveVotes, position, resolveEpoch, cached, rangeOf };
}

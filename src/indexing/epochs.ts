/**
 * Epoch closing. Ponder has no time trigger, so every handler first calls {@link closeEpochs}
 * with its block, and the `EpochTick` block handler does so every few blocks in quiet periods.
 *
 * For each moment the chain has passed since the last call, in time order:
 * - window end of epoch e: snapshot of the live state (no event of a block at or after the
 *   window end has been applied yet, so the live tables are the state "just before");
 * - end of epoch e: TVL and supply at the epoch end, `finalized = true`.
 * Seasons need no moment of their own: `SeasonStarted` announces each start ahead of time, and
 * the season in force at a window end is read from the announced starts.
 * Reading the live tables uses one SQL select per table, only when a moment is due.
 */
import { ponder } from "ponder:registry";
import {
  account,
  epoch,
  epochGauge,
  epochHolding,
  epochLockPower,
  epochMetric,
  epochVote,
  indexerState,
  lock,
  standingVote,
  supplyPoint,
  vault,
  vaultEpoch,
  vestingAllocation,
} from "ponder:schema";
import { sql } from "ponder";
import { rowsOf } from "../db/rows";
import { voterAt } from "../domain/chainRules";
import type { Hex } from "../config/profile";
import { epochEnd, epochOf, epochStart, windowEnd, windowStart } from "../domain/epochs";
import { type HoldingRow, type LockRow, type StandingVoteRow, type VestingRow, buildWindowSnapshot, supplyAt } from "../domain/snapshot";
import { getChainRules, getProfile } from "../config/load";
import { type AnyContext, type BlockRef, STATE_ID, type State, curveEvaluation, getState, seasonAt } from "./state";

interface LiveState {
  /** All rows (window) or only what an epoch end needs. */
  complete: boolean;
  locks: LockRow[];
  votes: StandingVoteRow[];
  holdings: HoldingRow[];
  vesting: VestingRow[];
  vaults: (typeof vault.$inferSelect)[];
}

const big = (text: string): bigint => BigInt(text);
const bigOrNull = (text: string | null): bigint | null => (text === null ? null : BigInt(text));

/**
 * Live rows a moment needs. `end` (epoch end: TVL and supply) needs no locks or votes and only
 * the labelled holders (the non-circulating balances); `window` needs everything.
 * The three large tables (locks, standing votes, holders: one row per voter or holder) are read
 * in plain SQL, only the columns the snapshot uses, numbers as decimal text: drizzle's mapping of
 * whole rows was most of the JavaScript time of a 50,000-voter close (bench/PROFILE.md).
 */
async function readLive(context: AnyContext, what: "window" | "end"): Promise<LiveState> {
  const db = context.db.sql;
  const select = <T>(query: ReturnType<typeof sql>) => db.execute(query).then((result) => rowsOf<T>(result));
  const [l, v, a] = [lock, standingVote, account];
  const holderFilter = what === "window" ? sql`${a.brBalance} > 0` : sql`${a.brBalance} > 0 AND ${a.label} IS NOT NULL`;
  const [locks, votes, holdings, vesting, vaults] = await Promise.all([
    what === "window"
      ? select<{ token_id: string; owner: string; amount: string; start_ts: string; written_ts: string; status: LockRow["status"]; exit_checkpoint_ts: string | null }>(
          sql`SELECT ${l.tokenId}::text AS token_id, ${l.owner} AS owner, ${l.amount}::text AS amount, ${l.startTs}::text AS start_ts,
            ${l.writtenTs}::text AS written_ts, ${l.status}::text AS status, ${l.exitCheckpointTs}::text AS exit_checkpoint_ts
            FROM ${l} WHERE ${l.status} <> 'exited'`,
        )
      : Promise.resolve([]),
    what === "window"
      ? select<{ token_id: string; gauge: string; voter: string; amount: string; season: number | string; voter_contract: string }>(
          sql`SELECT ${v.tokenId}::text AS token_id, ${v.gauge} AS gauge, ${v.voter} AS voter, ${v.amount}::text AS amount,
            ${v.season} AS season, ${v.voterContract} AS voter_contract FROM ${v} WHERE ${v.amount} > 0`,
        )
      : Promise.resolve([]),
    select<{ address: string; br_balance: string; label: HoldingRow["label"] }>(
      sql`SELECT ${a.address} AS address, ${a.brBalance}::text AS br_balance, ${a.label}::text AS label FROM ${a} WHERE ${holderFilter}`,
    ),
    db.select().from(vestingAllocation),
    db.select().from(vault),
  ]);
  return {
    complete: what === "window",
    locks: locks.map((r): LockRow => ({
      tokenId: big(r.token_id),
      owner: r.owner as Hex,
      amount: big(r.amount),
      startTs: big(r.start_ts),
      writtenTs: big(r.written_ts),
      status: r.status,
      exitCheckpointTs: bigOrNull(r.exit_checkpoint_ts),
    })),
    votes: votes.map((r): StandingVoteRow => ({
      tokenId: big(r.token_id),
      gauge: r.gauge as Hex,
      voter: r.voter as Hex,
      amount: big(r.amount),
      season: Number(r.season),
      voterContract: r.voter_contract as Hex,
    })),
    holdings: holdings.map((r): HoldingRow => ({ address: r.address as Hex, brBalance: big(r.br_balance), label: r.label })),
    vesting: vesting.map((x) => ({ ...x, address: x.address as Hex })),
    vaults,
  };
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

async function closeWindow(context: AnyContext, block: BlockRef, state: State, live: LiveState, e: number): Promise<void> {
  const profile = getProfile();
  const ts = windowEnd(e);
  const seasonNow = seasonAt(state, ts);
  // The state at the window end is the state after the block before `block`.
  const voterContract = voterAt(getChainRules().voters, Number(block.number) - 1)?.address ?? null;
  const snap = buildWindowSnapshot({
    epoch: e,
    windowEnd: ts,
    season: seasonNow,
    voterContract,
    evaluation: curveEvaluation(state, ts),
    locks: live.locks,
    standingVotes: live.votes,
    holdings: live.holdings,
    vesting: live.vesting,
    totalSupply: state.brTotalSupply,
    holdingsExcludedLabels: profile.holdingsExcludedLabels,
  });
  const db = context.db;
  await db.insert(epoch).values({
    id: e,
    startTs: epochStart(e),
    windowStart: windowStart(e),
    windowEnd: ts,
    endTs: epochEnd(e),
    season: seasonNow,
    closed: true,
    closedBlock: block.number,
    finalized: false,
    finalizedBlock: null,
    ...snap.totals,
    totalSupply: snap.supply.totalSupply,
    circulatingSupply: snap.supply.circulatingSupply,
    lockedSupply: snap.supply.lockedSupply,
    vestingBalance: snap.supply.vestingBalance,
    vestedUnreleased: snap.supply.vestedUnreleased,
    exchangeBalance: snap.supply.exchangeBalance,
  });
  if (snap.lockPowers.length) await db.insert(epochLockPower).values(snap.lockPowers.map((l) => ({ epoch: e, ...l })));
  if (snap.votes.length) await db.insert(epochVote).values(snap.votes.map((v) => ({ epoch: e, ...v })));
  if (snap.gauges.length) await db.insert(epochGauge).values(snap.gauges.map((g) => ({ epoch: e, ...g })));
  if (snap.holdings.length) await db.insert(epochHolding).values(snap.holdings.map((h) => ({ epoch: e, ...h })));
  await db.insert(epochMetric).values(
    snap.metrics.map((m) => ({
      epoch: e,
      scope: m.scope,
      gauge: m.gauge,
      n: m.n,
      total: m.total,
      gini: finite(m.gini),
      nakamoto33: m.nakamoto33,
      nakamoto50: m.nakamoto50,
      nakamoto66: m.nakamoto66,
      hhi: finite(m.hhi),
      effectiveN: finite(m.effectiveN),
      theil: finite(m.theil),
      entropy: finite(m.entropy),
      top1Share: finite(m.top1Share),
      top5Share: finite(m.top5Share),
      top10Share: finite(m.top10Share),
      palma: m.palma !== null && Number.isFinite(m.palma) ? m.palma : null,
    })),
  );
  const votesByGauge = new Map(snap.gauges.map((g) => [g.gauge, g.votes]));
  for (const v of live.vaults) {
    const values = {
      tvlAtWindowEnd: v.totalAssets,
      sharesAtWindowEnd: v.totalShares,
      votesAtWindowEnd: votesByGauge.get(v.gauge as Hex) ?? 0n,
    };
    await db
      .insert(vaultEpoch)
      .values({ vault: v.address, epoch: e, ...emptyVaultEpoch, ...values })
      .onConflictDoUpdate(values);
  }
  await db.insert(supplyPoint).values({ epoch: e, moment: "windowEnd", ts, blockNumber: block.number, ...snap.supply });
}

/** Zero flows for a new `vaultEpoch` row. */
export const emptyVaultEpoch = {
  deposits: 0n,
  withdrawals: 0n,
  depositCount: 0,
  withdrawalCount: 0,
  tvlAtWindowEnd: null,
  sharesAtWindowEnd: null,
  votesAtWindowEnd: null,
  tvlAtEpochEnd: null,
  sharesAtEpochEnd: null,
};

async function finalize(context: AnyContext, block: BlockRef, state: State, live: LiveState, e: number): Promise<void> {
  const db = context.db;
  const row = await db.find(epoch, { id: e });
  if (!row) return; // epoch before the first indexed block
  await db.update(epoch, { id: e }).set({ finalized: true, finalizedBlock: block.number });
  for (const v of live.vaults) {
    const values = { tvlAtEpochEnd: v.totalAssets, sharesAtEpochEnd: v.totalShares };
    await db
      .insert(vaultEpoch)
      .values({ vault: v.address, epoch: e, ...emptyVaultEpoch, ...values })
      .onConflictDoUpdate(values);
  }
  const supply = supplyAt({
    ts: epochEnd(e),
    totalSupply: state.brTotalSupply,
    holdings: live.holdings.filter((h) => h.label !== null),
    vesting: live.vesting,
    lockedSupply: state.totalLocked,
  });
  await db.insert(supplyPoint).values({ epoch: e, moment: "epochEnd", ts: epochEnd(e), blockNumber: block.number, ...supply });
}

/**
 * Writes every epoch moment (window end, epoch end, configured season start) the chain has
 * passed at `block`, and returns the up-to-date state row.
 */
export async function closeEpochs(context: AnyContext, block: BlockRef): Promise<State> {
  let state = await getState(context, block);
  let live: LiveState | undefined;
  for (;;) {
    const w = state.lastClosedEpoch + 1;
    const f = state.lastFinalizedEpoch + 1;
    const wTs = windowEnd(w);
    const fTs = epochEnd(f);
    const next = wTs < fTs ? wTs : fTs;
    if (next > block.timestamp) return state;
    if (fTs < wTs) {
      live ??= await readLive(context, "end");
      await finalize(context, block, state, live, f);
      state = await context.db.update(indexerState, { id: STATE_ID }).set({ lastFinalizedEpoch: f });
    } else {
      if (!live?.complete) live = await readLive(context, "window");
      await closeWindow(context, block, state, live, w);
      state = await context.db.update(indexerState, { id: STATE_ID }).set({ lastClosedEpoch: w });
    }
  }
}

ponder.on("EpochTick:block", async ({ event, context }) => {
  await closeEpochs(context, event.block);
});

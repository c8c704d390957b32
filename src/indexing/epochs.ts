/**
 * Epoch closing. Ponder has no time trigger, so every handler first calls {@link closeEpochs}
 * with its block, and the `EpochTick` block handler does so every few blocks in quiet periods.
 *
 * For each moment the chain has passed since the last call, in time order:
 * - window end of epoch e: snapshot of the live state (no event of a block at or after the
 *   window end has been applied yet, so the live tables are the state "just before"): the epoch
 *   row, its gauge totals and its metrics. The rows per lock, vote and holder are not written:
 *   `epochLockPower`, `epochVote` and `epochHolding` are views over the live rows and the spans
 *   the handlers write when they change a row an epoch snapshot has seen (ponder.schema.ts);
 * - end of epoch e: TVL and supply at the epoch end, `finalized = true`.
 * Seasons need no moment of their own: `SeasonStarted` announces each start ahead of time, and
 * the season in force at a window end is read from the announced starts.
 * A window end takes the live lock, vote and balance rows the indexer holds in memory
 * (`liveRows.ts`, which reads the tables with one SQL query at a process's first live write and
 * after a reorg or a retried batch, and a window end itself only when no live write came since);
 * an epoch end reads the few rows it needs by key. Either only when the moment is due.
 */
import { ponder } from "ponder:registry";
import {
  account,
  epoch,
  epochGauge,
  epochMetric,
  supplyPoint,
  vault,
  vaultEpoch,
  vestingAllocation,
} from "ponder:schema";
import { voterAt } from "../domain/chainRules";
import type { Hex } from "../config/profile";
import { epochEnd, epochStart, windowEnd, windowStart } from "../domain/epochs";
import { seasonAnchor } from "../domain/seasons";
import { type HoldingRow, type LockRow, type VestingRow, buildWindowSnapshot, supplyAt } from "../domain/snapshot";
import type { VoteTally } from "../domain/voteTally";
import { getChainRules, getProfile } from "../config/load";
import { liveRowsNow } from "./liveRows";
import { type AnyContext, type BlockRef, type EventRef, type State, curveEvaluation, getState, labelledAccounts, lower, seasonAt, setState } from "./state";

interface LiveState {
  /** All rows (window) or only what an epoch end needs. */
  complete: boolean;
  locks: LockRow[];
  /** The standing votes' sums (a window end only). */
  tally?: VoteTally;
  holdings: HoldingRow[];
  vesting: VestingRow[];
  vaults: VaultRow[];
}

/** What a moment needs of a vault's live row. */
type VaultRow = Pick<typeof vault.$inferSelect, "address" | "gauge" | "totalAssets" | "totalShares">;

/**
 * What an epoch end needs (TVL and supply): the vaults, the vesting wallets and the labelled
 * holders (the non-circulating balances). The configuration names all of them, so they are read
 * by key through Ponder's cache: no SQL, hence no flush of the cache before it.
 */
async function readEpochEnd(context: AnyContext): Promise<LiveState> {
  const live: LiveState = { complete: false, locks: [], holdings: [], ...(await readConfigured(context)) };
  for (const address of labelledAccounts()) {
    const row = await context.db.find(account, { address });
    if (row && row.brBalance > 0n && row.label !== null) live.holdings.push({ address: row.address, brBalance: row.brBalance, label: row.label });
  }
  return live;
}

/** The vesting wallets' and vaults' rows, by their configured keys (the only rows those tables have). */
async function readConfigured(context: AnyContext): Promise<Pick<LiveState, "vesting" | "vaults">> {
  const profile = getProfile();
  const vesting: VestingRow[] = [];
  const vaults: VaultRow[] = [];
  for (const w of profile.vestingWallets) {
    const row = await context.db.find(vestingAllocation, { address: lower(w.address) });
    if (row) vesting.push({ ...row, address: row.address });
  }
  for (const v of profile.vaults) {
    const row = await context.db.find(vault, { address: lower(v.address) });
    if (row) vaults.push(row);
  }
  return { vesting, vaults };
}

/**
 * What a window end needs: the live lock, vote and balance rows held in memory when they are
 * the tables' rows, otherwise read from the tables and held from then on (`liveRows.ts`); with
 * the vesting and vault rows by key.
 */
async function readWindowEnd(context: AnyContext): Promise<LiveState> {
  const { locks, holdings, tally } = await liveRowsNow(context);
  return { complete: true, locks, holdings, tally, ...(await readConfigured(context)) };
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

async function closeWindow(context: AnyContext, block: BlockRef, state: State, live: LiveState, e: number): Promise<void> {
  const profile = getProfile();
  const ts = windowEnd(e);
  const seasonNow = seasonAt(state, ts);
  // The state at the window end is the state after the block before `block`.
  const voterContract = voterAt(getChainRules().voters, Number(block.number) - 1)?.address ?? null;
  const evaluation = curveEvaluation(state, ts);
  const snap = buildWindowSnapshot({
    epoch: e,
    windowEnd: ts,
    season: seasonNow,
    voterContract,
    evaluation,
    locks: live.locks,
    standingVotes: live.tally ?? [],
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
    voterContract,
    warmup: evaluation.warmup,
    seasonAnchor: seasonAnchor(ts, evaluation.seasonStarts),
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
  if (snap.gauges.length) await db.insert(epochGauge).values(snap.gauges.map((g) => ({ epoch: e, ...g })));
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
export async function closeEpochs(context: AnyContext, event: EventRef): Promise<State> {
  const { block } = event;
  let state = await getState(context, event);
  let live: LiveState | undefined;
  for (;;) {
    const w = state.lastClosedEpoch + 1;
    const f = state.lastFinalizedEpoch + 1;
    const wTs = windowEnd(w);
    const fTs = epochEnd(f);
    const next = wTs < fTs ? wTs : fTs;
    if (next > block.timestamp) return state;
    if (fTs < wTs) {
      live ??= await readEpochEnd(context);
      await finalize(context, block, state, live, f);
      state = await setState(context, event, { lastFinalizedEpoch: f });
    } else {
      if (!live?.complete) live = await readWindowEnd(context);
      await closeWindow(context, block, state, live, w);
      state = await setState(context, event, { lastClosedEpoch: w });
    }
  }
}

ponder.on("EpochTick:block", async ({ event, context }) => {
  await closeEpochs(context, event);
});

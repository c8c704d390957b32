/**
 * Escrow, veNFT and exit queue: the lock lifecycle (deposit point, exit zero point at the next
 * weekly checkpoint, withdrawal), the clock's seasons, the curve's warmup, proxy upgrades, and
 * the events of unsupported versions (each stops the indexer).
 */
import { ponder } from "ponder:registry";
import { chainRules, lock, lockEvent, lockSpan, proxyUpgrade, season, warmupChange } from "ponder:schema";
import { VeViewsAbi } from "../../abis/VeLifecycleAbi";
import { type ContractRole, classifyContract } from "../domain/chainRules";
import { epochOf, firstWindowAfter } from "../domain/epochs";
import { WAD, nextCheckpoint } from "../domain/votingPower";
import type { LockRow as SnapshotLockRow } from "../domain/snapshot";
import type { Hex } from "../config/profile";
import { closeEpochs } from "./epochs";
import { noteLockWrite } from "./liveRows";
import { recordLockFor, recordNftTransfer } from "./entities";
import { warmupBefore } from "./pastState";
import { getChainRules } from "../config/load";
import { type AnyContext, type EventRef, ZERO_ADDRESS, lower, setState } from "./state";

type LockEventKind = "deposit" | "exitQueued" | "exit" | "withdraw" | "transfer";

function history(
  event: { id: string; block: { number: bigint; timestamp: bigint }; transaction: { hash: `0x${string}` } },
  tokenId: bigint,
  kind: LockEventKind,
  fields: { account?: `0x${string}`; amount?: bigint; totalLocked?: bigint; exitDate?: bigint } = {},
) {
  return {
    id: event.id,
    tokenId,
    kind,
    account: fields.account ?? null,
    amount: fields.amount ?? null,
    totalLocked: fields.totalLocked ?? null,
    exitDate: fields.exitDate ?? null,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    epoch: epochOf(event.block.timestamp),
    txHash: event.transaction.hash,
  };
}

type LockRow = typeof lock.$inferSelect;
/** What a lock span keeps of the state a write replaces. */
type ReplacedLock = Pick<LockRow, "fromEpoch" | "owner" | "amount" | "startTs" | "writtenTs" | "status" | "exitCheckpointTs">;
/** What an event changes of a live lock (never its key, creation block or `fromEpoch`). */
type LockChange = Partial<Omit<LockRow, "tokenId" | "createdBlock" | "fromEpoch">>;

/**
 * Writes a lock as `event`'s block leaves it: a new row, or `change` applied to the live one.
 * When an epoch snapshot has seen the lock as it was (its `fromEpoch` is before the first window
 * end this block counts for) and it was not exited, that state becomes a `lockSpan`, so
 * `epochLockPower` keeps it for those epochs.
 */
async function writeLock(
  context: AnyContext,
  tokenId: bigint,
  event: EventRef,
  created: Omit<LockRow, "fromEpoch" | "exitQueuedAt" | "exitCheckpointTs" | "exitDate" | "exitedAt" | "fee" | "returned"> | null,
  change: LockChange | ((row: LockRow) => LockChange),
): Promise<void> {
  const { block } = event;
  const fromEpoch = firstWindowAfter(block.timestamp);
  // The state the write replaces is copied out first, the columns a span keeps written out: the
  // store's row is a copy-on-write view, and spreading it (`{ ...row }`) was most of this
  // function's own time in a `default` backfill (bench/PROFILE.md, 2026-12-06 00:10).
  let replaced: ReplacedLock | undefined;
  const keep = (row: LockRow): LockChange & { fromEpoch: number } => {
    replaced = {
      fromEpoch: row.fromEpoch,
      owner: row.owner,
      amount: row.amount,
      startTs: row.startTs,
      writtenTs: row.writtenTs,
      status: row.status,
      exitCheckpointTs: row.exitCheckpointTs,
    };
    return { ...(typeof change === "function" ? change(row) : change), fromEpoch };
  };
  let written: LockRow;
  if (created) {
    written = await context.db.insert(lock).values({ ...created, fromEpoch }).onConflictDoUpdate(keep);
  } else {
    // One store call: Ponder's update reads the row itself and refuses a missing one.
    try {
      written = await context.db.update(lock, { tokenId }).set(keep);
    } catch (error) {
      if (!(error instanceof Error) || error.name !== "RecordNotFoundError") throw error;
      throw new Error(`lock ${tokenId} changed at ${block.timestamp} before any Deposit or mint was indexed: start indexing at or before the escrow's deployment`);
    }
  }
  // A snapshot's copy of `written`, taken before the span's insert (the store's row is its cache's, which later writes change).
  const live = snapshotLock(written);
  if (replaced && replaced.fromEpoch < fromEpoch && replaced.status !== "exited") {
    const { owner, amount, startTs, writtenTs, status, exitCheckpointTs } = replaced;
    await context.db.insert(lockSpan).values({ tokenId, fromEpoch: replaced.fromEpoch, toEpoch: fromEpoch - 1, owner, amount, startTs, writtenTs, status, exitCheckpointTs });
  }
  await noteLockWrite(context, event, live);
}

/** The columns of a lock row an epoch snapshot reads. */
const snapshotLock = (row: LockRow): SnapshotLockRow => ({
  tokenId: row.tokenId,
  owner: row.owner as Hex,
  amount: row.amount,
  startTs: row.startTs,
  writtenTs: row.writtenTs,
  status: row.status,
  exitCheckpointTs: row.exitCheckpointTs,
});

/** A version ve-lens does not index exactly showed up while indexing. */
export class UnsupportedEventError extends Error {
  override name = "UnsupportedEventError";
  constructor(event: string, contract: string, block: bigint) {
    super(
      `${contract} emitted ${event} at block ${block}: ve-lens does not support this version of the contract (merge/split, delegation or the dynamic exit queue); stopping instead of indexing a gap`,
    );
  }
}

/** The deployment's rules as read at start-up, stored with the index. */
ponder.on("VotingEscrow:setup", async ({ context }) => {
  const r = getChainRules();
  await context.db
    .insert(chainRules)
    .values({
      id: 0,
      curveConstant: r.curve.constant,
      curveLinear: r.curve.linear,
      curveQuadratic: r.curve.quadratic,
      maxTime: r.curve.maxTime,
      maxBiasPerUnit: r.maxBiasPerUnit,
      epochDuration: r.epochDuration,
      warmup: r.warmup,
      source: r.source,
      variants: JSON.stringify({ contracts: r.variants, voters: r.voters }),
    })
    .onConflictDoNothing();
});

ponder.on("VotingEscrow:Deposit", async ({ event, context }) => {
  await closeEpochs(context, event);
  const { depositor, tokenId, startTs, value, newTotalLocked } = event.args;
  // The curve's deposit point: checkpoint `startTs`, written now (the warmup counts from here).
  const point = { amount: value, startTs, writtenTs: event.block.timestamp, status: "active" as const };
  await writeLock(context, tokenId, event, { tokenId, owner: lower(depositor), ...point, createdBlock: event.block.number }, point);
  await setState(context, event, { totalLocked: newTotalLocked });
  await context.db
    .insert(lockEvent)
    .values(history(event, tokenId, "deposit", { account: lower(depositor), amount: value, totalLocked: newTotalLocked }));
  await recordLockFor(context, event, depositor, tokenId);
});

ponder.on("VotingEscrow:Withdraw", async ({ event, context }) => {
  await closeEpochs(context, event);
  const { depositor, tokenId, value, ts, newTotalLocked } = event.args;
  await writeLock(context, tokenId, event, null, (row) => ({
    status: "exited",
    exitedAt: ts,
    returned: value,
    fee: row.fee ?? row.amount - value,
  }));
  await setState(context, event, { totalLocked: newTotalLocked });
  await context.db
    .insert(lockEvent)
    .values(history(event, tokenId, "withdraw", { account: lower(depositor), amount: value, totalLocked: newTotalLocked }));
});

ponder.on("VotingEscrow:Merged", async ({ event }) => {
  throw new UnsupportedEventError("Merged", "the escrow", event.block.number);
});

ponder.on("VotingEscrow:Split", async ({ event }) => {
  throw new UnsupportedEventError("Split", "the escrow", event.block.number);
});

/**
 * `SeasonStarted(seasonIndex, startTimestamp)` announces a season that starts at `startTimestamp`
 * (the next weekly checkpoint), not at this block: the season list is keyed by that start.
 */
ponder.on("Clock:SeasonStarted", async ({ event, context }) => {
  const state = await closeEpochs(context, event);
  const n = Number(event.args.seasonIndex);
  const startTs = BigInt(event.args.startTimestamp);
  if (n !== state.seasonStarts.length + 1) {
    throw new Error(
      `SeasonStarted(${n}, ${startTs}) at block ${event.block.number}, but ${state.seasonStarts.length} earlier season(s) were indexed: start indexing at or before the clock's first season`,
    );
  }
  await context.db
    .insert(season)
    .values({ number: n, startTs, startEpoch: epochOf(startTs), startBlock: event.block.number, announcedTs: event.block.timestamp });
  await setState(context, event, { seasonStarts: [...state.seasonStarts, startTs] });
});

/**
 * An in-place upgrade of the clock or curve proxy (the v1.0.0 -> Season migration upgrades both).
 * The new implementation must be a supported version, and a curve must keep the constants read
 * at start-up (`getCoefficients` is pure: the implementation answers it without state).
 */
async function recordUpgrade(context: AnyContext, event: UpgradeEvent, role: ContractRole): Promise<void> {
  await closeEpochs(context, event);
  const implementation = lower(event.args.implementation);
  const code = await context.client.getCode({ address: implementation });
  const variant = classifyContract(role, lower(event.log.address), implementation, code ?? "0x");
  if (!variant.supported) {
    throw new Error(`${role} ${variant.address} was upgraded at block ${event.block.number} to ${variant.variant}: ${variant.note}`);
  }
  if (role === "curve") {
    const [C, L, Q] = await context.client.readContract({ address: implementation, abi: VeViewsAbi, functionName: "getCoefficients", args: [WAD] });
    const r = getChainRules().curve;
    if (C !== r.constant || L !== r.linear || Q !== r.quadratic) {
      throw new Error(
        `curve ${variant.address} was upgraded at block ${event.block.number} to constants C=${C} L=${L} Q=${Q}, but the index uses C=${r.constant} L=${r.linear} Q=${r.quadratic}: curves that change constants are not supported`,
      );
    }
  }
  await context.db.insert(proxyUpgrade).values({
    id: event.id,
    role,
    proxy: variant.address,
    implementation,
    variant: variant.variant,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
}

interface UpgradeEvent extends EventRef {
  args: { implementation: `0x${string}` };
  log: { address: `0x${string}` };
}

ponder.on("Clock:Upgraded", async ({ event, context }) => {
  await recordUpgrade(context, event, "clock");
});

ponder.on("EscrowCurve:Upgraded", async ({ event, context }) => {
  await recordUpgrade(context, event, "curve");
});

ponder.on("Lock:Transfer", async ({ event, context }) => {
  await closeEpochs(context, event);
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const tokenId = event.args.tokenId;
  const escrow = lower(context.contracts.VotingEscrow.address as string);
  if (from === ZERO_ADDRESS) {
    // Mint (before `Deposit`): the NFT recipient owns the lock.
    const ts = event.block.timestamp;
    const created = { tokenId, owner: to, amount: 0n, startTs: nextCheckpoint(ts), writtenTs: ts, status: "active" as const, createdBlock: event.block.number };
    await writeLock(context, tokenId, event, created, { owner: to });
    return;
  }
  // Burn at withdraw, or the move into the escrow at beginWithdrawal: the holder stays the owner.
  if (to === ZERO_ADDRESS || to === escrow) return;
  await writeLock(context, tokenId, event, null, { owner: to });
  await context.db.insert(lockEvent).values(history(event, tokenId, "transfer", { account: to }));
  await recordNftTransfer(context, event, from, to, tokenId);
});

ponder.on("ExitQueue:ExitQueued", async ({ event, context }) => {
  await closeEpochs(context, event);
  const { tokenId, holder, exitDate } = event.args;
  // beginWithdrawal wrote the curve's zero point at the next weekly checkpoint: power lasts until then.
  await writeLock(context, tokenId, event, null, {
    status: "queued",
    owner: lower(holder),
    exitQueuedAt: event.block.timestamp,
    exitCheckpointTs: nextCheckpoint(event.block.timestamp),
    exitDate,
  });
  await context.db.insert(lockEvent).values(history(event, tokenId, "exitQueued", { account: lower(holder), exitDate }));
});

ponder.on("ExitQueue:Exit", async ({ event, context }) => {
  await closeEpochs(context, event);
  const { tokenId, fee } = event.args;
  // the fee is not part of what an epoch snapshot sees of the lock: no span
  await context.db.update(lock, { tokenId }).set({ fee });
  await context.db.insert(lockEvent).values(history(event, tokenId, "exit", { amount: fee }));
});

ponder.on("ExitQueue:ExitQueuedV2", async ({ event }) => {
  throw new UnsupportedEventError("ExitQueuedV2", "the exit queue", event.block.number);
});

ponder.on("ExitQueue:ExitCancelled", async ({ event }) => {
  throw new UnsupportedEventError("ExitCancelled", "the exit queue", event.block.number);
});

ponder.on("EscrowCurve:WarmupSet", async ({ event, context }) => {
  await closeEpochs(context, event);
  await setState(context, event, { warmup: BigInt(event.args.warmup) });
  // kept per block so the API can evaluate power as any past block did; the value before the
  // change is read from the chain (the curve's initializer emits no WarmupSet)
  const previous = await warmupBefore(context.client, event.log.address, event.block.number, BigInt(event.args.warmup));
  await context.db.insert(warmupChange).values({
    id: event.id,
    warmup: BigInt(event.args.warmup),
    previous,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
});

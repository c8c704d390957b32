/**
 * The view of one epoch: a stored one from its row, the live one from the live tables at the
 * indexed block (cached per block).
 */
import { epochEnd, epochStart, windowEnd } from "../../domain/epochs";
import { seasonOf } from "../../domain/seasons";
import type { EpochView } from "../views";
import type { AnalyticsContext, EpochRef, Position } from "./context";
import { str } from "./distribution";
import { distributionOf, liveVotes, seasonStarts } from "./populations";
import type { EpochRecord } from "./store";
import { ratio } from "./vaultStickiness";

export async function liveEpochView(ctx: AnalyticsContext, pos: Position, id: number): Promise<EpochView> {
  return ctx.blockCache.get(pos.checkpoint.id, `liveEpoch:${id}`, async () => {
    const [votes, power, locked, starts] = await Promise.all([
      liveVotes(ctx, pos),
      distributionOf(ctx, { kind: "live", id, finalized: false }, pos, "ELIGIBLE_POWER", ""),
      ctx.store.liveLocks(),
      seasonStarts(ctx),
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

export function storedEpochView(e: EpochRecord): EpochView {
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

export async function epochView(ctx: AnalyticsContext, ref: EpochRef, pos: Position): Promise<EpochView> {
  return ref.kind === "stored" ? storedEpochView(ref.record) : liveEpochView(ctx, pos, ref.id);
}

/**
 * A standing_vote table that behaves as Ponder's does: writes go to new blocks above the latest
 * one, a reorg undoes every write above its common ancestor (never at or below the finalized
 * block), a restart's crash recovery undoes every write above the safe checkpoint, and a read
 * answers `standingVotes` from one snapshot, a tick later.
 */
import { type StandingVoteReader, sameVoteRow, voteKey, voteWindow } from "../../../src/api/queries/liveVoteMirror";
import type { Rng } from "../../../devnet/rng";
import type { StandingVoteRow } from "../../../src/api/queries/store";

/** A random standing vote write: `voters` voters, `tokens` tokens, amounts 0 to `maxUnits` BR, two seasons, a share on an older voter contract. */
export function randomVotes(rng: Rng, shape: { voters: number; tokens: number; maxUnits: number; gauges: readonly string[]; oldContractShare: number }) {
  const voters = Array.from({ length: shape.voters }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`);
  return (): Omit<StandingVoteRow, "block"> => ({
    tokenId: BigInt(rng.int(1, shape.tokens)),
    gauge: shape.gauges[rng.int(0, shape.gauges.length - 1)]!,
    voter: voters[rng.int(0, voters.length - 1)]!,
    amount: BigInt(rng.int(0, shape.maxUnits)) * 10n ** 18n,
    season: rng.int(1, 2),
    voterContract: rng.chance(shape.oldContractShare) ? "0xold" : "0xvoter",
  });
}

export class PonderLikeTable {
  readonly rows = new Map<string, StandingVoteRow>();
  /** Undo log of the writes not yet pruned: the row each write replaced. */
  private undo: { block: number; key: string; prev: StandingVoteRow | undefined }[] = [];
  latest = 0;
  finalized = 0;
  safe = 0;
  /** Writes of the checkpoint so far (Ponder's checkpoint row's version). */
  private checkpointWrites = 0;

  /** The indexed position as the API sees it: the latest block with its checkpoint row's version. */
  get position(): string {
    return `${this.latest}@${this.checkpointWrites}`;
  }

  /** A new block with these writes. */
  mine(writes: Omit<StandingVoteRow, "block">[]): void {
    this.latest++;
    this.checkpointWrites++;
    for (const w of writes) {
      const key = voteKey(w);
      this.undo.push({ block: this.latest, key, prev: this.rows.get(key) });
      this.rows.set(key, { ...w, block: this.latest });
    }
  }

  /** Undoes every write above `ancestor`. */
  revertTo(ancestor: number): void {
    while (this.undo.length > 0 && this.undo[this.undo.length - 1]!.block > ancestor) {
      const { key, prev } = this.undo.pop()!;
      if (prev) this.rows.set(key, prev);
      else this.rows.delete(key);
    }
    this.latest = ancestor;
    this.checkpointWrites++;
  }

  reorg(ancestor: number): void {
    if (ancestor < this.finalized) throw new Error("a reorg never goes below the finalized block");
    this.revertTo(ancestor);
  }

  /** The finalized block moves up; the safe checkpoint follows one step behind (as Ponder's prune does). */
  finalize(block: number): void {
    this.safe = this.finalized;
    this.finalized = Math.max(this.finalized, Math.min(block, this.latest));
    this.checkpointWrites++;
    this.undo = this.undo.filter((u) => u.block > this.safe);
  }

  /** A restart: every write above the safe checkpoint is undone. */
  crashRecovery(): void {
    this.revertTo(this.safe);
    this.finalized = this.safe;
  }

  /** `standingVotes` over a snapshot taken now, answered a tick later. */
  reader(options: { ignoreHeld?: boolean } = {}): StandingVoteReader {
    return (fromBlock, held, check) => {
      const bounds = { bound: Math.min(this.latest, this.finalized, this.safe), latest: this.latest };
      if (check !== undefined && fromBlock !== null) {
        const rows = [...this.rows.values()].map((r) => ({ ...r }));
        const read = { ...bounds, rows: rows.filter((r) => r.block > check.upTo), gone: [], window: voteWindow(rows.filter((r) => r.block >= fromBlock)) };
        return new Promise((resolve) => setTimeout(() => resolve(read), 0));
      }
      const asked = new Map((options.ignoreHeld ? [] : held).map((h) => [voteKey(h), h]));
      const changed = (r: StandingVoteRow) => {
        const h = asked.get(voteKey(r));
        return h ? !sameVoteRow(r, h) : fromBlock === null || r.block >= fromBlock;
      };
      const read = {
        ...bounds,
        rows: [...this.rows.values()].filter(changed).map((r) => ({ ...r })),
        gone: [...asked.values()].filter((h) => !this.rows.has(voteKey(h))).map((h) => ({ tokenId: h.tokenId, gauge: h.gauge })),
      };
      return new Promise((resolve) => setTimeout(() => resolve(read), 0));
    };
  }
}

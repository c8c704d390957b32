/**
 * Links between addresses from on-chain evidence (pure: records in, links out).
 *
 * - `lockFor` / `nftTransfer`: indexed per event (see `src/indexing/entities.ts`).
 * - `fundedLock`: a BR transfer A→B followed by B's deposit within `fundingWindow`.
 * - `copyVote`: two addresses with a common funder cast identical vote vectors (same gauges, same
 *   shares within `voteTolerance`) within `voteWindow`; confidence grows with the number of
 *   distinct epochs in which they did so.
 *
 * Blocked addresses (exchanges, contracts, distributors with more than `maxFanOut` recipients)
 * give no link and count as nobody's funder: an exchange withdrawal that funds many users must
 * not make them one entity.
 */
import { type CastVote, type DepositRecord, type DirectEvidence, type EntityLink, type EntityOptions, type FundingTransfer } from "./types";

const ZERO = "0x0000000000000000000000000000000000000000";
const EPOCH_SECONDS = 1_209_600;

/**
 * Addresses whose links are dropped: the given ones (exchanges, contracts), the zero address,
 * and every address that sent BR to, or created a lock for, more than `maxFanOut` distinct others.
 * @example blockedAddresses([{ from: "0xd", to: "0x1", ... }, ...], [], new Set(["0xex"]), 12)
 */
export function blockedAddresses(
  transfers: readonly FundingTransfer[],
  direct: readonly DirectEvidence[],
  exchanges: ReadonlySet<string>,
  maxFanOut: number,
): Set<string> {
  const recipients = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from === to) return;
    let set = recipients.get(from);
    if (!set) recipients.set(from, (set = new Set()));
    set.add(to);
  };
  for (const t of transfers) add(t.from, t.to);
  for (const d of direct) add(d.from, d.to);
  const blocked = new Set<string>([ZERO, ...exchanges]);
  for (const [from, set] of recipients) if (set.size > maxFanOut) blocked.add(from);
  return blocked;
}

/** Links from indexed `lockFor` and `nftTransfer` facts. */
export function directLinks(direct: readonly DirectEvidence[], blocked: ReadonlySet<string>, options: EntityOptions): EntityLink[] {
  const links: EntityLink[] = [];
  for (const d of direct) {
    if (d.from === d.to || blocked.has(d.from) || blocked.has(d.to)) continue;
    links.push({ a: d.from, b: d.to, evidence: { kind: d.kind, txHash: d.txHash, block: d.block, confidence: options.confidence[d.kind] } });
  }
  return links;
}

/** Incoming transfers per recipient, in chain order. */
function transfersByRecipient(transfers: readonly FundingTransfer[]): Map<string, FundingTransfer[]> {
  const byTo = new Map<string, FundingTransfer[]>();
  for (const t of transfers) {
    let list = byTo.get(t.to);
    if (!list) byTo.set(t.to, (list = []));
    list.push(t);
  }
  for (const list of byTo.values()) list.sort((x, y) => x.block - y.block);
  return byTo;
}

/**
 * `fundedLock` links: for each deposit by B, every non-blocked A that sent B BR in the
 * `fundingWindow` seconds before it (one link per pair: the earliest such transfer).
 */
export function fundingLinks(
  transfers: readonly FundingTransfer[],
  deposits: readonly DepositRecord[],
  blocked: ReadonlySet<string>,
  options: EntityOptions,
): EntityLink[] {
  const byTo = transfersByRecipient(transfers);
  const seen = new Set<string>();
  const links: EntityLink[] = [];
  for (const d of deposits) {
    if (blocked.has(d.owner)) continue;
    for (const t of byTo.get(d.owner) ?? []) {
      if (t.block > d.block) break;
      if (t.timestamp < d.timestamp - options.fundingWindow || t.from === d.owner || blocked.has(t.from)) continue;
      const key = `${t.from}|${d.owner}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({ a: t.from, b: d.owner, evidence: { kind: "fundedLock", txHash: t.txHash, block: t.block, confidence: options.confidence.fundedLock } });
    }
  }
  return links;
}

/** Non-blocked addresses that funded each address (BR transfers and locks created for it). */
export function fundersOf(transfers: readonly FundingTransfer[], direct: readonly DirectEvidence[], blocked: ReadonlySet<string>): Map<string, Set<string>> {
  const funders = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from === to || blocked.has(from) || blocked.has(to)) return;
    let set = funders.get(to);
    if (!set) funders.set(to, (set = new Set()));
    set.add(from);
  };
  for (const t of transfers) add(t.from, t.to);
  for (const d of direct) if (d.kind === "lockFor") add(d.from, d.to);
  return funders;
}

/** One cast vote: gauge shares of one voter's `Voted` events in one transaction. */
interface VoteVector {
  voter: string;
  txHash: string;
  block: number;
  timestamp: number;
  /** Sorted gauge addresses joined by ",". */
  gauges: string;
  shares: number[];
}

/** Groups `Voted` events into vote vectors (voter, transaction). */
export function voteVectors(votes: readonly CastVote[]): VoteVector[] {
  const byTx = new Map<string, CastVote[]>();
  for (const v of votes) {
    const key = `${v.voter}|${v.txHash}`;
    let list = byTx.get(key);
    if (!list) byTx.set(key, (list = []));
    list.push(v);
  }
  const vectors: VoteVector[] = [];
  for (const list of byTx.values()) {
    const perGauge = new Map<string, bigint>();
    for (const v of list) perGauge.set(v.gauge, (perGauge.get(v.gauge) ?? 0n) + v.amount);
    const total = [...perGauge.values()].reduce((a, b) => a + b, 0n);
    if (total === 0n) continue;
    const gauges = [...perGauge.keys()].sort();
    const first = list[0] as CastVote;
    vectors.push({
      voter: first.voter,
      txHash: first.txHash,
      block: first.block,
      timestamp: first.timestamp,
      gauges: gauges.join(","),
      shares: gauges.map((g) => Number(((perGauge.get(g) as bigint) * 1_000_000_000n) / total) / 1e9),
    });
  }
  return vectors;
}

function sameVector(x: VoteVector, y: VoteVector, tolerance: number): boolean {
  return x.gauges === y.gauges && x.shares.every((s, i) => Math.abs(s - (y.shares[i] as number)) <= tolerance);
}

/**
 * `copyVote` links between addresses that share a non-blocked funder and cast identical vote
 * vectors within `voteWindow` seconds. One link per pair; its confidence is
 * `1 − (1 − confidence.copyVote)^n` for n distinct epochs with such a coincidence, and its
 * evidence names the latest of the later votes.
 */
export function copyVoteLinks(
  votes: readonly CastVote[],
  funders: ReadonlyMap<string, ReadonlySet<string>>,
  blocked: ReadonlySet<string>,
  options: EntityOptions,
): EntityLink[] {
  const vectors = voteVectors(votes).filter((v) => !blocked.has(v.voter));
  const byVoter = new Map<string, VoteVector[]>();
  for (const v of vectors) {
    let list = byVoter.get(v.voter);
    if (!list) byVoter.set(v.voter, (list = []));
    list.push(v);
  }
  // Groups of voters that share a funder (the funder itself may vote too).
  const groups = new Map<string, Set<string>>();
  for (const voter of byVoter.keys()) {
    for (const f of funders.get(voter) ?? []) {
      let g = groups.get(f);
      if (!g) groups.set(f, (g = new Set(byVoter.has(f) ? [f] : [])));
      g.add(voter);
    }
  }
  const pairs = new Map<string, { a: string; b: string; epochs: Set<number>; last: VoteVector }>();
  for (const group of groups.values()) {
    const members = [...group].sort();
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i] as string;
        const b = members[j] as string;
        const key = `${a}|${b}`;
        if (pairs.has(key)) continue;
        const epochs = new Set<number>();
        let last: VoteVector | null = null;
        for (const x of byVoter.get(a) ?? []) {
          for (const y of byVoter.get(b) ?? []) {
            if (Math.abs(x.timestamp - y.timestamp) > options.voteWindow || !sameVector(x, y, options.voteTolerance)) continue;
            epochs.add(Math.floor(Math.max(x.timestamp, y.timestamp) / EPOCH_SECONDS));
            const later = x.block >= y.block ? x : y;
            if (!last || later.block > last.block) last = later;
          }
        }
        if (last) pairs.set(key, { a, b, epochs, last });
      }
    }
  }
  return [...pairs.values()].map(({ a, b, epochs, last }) => ({
    a,
    b,
    evidence: {
      kind: "copyVote" as const,
      txHash: last.txHash,
      block: last.block,
      confidence: 1 - (1 - options.confidence.copyVote) ** epochs.size,
    },
  }));
}

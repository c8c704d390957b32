/**
 * Entities: groups of addresses that one owner controls, inferred from on-chain evidence only.
 * Every link between two addresses keeps the evidence it came from and a confidence in [0, 1].
 */

/** How two addresses were linked. */
export type EvidenceKind =
  /** `createLockFor`: the transaction's sender paid a lock whose veNFT went to another address. */
  | "lockFor"
  /** A veNFT moved between two addresses (not a mint, burn or the move into the escrow at exit). */
  | "nftTransfer"
  /** BR sent from A to B, and B locked within the funding window. */
  | "fundedLock"
  /** Identical vote vectors cast close together by addresses funded by the same source. */
  | "copyVote"
  /** The labels file names both addresses as one known entity. */
  | "label";

export const EVIDENCE_KINDS: readonly EvidenceKind[] = ["lockFor", "nftTransfer", "fundedLock", "copyVote", "label"];

/** One piece of evidence behind a link. */
export interface Evidence {
  kind: EvidenceKind;
  /** The transaction that shows it (for `copyVote`, the later of the two votes); null for labels. */
  txHash: string | null;
  block: number | null;
  confidence: number;
}

/** An undirected link between two lowercase addresses, with the evidence for it. */
export interface EntityLink {
  a: string;
  b: string;
  evidence: Evidence;
}

/** A directed fact indexed per event: `from` did something for `to` (lockFor, nftTransfer). */
export interface DirectEvidence {
  kind: "lockFor" | "nftTransfer";
  from: string;
  to: string;
  txHash: string;
  block: number;
  timestamp: number;
}

/** A BR transfer (the indexer's `brTransfer` rows). */
export interface FundingTransfer {
  from: string;
  to: string;
  value: bigint;
  txHash: string;
  block: number;
  timestamp: number;
}

/** A lock deposit: `owner` received a new veNFT. */
export interface DepositRecord {
  owner: string;
  txHash: string;
  block: number;
  timestamp: number;
}

/** One `Voted` event (a vote is the set of `Voted` events of one voter in one transaction). */
export interface CastVote {
  voter: string;
  gauge: string;
  amount: bigint;
  txHash: string;
  block: number;
  timestamp: number;
}

/** Tunables of the clustering; see {@link DEFAULT_ENTITY_OPTIONS}. */
export interface EntityOptions {
  /** Links merge addresses only at or above this confidence. */
  threshold: number;
  /** A lock counts as funded when it follows the BR transfer within this many seconds. */
  fundingWindow: number;
  /** Two votes are "close together" within this many seconds. */
  voteWindow: number;
  /** Largest difference between two vote vectors' gauge shares that still counts as identical. */
  voteTolerance: number;
  /**
   * An address that funded, or created locks for, more than this many distinct addresses is a
   * distributor (a deployer, an airdrop, an OTC desk): its links are dropped, like an exchange's.
   */
  maxFanOut: number;
  confidence: Record<Exclude<EvidenceKind, "copyVote">, number> & {
    /** Confidence of copy-voting seen in n distinct epochs: 1 − (1 − copyVote)^n. */
    copyVote: number;
  };
}

export const DEFAULT_ENTITY_OPTIONS: EntityOptions = {
  threshold: 0.6,
  fundingWindow: 14 * 86_400,
  voteWindow: 3_600,
  voteTolerance: 1e-4,
  maxFanOut: 12,
  confidence: { lockFor: 0.9, nftTransfer: 0.8, fundedLock: 0.7, copyVote: 0.4, label: 1 },
};

/** A cluster of addresses (two or more, or one labelled address) with the links that made it. */
export interface Entity {
  /** Stable id: `e-` and the smallest member address without `0x`. */
  id: string;
  /** Name from the labels file, if one of its members is labelled. */
  name: string | null;
  /** Sorted lowercase addresses. */
  members: string[];
  /** Every link above the threshold between two members. */
  links: EntityLink[];
}

/**
 * Entity evidence written per event (one insert, no reads): a lock paid by another address
 * (`createLockFor`) and a veNFT moved between holders. Called from the escrow's handlers.
 */
import { entityEvidence } from "ponder:schema";
import type { AnyContext } from "./state";
import { lower } from "./state";

interface EvidenceEvent {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: `0x${string}`; from: `0x${string}` };
}

/** `Deposit` whose depositor (the veNFT recipient) is not the transaction's sender: the sender paid the lock. */
export async function recordLockFor(context: AnyContext, event: EvidenceEvent, depositor: `0x${string}`, tokenId: bigint): Promise<void> {
  const payer = lower(event.transaction.from);
  const to = lower(depositor);
  if (payer === to) return;
  await context.db.insert(entityEvidence).values(row(event, "lockFor", payer, to, tokenId));
}

/** A veNFT transfer between two holders (the caller leaves out mints, burns and the escrow). */
export async function recordNftTransfer(context: AnyContext, event: EvidenceEvent, from: `0x${string}`, to: `0x${string}`, tokenId: bigint): Promise<void> {
  if (from === to) return;
  await context.db.insert(entityEvidence).values(row(event, "nftTransfer", from, to, tokenId));
}

function row(event: EvidenceEvent, kind: "lockFor" | "nftTransfer", from: `0x${string}`, to: `0x${string}`, tokenId: bigint) {
  return {
    id: event.id,
    kind,
    from,
    to,
    tokenId,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  };
}

/**
 * Field lists shared by the two readers of a deployment: the profile (`profile.ts`, which turns
 * times into bigints and lowercases addresses) and the devnet manifest (`manifest.ts`, whose JSON
 * form must stay encodable). Each passes its own parsers of addresses, block numbers and
 * seconds; the names and the remaining checks are written here once.
 *
 * @example
 * const schema = z.object(vestingWalletFields({ address, blockNumber, seconds }));
 */
import { z } from "zod";

export interface FieldParsers<A extends z.ZodType, B extends z.ZodType, S extends z.ZodType> {
  address: A;
  blockNumber: B;
  seconds: S;
}

/** A contract: where it is and the block it was deployed in (indexing starts there). */
export function contractRefFields<A extends z.ZodType, B extends z.ZodType>(p: Pick<FieldParsers<A, B, z.ZodType>, "address" | "blockNumber">) {
  return { address: p.address, startBlock: p.blockNumber };
}

/** A vesting wallet (OpenZeppelin `VestingWallet` with a cliff and a TGE share). */
export function vestingWalletFields<A extends z.ZodType, B extends z.ZodType, S extends z.ZodType>(p: FieldParsers<A, B, S>) {
  return {
    name: z.string().min(1),
    ...contractRefFields(p),
    beneficiary: p.address,
    /** Unix seconds of the vesting start (the TGE). */
    start: p.seconds,
    /** Seconds after `start` before the linear stream begins. */
    cliff: p.seconds,
    /** Seconds after `start` when everything is vested. */
    duration: p.seconds,
    /** Share unlocked at `start`, in basis points. */
    tgeBps: z.number().int().min(0).max(10_000),
  };
}

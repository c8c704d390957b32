/**
 * What ve-lens serves for each epoch, read through its public surface: Ponder's generated GraphQL
 * over the tables `epoch` and `epochGauge` and the views `epochLockPower` and `epochVote`
 * (ponder.schema.ts),
 * converted to {@link EpochValues} for the comparator.
 *
 * @example
 * const actual = await readIndexEpochs(ponder.url); // Map epoch -> EpochValues
 */
import { ponderGraphql } from "../../devnet/verify";
import { type EpochValues, addTo, emptyEpochValues } from "./compare";

const low = (a: string) => a.toLowerCase();

/** Every epoch row ve-lens has, with its lock powers, votes and gauge totals. */
export async function readIndexEpochs(ponderUrl: string): Promise<Map<number, EpochValues>> {
  const gql = await ponderGraphql(ponderUrl);
  const out = new Map<number, EpochValues>();
  const epochs = await gql.all("epochs", "id season lockedBr castPower eligiblePower", (r) => r);
  for (const r of epochs) {
    const v = emptyEpochValues(Number(r.id));
    v.season = Number(r.season);
    v.totalLocked = BigInt(r.lockedBr as string);
    v.totalCast = BigInt(r.castPower as string);
    v.eligiblePower = BigInt(r.eligiblePower as string);
    out.set(v.epoch, v);
  }
  // rows of an epoch without an `epoch` row are set aside: that epoch is reported missing
  const orphans = new Map<number, EpochValues>();
  const at = (e: unknown) => {
    const n = Number(e);
    let v = out.get(n) ?? orphans.get(n);
    if (!v) {
      v = emptyEpochValues(n);
      orphans.set(n, v);
    }
    return v;
  };
  const epochIds = epochs.map((r) => Number(r.id));
  for (const r of await gql.allPerEpoch("epochLockPowers", "epoch tokenId owner power", (r) => r, epochIds, { name: "tokenId", unique: true })) {
    const v = at(r.epoch);
    const power = BigInt(r.power as string);
    addTo(v.tokenPower, String(r.tokenId), power);
    addTo(v.ownerPower, low(r.owner as string), power);
  }
  for (const r of await gql.allPerEpoch("epochVotes", "epoch tokenId gauge voter amount", (r) => r, epochIds, { name: "tokenId", unique: false })) {
    const v = at(r.epoch);
    const amount = BigInt(r.amount as string);
    addTo(v.tokenVotes, `${r.tokenId}:${low(r.gauge as string)}`, amount);
    addTo(v.tokenUsed, String(r.tokenId), amount);
    addTo(v.voterVotes, low(r.voter as string), amount);
  }
  for (const r of await gql.all("epochGauges", "epoch gauge votes", (r) => r)) {
    addTo(at(r.epoch).gaugeVotes, low(r.gauge as string), BigInt(r.votes as string));
  }
  return out;
}

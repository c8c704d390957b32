/** An in-memory entity store for the API tests: A paid a lock for B (createLockFor); C and D are alone. */
import type { EntityStore } from "../../src/api/queries/entityStore";
import { A, B } from "../api/fakeStore";

export const LOCK_FOR_TX = `0x${"f".repeat(64)}`;

export function createFakeEntityStore(): EntityStore {
  return {
    direct: async () => [{ kind: "lockFor", from: A, to: B, txHash: LOCK_FOR_TX, block: 900, timestamp: 11 * 1_209_600 }],
    transfers: async () => [],
    deposits: async () => [],
    votes: async () => [],
    blockedLabels: async () => [],
  };
}

/**
 * A PGlite database shaped like the two things the health monitor reads from Ponder's: the
 * `_ponder_meta` row `app` (`is_ready`) and `ponder_sync.blocks` (the block stored as final).
 */
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";

export interface HealthDb {
  // biome-ignore lint: drizzle's PGlite database, as the monitor receives Ponder's
  db: any;
  /** Stores `hash` as the final block `number` of chain `chainId` (replacing what was there). */
  storeFinal(chainId: number, number: number, hash: string): Promise<void>;
  close(): Promise<void>;
}

export async function openHealthDb(isReady = true): Promise<HealthDb> {
  const client = new PGlite();
  await client.exec(`
    CREATE TABLE _ponder_meta (key text PRIMARY KEY, value jsonb);
    INSERT INTO _ponder_meta VALUES ('app', '{"is_ready": ${isReady ? 1 : 0}}');
    CREATE SCHEMA ponder_sync;
    CREATE TABLE ponder_sync.blocks (chain_id bigint, number bigint, hash text);
  `);
  return {
    db: drizzle(client),
    async storeFinal(chainId, number, hash) {
      await client.query("DELETE FROM ponder_sync.blocks WHERE chain_id = $1", [chainId]);
      await client.query("INSERT INTO ponder_sync.blocks VALUES ($1, $2, $3)", [chainId, number, hash]);
    },
    close: () => client.close(),
  };
}

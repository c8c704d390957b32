/**
 * The identity of the index the API reads, for caches of finalized answers: Ponder's build id
 * of the schema (`_ponder_meta`, key `app`) and a counter of the times the indexed block went
 * backwards (a reorg rewinding the index), as one string. A rebuilt index has a new build id.
 */
import { sql, type ReadonlyDrizzle } from "ponder";
import { rowsOf } from "../../db/rows";
import type { Checkpoint } from "./store";

// biome-ignore lint: the drizzle type of Ponder's read-only db
type Db = ReadonlyDrizzle<any>;

/**
 * Returns a reader of the generation string `build:<id>/rewind:<n>`.
 * @example const generation = indexGeneration(db, () => store.checkpoint()); await generation();
 */
export function indexGeneration(db: Db, checkpoint: () => Promise<Checkpoint | null>): () => Promise<string> {
  let lastBlock = -1;
  let rewinds = 0;
  return async () => {
    const [meta, position] = await Promise.all([
      db.execute(sql`SELECT value FROM _ponder_meta WHERE key = 'app'`) as Promise<unknown>,
      checkpoint(),
    ]);
    const rows = rowsOf<{ value: unknown }>(meta);
    const raw = rows[0]?.value;
    const value = (typeof raw === "string" ? JSON.parse(raw) : raw) as { build_id?: string } | undefined;
    if (!value?.build_id) throw new Error("no build id in _ponder_meta");
    const block = position?.blockNumber ?? -1;
    if (block < lastBlock) rewinds++;
    lastBlock = block;
    return `build:${value.build_id}/rewind:${rewinds}`;
  };
}

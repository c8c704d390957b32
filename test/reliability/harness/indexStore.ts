/**
 * Where a reliability test indexes: a fresh PostgreSQL database (`DATABASE_URL`, or a local
 * throwaway cluster) when there is one, else PGlite directories. Either way each index gets its
 * own schema (Postgres) or directory (PGlite), and {@link IndexStore.hash} reads the content
 * hash of the ve-lens tables directly from the database.
 *
 * @example
 * const store = await openIndexStore("reorgs");
 * const p = await spawnPonder({ command: "start", manifestPath, schema: "a", ...store.target("a") });
 * ...
 * const h = await store.hash("a", p);   // stops p first on PGlite
 * await store.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PostgresServer, type TestDatabase, createTestDatabase, findPostgres } from "../../../devnet/postgres";
import { type ContentHash, contentHashPglite, contentHashPostgres } from "./contentHash";
import type { PonderProcess } from "../../../devnet/harness/ponderProcess";

export interface IndexStore {
  kind: "postgres" | "pglite";
  /** Spawn options selecting the database of index `name`. */
  target(name: string): { databaseUrl?: string; pgliteDir?: string };
  /** Content hash of index `name`; on PGlite `running` is stopped first (PGlite has one writer). */
  hash(name: string, running?: PonderProcess): Promise<ContentHash>;
  close(): Promise<void>;
}

/**
 * `kind` forces the database: `pglite` never looks for PostgreSQL, `postgres` fails without it;
 * by default PostgreSQL when there is one.
 */
export async function openIndexStore(label: string, kind?: IndexStore["kind"]): Promise<IndexStore> {
  const pg: PostgresServer =
    kind === "pglite" ? { url: undefined, source: "none", reason: "PGlite asked for", stop: async () => {} } : await findPostgres();
  if (kind === "postgres" && !pg.url) throw new Error(`PostgreSQL is required here: ${pg.reason}`);
  if (pg.url) {
    let db: TestDatabase;
    try {
      db = await createTestDatabase(pg.url, label);
    } catch (error) {
      await pg.stop();
      throw error;
    }
    return {
      kind: "postgres",
      target: () => ({ databaseUrl: db.url }),
      hash: (name) => contentHashPostgres(db.url, name),
      async close() {
        await db.drop().catch(() => {});
        await pg.stop();
      },
    };
  }
  if (process.env.CI && kind === undefined) throw new Error(`PostgreSQL is required in CI: ${pg.reason}`);
  const root = mkdtempSync(join(tmpdir(), `ve-lens-${label}-`));
  return {
    kind: "pglite",
    target: (name) => ({ pgliteDir: join(root, name) }),
    async hash(name, running) {
      await running?.stop();
      return contentHashPglite(join(root, name), name);
    },
    async close() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Shared setup of the API end-to-end tests: anvil, the `small` scenario simulated on it, and
 * `ponder start` indexing it, ready and caught up with the head. The database is a fresh PGlite
 * directory, or, in the `e2e-postgres` project (`VE_LENS_E2E_POSTGRES_URL` set by
 * test/e2e/postgresSetup.ts), a fresh PostgreSQL database dropped again by `stop()`.
 * One world per test file: call `startApiWorld()` in `beforeAll` and `world.stop()` in `afterAll`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { type Manifest, writeManifest } from "../../src/config/manifest";
import { type TestDatabase, createTestDatabase } from "../../devnet/postgres";
import { type PonderInstance, startPonder } from "../../devnet/ponder";
import { loadScenario } from "../../devnet/scenario";
import { simulate, simulatorAnvilArgs } from "../../devnet/simulate";

export interface ApiWorld {
  url: string;
  /** Which database Ponder writes to. */
  database: "pglite" | "postgres";
  manifest: Manifest;
  anvil: AnvilInstance;
  ponder: PonderInstance;
  /** Lines the API logged about internal failures (`[api] ... failed`). */
  apiErrors: string[];
  stop(): Promise<void>;
}

export async function startApiWorld(options: { scenario?: string; seed?: number } = {}): Promise<ApiWorld> {
  const scenario = loadScenario(options.scenario ?? "small");
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-api-e2e-"));
  let anvil: AnvilInstance | undefined;
  let ponder: PonderInstance | undefined;
  let postgres: TestDatabase | undefined;
  const apiErrors: string[] = [];
  const stop = async () => {
    await ponder?.stop().catch(() => {});
    await anvil?.stop().catch(() => {});
    await postgres?.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
    const manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, seed: options.seed ?? 1 });
    const manifestPath = join(dir, "devnet.json");
    await writeManifest(manifestPath, manifest);
    const serverUrl = process.env.VE_LENS_E2E_POSTGRES_URL;
    if (serverUrl) postgres = await createTestDatabase(serverUrl, "e2e");
    ponder = await startPonder({
      manifestPath,
      ...(postgres ? { env: { DATABASE_URL: postgres.url } } : { databaseDir: join(dir, "pglite") }),
      onLog: (line) => {
        if (/\[api\] .* failed/.test(line)) apiErrors.push(line);
      },
    });
    await ponder.waitReady(300_000);
    await ponder.waitForBlock(manifest.headBlock, 120_000);
    return { url: ponder.url, database: postgres ? "postgres" : "pglite", manifest, anvil, ponder, apiErrors, stop };
  } catch (error) {
    const tail = ponder?.logTail(60);
    await stop();
    if (tail) (error as Error).message += `\n--- ponder log ---\n${tail}`;
    throw error;
  }
}

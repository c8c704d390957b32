/**
 * Global setup of the `e2e-postgres` vitest project: one throwaway PostgreSQL cluster for the
 * run (initdb + pg_ctl from Debian's `postgresql` package, see devnet/postgres.ts), whose URL
 * reaches the test files as `VE_LENS_E2E_POSTGRES_URL`. Each test world then creates a database
 * of its own on it (test/e2e/apiWorld.ts). Without the server binaries the project fails with a
 * message naming the package; it never falls back to PGlite.
 */
import { postgresBinDir, startLocalCluster } from "../../devnet/postgres";

export default async function setup(): Promise<() => Promise<void>> {
  if (!postgresBinDir()) {
    throw new Error(
      "the e2e-postgres tests need the PostgreSQL server binaries (initdb, pg_ctl): `apt-get install postgresql` " +
        "(.ci/run does this), or run `npx vitest run --project unit --project e2e` to skip them",
    );
  }
  const cluster = await startLocalCluster();
  process.env.VE_LENS_E2E_POSTGRES_URL = cluster.url;
  return async () => {
    await cluster.stop();
  };
}

/**
 * `npm run check:index -- --schema <name> [--pglite <dir>]`: the index self-checks
 * (src/health/integrity.ts) on a PostgreSQL schema (`DATABASE_URL`) or a PGlite directory that
 * no indexer has open. Prints one line per failed invariant; exit code 0 when all hold, 1 when
 * one fails, 2 on bad arguments. Run it after a host crash, before restarting the indexer.
 */
import { checkPgliteIndex, checkPostgresIndex } from "./indexCheck";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const schema = arg("schema") ?? process.env.DATABASE_SCHEMA;
  const pglite = arg("pglite");
  const url = process.env.DATABASE_URL;
  if (!schema || (!pglite && !url)) {
    process.stderr.write("usage: npm run check:index -- --schema <name> [--pglite <dir>]  (PostgreSQL: set DATABASE_URL)\n");
    return 2;
  }
  const failures = pglite ? await checkPgliteIndex(pglite, schema) : await checkPostgresIndex(url!, schema);
  for (const f of failures) process.stdout.write(`FAILED ${f}\n`);
  process.stdout.write(failures.length === 0 ? `ve-lens: schema ${schema}: every self-check holds\n` : `ve-lens: schema ${schema}: ${failures.length} self-check(s) failed: rebuild the index\n`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ve-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);

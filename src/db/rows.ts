/**
 * The rows of a plain SQL read (`db.execute(sql`...`)`), whichever driver ran it: node-postgres
 * and PGlite answer `{ rows }`, other drizzle drivers the array itself.
 *
 * @example
 * const rows = rowsOf<{ n: string }>(await db.execute(sql`SELECT count(*)::text AS n FROM lock`));
 */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}

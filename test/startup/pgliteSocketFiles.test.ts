/**
 * src/startup/pgliteSocketFiles.ts on a real PGlite with a data directory on the disk: once
 * wrapped, the protocol files are never written to the data directory but to the in-memory
 * file system, statements answer the same, and the tables written meanwhile are on the disk
 * (a new PGlite over the same directory reads them).
 */
import { PGlite } from "@electric-sql/pglite";
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installPgliteSocketFilesInMemory, redirectSocketFiles } from "../../src/startup/pgliteSocketFiles";

/** A subclass, so that the wrap stays off PGlite's own prototype (the control uses PGlite itself). */
class InMemorySocketPGlite extends PGlite {}
installPgliteSocketFilesInMemory(InMemorySocketPGlite);

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-socket-files-"));
  dirs.push(dir);
  return dir;
};
const socketFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith(".s.PGSQL."));
const LONG_AGO = new Date("2001-01-01T00:00:00Z");

/**
 * Opens `db`, dates the protocol files its start-up left on the disk back to LONG_AGO, runs a few
 * statements, closes it; returns their answers, the protocol files on the disk (with their
 * modification times: PostgreSQL truncates the file it uses for every message, which stamps it)
 * and in memory.
 */
async function run(db: PGlite, dir: string): Promise<{ answers: unknown[]; disk: { name: string; modified: Date }[]; memory: string[] }> {
  await db.waitReady;
  await db.query("select 1");
  for (const f of socketFiles(dir)) utimesSync(join(dir, f), LONG_AGO, LONG_AGO);
  await db.exec("create table t (a int, b text); insert into t select g, md5(g::text) from generate_series(1, 500) g");
  const answers: unknown[] = [];
  for (const limit of [1, 250, 500]) answers.push((await db.query("select count(*)::int as n, sum(a)::int as s, max(b) as m from t where a <= $1", [limit])).rows[0]);
  const memory = ((db as unknown as { mod: { FS: { readdir(p: string): string[] } } }).mod.FS.readdir("/tmp/pglite")).filter((f) => f.startsWith(".s.PGSQL."));
  const disk = socketFiles(dir).map((name) => ({ name, modified: statSync(join(dir, name)).mtime }));
  await db.close();
  return { answers, disk, memory };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("installPgliteSocketFilesInMemory", () => {
  it("writes PGlite's protocol files in memory instead of the data directory, with the same answers and the tables on the disk", async () => {
    const plainDir = tempDir();
    const plain = await run(new PGlite(plainDir), plainDir);
    // the control: every message goes through the file in the data directory
    expect(plain.disk).toEqual([{ name: ".s.PGSQL.5432.out", modified: expect.any(Date) }]);
    expect(plain.disk[0]!.modified.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect(plain.memory).toEqual([]);

    const wrappedDir = tempDir();
    const wrapped = await run(new InMemorySocketPGlite(wrappedDir), wrappedDir);
    // PGlite's start-up statements already go through the wrap: no protocol file on the disk at all
    expect(wrapped.disk).toEqual([]);
    expect(wrapped.memory).toEqual([".s.PGSQL.5432.out"]);

    expect(wrapped.answers).toEqual(plain.answers);
    expect(wrapped.answers).toEqual([
      { n: 1, s: 1, m: "c4ca4238a0b923820dcc509a6f75849b" },
      { n: 250, s: 31375, m: expect.any(String) },
      { n: 500, s: 125250, m: expect.any(String) },
    ]);

    // what was written through the wrapped instance is on the disk
    const reopened = new PGlite(wrappedDir);
    expect((await reopened.query("select count(*)::int as n, sum(a)::int as s from t")).rows).toEqual([{ n: 500, s: 125250 }]);
    await reopened.close();
  });

  it("leaves an unexpected file system alone and redirects a file system once", () => {
    expect(redirectSocketFiles(undefined)).toBe(false);
    expect(redirectSocketFiles({} as never)).toBe(false);
    const asked: string[] = [];
    const fs = { lookupPath: (path: string) => asked.push(path) };
    expect(redirectSocketFiles(fs)).toBe(true);
    expect(redirectSocketFiles(fs)).toBe(true); // not wrapped twice
    fs.lookupPath("/tmp/pglite/base/.s.PGSQL.5432.lock.out");
    fs.lookupPath("/tmp/pglite/base/base/1/1259");
    expect(asked).toEqual(["/tmp/pglite/.s.PGSQL.5432.lock.out", "/tmp/pglite/base/base/1/1259"]);
  });
});

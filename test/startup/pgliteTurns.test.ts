/**
 * src/startup/pgliteTurns.ts on a real PGlite: a transaction of back-to-back statements lets
 * other callbacks run in between once the wrap is installed (and does not without it), with
 * the same results, and a query sent meanwhile still waits for the transaction to end.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPgliteTurns } from "../../src/startup/pgliteTurns";

/** A subclass, so that the wrap stays off PGlite's own prototype (the control below uses it). */
class TurnTakingPGlite extends PGlite {}

const STATEMENTS = 12;
const SQL = "select count(*)::int as n from generate_series(1, 40000)";

/**
 * Counts the turns the event loop gets from now on (a callback rescheduled with setImmediate),
 * starting on a fresh turn; `turns()` reads the count, `stop()` ends it.
 */
async function turnCounter(): Promise<{ turns(): number; stop(): void }> {
  let turns = 0;
  let counting = true;
  const tick = () => {
    if (!counting) return;
    turns += 1;
    setImmediate(tick);
  };
  await new Promise<void>((resolve) => setImmediate(resolve));
  setImmediate(tick);
  return { turns: () => turns, stop: () => (counting = false) };
}

/**
 * Runs STATEMENTS statements one after the other in one transaction; returns, per statement,
 * the number of turns the event loop got before it started, and the results.
 */
async function turnsDuring(db: PGlite): Promise<{ turnsBefore: number[]; counts: number[] }> {
  await db.query("select 1"); // warm: the first statement compiles the plan cache
  const turnsBefore: number[] = [];
  const counts: number[] = [];
  const counter = await turnCounter();
  await db.transaction(async (tx) => {
    for (let i = 0; i < STATEMENTS; i++) {
      turnsBefore.push(counter.turns());
      counts.push((await tx.query<{ n: number }>(SQL)).rows[0]!.n);
    }
  });
  counter.stop();
  return { turnsBefore, counts };
}

describe("installPgliteTurns", () => {
  let plain: PGlite;
  let turning: PGlite;
  let stats: ReturnType<typeof installPgliteTurns>;

  beforeAll(async () => {
    stats = installPgliteTurns(TurnTakingPGlite, 1);
    plain = new PGlite();
    turning = new TurnTakingPGlite();
    await Promise.all([plain.waitReady, turning.waitReady]);
  });

  afterAll(async () => {
    await Promise.all([plain?.close(), turning?.close()]);
  });

  it("without it, a chain of statements gives the event loop no turn until it ends", async () => {
    const { turnsBefore, counts } = await turnsDuring(plain);
    expect(counts).toEqual(Array(STATEMENTS).fill(40_000));
    expect(turnsBefore.at(-1)).toBe(0);
  });

  it("with it, the event loop gets turns between the statements, and the results are the same", async () => {
    const yieldsBefore = stats.yields;
    const { turnsBefore, counts } = await turnsDuring(turning);
    expect(counts).toEqual(Array(STATEMENTS).fill(40_000));
    // every statement takes over 1 ms, so from the second one on each waits for a turn
    expect(turnsBefore.at(-1)).toBeGreaterThanOrEqual(STATEMENTS - 2);
    expect(stats.yields - yieldsBefore).toBeGreaterThanOrEqual(STATEMENTS - 2);
  });

  it("a query sent while a transaction yields still waits for the transaction's end", async () => {
    await turning.exec("create table t (x int)");
    const order: string[] = [];
    let outside: Promise<number> | undefined;
    await turning.transaction(async (tx) => {
      await tx.query("insert into t values (1)");
      // sent from another callback while the transaction is open
      setImmediate(() => {
        outside = turning.query<{ n: number }>("select count(*)::int as n from t").then((r) => {
          order.push("outside query");
          return r.rows[0]!.n;
        });
      });
      for (let i = 0; i < 4; i++) await tx.query(SQL);
      await tx.query("insert into t values (2)");
      order.push("transaction body done");
    });
    expect(outside).toBeDefined();
    expect(await outside).toBe(2);
    expect(order).toEqual(["transaction body done", "outside query"]);
  });

  it("with a slice of 0, every statement but the first of a turn waits for a turn, however short", async () => {
    class EveryTurnPGlite extends PGlite {}
    const everyTurn = installPgliteTurns(EveryTurnPGlite, 0);
    const db = new EveryTurnPGlite();
    try {
      await db.waitReady;
      await db.query("select 1");
      const yieldsBefore = everyTurn.yields;
      const counter = await turnCounter();
      const answers: number[] = [];
      for (let i = 0; i < STATEMENTS; i++) answers.push((await db.query<{ n: number }>("select $1::int as n", [i])).rows[0]!.n);
      counter.stop();
      expect(answers).toEqual([...Array(STATEMENTS).keys()]);
      expect(everyTurn.yields - yieldsBefore).toBeGreaterThanOrEqual(STATEMENTS - 1);
      expect(counter.turns()).toBeGreaterThanOrEqual(STATEMENTS - 1);
    } finally {
      await db.close();
    }
  });

  it("is installed once per class and refuses a negative slice", () => {
    expect(installPgliteTurns(TurnTakingPGlite, 50)).toBe(stats);
    class Other extends PGlite {}
    expect(() => installPgliteTurns(Other, -1)).toThrow(RangeError);
    expect(() => installPgliteTurns(Other, Number.NaN)).toThrow(RangeError);
  });
});

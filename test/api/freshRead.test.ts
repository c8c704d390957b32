import { describe, expect, it } from "vitest";
import { Rng } from "../../devnet/rng";
import { freshRead } from "../../src/api/freshRead";

/** A source whose reads the test settles by hand: each read returns the state when it began. */
function source() {
  let state = 0;
  let running = 0;
  let mostAtOnce = 0;
  const pending: { settle: () => void; fail: (e: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const seen = state;
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      pending.push({
        settle: () => {
          running--;
          resolve(seen);
        },
        fail: (e) => {
          running--;
          reject(e);
        },
      });
    });
  return {
    read,
    /** Reads begun. */
    reads: () => pending.length,
    /** Reads begun and not settled. */
    open: () => running,
    mostAtOnce: () => mostAtOnce,
    set: (s: number) => void (state = s),
    /** Settles the oldest read still open, and lets the callers' continuations run. */
    async settle(error?: Error) {
      const open = pending.find((p) => p.settle !== noop);
      if (!open) throw new Error("no read is open");
      const { settle, fail } = open;
      open.settle = noop;
      if (error) fail(error);
      else settle();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}
const noop = () => {};

describe("freshRead", () => {
  it("shares one read among the callers that ask before it begins, and never answers with one begun before the call", async () => {
    const s = source();
    const current = freshRead(s.read);
    s.set(1);
    const a = current();
    s.set(2); // after a's read began: b must not get a's
    const b = current();
    const c = current();
    expect(s.reads()).toBe(1);
    await s.settle();
    expect(await a).toBe(1);
    expect(s.reads()).toBe(2); // b and c's read began once a's ended
    await s.settle();
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    expect(s.mostAtOnce()).toBe(1);
  });

  it("gives a failed read's error to its callers only; the next caller reads again", async () => {
    const s = source();
    const current = freshRead(s.read);
    const a = current();
    const b = current();
    const failed = expect(a).rejects.toThrow("connection lost");
    await s.settle(new Error("connection lost"));
    await failed;
    await s.settle();
    expect(await b).toBe(0);
    s.set(7);
    const c = current();
    await s.settle();
    expect(await c).toBe(7);
    expect(s.reads()).toBe(3);
  });

  it("over a random schedule, each answer is the state at a moment between the call and the answer", async () => {
    const rng = new Rng(11, "freshRead");
    const s = source();
    const current = freshRead(s.read);
    let state = 0;
    const calls: { at: number; answer?: number; done: boolean }[] = [];
    for (let step = 0; step < 2_000; step++) {
      const r = rng.float();
      if (r < 0.3) s.set(++state);
      else if (r < 0.7) {
        const call: (typeof calls)[number] = { at: state, done: false };
        calls.push(call);
        void current().then((v) => {
          call.answer = v;
          call.done = true;
        });
      } else if (s.open() > 0) {
        await s.settle();
      }
    }
    // drain
    while (calls.some((c) => !c.done)) await s.settle();
    expect(calls.length).toBeGreaterThan(500);
    for (const call of calls) expect(call.answer!).toBeGreaterThanOrEqual(call.at);
    expect(s.mostAtOnce()).toBe(1);
    // shared: far fewer reads than calls
    expect(s.reads()).toBeLessThan(calls.length);
  });
});

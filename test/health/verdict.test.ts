import { describe, expect, it } from "vitest";
import { type HealthRules, type HealthState, type Observation, initialHealth, observe } from "../../src/health/verdict";

const rules: HealthRules = { confirmations: 2, aheadGraceMs: 5_000, stallMs: 60_000, maxLagBlocks: 100 };

/** Runs observations in order and returns every state. */
function run(observations: Observation[]): HealthState[] {
  const states: HealthState[] = [];
  let s = initialHealth();
  for (const o of observations) {
    s = observe(s, o, rules);
    states.push(s);
  }
  return states;
}

const final = (chainHash: string | null | undefined) => ({ number: 90, storedHash: "0xaa", chainHash });

describe("observe", () => {
  it("stays healthy while the index follows the chain, including quiet stretches and a lag within the limit", () => {
    const states = run([
      { at: 0, indexedBlock: 100, head: 100, finalized: final("0xaa") },
      { at: 2_000, indexedBlock: 100, head: 101, finalized: final("0xaa") },
      { at: 200_000, indexedBlock: 100, head: 200, finalized: final("0xaa") }, // 100 behind: not more than the limit
      { at: 210_000, indexedBlock: 205, head: 205, finalized: final("0xaa") },
    ]);
    expect(states.map((s) => s.status)).toEqual(["healthy", "healthy", "healthy", "healthy"]);
  });

  it("a replaced final block is unhealthy on the second observation in a row, not the first", () => {
    const states = run([
      { at: 0, indexedBlock: 100, head: 100, finalized: final("0xbb") },
      { at: 1_000, indexedBlock: 100, head: 100, finalized: final("0xbb") },
    ]);
    expect(states[0]!.status).toBe("healthy");
    expect(states[1]).toMatchObject({ status: "unhealthy", reason: "finalized-block-replaced", since: 1_000 });
    expect((states[1] as { detail: string }).detail).toContain("block 90 was indexed as final with hash 0xaa, the chain now has 0xbb");
  });

  it("a final block that the chain no longer has counts as replaced", () => {
    const states = run([
      { at: 0, indexedBlock: 100, head: 60, finalized: final(null) },
      { at: 1_000, indexedBlock: 100, head: 60, finalized: final(null) },
    ]);
    expect(states[1]).toMatchObject({ status: "unhealthy", reason: "finalized-block-replaced" });
    expect((states[1] as { detail: string }).detail).toContain("no such block");
  });

  it("one mismatch between matches (a lagging RPC node) is forgiven", () => {
    const states = run([
      { at: 0, indexedBlock: 100, head: 100, finalized: final("0xbb") },
      { at: 1_000, indexedBlock: 100, head: 100, finalized: final("0xaa") },
      { at: 2_000, indexedBlock: 100, head: 100, finalized: final("0xbb") },
    ]);
    expect(states.every((s) => s.status === "healthy")).toBe(true);
  });

  it("failed chain reads are no symptom: an RPC that never answers leaves it healthy", () => {
    const states = run(
      Array.from({ length: 200 }, (_, i) => ({ at: i * 2_000, indexedBlock: 100, head: undefined, finalized: final(undefined) })),
    );
    expect(states.at(-1)!.status).toBe("healthy");
  });

  it("ahead of the chain's head: unhealthy once it lasted the grace period", () => {
    const states = run([
      { at: 0, indexedBlock: 120, head: 80 },
      { at: 4_999, indexedBlock: 120, head: 83 },
      { at: 5_000, indexedBlock: 120, head: 83 },
    ]);
    expect(states.map((s) => s.status)).toEqual(["healthy", "healthy", "unhealthy"]);
    expect(states[2]).toMatchObject({ reason: "ahead-of-chain" });
  });

  it("ahead for a moment (a reorg within finality being replayed) resets the grace period", () => {
    const states = run([
      { at: 0, indexedBlock: 120, head: 119 },
      { at: 3_000, indexedBlock: 120, head: 121 },
      { at: 4_000, indexedBlock: 122, head: 121 },
      { at: 8_000, indexedBlock: 122, head: 121 },
      { at: 9_000, indexedBlock: 122, head: 121 },
    ]);
    expect(states.slice(0, 4).every((s) => s.status === "healthy")).toBe(true);
    expect(states[4]).toMatchObject({ status: "unhealthy", reason: "ahead-of-chain" });
  });

  it("stalled: far behind a moving head with no progress for stallMs", () => {
    const states = run([
      { at: 0, indexedBlock: 100, head: 100 },
      { at: 30_000, indexedBlock: 100, head: 180 },
      { at: 59_999, indexedBlock: 100, head: 250 },
      { at: 60_000, indexedBlock: 100, head: 260 },
    ]);
    expect(states.map((s) => s.status)).toEqual(["healthy", "healthy", "healthy", "unhealthy"]);
    expect(states[3]).toMatchObject({ reason: "stalled" });
  });

  it("far behind but moving (a catch-up) is healthy", () => {
    const states = run(Array.from({ length: 100 }, (_, i) => ({ at: i * 10_000, indexedBlock: 100 + i, head: 1_000 + i })));
    expect(states.at(-1)!.status).toBe("healthy");
  });

  it("unhealthy is final", () => {
    let s = initialHealth();
    for (let i = 0; i < 2; i++) s = observe(s, { at: i, indexedBlock: 100, head: 100, finalized: final("0xbb") }, rules);
    const after = observe(s, { at: 10, indexedBlock: 101, head: 101, finalized: final("0xaa") }, rules);
    expect(after).toBe(s);
    expect(after.status).toBe("unhealthy");
  });
});

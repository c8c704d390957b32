import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { unboundedViewRead, viewEpochFilter } from "../../src/api/viewFilter";

const fields = new Set(["epochLockPowers", "epochVotes"]);

/** The filter in front of a handler that answers with the body it received (as Ponder's server would read it). */
function app() {
  const a = new Hono();
  a.use("/ponder/graphql", viewEpochFilter(fields));
  a.post("/ponder/graphql", async (c) => c.json({ passed: await c.req.text() }));
  return a;
}

async function post(query: string, variables?: Record<string, unknown>) {
  const body = JSON.stringify({ query, ...(variables ? { variables } : {}) });
  const res = await app().request("/ponder/graphql", { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: res.status, body: (await res.json()) as { passed?: string; errors?: { message: string; extensions: { code: string; field: string } }[] }, sent: body };
}

describe("viewEpochFilter (/ponder/graphql)", () => {
  it("passes reads of a view filtered to a few epochs, and every other query, with the body intact", async () => {
    const passing: [string, Record<string, unknown>?][] = [
      ['{ epochLockPowers(where: { epoch: 1453 }, orderBy: "owner", limit: 1000) { items { owner power } } }'],
      ['{ epochLockPowers(where: { epoch: 1453, owner: "0xab" }) { totalCount } }'],
      ["{ epochVotes(where: { epoch_in: [1, 2, 3, 4, 5, 6, 7, 8] }) { items { amount } } }"],
      ["query Q($e: Int) { epochVotes(where: { epoch: $e }) { items { amount } } }", { e: 1453 }],
      ["query Q($w: epochVoteFilter) { epochVotes(where: $w) { items { amount } } }", { w: { epoch_in: [1452, 1453] } }],
      ["{ epochs { items { id } } epochMetrics { items { gini } } }"],
      ["{ epochLockPowers(where: { epoch: 1453 }) { totalCount } b: epochVotes(where: { epoch: 1 }) { totalCount } }"],
      ["{ this is not graphql"],
    ];
    for (const [query, variables] of passing) {
      const res = await post(query, variables);
      expect(res.status, query).toBe(200);
      expect(res.body.passed, query).toBe(res.sent);
    }
  });

  it("refuses a view read over every epoch with a 400 naming the field and the way to filter it", async () => {
    const refused: [string, string, Record<string, unknown>?][] = [
      ['{ epochLockPowers(orderBy: "owner", limit: 1000) { items { owner } } }', "epochLockPowers"],
      ["{ epochLockPowers { totalCount } }", "epochLockPowers"],
      ['{ epochVotes(where: { voter: "0xab" }) { items { amount } } }', "epochVotes"],
      ["{ epochVotes(where: { epoch_gt: 3 }) { items { amount } } }", "epochVotes"],
      ["{ epochVotes(where: { epoch_in: [1, 2, 3, 4, 5, 6, 7, 8, 9] }) { items { amount } } }", "epochVotes"],
      ["{ epochVotes(where: { OR: [{ epoch: 1 }, { amount_gt: 0 }] }) { items { amount } } }", "epochVotes"],
      ["{ epochLockPowers(where: { epoch: 1 }) { totalCount } epochVotes { totalCount } }", "epochVotes"],
      ["query Q($e: Int) { epochVotes(where: { epoch: $e }) { items { amount } } }", "epochVotes"],
      ["query Q($w: epochVoteFilter) { epochVotes(where: $w) { items { amount } } }", "epochVotes", { w: { amount_gt: "0" } }],
      ["{ ...F } fragment F on Query { epochLockPowers { totalCount } }", "epochLockPowers"],
    ];
    for (const [query, field, variables] of refused) {
      const res = await post(query, variables);
      expect(res.status, query).toBe(400);
      expect(res.body.errors?.[0]?.extensions, query).toEqual({ code: "VIEW_EPOCH", field });
      expect(res.body.errors?.[0]?.message, query).toMatch(new RegExp(`^${field} is computed per epoch when read and .*: filter it to at most 8 epochs \\(where: \\{ epoch: 1453 \\}`));
    }
  });

  it("says why a filter does not bound the read", () => {
    expect(unboundedViewRead("{ epochVotes { totalCount } }", {}, fields)?.problem).toBe("it has no where filter");
    expect(unboundedViewRead('{ epochVotes(where: { voter: "0x" }) { totalCount } }', {}, fields)?.problem).toBe("its where filter does not name the epoch");
    expect(unboundedViewRead("{ epochVotes(where: { epoch_in: [1,2,3,4,5,6,7,8,9] }) { totalCount } }", {}, fields)?.problem).toBe("epoch_in lists 9 epochs");
    expect(unboundedViewRead("{ epochVotes(where: { epoch: 4 }) { totalCount } }", {}, fields)).toBeUndefined();
  });
});

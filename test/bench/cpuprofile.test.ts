import { describe, expect, it } from "vitest";
import { sampleKind, sourceOf } from "../../bench/cpuprofile";

const PONDER = "file:///app/node_modules/ponder/dist/esm";
const HANDLER = "file:///app/src/indexing/voter.ts";
const FLOOR = "file:///app/bench/floor/src/index.ts";

describe("sampleKind", () => {
  it("classes a sample inside a store call as Ponder's, whether or not a handler is on its stack", () => {
    expect(sampleKind([`${PONDER}/indexing-store/utils.js`, `${PONDER}/indexing-store/index.js`, HANDLER], "normalizeRow")).toBe("Ponder store calls");
    // resumed after Ponder's own await: only its frames
    expect(sampleKind([`${PONDER}/indexing-store/cache.js`, `${PONDER}/indexing-store/index.js`], "get")).toBe("Ponder store calls");
  });
  it("classes the cache's flush outside any store call apart from the calls", () => {
    expect(sampleKind([`${PONDER}/indexing-store/cache.js`, `${PONDER}/runtime/omnichain.js`], "flushTable")).toBe("Ponder cache flush and prefetch");
  });
  it("classes the handlers' own code, ve-lens's or the floor app's, and a library they call", () => {
    expect(sampleKind([HANDLER], "recordVote")).toBe("handlers' own code");
    expect(sampleKind(["file:///app/src/domain/voteTally.ts", HANDLER], "add")).toBe("handlers' own code");
    expect(sampleKind(["file:///app/node_modules/viem/_esm/utils/address.js", FLOOR], "checksum")).toBe("handlers' own code");
  });
  it("classes the rest by the leaf: the garbage collector, idle, and everything else", () => {
    expect(sampleKind([""], "(garbage collector)")).toBe("garbage collector");
    expect(sampleKind([""], "(idle)")).toBe("idle");
    expect(sampleKind([`${PONDER}/sync-historical/index.js`, "file:///app/node_modules/pg/lib/client.js"], "query")).toBe("other (sync, RPC, database driver, build)");
    // a package's own `src/` folder is not ve-lens's
    expect(sampleKind(["file:///app/node_modules/hono/src/hono.ts"], "fetch")).toBe("other (sync, RPC, database driver, build)");
  });
});

describe("sourceOf", () => {
  it("names a package, ve-lens's folder, Node core and native frames", () => {
    expect(sourceOf(`${PONDER}/indexing-store/index.js`)).toBe("ponder");
    expect(sourceOf("file:///app/node_modules/@noble/hashes/esm/sha3.js")).toBe("@noble/hashes");
    expect(sourceOf(HANDLER)).toBe("ve-lens src/indexing");
    expect(sourceOf("node:internal/streams/writable")).toBe("node core");
    expect(sourceOf("")).toBe("(native, GC, idle)");
  });
});

import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STATE_LOAD_MEMORY_FACTOR, assertStateLoadable } from "../../../devnet/harness/chain";

describe("assertStateLoadable", () => {
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-state-"));
  const state = join(dir, "anvil-state.json");
  writeFileSync(state, "");
  truncateSync(state, 6 * 2 ** 30); // sparse: a 6 GiB dump without the disk it would take
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a dump whose load needs more than the machine's memory, naming both", () => {
    expect(STATE_LOAD_MEMORY_FACTOR).toBe(4);
    expect(() => assertStateLoadable(state, 23.5 * 2 ** 30)).toThrow(/is 6\.0 GiB: anvil needs about 24\.0 GiB to load it \(4x\), more than this machine's 23\.5 GiB/);
  });

  it("lets a dump through when four times its size fits", () => {
    expect(() => assertStateLoadable(state, 24 * 2 ** 30)).not.toThrow();
    expect(() => assertStateLoadable(state, 64 * 2 ** 30)).not.toThrow();
  });
});

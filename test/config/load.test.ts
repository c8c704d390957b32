import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/profile";
import { loadProfile } from "../../src/config/load";

const dir = mkdtempSync(join(tmpdir(), "ve-lens-profile-"));

describe("loadProfile", () => {
  it("rejects an unknown profile by name", () => {
    expect(() => loadProfile({ VE_LENS_PROFILE: "mainnet" })).toThrow(/VE_LENS_PROFILE: expected "devnet" or "bsc"/);
  });

  it("devnet: a missing or invalid manifest stops with VE_LENS_MANIFEST in the message", () => {
    expect(() => loadProfile({ VE_LENS_MANIFEST: join(dir, "nope.json") })).toThrow(ConfigError);
    expect(() => loadProfile({ VE_LENS_MANIFEST: join(dir, "nope.json") })).toThrow(/VE_LENS_MANIFEST/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ rpcUrl: "http://127.0.0.1:1" }));
    expect(() => loadProfile({ VE_LENS_MANIFEST: bad })).toThrow(/VE_LENS_MANIFEST: .*chainId/);
  });

  it("bsc: reads the VE_LENS_CONFIG file and the env", () => {
    const file = join(dir, "bsc.json");
    writeFileSync(file, JSON.stringify({ startBlock: 123, exchanges: ["0x00000000000000000000000000000000000000Ee"] }));
    const p = loadProfile({ VE_LENS_PROFILE: "bsc", VE_LENS_CONFIG: file, PONDER_RPC_URL_56: "https://bsc.example" });
    expect(p.startBlock).toBe(123);
    expect(p.exchanges).toEqual(["0x00000000000000000000000000000000000000ee"]);
    expect(() => loadProfile({ VE_LENS_PROFILE: "bsc", VE_LENS_CONFIG: join(dir, "missing.json"), PONDER_RPC_URL_56: "https://x" })).toThrow(
      /VE_LENS_CONFIG: cannot read JSON file/,
    );
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Manifest, ManifestError, encodeManifest, parseManifest, readManifest, writeManifest } from "../../src/config/manifest";

const addr = `0x${"11".repeat(20)}` as const;
const hash = `0x${"22".repeat(32)}` as const;
const ref = { address: addr, startBlock: 1 };
const manifest: Manifest = {
  rpcUrl: "http://127.0.0.1:8545",
  chainId: 31337,
  genesisHash: hash,
  scenario: "small",
  seed: 1,
  scenarioHash: hash,
  headBlock: 10,
  contracts: {
    BRToken: ref,
    VotingEscrow: ref,
    Lock: ref,
    ExitQueue: ref,
    EscrowCurve: ref,
    Clock: ref,
    SimpleGaugeVoter: ref,
    MockBTC: ref,
  },
  vestingWallets: [
    { name: "team", address: addr, beneficiary: addr, startBlock: 1, start: 5, cliff: 6, duration: 7, tgeBps: 100, total: 10n ** 27n },
  ],
  vaults: [{ name: "brBTC Core", address: addr, startBlock: 2, gauge: addr }],
  gauges: [{ address: addr, name: "brBTC Core", metadataURI: "ipfs://x", kind: "vault" }],
  exchanges: [addr],
  seasonStarts: [1753920000],
  seasons: [{ index: 1, start: 1753920000, block: 9 }],
  curve: { C: 10n ** 18n, L: 964_506_172_839n, Q: 0n, maxEpochs: 6, warmup: 259200 },
  exitQueue: { minLock: 2419200, cooldown: 1209600, feeBps: 50 },
};

const dir = await mkdtemp(join(tmpdir(), "ve-lens-manifest-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("manifest", () => {
  it("round-trips through JSON with bigints as decimal strings", async () => {
    const path = join(dir, "sub", "devnet.json");
    await writeManifest(path, manifest);
    const json = JSON.parse(await readFile(path, "utf8"));
    expect(json.vestingWallets[0].total).toBe("1000000000000000000000000000");
    expect(json.curve).toEqual({ C: "1000000000000000000", L: "964506172839", Q: "0", maxEpochs: 6, warmup: 259200 });
    expect(await readManifest(path)).toEqual(manifest);
  });

  it("names the bad field", async () => {
    const json = JSON.parse(JSON.stringify(encodeManifest({ ...manifest, vestingWallets: [] })));
    json.contracts.Lock.address = "0x12";
    expect(() => parseManifest(json)).toThrow(/contracts\.Lock\.address/);
    const path = join(dir, "bad.json");
    await writeFile(path, JSON.stringify({ ...json, contracts: manifest.contracts, headBlock: -1 }));
    await expect(readManifest(path)).rejects.toThrow(/headBlock/);
    await expect(readManifest(join(dir, "missing.json"))).rejects.toBeInstanceOf(ManifestError);
    json.contracts.Lock.address = addr;
    json.vestingWallets = [{ ...manifest.vestingWallets[0], total: 5 }];
    expect(() => parseManifest(json)).toThrow(/vestingWallets\.0\.total/);
    json.vestingWallets = [];
    json.seasons = [{ index: 0, start: 1, block: 1 }];
    expect(() => parseManifest(json)).toThrow(/seasons\.0\.index/);
  });
});

import { describe, expect, it } from "vitest";
import {
  BEDROCK_BSC,
  ConfigError,
  type ManifestLike,
  assertResolved,
  labelOf,
  labelledAddresses,
  profileFingerprint,
  profileFromBscSettings,
  profileFromManifest,
  withCompanions,
} from "../../src/config/profile";

const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const A = (n: number) => `0x${n.toString(16).padStart(40, "0").toUpperCase()}`;

function manifest(): ManifestLike {
  const ref = (n: number, startBlock = 1) => ({ address: A(n), startBlock });
  return {
    rpcUrl: "http://127.0.0.1:8545",
    chainId: 31337,
    contracts: {
      BRToken: ref(1, 1),
      VotingEscrow: ref(2, 2),
      Lock: ref(3, 3),
      ExitQueue: ref(4, 3),
      EscrowCurve: ref(5, 3),
      Clock: ref(6, 3),
      SimpleGaugeVoter: ref(7, 4),
      MockBTC: ref(8, 5),
    },
    vestingWallets: [
      { name: "team", address: A(20), beneficiary: a(21), startBlock: 6, start: 1000, cliff: 10, duration: 100, tgeBps: 500 },
    ],
    vaults: [{ name: "brBTC Core", address: A(30), startBlock: 7, gauge: A(30) }],
    exchanges: [A(40)],
  };
}

describe("profileFromManifest", () => {
  it("builds the devnet profile: lowercase addresses, bigint rules, RPC listed 20 times", () => {
    const p = profileFromManifest(manifest());
    expect(p.name).toBe("devnet");
    expect(p.chainId).toBe(31337);
    expect(p.rpc).toHaveLength(20);
    expect(new Set(p.rpc)).toEqual(new Set(["http://127.0.0.1:8545"]));
    expect(p.pollingInterval).toBe(100);
    expect(p.epochTickInterval).toBe(50);
    expect(p.startBlock).toBe(1);
    expect(p.contracts.Lock).toEqual({ address: a(3), startBlock: 3 });
    expect(p.vaults[0]).toMatchObject({ address: a(30), gauge: a(30), asset: a(8) });
    expect(p.vestingWallets[0]).toMatchObject({ address: a(20), start: 1000n, cliff: 10n, duration: 100n, tgeBps: 500 });
    expect(p.exchanges).toEqual([a(40)]);
    // The curve, warmup and seasons are the chain's: nothing of them comes from the manifest.
    expect(p.curveOverride).toBeNull();
    expect(p.rules).toBeUndefined();
    expect(p.holdingsExcludedLabels).toEqual(["exchange", "vesting", "contract", "burn"]);
  });

  it("reads tick interval, polling and RPC copies from env, rejecting bad values by name", () => {
    const p = profileFromManifest(manifest(), { VE_LENS_EPOCH_TICK_INTERVAL: "7", VE_LENS_POLLING_INTERVAL: "250", VE_LENS_RPC_COPIES: "3" });
    expect([p.epochTickInterval, p.pollingInterval, p.rpc.length]).toEqual([7, 250, 3]);
    expect(() => profileFromManifest(manifest(), { VE_LENS_EPOCH_TICK_INTERVAL: "0" })).toThrow(/VE_LENS_EPOCH_TICK_INTERVAL/);
    expect(() => profileFromManifest(manifest(), { VE_LENS_RPC_COPIES: "x" })).toThrow(ConfigError);
  });

  it("names the missing or malformed field", () => {
    const m = manifest();
    delete m.contracts.Lock;
    expect(() => profileFromManifest(m)).toThrow("manifest.contracts.Lock: missing");
    const bad = manifest();
    bad.vaults[0]!.address = "0x12";
    expect(() => profileFromManifest(bad)).toThrow(/manifest\.vaults\.0\.address/);
  });
});

describe("profileFromBscSettings", () => {
  const env = { PONDER_RPC_URL_56: "https://bsc.example/rpc", VE_LENS_START_BLOCK: "45000000" };

  it("defaults to Bedrock's escrow and BR, with no curve of its own (the chain's is read)", () => {
    const p = profileFromBscSettings({}, env);
    expect(p.chainId).toBe(56);
    expect(p.contracts.VotingEscrow).toEqual({ address: BEDROCK_BSC.escrow, startBlock: 45_000_000 });
    expect(p.contracts.BRToken.address).toBe("0xff7d6a96ae471bbcd7713af9cb1feeb16cf56b41");
    expect(p.contracts.Lock).toBeUndefined();
    expect(p.curveOverride).toBeNull();
    expect(p.epochTickInterval).toBe(1200);
    expect(p.burnAddresses).toEqual(["0x000000000000000000000000000000000000dead"]);
  });

  it("takes vaults, wallets, labels, companions and a curve for a chain that cannot answer from the settings file", () => {
    const p = profileFromBscSettings(
      {
        startBlock: 10,
        contracts: { Lock: { address: A(3) } },
        vaults: [{ name: "v", address: A(30), startBlock: 12 }],
        exchanges: [A(40)],
        curve: { constant: "1000000000000000000", linear: "964506172839", quadratic: 0, maxEpochs: 6, warmup: 259200 },
      },
      { PONDER_RPC_URL_56: "https://a.example, https://b.example" },
    );
    expect(p.rpc).toEqual(["https://a.example", "https://b.example"]);
    expect(p.startBlock).toBe(10);
    expect(p.contracts.Lock).toEqual({ address: a(3), startBlock: 10 });
    expect(p.curveOverride).toEqual({
      curve: { constant: 10n ** 18n, linear: 964_506_172_839n, quadratic: 0n, maxTime: 7_257_600n },
      warmup: 259_200n,
    });
    const full = withCompanions(p, { ExitQueue: a(4) as `0x${string}`, SimpleGaugeVoter: a(7) as `0x${string}`, EscrowCurve: a(5) as `0x${string}`, Clock: a(6) as `0x${string}` });
    expect(() => assertResolved(full)).not.toThrow();
    expect(full.contracts.ExitQueue).toEqual({ address: a(4), startBlock: 10 });
    expect(() => withCompanions(p, {})).toThrow(/contracts\.ExitQueue/);
  });

  it("stops with a message naming a missing or malformed value", () => {
    expect(() => profileFromBscSettings({}, { VE_LENS_START_BLOCK: "1" })).toThrow(/PONDER_RPC_URL_56: required/);
    expect(() => profileFromBscSettings({}, { PONDER_RPC_URL_56: "https://x" })).toThrow(/VE_LENS_START_BLOCK: required/);
    expect(() => profileFromBscSettings({}, { ...env, PONDER_RPC_URL_56: "bsc.example" })).toThrow(/PONDER_RPC_URL_56: not an http/);
    expect(() => profileFromBscSettings({ vaults: [{ name: "v", address: "0xnope", startBlock: 1 }] }, env)).toThrow(
      /VE_LENS_CONFIG\.vaults\.0\.address/,
    );
    expect(() => profileFromBscSettings({ contracts: { Voter: {} } }, env)).toThrow(/VE_LENS_CONFIG\.contracts/);
    expect(() => profileFromBscSettings({}, { ...env, VE_LENS_START_BLOCK: "-3" })).toThrow(/VE_LENS_START_BLOCK/);
    expect(() => profileFromBscSettings({ curve: { constant: 1, linear: 1, quadratic: 0, maxEpochs: 0, warmup: 0 } }, env)).toThrow(
      /VE_LENS_CONFIG\.curve\.maxEpochs/,
    );
    // Season starts are the clock's, not configuration.
    expect(() => profileFromBscSettings({ seasonStarts: [1] }, env)).toThrow(/VE_LENS_CONFIG\.seasonStarts: season starts are no longer configuration/);
  });
});

describe("labelOf and the fingerprint", () => {
  it("labels burn, vesting, exchange and contract addresses", () => {
    const p = profileFromManifest(manifest());
    expect(labelOf("0x000000000000000000000000000000000000dEaD" as `0x${string}`, p)).toBe("burn");
    expect(labelOf(a(20) as `0x${string}`, p)).toBe("vesting");
    expect(labelOf(A(40) as `0x${string}`, p)).toBe("exchange");
    expect(labelOf(a(30) as `0x${string}`, p)).toBe("contract"); // a vault
    expect(labelOf(a(2) as `0x${string}`, p, [a(2) as `0x${string}`])).toBe("contract");
    expect(labelOf(a(99) as `0x${string}`, p)).toBeNull();
  });
  it("lists exactly the addresses labelOf labels, lowercased and once each", () => {
    const p = profileFromManifest(manifest());
    const escrowSide = [a(2), a(3), a(4)] as `0x${string}`[];
    const listed = labelledAddresses(p, escrowSide);
    // the universe: every address the profile or the escrow side names (in either case), plus unlabelled ones
    const universe = [...Array.from({ length: 100 }, (_, i) => a(i)), ...Array.from({ length: 100 }, (_, i) => A(i)), "0x000000000000000000000000000000000000dead"];
    const labelled = new Set(universe.map((x) => x.toLowerCase()).filter((x) => labelOf(x as `0x${string}`, p, escrowSide) !== null));
    expect(new Set(listed)).toEqual(labelled);
    expect(listed.length).toBe(labelled.size);
    expect(listed.every((x) => x === x.toLowerCase())).toBe(true);
    expect(listed).toEqual(expect.arrayContaining(["0x000000000000000000000000000000000000dead", a(20), a(40), a(30), a(2)]));
    expect(listed).not.toContain(a(99));
    // without the escrow side, its addresses are no longer labelled (unless the profile names them)
    expect(labelledAddresses(p)).not.toContain(a(3));
  });
  it("changes when a rule changes", () => {
    const p = profileFromManifest(manifest());
    expect(profileFingerprint(p)).toBe(profileFingerprint(profileFromManifest(manifest())));
    expect(profileFingerprint({ ...p, exchanges: [] })).not.toBe(profileFingerprint(p));
  });
});

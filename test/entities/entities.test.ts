/**
 * Entities: links from hand-made chain records, clustering, labels, and entity-level
 * concentration against numbers worked out by hand.
 */
import { describe, expect, it } from "vitest";
import {
  type CastVote,
  DEFAULT_ENTITY_OPTIONS,
  type DepositRecord,
  type DirectEvidence,
  type FundingTransfer,
  EntityLabelsError,
  UnionFind,
  buildEntities,
  clusterLinks,
  entityUplift,
  groupByEntity,
  parseEntityLabels,
} from "../../src/entities";
import { computeConcentration } from "../../src/metrics";

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const DAY = 86_400;
const T0 = 1450 * 1_209_600;
let tx = 0;
const hash = () => `0x${(++tx).toString(16).padStart(64, "0")}`;
const transfer = (from: string, to: string, ts: number, block: number): FundingTransfer => ({ from, to, value: 10n ** 18n, txHash: hash(), block, timestamp: ts });
const deposit = (owner: string, ts: number, block: number): DepositRecord => ({ owner, txHash: hash(), block, timestamp: ts });
const vote = (voter: string, ts: number, block: number, shares: [string, bigint][]): CastVote[] => {
  const h = hash();
  return shares.map(([gauge, amount]) => ({ voter, gauge, amount, txHash: h, block, timestamp: ts }));
};

const G1 = A(0x9001);
const G2 = A(0x9002);
const DEPLOYER = A(0xd0);
const EXCHANGE = A(0xe0);

describe("union-find", () => {
  it("joins transitively and keeps others apart", () => {
    const uf = new UnionFind();
    uf.union("a", "b");
    uf.union("c", "d");
    uf.union("b", "c");
    uf.find("z");
    expect(uf.find("a")).toBe(uf.find("d"));
    expect(uf.find("z")).not.toBe(uf.find("a"));
    expect(uf.groups().map((g) => g.sort().join("")).sort()).toEqual(["abcd", "z"]);
  });

  it("ignores links below the threshold and links that touch a blocked address", () => {
    const l = (a: string, b: string, confidence: number) => ({ a, b, evidence: { kind: "fundedLock" as const, txHash: "0x1", block: 1, confidence } });
    const c = clusterLinks([l(A(1), A(2), 0.7), l(A(2), A(3), 0.5), l(A(3), EXCHANGE, 0.9), l(EXCHANGE, A(4), 0.9)], 0.6, new Set([EXCHANGE]));
    expect(c.entities.map((e) => e.members)).toEqual([[A(1), A(2)]]);
    expect(c.entities[0]?.id).toBe(`e-${A(1).slice(2)}`);
    expect(c.byAddress.has(A(4))).toBe(false);
  });
});

/**
 * A small world, worked by hand:
 * - the deployer airdrops to 20 addresses (A(100..119)), 3 of which lock: a distributor (fan-out 20 > 12), no links;
 * - an exchange pays out to A(1), A(2), A(3), who lock the next day: exchange, no links;
 * - whale W = A(10) funds A(11) (locks 2 days later: fundedLock), creates a lock for A(12) (lockFor),
 *   and funds A(13), who locks 30 days later (outside the 14-day window) but copy-votes with A(11)
 *   in two epochs (0.4 → 1 − 0.6² = 0.64 ≥ 0.6);
 * - A(14) received a veNFT from A(12) (nftTransfer);
 * - A(20) funds A(21), who locks 20 days later (too late) and copy-votes once (0.4 < 0.6): not merged.
 * - A(1) and A(2) (exchange-funded) copy-vote, but share no funder: not merged.
 */
function world() {
  const transfers: FundingTransfer[] = [];
  const deposits: DepositRecord[] = [];
  const votes: CastVote[] = [];
  const direct: DirectEvidence[] = [];
  for (let i = 0; i < 20; i++) transfers.push(transfer(DEPLOYER, A(100 + i), T0, 1));
  for (let i = 0; i < 3; i++) deposits.push(deposit(A(100 + i), T0 + 600, 2));
  for (const a of [A(1), A(2), A(3)]) {
    transfers.push(transfer(EXCHANGE, a, T0 + DAY, 3));
    deposits.push(deposit(a, T0 + 2 * DAY, 4));
  }
  transfers.push(transfer(DEPLOYER, A(10), T0, 1));
  transfers.push(transfer(A(10), A(11), T0 + DAY, 5));
  deposits.push(deposit(A(11), T0 + 3 * DAY, 6));
  direct.push({ kind: "lockFor", from: A(10), to: A(12), txHash: hash(), block: 7, timestamp: T0 + 3 * DAY });
  deposits.push(deposit(A(12), T0 + 3 * DAY, 7));
  transfers.push(transfer(A(10), A(13), T0 + DAY, 5));
  deposits.push(deposit(A(13), T0 + 31 * DAY, 8));
  direct.push({ kind: "nftTransfer", from: A(12), to: A(14), txHash: hash(), block: 9, timestamp: T0 + 32 * DAY });
  for (const [k, block] of [[3, 10], [4, 11]] as const) {
    const ts = T0 + k * 1_209_600 + 7_200;
    votes.push(...vote(A(11), ts, block, [[G1, 300n], [G2, 700n]]));
    votes.push(...vote(A(13), ts + 600, block, [[G1, 3_000n], [G2, 7_000n]]));
  }
  transfers.push(transfer(A(20), A(21), T0, 12));
  deposits.push(deposit(A(21), T0 + 20 * DAY, 13));
  votes.push(...vote(A(20), T0 + 3 * 1_209_600 + 7_200, 14, [[G1, 5n]]), ...vote(A(21), T0 + 3 * 1_209_600 + 7_300, 14, [[G1, 9n]]));
  const t = T0 + 5 * 1_209_600;
  votes.push(...vote(A(1), t, 15, [[G2, 1n]]), ...vote(A(2), t, 15, [[G2, 4n]]));
  votes.push(...vote(A(1), t + 1_209_600, 16, [[G2, 1n]]), ...vote(A(2), t + 1_209_600, 16, [[G2, 4n]]));
  return { transfers, deposits, votes, direct, exchanges: new Set([EXCHANGE]) };
}

describe("buildEntities on a hand-worked world", () => {
  const result = buildEntities(world());

  it("finds exactly the whale's entity, with the evidence of every link", () => {
    expect(result.entities.map((e) => e.members)).toEqual([[A(10), A(11), A(12), A(13), A(14)]]);
    const e = result.entities[0]!;
    const kinds = e.links.map((l) => `${l.evidence.kind}:${l.a.slice(-2)}-${l.b.slice(-2)}`).sort();
    expect(kinds).toEqual(["copyVote:0b-0d", "fundedLock:0a-0b", "lockFor:0a-0c", "nftTransfer:0c-0e"]);
    const copy = e.links.find((l) => l.evidence.kind === "copyVote")!;
    expect(copy.evidence.confidence).toBeCloseTo(0.64, 10);
    expect(copy.evidence.block).toBe(11);
  });

  it("blocks the exchange and the deployer (a distributor), never merging through them", () => {
    expect(result.blocked.has(EXCHANGE)).toBe(true);
    expect(result.blocked.has(DEPLOYER)).toBe(true);
    for (const a of [A(1), A(2), A(3), A(100), A(101), A(20), A(21)]) expect(result.byAddress.has(a)).toBe(false);
  });

  it("a single coincidence stays below the threshold, a second epoch lifts it over", () => {
    const once = buildEntities({ ...world(), votes: world().votes.filter((v) => v.block !== 11) });
    expect(once.byAddress.get(A(13))).toBeUndefined();
    expect(once.byAddress.get(A(11))?.members).toEqual([A(10), A(11), A(12), A(14)]);
  });

  it("labels: a known entity joins addresses, a labelled exchange is never merged through", () => {
    const labels = parseEntityLabels({ entities: [{ name: "Acme", addresses: [A(20), A(21).toUpperCase().replace("0X", "0x")] }], exchanges: [{ name: "Desk", address: A(10) }] });
    const r = buildEntities({ ...world(), labels });
    const acme = r.byAddress.get(A(20));
    expect(acme?.name).toBe("Acme");
    expect(acme?.members).toEqual([A(20), A(21)]);
    // A(10) is now an exchange: its lockFor and funding links are dropped; A(11)–A(13) still copy-vote (no common funder left).
    expect(r.byAddress.get(A(11))).toBeUndefined();
    expect(r.byAddress.get(A(12))?.members).toEqual([A(12), A(14)]);
  });

  it("refuses malformed labels with the offending path", () => {
    expect(() => parseEntityLabels({ entities: [{ name: "x", addresses: ["0x12"] }] })).toThrow(EntityLabelsError);
    expect(() => parseEntityLabels({ entities: [{ name: "x", addresses: ["0x12"] }] })).toThrow(/entities\.0\.addresses\.0/);
    expect(() => parseEntityLabels({ exchanges: [{ name: "E", address: A(1) }], entities: [{ name: "x", addresses: [A(1)] }] })).toThrow(/labelled an exchange/);
    expect(() => parseEntityLabels({ other: 1 })).toThrow(EntityLabelsError);
  });
});

describe("entity-level concentration, worked by hand", () => {
  // Addresses: 0xa 30, 0xb 25, 0xc 20, 0xd 15, 0xe 10 (total 100). Entities: {b, d, e} = 50, {a} 30, {c} 20.
  const rows = [
    { owner: "0xa", amount: 30n },
    { owner: "0xb", amount: 25n },
    { owner: "0xc", amount: 20n },
    { owner: "0xd", amount: 15n },
    { owner: "0xe", amount: 10n },
  ];
  const keyOf = (o: string) => (["0xb", "0xd", "0xe"].includes(o) ? "e-b" : undefined);

  it("groups amounts", () => {
    expect(groupByEntity(rows, keyOf).sort((x, y) => x.owner.localeCompare(y.owner))).toEqual([
      { owner: "0xa", amount: 30n },
      { owner: "0xc", amount: 20n },
      { owner: "e-b", amount: 50n },
    ]);
  });

  it("Nakamoto, top-1 and Gini by address and by entity", () => {
    const u = entityUplift(rows, keyOf);
    // by address: 30 + 25 = 55 > 50 → Nakamoto 2; top-1 0.30;
    // Gini = Σ|xi − xj| / (2 n² mean) = 200 / (2·25·20) = 0.2
    expect(u.address).toEqual({ n: 5, nakamoto50: 2, top1Share: 0.3, gini: 0.2 });
    // by entity: 50, 30, 20: 50 is not > 50 → Nakamoto 2; top-1 0.5;
    // Gini = (2·20 + 2·30 + 2·10) / (2·9·(100/3)) = 120 / 600 = 0.2
    expect(u.entity.n).toBe(3);
    expect(u.entity.nakamoto50).toBe(2);
    expect(u.entity.top1Share).toBe(0.5);
    expect(u.entity.gini).toBeCloseTo(0.2, 12);
    expect(u.top1Uplift).toBeCloseTo(0.2, 12);
    expect(u.nakamotoDrop).toBe(0);
    // one more address in the entity: 60 > 50 → Nakamoto 1
    const u2 = entityUplift(rows, (o) => (o === "0xa" ? undefined : "e-b"));
    expect(u2.entity.nakamoto50).toBe(1);
    expect(u2.nakamotoDrop).toBe(1);
    expect(u2.entity).toMatchObject({ n: 2, top1Share: 0.7 });
    expect(computeConcentration([70n, 30n]).gini).toBeCloseTo(0.2, 12);
  });

  it("the default options are the documented ones", () => {
    expect(DEFAULT_ENTITY_OPTIONS.threshold).toBe(0.6);
    expect(DEFAULT_ENTITY_OPTIONS.maxFanOut).toBe(12);
  });
});

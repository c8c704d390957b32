/**
 * src/alerts/rules.ts: each rule type's whole alert (title, message, details, value, threshold,
 * subject, timestamps) on a small input, with every text written out by hand: plural and
 * singular, scope labels, percentages below and above 10 %, shortened addresses, grouped BR and
 * BTC amounts; and the edges where a rule stops firing.
 */
import { describe, expect, it } from "vitest";
import { type AlertsConfigJson, parseAlertsConfig } from "../../src/alerts/config";
import { evaluateAlerts } from "../../src/alerts/rules";
import type { AlertInput } from "../../src/alerts/types";
import { epochRow, input, metricRow, vaultRow, vestingRow, voteRow } from "./fixtures";

const G = "0x1234567890abcdef1234567890abcdef12345678";
const G2 = "0x9999999999999999999999999999999999999999";
const A = "0x00000000000000000000000000000000000000a1";
const B = "0x00000000000000000000000000000000000000b2";
const VAULT = "0x00000000000000000000000000000000000000c3";
const E18 = 10n ** 18n;
/** windowEnd of epoch 10 in the fixtures: 10 × 1,209,600 + 604,800 − 3,600. */
const TS10 = 12_697_200;

function run(rule: AlertsConfigJson["rules"][number], data: AlertInput) {
  return evaluateAlerts(data, parseAlertsConfig({ rules: [rule] }));
}

/** The alert's fields other than its id (a hash, tested in rules.test.ts). */
function withoutId(alerts: ReturnType<typeof run>) {
  return alerts.map(({ id, ...rest }) => {
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    return rest;
  });
}

const epochs = [epochRow(9), epochRow(10)];

/** The fields of a default-severity alert about finalized epoch 10 of season 1. */
function finalAt10(rule: string, type: string, subject = "") {
  return { rule, type, severity: "warning", epoch: 10, season: 1, ts: TS10, subject, provisional: false };
}

describe("nakamoto", () => {
  it("one owner of locked BR, and two voters of a gauge (shortened address, the gauge as subject)", () => {
    const alerts = run(
      { id: "n", type: "nakamoto", scope: "LOCKED_BR", max: 3 },
      input({ epochs, metrics: [metricRow(10, { scope: "LOCKED_BR", n: 50, nakamoto50: 1, total: 1000n })] }),
    );
    expect(withoutId(alerts)).toEqual([
      {
        ...finalAt10("n", "nakamoto"),
        title: "Nakamoto coefficient 1 on locked BR",
        message: "Epoch 10: 1 owner hold more than 50% of locked BR (Nakamoto coefficient 1, alert at <= 3; 50 owners in all).",
        value: 1,
        threshold: 3,
        details: { scope: "LOCKED_BR", n: 50, nakamoto50: 1, total: "1000" },
      },
    ]);
    const [gauge] = run(
      { id: "g", type: "nakamoto", scope: "GAUGE_VOTERS", max: 2, severity: "critical" },
      input({ epochs: [epochRow(10, { finalized: false, season: 4 })], metrics: [metricRow(10, { scope: "GAUGE_VOTERS", gauge: G, n: 1, nakamoto50: 2, total: 7n })] }),
    );
    expect(gauge).toMatchObject({
      severity: "critical",
      season: 4,
      provisional: true,
      subject: G,
      title: "Nakamoto coefficient 2 on the votes for gauge 0x1234…5678",
      message: "Epoch 10: 2 voters hold more than 50% of the votes for gauge 0x1234…5678 (Nakamoto coefficient 2, alert at <= 2; 1 voter in all).",
      details: { scope: "GAUGE_VOTERS", n: 1, nakamoto50: 2, total: "7", gauge: G },
    });
  });

  it("one gauge of the gauges, holders of BR, and a 12-character gauge left unshortened", () => {
    const [gauges] = run({ id: "n", type: "nakamoto", scope: "GAUGES", max: 3 }, input({ epochs, metrics: [metricRow(10, { scope: "GAUGES", n: 1, nakamoto50: 1 })] }));
    expect(gauges!.message).toBe("Epoch 10: 1 gauge hold more than 50% of votes across gauges (Nakamoto coefficient 1, alert at <= 3; 1 gauge in all).");
    const [holders] = run({ id: "n", type: "nakamoto", scope: "BR_HOLDINGS", max: 3 }, input({ epochs, metrics: [metricRow(10, { scope: "BR_HOLDINGS", n: 50, nakamoto50: 2 })] }));
    expect(holders!.message).toBe("Epoch 10: 2 holders hold more than 50% of BR holdings (Nakamoto coefficient 2, alert at <= 3; 50 holders in all).");
    // "0x1234567890" is 12 characters: only longer names are cut to 6 + … + 4
    const [short12] = run({ id: "n", type: "nakamoto", scope: "GAUGE_VOTERS", max: 3 }, input({ epochs, metrics: [metricRow(10, { scope: "GAUGE_VOTERS", gauge: "0x1234567890", nakamoto50: 1 })] }));
    expect(short12!.title).toBe("Nakamoto coefficient 1 on the votes for gauge 0x1234567890");
    const [long13] = run({ id: "n", type: "nakamoto", scope: "GAUGE_VOTERS", max: 3 }, input({ epochs, metrics: [metricRow(10, { scope: "GAUGE_VOTERS", gauge: "0x12345678901", nakamoto50: 1 })] }));
    expect(long13!.title).toBe("Nakamoto coefficient 1 on the votes for gauge 0x1234…8901");
  });

  it("does not fire above max, on an empty population or a coefficient of 0", () => {
    const metrics = [metricRow(10, { nakamoto50: 4 }), metricRow(9, { n: 0, nakamoto50: 1 }), metricRow(9, { scope: "CAST_VOTES", gauge: G, n: 3, nakamoto50: 0 })];
    expect(run({ id: "n", type: "nakamoto", scope: "CAST_VOTES", max: 3 }, input({ epochs, metrics }))).toEqual([]);
  });
});

describe("entityNakamoto", () => {
  const rule = { id: "e", type: "entityNakamoto", scope: "CAST_VOTES", max: 3, minDrop: 1 } as const;
  const row = { epoch: 10, scope: "CAST_VOTES", n: 40, addressNakamoto50: 5, entityN: 12, entityNakamoto50: 2 };
  it("names entities against addresses", () => {
    expect(withoutId(run(rule, input({ epochs, entityMetrics: [row] })))).toEqual([
      {
        ...finalAt10("e", "entityNakamoto"),
        title: "Entity Nakamoto coefficient 2 on cast votes (5 by address)",
        message: "Epoch 10: 2 entities hold more than 50% of cast votes, where the per-address view counts 5 (alert at <= 3 with a drop of at least 1; 12 entities from 40 addresses).",
        value: 2,
        threshold: 3,
        details: { scope: "CAST_VOTES", n: 40, entityN: 12, addressNakamoto50: 5, entityNakamoto50: 2 },
      },
    ]);
    expect(run(rule, input({ epochs, entityMetrics: [{ ...row, entityNakamoto50: 1 }] }))[0]!.message).toMatch(/^Epoch 10: 1 entity holds more than 50% of cast votes,/);
    expect(run({ ...rule, scope: "LOCKED_BR" }, input({ epochs, entityMetrics: [{ ...row, scope: "LOCKED_BR" }] }))[0]!.title).toBe("Entity Nakamoto coefficient 2 on locked BR (5 by address)");
  });

  it("does not fire for another scope, an unknown epoch, no entities, a coefficient of 0 or above max, or a drop below minDrop", () => {
    const rows = [
      { ...row, scope: "LOCKED_BR" },
      { ...row, epoch: 11 },
      { ...row, entityN: 0 },
      { ...row, entityNakamoto50: 0 },
      { ...row, entityNakamoto50: 4, addressNakamoto50: 9 },
      { ...row, epoch: 9, addressNakamoto50: 2, entityNakamoto50: 2 },
    ];
    expect(run(rule, input({ epochs, entityMetrics: rows }))).toEqual([]);
    expect(run(rule, input({ epochs }))).toEqual([]);
    // an entity coefficient of exactly max fires (3 <= 3, drop 5 - 3 = 2 >= 1)
    expect(run(rule, input({ epochs, entityMetrics: [{ ...row, entityNakamoto50: 3 }] })).map((a) => a.value)).toEqual([3]);
    // a drop of exactly minDrop fires
    expect(run({ ...rule, minDrop: 3 }, input({ epochs, entityMetrics: [row] }))).toHaveLength(1);
    expect(run({ ...rule, minDrop: 4 }, input({ epochs, entityMetrics: [row] }))).toEqual([]);
  });
});

describe("topShare", () => {
  it("the largest holder, the 5 largest gauges (a share under 10 %), the 10 largest owners", () => {
    const top1 = run({ id: "t1", type: "topShare", scope: "BR_HOLDINGS", top: 1, threshold: 0.33 }, input({ epochs, metrics: [metricRow(10, { scope: "BR_HOLDINGS", n: 1, top1Share: 0.5 })] }));
    expect(withoutId(top1)).toEqual([
      {
        ...finalAt10("t1", "topShare"),
        title: "Top-1 share 50.0% of BR holdings",
        message: "Epoch 10: the largest holder holds 50.0% of BR holdings (alert above 33.0%; 1 holder).",
        value: 0.5,
        threshold: 0.33,
        details: { scope: "BR_HOLDINGS", n: 1, top: 1, total: "1000" },
      },
    ]);
    const [top5] = run({ id: "t5", type: "topShare", scope: "GAUGES", top: 5, threshold: 0.05 }, input({ epochs, metrics: [metricRow(10, { scope: "GAUGES", n: 7, top5Share: 0.0912 })] }));
    expect([top5!.title, top5!.message]).toEqual(["Top-5 share 9.12% of votes across gauges", "Epoch 10: the 5 largest gauges hold 9.12% of votes across gauges (alert above 5.00%; 7 gauges)."]);
    const [top10] = run({ id: "t10", type: "topShare", scope: "ELIGIBLE_POWER", top: 10, threshold: 0.8 }, input({ epochs, metrics: [metricRow(10, { scope: "ELIGIBLE_POWER", n: 12, top10Share: 0.9 })] }));
    expect(top10!.message).toBe("Epoch 10: the 10 largest owners hold 90.0% of eligible voting power (alert above 80.0%; 12 owners).");
    expect(top10!.value).toBe(0.9);
  });

  it("a percentage of exactly 10 % has one decimal (below 10 %: two)", () => {
    // 0.1 × 100 is exactly 10 in doubles, so the threshold prints as 10.0%
    const [a] = run({ id: "t", type: "topShare", scope: "CAST_VOTES", top: 1, threshold: 0.1 }, input({ epochs, metrics: [metricRow(10, { top1Share: 0.25 })] }));
    expect(a!.message).toBe("Epoch 10: the largest voter holds 25.0% of cast votes (alert above 10.0%; 50 voters).");
  });

  it("needs minHolders participants and a share strictly above the threshold", () => {
    const rule = { id: "t", type: "topShare", scope: "CAST_VOTES", top: 1, threshold: 0.5, minHolders: 12 } as const;
    expect(run(rule, input({ epochs, metrics: [metricRow(10, { n: 11, top1Share: 0.9 })] }))).toEqual([]);
    expect(run(rule, input({ epochs, metrics: [metricRow(10, { n: 12, top1Share: 0.9 })] }))).toHaveLength(1);
    expect(run(rule, input({ epochs, metrics: [metricRow(10, { n: 12, top1Share: 0.5 })] }))).toEqual([]);
  });
});

describe("giniRise", () => {
  it("within a season and across a season start", () => {
    const metrics = [metricRow(9, { gini: 0.3 }), metricRow(10, { gini: 0.4 })];
    expect(withoutId(run({ id: "r", type: "giniRise", scope: "CAST_VOTES", across: "epoch", threshold: 0.05 }, input({ epochs, metrics })))).toEqual([
      {
        ...finalAt10("r", "giniRise"),
        title: "Gini of cast votes up 0.100 in one epoch",
        message: "Epoch 10: the Gini coefficient of cast votes rose from 0.300 to 0.400 since epoch 9 (+0.100, alert above +0.05).",
        value: 0.1,
        threshold: 0.05,
        details: { scope: "CAST_VOTES", gini: 0.4, previousGini: 0.3, previousEpoch: 9 },
      },
    ]);
    const seasons = [epochRow(9), epochRow(10, { season: 2 })];
    const rising = [metricRow(9, { gini: 0.3 }), metricRow(10, { gini: 0.45 })];
    const [s] = run({ id: "s", type: "giniRise", scope: "CAST_VOTES", across: "seasonStart", threshold: 0.1 }, input({ epochs: seasons, metrics: rising }));
    expect([s!.title, s!.message, s!.season]).toEqual([
      "Gini of cast votes up 0.150 across a season start",
      "Epoch 10: the Gini coefficient of cast votes rose from 0.300 to 0.450 across the start of season 2 (+0.150, alert above +0.1).",
      2,
    ]);
    // each kind looks only at its own pairs
    expect(run({ id: "r", type: "giniRise", scope: "CAST_VOTES", across: "epoch", threshold: 0.05 }, input({ epochs: seasons, metrics: rising }))).toEqual([]);
    expect(run({ id: "s", type: "giniRise", scope: "CAST_VOTES", across: "seasonStart", threshold: 0.05 }, input({ epochs, metrics }))).toEqual([]);
  });

  it("skips pairs with an empty epoch, another scope, and a rise of exactly the threshold", () => {
    const rule = { id: "r", type: "giniRise", scope: "CAST_VOTES", across: "epoch", threshold: 0.1 } as const;
    expect(run(rule, input({ epochs, metrics: [metricRow(9, { gini: 0.3 }), metricRow(10, { gini: 0.4 })] }))).toEqual([]);
    expect(run(rule, input({ epochs, metrics: [metricRow(9, { gini: 0.3, n: 0 }), metricRow(10, { gini: 0.9 })] }))).toEqual([]);
    expect(run(rule, input({ epochs, metrics: [metricRow(9, { gini: 0.1 }), metricRow(10, { gini: 0.9, n: 0 })] }))).toEqual([]);
    expect(run(rule, input({ epochs, metrics: [metricRow(9, { gini: 0.1, scope: "LOCKED_BR" }), metricRow(10, { gini: 0.9, scope: "LOCKED_BR" })] }))).toEqual([]);
  });
});

describe("gaugeDominance", () => {
  const rule = { id: "d", type: "gaugeDominance", threshold: 0.5, minVoters: 2 } as const;
  const metric = metricRow(10, { scope: "GAUGE_VOTERS", gauge: G, n: 3, top1Share: 0.6, total: 1000n });
  it("names the voter with the most votes for that gauge in that epoch (summing their rows)", () => {
    const votes = [voteRow(10, G, B, 300n), voteRow(10, G, A, 400n), voteRow(10, G, A, 200n), voteRow(11, G, B, 5000n), voteRow(10, G2, B, 9000n)];
    expect(withoutId(run(rule, input({ epochs, metrics: [metric], votes })))).toEqual([
      {
        ...finalAt10("d", "gaugeDominance", G),
        title: "One voter holds 60.0% of gauge 0x1234…5678",
        message: `Epoch 10: voter ${A} holds 60.0% of the votes for gauge ${G} (alert above 50.0%; 3 voters).`,
        value: 0.6,
        threshold: 0.5,
        details: { gauge: G, voters: 3, gaugeVotes: "1000", voter: A, voterVotes: "600" },
      },
    ]);
  });

  it("names the lower address of two with equal votes, and says 'one voter' without vote rows", () => {
    const [tie] = run(rule, input({ epochs, metrics: [metric], votes: [voteRow(10, G, B, 500n), voteRow(10, G, A, 500n)] }));
    expect(tie!.details).toMatchObject({ voter: A, voterVotes: "500" });
    const [bare] = run(rule, input({ epochs, metrics: [metric] }));
    expect(bare!.message).toBe(`Epoch 10: one voter holds 60.0% of the votes for gauge ${G} (alert above 50.0%; 3 voters).`);
    expect(bare!.details).toEqual({ gauge: G, voters: 3, gaugeVotes: "1000" });
  });

  it("needs a gauge, minVoters voters and a share strictly above the threshold", () => {
    const none = [{ ...metric, n: 1 }, { ...metric, top1Share: 0.5 }, { ...metric, gauge: "" }, { ...metric, n: 0 }, { ...metric, scope: "CAST_VOTES" as const }];
    for (const m of none) expect(run(rule, input({ epochs, metrics: [m] }))).toEqual([]);
  });
});

describe("unlock", () => {
  it("a linear stream unlocking 2 % of circulating supply within 14 days", () => {
    const wallet = vestingRow({ address: A, name: "team", start: 0n, cliff: 0n, duration: 100n * 14n * 86_400n, total: 2_000_000n * E18 });
    const data = input({ epochs: [epochRow(10, { circulatingSupply: 1_000_000n * E18 })], vesting: [wallet] });
    expect(withoutId(run({ id: "u", type: "unlock", threshold: 0.01, days: 14 }, data))).toEqual([
      {
        ...finalAt10("u", "unlock", A),
        title: "team unlocks 2.00% of circulating BR within 14 days",
        message: `Epoch 10: vesting wallet "team" (${A}) unlocks 20,000 BR in the 14 days after the window end, 2.00% of the circulating supply of 1,000,000 BR (alert at >= 1.00%).`,
        value: 0.02,
        threshold: 0.01,
        details: { wallet: A, name: "team", unlocking: (20_000n * E18).toString(), circulatingSupply: (1_000_000n * E18).toString(), from: TS10, to: TS10 + 14 * 86_400 },
      },
    ]);
    // exactly the threshold fires (>=), just under it does not; no supply, no alert
    expect(run({ id: "u", type: "unlock", threshold: 0.02, days: 14 }, data)).toHaveLength(1);
    expect(run({ id: "u", type: "unlock", threshold: 0.021, days: 14 }, data)).toEqual([]);
    expect(run({ id: "u", type: "unlock", threshold: 0.01, days: 14 }, input({ epochs: [epochRow(10, { circulatingSupply: 0n })], vesting: [wallet] }))).toEqual([]);
  });
});

describe("vaultTvlDrop", () => {
  const rule = { id: "v", type: "vaultTvlDrop", threshold: 0.2 } as const;
  const rows = [vaultRow(VAULT, 9, 123_456_789_012n), vaultRow(VAULT, 10, 61_728_394_506n, 61_728_394_506n)];
  it("from the previous epoch's end to this epoch's end, in grouped BTC with four decimals", () => {
    expect(withoutId(run(rule, input({ epochs, vaults: rows })))).toEqual([
      {
        ...finalAt10("v", "vaultTvlDrop", VAULT),
        title: "brBTC Core TVL down 50.0% in epoch 10",
        message: `Epoch 10: vault "brBTC Core" (${VAULT}) fell from 1,234.5678 to 617.2839 BTC, -50.0% (alert above 20.0%).`,
        value: 0.5,
        threshold: 0.2,
        details: { vault: VAULT, name: "brBTC Core", tvlBefore: "123456789012", tvlAfter: "61728394506" },
      },
    ]);
  });

  it("while the epoch is open, to its window end; not at exactly the threshold; not without a previous TVL", () => {
    const open = [epochRow(9), epochRow(10, { finalized: false })];
    const [a] = run(rule, input({ epochs: open, vaults: [rows[0]!, vaultRow(VAULT, 10, null, 90_000_000_000n)] }));
    expect(a!.message).toBe(`Epoch 10: vault "brBTC Core" (${VAULT}) fell from 1,234.5678 to 900 BTC so far (window end), -27.1% (alert above 20.0%).`);
    expect(run(rule, input({ epochs: open, vaults: [rows[0]!, vaultRow(VAULT, 10, null, null)] }))).toEqual([]);
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 9, 1000n), vaultRow(VAULT, 10, 800n)] }))).toEqual([]);
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 9, 1000n), vaultRow(VAULT, 10, 799n)] }))).toHaveLength(1);
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 9, 0n), vaultRow(VAULT, 10, 0n)] }))).toEqual([]);
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 9, null), vaultRow(VAULT, 10, 1n)] }))).toEqual([]);
  });
});

describe("participation", () => {
  it("cast and eligible power in grouped BR with two decimals", () => {
    const data = input({ epochs: [epochRow(10, { castPower: 1_234_567_891n * 10n ** 15n, eligiblePower: 10_000_000n * E18 })] });
    expect(withoutId(run({ id: "p", type: "participation", threshold: 0.3 }, data))).toEqual([
      {
        ...finalAt10("p", "participation"),
        title: "Participation 12.3% in epoch 10",
        message: "Epoch 10: cast votes are 12.3% of eligible voting power (1,234,567.89 of 10,000,000), below 30.0%.",
        value: 0.1234567891,
        threshold: 0.3,
        details: { castPower: (1_234_567_891n * 10n ** 15n).toString(), eligiblePower: (10_000_000n * E18).toString() },
      },
    ]);
    expect(run({ id: "p", type: "participation", threshold: 0.3 }, input({ epochs: [epochRow(10, { eligiblePower: 0n, castPower: 0n })] }))).toEqual([]);
    // Truncated decimals: 1.05 keeps its inner zero; 100.003 cut to two decimals is 100.00, written 100.
    // Share 1.05 / 100.003 = 0.0104997 → 1.05% (two decimals below 10 %).
    const [zeros] = run({ id: "p", type: "participation", threshold: 0.3 }, input({ epochs: [epochRow(10, { castPower: 105n * 10n ** 16n, eligiblePower: 100_003n * 10n ** 15n })] }));
    expect(zeros!.message).toBe("Epoch 10: cast votes are 1.05% of eligible voting power (1.05 of 100), below 30.0%.");
    expect(run({ id: "p", type: "participation", threshold: 1 }, input({ epochs: [epochRow(10, { eligiblePower: 10n, castPower: 9n })] }))).toHaveLength(1);
    expect(run({ id: "p", type: "participation", threshold: 1 }, input({ epochs: [epochRow(10, { eligiblePower: 10n, castPower: 10n })] }))).toEqual([]);
  });
});

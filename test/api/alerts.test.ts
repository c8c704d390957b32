/**
 * The alerts of the API over an in-memory {@link AlertStore}: only the rows the enabled rules
 * need are read (vote rows only for gauges a dominance rule may fire on), and the evaluation is
 * cached per indexed state.
 */
import { describe, expect, it } from "vitest";
import { parseAlertsConfig } from "../../src/alerts/config";
import type { EpochRow, MetricRow, VoteRow } from "../../src/alerts/types";
import { currentAlerts, loadAlertInput } from "../../src/api/alerts";
import type { AlertStore } from "../../src/api/queries/alertStore";
import type { MetricScope } from "../../src/domain/scopes";

const epoch = (id: number): EpochRow => ({
  id,
  startTs: BigInt(id * 1_209_600),
  windowEnd: BigInt(id * 1_209_600 + 601_200),
  season: 0,
  finalized: true,
  eligiblePower: 100n,
  castPower: 60n,
  circulatingSupply: 1000n,
});
const metric = (e: number, scope: MetricScope, gauge: string, top1Share: number, nakamoto50: number): MetricRow => ({
  epoch: e,
  scope,
  gauge,
  n: 4,
  total: 100n,
  gini: 0.5,
  nakamoto50,
  top1Share,
  top5Share: 1,
  top10Share: 1,
});
const G1 = "0x00000000000000000000000000000000000000g1";
const G2 = "0x00000000000000000000000000000000000000g2";

/** Epochs 1 and 2; on G1 one voter holds 90% in epoch 2, G2 never above 40%. */
function memoryStore(state: { key: string | undefined }) {
  const calls: string[] = [];
  const votes: VoteRow[] = [
    { epoch: 2, gauge: G1, voter: "0xaa", amount: 90n },
    { epoch: 2, gauge: G1, voter: "0xbb", amount: 10n },
    { epoch: 2, gauge: G2, voter: "0xcc", amount: 40n },
  ];
  const metrics = [
    metric(1, "CAST_VOTES", "", 0.3, 2),
    metric(2, "CAST_VOTES", "", 0.6, 1),
    metric(1, "GAUGE_VOTERS", G1, 0.5, 1),
    metric(2, "GAUGE_VOTERS", G1, 0.9, 1),
    metric(2, "GAUGE_VOTERS", G2, 0.4, 2),
    metric(2, "LOCKED_BR", "", 0.9, 1),
  ];
  const store: AlertStore = {
    stateKey: async () => state.key,
    epochs: async () => (calls.push("epochs"), [epoch(1), epoch(2)]),
    metrics: async (scopes) => (calls.push(`metrics ${[...scopes].sort().join(",")}`), metrics.filter((m) => scopes.includes(m.scope))),
    gaugeVotes: async (e, g) => (calls.push(`votes ${e} ${g}`), votes.filter((v) => v.epoch === e && v.gauge === g)),
    vaultEpochs: async () => (calls.push("vaults"), []),
    vesting: async () => (calls.push("vesting"), []),
  };
  return { store, calls };
}

const config = parseAlertsConfig({
  rules: [
    { id: "cast-nakamoto", type: "nakamoto", scope: "CAST_VOTES", max: 1 },
    { id: "dominance", type: "gaugeDominance", threshold: 0.75 },
    { id: "off", type: "topShare", scope: "LOCKED_BR", top: 1, threshold: 0.5, enabled: false },
  ],
});

describe("alerts over an AlertStore", () => {
  it("reads only what the enabled rules need", async () => {
    const { store, calls } = memoryStore({ key: "1" });
    const input = await loadAlertInput(store, config);
    // the disabled LOCKED_BR rule adds no scope; no vault or unlock rule: no vault or vesting rows
    expect(calls.slice(0, 2).sort()).toEqual(["epochs", "metrics CAST_VOTES,GAUGE_VOTERS"]);
    // vote rows only where a gauge's top share beats the dominance threshold (G1 in epoch 2)
    expect(calls.slice(2)).toEqual([`votes 2 ${G1}`]);
    expect(input.votes.map((v) => v.voter)).toEqual(["0xaa", "0xbb"]);
    expect(input.metrics).toHaveLength(5);
    expect(input.vaults).toEqual([]);
    expect(input.vesting).toEqual([]);
  });

  it("evaluates once per indexed state, and answers nothing before the first event", async () => {
    const state = { key: undefined as string | undefined };
    const { store, calls } = memoryStore(state);
    expect(await currentAlerts(store, config)).toEqual([]);
    expect(calls).toEqual([]);
    state.key = "state-a";
    const first = await currentAlerts(store, config);
    expect(first.map((a) => `${a.rule}@${a.epoch}`).sort()).toEqual(["cast-nakamoto@2", `dominance@2`]);
    const reads = calls.length;
    expect(await currentAlerts(store, config)).toBe(first);
    expect(calls.length).toBe(reads);
    state.key = "state-b";
    await currentAlerts(store, config);
    expect(calls.length).toBeGreaterThan(reads);
  });
});

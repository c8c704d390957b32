/**
 * Alerts end to end: anvil + the `small` scenario + Ponder, then
 * - the alerts API (JSON, CSV, GraphQL, SSE) serves rule output with stable ids;
 * - each alert's value, time, season and flag equal the indexed rows it was raised from, read
 *   through Ponder's own GraphQL, and each metric rule fires on exactly the rows past its threshold;
 * - the bot, pointed at the real API, survives 500s, a stall and a SIGKILL mid-delivery: after
 *   a restart every final alert arrived exactly once per target (duplicates: the held requests);
 * - the bot, pointed at the real API and a local receiver, delivers every final alert once
 *   per target and holds the live epoch's alerts while they are provisional; when the chain
 *   moves past the epoch end the same ids become final and are delivered then;
 * - a reorg that replaces the block closing an epoch's voting window leaves the same alerts;
 * - a second Ponder re-indexing the same chain from scratch on a fresh database serves the
 *   same alerts (ids, flags and content);
 * - a bad rule file stops Ponder at start-up with a message naming the rule and field.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeFunctionData, erc20Abi } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJournal } from "../../bot/journal";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { writeManifest, type Manifest } from "../../src/config/manifest";
import { type PonderInstance, startPonder } from "../../devnet/ponder";
import { createTestDatabase } from "../../devnet/postgres";
import { EPOCH, WEEK, loadScenario } from "../../devnet/scenario";
import { RpcClient } from "../../devnet/sim/rpc";
import { simulate, simulatorAnvilArgs } from "../../devnet/simulate";
import type { Alert } from "../../src/alerts/types";
import { Receiver, expectDeliveredOnce, removeLater, removeTempDirs, spawnBot, stallingScript, tempDir, waitFor } from "../bot/harness";

let anvil: AnvilInstance;
let ponder: PonderInstance;
let manifest: Manifest;
let manifestPath: string;
const stops: (() => Promise<unknown>)[] = [];

let client: RpcClient;
const rpc = <T>(method: string, params: unknown[] = []): Promise<T> => client.request<T>(method, params);

/**
 * Mines a block at `ts`, then 60 more one second apart (the devnet indexer closes epochs on
 * blocks with events or every 50th block), and waits until Ponder has indexed them.
 */
async function mineAt(ts: number, ponders: PonderInstance[]): Promise<number> {
  await rpc("evm_mine", [ts]);
  await rpc("anvil_mine", ["0x3c", "0x1"]);
  const head = Number(await rpc<string>("eth_blockNumber"));
  for (const p of ponders) await p.waitForBlock(head, 120_000);
  return head;
}

async function headTs(): Promise<number> {
  return Number((await rpc<{ timestamp: string }>("eth_getBlockByNumber", ["latest", false])).timestamp);
}

/** The alerts a Ponder serves; a refused connection names the process's exit and its last lines. */
async function listAlerts(p: PonderInstance): Promise<Alert[]> {
  let res: Response;
  try {
    res = await fetch(`${p.url}/api/v1/alerts?first=1000`);
  } catch (error) {
    const exit = await Promise.race([p.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_000))]);
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new Error(`GET ${p.url}/api/v1/alerts: ${cause}; the process ${exit ? `exited (${JSON.stringify(exit)})` : "is still running"}; its log ends:\n${p.logTail(60)}`);
  }
  expect(res.status).toBe(200);
  const body = (await res.json()) as { alerts: Alert[]; pageInfo: { hasNextPage: boolean } };
  expect(body.pageInfo.hasNextPage).toBe(false);
  return body.alerts;
}

/**
 * Where a new Ponder writes: a fresh PGlite directory (the default), or in the `e2e-postgres`
 * project a fresh PostgreSQL database, dropped after the file.
 */
async function database(): Promise<{ env?: Record<string, string> }> {
  const server = process.env.VE_LENS_E2E_POSTGRES_URL;
  if (!server) return {};
  const db = await createTestDatabase(server, "alerts");
  stops.unshift(() => db.drop()); // after every Ponder has stopped
  return { env: { DATABASE_URL: db.url } };
}

beforeAll(async () => {
  const scenario = loadScenario("small");
  anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
  stops.push(() => anvil.stop());
  client = new RpcClient(anvil.rpcUrl);
  stops.push(async () => client.close());
  manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, seed: 1 });
  manifestPath = join(tempDir("ve-lens-alerts-e2e-"), "devnet.json");
  await writeManifest(manifestPath, manifest);
  ponder = await startPonder({ manifestPath, ...(await database()) });
  removeLater(ponder.databaseDir);
  stops.push(() => ponder.stop());
  await ponder.waitReady(300_000);
  await ponder.waitForBlock(manifest.headBlock, 300_000);
});

afterAll(async () => {
  while (stops.length) await stops.pop()!().catch(() => undefined);
  removeTempDirs();
});

/** An alert's id as documented in src/alerts/types.ts: sha256("ve-lens/alert/v1" | rule | epoch | subject), 32 hex digits. */
function expectedId(rule: string, epoch: number, subject: string): string {
  return createHash("sha256").update(["ve-lens/alert/v1", rule, String(epoch), subject].join("\n")).digest("hex").slice(0, 32);
}

/** Rows of a table through Ponder's generated GraphQL (the tables as stored, no ve-lens code). */
async function ponderRows<T>(table: string, fields: string, where = ""): Promise<T[]> {
  const res = await fetch(`${ponder.url}/ponder/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ ${table}(limit: 1000${where ? `, where: ${where}` : ""}) { items { ${fields} } pageInfo { hasNextPage } } }` }),
  });
  const body = (await res.json()) as { data?: Record<string, { items: T[]; pageInfo: { hasNextPage: boolean } }>; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data![table]!.pageInfo.hasNextPage).toBe(false);
  return body.data![table]!.items;
}

describe("alerts on the small scenario", () => {
  it("each alert equals the indexed rows it comes from; each metric rule fires on exactly the rows past its threshold", async () => {
    const alerts = await listAlerts(ponder);
    type MetricRow = { epoch: number; scope: string; gauge: string; n: number; gini: number; nakamoto50: number; top1Share: number; top10Share: number };
    const metrics = await ponderRows<MetricRow>("epochMetrics", "epoch scope gauge n gini nakamoto50 top1Share top10Share");
    const epochs = await ponderRows<{ id: number; windowEnd: string; season: number; finalized: boolean; castPower: string; eligiblePower: string }>(
      "epochs",
      "id windowEnd season finalized castPower eligiblePower",
    );
    const epochById = new Map(epochs.map((e) => [e.id, e]));
    const metric = (scope: string, epoch: number, gauge = "") => metrics.find((m) => m.scope === scope && m.epoch === epoch && m.gauge === gauge);
    const cast = metrics.filter((m) => m.scope === "CAST_VOTES" && m.gauge === "" && m.n > 0);
    expect(cast.length).toBeGreaterThan(0);

    for (const a of alerts) {
      expect(a.id, `${a.rule} ${a.epoch}`).toBe(expectedId(a.rule, a.epoch, a.subject));
      const e = epochById.get(a.epoch);
      expect(e, `${a.rule}: epoch ${a.epoch} is indexed`).toBeDefined();
      expect({ ts: a.ts, season: a.season, provisional: a.provisional }).toEqual({ ts: Number(e!.windowEnd), season: e!.season, provisional: !e!.finalized });
    }
    const of = (rule: string) => alerts.filter((a) => a.rule === rule);
    const key = (epoch: number, subject = "") => `${epoch}:${subject}`;

    // cast-nakamoto (max 3): value = the row's nakamoto50, on every row with 0 < nakamoto50 <= 3
    for (const a of of("cast-nakamoto")) expect(a.value).toBe(metric("CAST_VOTES", a.epoch)!.nakamoto50);
    expect(of("cast-nakamoto").map((a) => key(a.epoch)).sort()).toEqual(cast.filter((m) => m.nakamoto50 > 0 && m.nakamoto50 <= 3).map((m) => key(m.epoch)).sort());
    // cast-top1 (> 0.33): value = top1Share
    for (const a of of("cast-top1")) expect(a.value).toBe(metric("CAST_VOTES", a.epoch)!.top1Share);
    expect(of("cast-top1").map((a) => key(a.epoch)).sort()).toEqual(cast.filter((m) => m.top1Share > 0.33).map((m) => key(m.epoch)).sort());
    // cast-top10 (> 0.8, at least 11 voters): value = top10Share
    for (const a of of("cast-top10")) expect(a.value).toBe(metric("CAST_VOTES", a.epoch)!.top10Share);
    expect(of("cast-top10").map((a) => key(a.epoch)).sort()).toEqual(cast.filter((m) => m.n >= 11 && m.top10Share > 0.8).map((m) => key(m.epoch)).sort());
    // cast-gini-rise (> 0.05 from the previous epoch of the same season): value = the difference of the two rows
    const rises = cast.flatMap((m) => {
      const prev = metric("CAST_VOTES", m.epoch - 1);
      if (!prev || prev.n === 0 || epochById.get(m.epoch)!.season !== epochById.get(prev.epoch)!.season) return [];
      return m.gini - prev.gini > 0.05 ? [{ epoch: m.epoch, rise: m.gini - prev.gini }] : [];
    });
    expect(of("cast-gini-rise").map((a) => a.epoch).sort()).toEqual(rises.map((r) => r.epoch).sort());
    for (const a of of("cast-gini-rise")) expect(a.value).toBeCloseTo(rises.find((r) => r.epoch === a.epoch)!.rise, 11);
    // gauge-dominance (> 0.5, at least 2 voters): value = the gauge's GAUGE_VOTERS top1Share
    const dominated = metrics.filter((m) => m.scope === "GAUGE_VOTERS" && m.gauge !== "" && m.n >= 2 && m.top1Share > 0.5);
    expect(of("gauge-dominance").map((a) => key(a.epoch, a.subject)).sort()).toEqual(dominated.map((m) => key(m.epoch, m.gauge)).sort());
    for (const a of of("gauge-dominance")) expect(a.value).toBe(metric("GAUGE_VOTERS", a.epoch, a.subject)!.top1Share);
    // low-participation (< 0.3): value = castPower / eligiblePower of the epoch row
    const low = epochs.filter((e) => BigInt(e.eligiblePower) > 0n && Number(e.castPower) / Number(e.eligiblePower) < 0.3);
    expect(of("low-participation").map((a) => a.epoch).sort()).toEqual(low.map((e) => e.id).sort());
    for (const a of of("low-participation")) {
      const e = epochById.get(a.epoch)!;
      expect(a.value).toBeCloseTo(Number(e.castPower) / Number(e.eligiblePower), 12);
    }
    // the scenario raises metric alerts at all (else the checks above compare empty lists)
    expect(of("cast-nakamoto").length + of("cast-top1").length + of("gauge-dominance").length).toBeGreaterThan(0);
  });


  it("the API serves rule output with stable ids, in (ts, id) order, as JSON, CSV, GraphQL and SSE", async () => {
    const alerts = await listAlerts(ponder);
    expect(alerts.filter((a) => !a.provisional).length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.id).toBe(expectedId(a.rule, a.epoch, a.subject));
    for (let i = 1; i < alerts.length; i++) {
      const [p, q] = [alerts[i - 1]!, alerts[i]!];
      expect(p.ts < q.ts || (p.ts === q.ts && p.id < q.id)).toBe(true);
    }

    // Paging with first/after walks the same list.
    const paged: Alert[] = [];
    let after: string | null = null;
    for (;;) {
      const url = `${ponder.url}/api/v1/alerts?first=3${after ? `&after=${after}` : ""}`;
      const page = (await (await fetch(url)).json()) as { alerts: Alert[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      paged.push(...page.alerts);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged.map((a) => a.id)).toEqual(alerts.map((a) => a.id));

    const csv = await (await fetch(`${ponder.url}/api/v1/alerts?first=1000&format=csv`)).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,ts,epoch,/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(alerts.map((a) => a.id));

    const gql = await fetch(`${ponder.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ alerts(first: 1000) { id provisional rule epoch } }" }),
    });
    const { data } = (await gql.json()) as { data: { alerts: Pick<Alert, "id" | "provisional" | "rule" | "epoch">[] } };
    expect(data.alerts.map((a) => a.id)).toEqual(alerts.map((a) => a.id));

    // SSE: the stream replays every alert on connect.
    const controller = new AbortController();
    const res = await fetch(`${ponder.url}/api/v1/alerts/stream`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const seen: string[] = [];
    while (seen.length < alerts.length) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
      let cut: number;
      while ((cut = text.indexOf("\n\n")) >= 0) {
        const block = text.slice(0, cut);
        text = text.slice(cut + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.startsWith("event: alert") && data) seen.push((JSON.parse(data) as Alert).id);
      }
    }
    controller.abort();
    expect(seen).toEqual(alerts.map((a) => a.id));
  });

  it("the bot delivers each final alert once per target, and the live epoch's alerts once they are final", async () => {
    const receiver = await Receiver.start((_t, nth) => (nth === 1 ? { kind: "status", status: 503 } : { kind: "ok" }));
    stops.push(() => receiver.stop());
    const dir = tempDir("ve-lens-bot-e2e-");
    const env = {
      VE_LENS_API_URL: ponder.url,
      VE_LENS_BOT_DIR: dir,
      VE_LENS_WEBHOOK_JSON: `${receiver.url}/json/hook`,
      VE_LENS_WEBHOOK_DISCORD: `${receiver.url}/discord/api/webhooks/1/tok`,
      VE_LENS_BOT_BACKOFF_MS: "20",
    };
    const targets = ["json", "discord"];
    const keysOf = (alerts: Alert[]) => alerts.flatMap((a) => targets.map((t) => `${a.id}:${t}`)).sort();
    const sentKeys = () => readJournal(dir).filter((r) => r.t === "sent").map((r) => r.key).sort();

    // 1. Everything final now.
    const before = await listAlerts(ponder);
    const finalBefore = before.filter((a) => !a.provisional);
    const run1 = spawnBot(env, ["--once"]);
    expect(await run1.exited).toBe(0);
    expect(receiver.keys()).toEqual(keysOf(finalBefore));
    expect(sentKeys()).toEqual(keysOf(finalBefore));
    expect(receiver.acceptedDuplicates().size).toBe(0);
    const body = receiver.requests("discord").find((a) => a.behaviour === "ok")!.body as { embeds: { url: string }[] };
    expect(body.embeds[0]!.url).toContain(`${ponder.url}/?epoch=`);

    // 2. A bot keeps running (polling every 100 ms) while the chain moves on. Close the live
    //    epoch's voting window: its alerts appear, provisional, and are not posted.
    const watcher = spawnBot({ ...env, VE_LENS_BOT_POLL_MS: "100" });
    stops.push(async () => watcher.child.kill("SIGKILL"));
    const live = Math.floor((await headTs()) / EPOCH);
    await mineAt(live * EPOCH + WEEK - 3600, [ponder]);
    const closed = await listAlerts(ponder);
    const provisional = closed.filter((a) => a.provisional);
    expect(provisional.length).toBeGreaterThan(0);
    expect(provisional.every((a) => a.epoch === live)).toBe(true);
    const requestsBefore = receiver.requests().length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.requests().length).toBe(requestsBefore);

    // 3. Pass the epoch end: the same ids become final and the running bot delivers them, once.
    await mineAt((live + 1) * EPOCH, [ponder]);
    const after = await listAlerts(ponder);
    const nowFinal = after.filter((a) => a.epoch === live);
    expect(nowFinal.every((a) => !a.provisional)).toBe(true);
    const stillThere = new Set(nowFinal.map((a) => a.id));
    // Alerts of the epoch that were provisional and still hold kept their ids.
    expect(provisional.filter((a) => stillThere.has(a.id)).length).toBeGreaterThan(0);
    const allFinal = after.filter((a) => !a.provisional);
    await waitFor("the running bot to deliver the newly final alerts", () => sentKeys().length === keysOf(allFinal).length, 60_000);
    watcher.child.kill("SIGTERM");
    expect(await watcher.exited).toBe(0);
    expect(receiver.keys()).toEqual(keysOf(allFinal));
    expect(sentKeys()).toEqual(keysOf(allFinal));
    expect(receiver.acceptedDuplicates().size).toBe(0);
    expect([...receiver.okAnswers.values()].every((n) => n === 1)).toBe(true);
  });

  it("against the real API: 500s, a stall, a SIGKILL mid-delivery and a restart deliver every final alert exactly once", async () => {
    const final = (await listAlerts(ponder)).filter((a) => !a.provisional);
    expect(final.length).toBeGreaterThanOrEqual(4);
    const script = stallingScript();
    const receiver = await Receiver.start(script.behave);
    stops.push(() => receiver.stop());
    const dir = tempDir("ve-lens-bot-e2e-");
    const env = {
      VE_LENS_API_URL: ponder.url,
      VE_LENS_BOT_DIR: dir,
      VE_LENS_WEBHOOK_JSON: `${receiver.url}/json/hook`,
      VE_LENS_WEBHOOK_SLACK: `${receiver.url}/slack/services/T/B/secret`,
      VE_LENS_BOT_TIMEOUT_MS: "60000",
      VE_LENS_BOT_BACKOFF_MS: "20",
    };
    const first = spawnBot(env);
    stops.push(async () => first.child.kill("SIGKILL"));
    await waitFor("both targets to stall", () => receiver.held === 2);
    const heldKeys = receiver.requests().filter((a) => a.behaviour === "hold").map((a) => a.key);
    expect(heldKeys.sort()).toEqual([`${final[2]!.id}:json`, `${final[2]!.id}:slack`]);
    first.child.kill("SIGKILL");
    await first.exited;

    script.heal();
    const second = spawnBot(env, ["--once"]);
    expect(await second.exited).toBe(0);
    expectDeliveredOnce(receiver, dir, final.flatMap((a) => [`${a.id}:json`, `${a.id}:slack`]), heldKeys);
    // Per target: 2 × 500, every alert once, the held one once more.
    for (const t of ["json", "slack"]) expect(receiver.requests(t)).toHaveLength(2 + final.length + 1);
  });

  it("a reorg replacing the block that closes a voting window gives the same alerts", async () => {
    const live = Math.floor((await headTs()) / EPOCH);
    const [from, to] = manifest.exchanges as [`0x${string}`, `0x${string}`];
    const windowEndTs = live * EPOCH + WEEK - 3600;
    // Block W: the first at the window end, with a BR transfer (its handler closes the window).
    const closeWindow = async (wei: bigint) => {
      await rpc("anvil_setBalance", [from, "0xde0b6b3a7640000"]); // gas money (1 BNB)
      await rpc("anvil_setNextBlockTimestamp", [windowEndTs]);
      const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, wei] });
      await rpc("eth_sendTransaction", [{ from, to: manifest.contracts.BRToken.address, data }]);
    };
    await closeWindow(1n);
    await rpc("anvil_mine", ["0x5", "0x1"]);
    const head = Number(await rpc<string>("eth_blockNumber"));
    await ponder.waitForBlock(head, 120_000);
    const before = await listAlerts(ponder);
    expect(before.some((a) => a.epoch === live && a.provisional)).toBe(true);

    const reorgLines = () => ponder.logTail(1000).split("\n").filter((l) => /reorg/i.test(l));
    const reorgsBefore = reorgLines().length;
    // Replace W and the 5 blocks after it by another branch (a different transfer in W), one block longer.
    await rpc("anvil_rollback", [6]);
    await closeWindow(2n);
    await rpc("anvil_mine", ["0x6", "0x1"]);
    const newHead = Number(await rpc<string>("eth_blockNumber"));
    expect(newHead).toBe(head + 1);
    await ponder.waitForBlock(newHead, 120_000);
    expect(reorgLines().length).toBeGreaterThan(reorgsBefore); // "Reorged block ..."
    expect(await listAlerts(ponder)).toEqual(before);
  });

  it("a second Ponder re-indexing the chain from scratch on a fresh database finds the same alerts", async () => {
    const second = await startPonder({ manifestPath, ...(await database()) });
    removeLater(second.databaseDir);
    stops.push(() => second.stop());
    await second.waitReady(300_000);
    const head = Number(await rpc<string>("eth_blockNumber"));
    await second.waitForBlock(head, 300_000);
    const [a, b] = await Promise.all([listAlerts(ponder), listAlerts(second)]);
    expect(b.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    await second.stop();
  });

  it("a bad rule file stops Ponder at start-up, naming the rule and field", async () => {
    const dir = tempDir("ve-lens-alerts-bad-");
    const path = join(dir, "alerts.json");
    writeFileSync(path, JSON.stringify({ rules: [{ id: "ok", type: "participation", threshold: 0.3 }, { id: "too-big", type: "topShare", top: 1, threshold: 1.5 }] }));
    const { env } = await database();
    const bad = await startPonder({ manifestPath, env: { ...env, VE_LENS_ALERTS: path } });
    removeLater(bad.databaseDir);
    stops.push(() => bad.stop());
    await expect(bad.waitReady(120_000)).rejects.toThrow('rules[1].threshold: expected a number in (0, 1] (rule "too-big")');
  });
});

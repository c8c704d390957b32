/**
 * The dashboard in headless Chromium against the `small` scenario: the page loads, every chart
 * renders with data from the REST API, and choosing another epoch redraws the Lorenz curve.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiWorld, startApiWorld } from "./apiWorld";
import { launchChromium } from "./browser";

let world: ApiWorld;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const failedRequests: string[] = [];

/** What the page exposes on `window.veLens`, summarised in the browser. */
interface ChartSummary {
  type: string;
  datasets: { label: string; points: number; nonNull: number }[];
  labels: number;
}

async function charts(): Promise<Record<string, ChartSummary>> {
  return page.evaluate(() => {
    const state = (window as unknown as { veLens: { charts: Record<string, any> } }).veLens;
    const out: Record<string, unknown> = {};
    for (const [name, chart] of Object.entries(state.charts)) {
      out[name] = {
        type: chart.config.type,
        labels: (chart.data.labels ?? []).length,
        datasets: chart.data.datasets.map((d: { label: string; data: unknown[] }) => ({
          label: d.label,
          points: d.data.length,
          nonNull: d.data.filter((v) => v !== null && v !== undefined).length,
        })),
      };
    }
    return out as Record<string, ChartSummary>;
  });
}

beforeAll(async () => {
  world = await startApiWorld({ scenario: "small", seed: 1 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${world.url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

describe("dashboard", () => {
  it("loads without script errors or failed requests", async () => {
    expect(pageErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(world.apiErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { veLens: { errors: string[] } }).veLens.errors)).toEqual([]);
    expect(await page.title()).toContain("ve-lens");
    expect(await page.textContent("#status")).toMatch(/^block \d+/);
  });

  it("draws every chart on a canvas with data points", async () => {
    const c = await charts();
    expect(Object.keys(c).sort()).toEqual(["concentration", "gauges", "lorenz", "unlocks", "vaults"]);
    for (const id of ["concentration-chart", "lorenz-chart", "gauges-chart", "unlocks-chart", "vaults-chart"]) {
      const size = await page.$eval(`#${id}`, (el) => ({ w: (el as HTMLCanvasElement).width, h: (el as HTMLCanvasElement).height }));
      expect(size.w, id).toBeGreaterThan(100);
      expect(size.h, id).toBeGreaterThan(100);
    }
    const epochs = (await (await fetch(`${world.url}/api/v1/epochs`)).json()) as { id: number }[];
    // Gini and Nakamoto, one point per epoch
    expect(c.concentration!.datasets.map((d) => d.label)).toEqual(["Gini", "Nakamoto (50%)"]);
    expect(c.concentration!.datasets.every((d) => d.nonNull === epochs.length)).toBe(true);
    // Lorenz: 101 points (or n + 1 when the population is smaller) plus the equality line
    expect(c.lorenz!.datasets[0]!.nonNull).toBeGreaterThan(2);
    expect(c.lorenz!.datasets[1]!.points).toBe(2);
    // gauge shares: one stacked dataset per gauge, one bar per epoch
    expect(c.gauges!.datasets.length).toBeGreaterThanOrEqual(2);
    expect(c.gauges!.labels).toBe(epochs.length);
    // unlock schedule: unlocked / still vesting / circulating supply over time
    expect(c.unlocks!.datasets.map((d) => d.label)).toEqual(["unlocked", "still vesting", "circulating supply (indexed)"]);
    expect(c.unlocks!.datasets[0]!.nonNull).toBeGreaterThan(10);
    expect(c.unlocks!.datasets[2]!.nonNull).toBeGreaterThan(0);
    // vault TVL: one line per vault with at least one point
    expect(c.vaults!.datasets.length).toBe(world.manifest.vaults.length);
    expect(c.vaults!.datasets.every((d) => d.nonNull > 0)).toBe(true);
  });

  it("marks season boundaries on the concentration chart", async () => {
    const marks = await page.evaluate(
      () => (window as unknown as { veLens: { charts: Record<string, any> } }).veLens.charts.concentration.options.plugins.markers.marks,
    );
    // One mark per season the clock announced within the indexed epochs (small: season 1 at its third epoch).
    expect(world.manifest.seasons.length).toBeGreaterThan(0);
    expect(marks.map((m: { label: string }) => m.label)).toEqual(world.manifest.seasons.map((s) => `season ${s.index}`));
    const gaugeMarks = await page.evaluate(
      () => (window as unknown as { veLens: { charts: Record<string, any> } }).veLens.charts.gauges.options.plugins.markers.marks,
    );
    expect(gaugeMarks).toEqual(marks);
  });

  it("lists upcoming unlocks and the latest alerts", async () => {
    expect(await page.$$eval("#upcoming tbody tr", (rows) => rows.length)).toBeGreaterThan(0);
    const alerts = (await (await fetch(`${world.url}/api/v1/alerts?first=1000`)).json()) as { alerts: unknown[] };
    const items = await page.$$eval("#alerts li", (li) => li.map((x) => x.textContent ?? ""));
    if (alerts.alerts.length === 0) expect(items).toEqual(["no alerts"]);
    else expect(items.length).toBe(Math.min(10, alerts.alerts.length));
  });

  it("choosing another epoch or scope redraws the Lorenz curve from the API", async () => {
    const options = await page.$$eval("#epoch option", (o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThanOrEqual(4);
    const before = await page.evaluate(() => {
      const s = (window as unknown as { veLens: { lorenz: unknown; charts: Record<string, any> } }).veLens;
      return { lorenz: s.lorenz, data: JSON.stringify(s.charts.lorenz.data.datasets[0].data) };
    });
    const current = await page.$eval("#epoch", (el) => (el as HTMLSelectElement).value);
    const other = options.find((o) => o !== current)!;
    const answered = page.waitForResponse((r) => r.url().includes(`/api/v1/concentration?epoch=${other}&`));
    await page.selectOption("#epoch", other);
    await answered;
    await page.waitForFunction((e) => (window as any).veLens.lorenz.epoch === Number(e), other);
    const after = await page.evaluate(() => {
      const s = (window as unknown as { veLens: { lorenz: { epoch: number; scope: string; points: number }; charts: Record<string, any> } }).veLens;
      return { lorenz: s.lorenz, data: s.charts.lorenz.data.datasets[0].data as { x: number; y: number }[], label: s.charts.lorenz.data.datasets[0].label };
    });
    expect(after.lorenz.epoch).toBe(Number(other));
    expect(after.label).toBe(`Lorenz curve (epoch ${other})`);
    const expected = (await (await fetch(`${world.url}/api/v1/concentration?epoch=${other}&scope=CAST_VOTES&points=101`)).json()) as {
      lorenz: { x: number; y: number }[];
    };
    expect(after.data).toEqual(expected.lorenz);
    expect(JSON.stringify(after.data) !== before.data || expected.lorenz.length <= 2).toBe(true);

    const scopeAnswered = page.waitForResponse((r) => r.url().includes("scope=BR_HOLDINGS&points=101"));
    await page.selectOption("#lorenz-scope", "BR_HOLDINGS");
    await scopeAnswered;
    await page.waitForFunction(() => (window as any).veLens.lorenz.scope === "BR_HOLDINGS");
    const holders = (await (await fetch(`${world.url}/api/v1/concentration?epoch=${other}&scope=BR_HOLDINGS&points=101`)).json()) as {
      lorenz: unknown[];
    };
    expect(await page.evaluate(() => (window as any).veLens.charts.lorenz.data.datasets[0].data)).toEqual(holders.lorenz);
    expect(pageErrors).toEqual([]);
  });

  it("changing the scope redraws the concentration series", async () => {
    const answered = page.waitForResponse((r) => r.url().includes("/api/v1/concentration/series?scope=LOCKED_BR"));
    await page.selectOption("#scope", "LOCKED_BR");
    await answered;
    await page.waitForFunction(() => (window as any).veLens.charts.concentration.options.plugins.title.text.startsWith("locked BR"));
    const series = (await (await fetch(`${world.url}/api/v1/concentration/series?scope=LOCKED_BR`)).json()) as { points: { gini: number }[] };
    const gini = await page.evaluate(() => (window as any).veLens.charts.concentration.data.datasets[0].data);
    expect(gini).toEqual(series.points.map((p) => p.gini));
  });
});

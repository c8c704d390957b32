/**
 * The account page in headless Chromium against the `small` scenario: reached from the
 * dashboard's top-holders list and from its search box, it shows the address's locks, power
 * curves, per-epoch power, ranks and steering from `/api/v1/accounts/{address}`; an address
 * nothing names shows the empty answer, a malformed one is refused by the search box.
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

beforeAll(async () => {
  world = await startApiWorld({ scenario: "small", seed: 1 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

interface AccountState {
  ready: boolean;
  errors: string[];
  account: { address: string; known: boolean; locks: unknown[]; epochs: unknown[]; ranks: unknown[] } | null;
  curveDatasets: number;
  epochBars: number;
}

async function accountState(): Promise<AccountState> {
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  return page.evaluate(() => {
    const s = (window as unknown as { veLensAccount: any }).veLensAccount;
    return {
      ready: s.ready,
      errors: s.errors,
      account: s.account,
      curveDatasets: s.charts.curve ? s.charts.curve.data.datasets.length : 0,
      epochBars: s.charts.epochs ? s.charts.epochs.data.labels.length : 0,
    };
  });
}

describe("account page", () => {
  it("is reached from an address on the dashboard and shows its locks, curves, epochs and ranks", async () => {
    await page.goto(`${world.url}/`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    // the Lorenz curve's default population: cast votes, whose voters all hold locks
    await page.waitForSelector("#top-holders tbody a.address", { timeout: 30_000 });
    const href = await page.getAttribute("#top-holders tbody a.address", "href");
    expect(href).toMatch(/^\/account\/0x[0-9a-f]{40}$/);
    await page.click("#top-holders tbody a.address");
    await page.waitForURL(/\/account\/0x/);
    const s = await accountState();
    expect(s.errors).toEqual([]);
    expect(s.account!.address).toBe(href!.split("/").pop());
    expect(s.account!.known).toBe(true);
    expect(s.account!.locks.length).toBeGreaterThan(0);
    expect(s.account!.ranks.length).toBeGreaterThan(0);
    expect(s.curveDatasets).toBeGreaterThan(0);
    expect(s.epochBars).toBeGreaterThan(0);
    expect(await page.locator("#locks tbody tr").count()).toBe(s.account!.locks.length);
    expect(await page.locator("#ranks tbody tr").count()).toBe(s.account!.ranks.length);
    expect(await page.isVisible("#empty")).toBe(false);
    const csv = await page.getAttribute('a.csv[data-part="locks"]', "href");
    expect(csv).toBe(`/api/v1/accounts/${s.account!.address}?format=csv&part=locks`);
  }, 120_000);

  it("is reached from the search box; a malformed address is refused there, an unknown one says it is empty", async () => {
    await page.goto(`${world.url}/`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    await page.fill("#account-input", "0x1234");
    await page.click("#account-search button");
    expect(await page.textContent("#account-hint")).toMatch(/not an address/);
    expect(new URL(page.url()).pathname).toBe("/");
    const unknown = "0x" + "7".repeat(40);
    await page.fill("#account-input", unknown.toUpperCase().replace("0X", "0x"));
    await page.click("#account-search button");
    await page.waitForURL(/\/account\/0x/);
    const s = await accountState();
    expect(s.account!.known).toBe(false);
    expect(await page.isVisible("#empty")).toBe(true);
    expect(await page.textContent("#empty")).toMatch(/nothing indexed names this address/);
    expect(await page.textContent("#locks tbody")).toMatch(/no locks/);
  }, 120_000);

  it("loaded without script errors or failed requests", () => {
    expect(pageErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });
});

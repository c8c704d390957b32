/**
 * GraphiQL in headless Chromium against the `small` scenario, with every asset from this server:
 * the page at `/graphql` (and Ponder's `/ponder/graphql`) renders the editor, runs a query given
 * in `?query=` and shows data, and the browser never asks for anything off the local origin.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiWorld, startApiWorld } from "./apiWorld";
import { launchChromium } from "./browser";

let world: ApiWorld;
let browser: Browser;

beforeAll(async () => {
  world = await startApiWorld({ scenario: "small", seed: 1 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

interface Visit {
  page: Page;
  requests: string[];
  failed: string[];
  pageErrors: string[];
}

/** Opens `path` in a fresh page, recording every request it makes. */
async function open(path: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const visit: Visit = { page, requests: [], failed: [], pageErrors: [] };
  page.on("request", (r) => visit.requests.push(r.url()));
  page.on("requestfailed", (r) => visit.failed.push(`${r.failure()?.errorText} ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) visit.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => visit.pageErrors.push(e.message));
  await page.goto(`${world.url}${path}`);
  return visit;
}

/** Runs the query in the editor with the run button and returns the response pane's text. */
async function run(page: Page, expected: string): Promise<string> {
  await page.waitForSelector(".graphiql-container", { timeout: 60_000 });
  await page.waitForSelector(".graphiql-execute-button", { timeout: 60_000 });
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(
    (text) => (document.querySelector(".graphiql-response")?.textContent ?? "").includes(text),
    expected,
    { timeout: 60_000 },
  );
  return (await page.textContent(".graphiql-response")) ?? "";
}

function offOrigin(requests: string[]): string[] {
  const origin = new URL(world.url).origin;
  return requests.filter((u) => !(u.startsWith(`${origin}/`) || u.startsWith("blob:") || u.startsWith("data:")));
}

describe("GraphiQL", () => {
  it("GET /graphql renders the editor from local assets and runs a query", async () => {
    expect(new URL(world.url).hostname).toBe("127.0.0.1");
    const { page, requests, failed, pageErrors } = await open(`/graphql?query=${encodeURIComponent("{ epochs { id } }")}`);
    try {
      const text = await run(page, '"epochs"');
      const epochs = (await (await fetch(`${world.url}/api/v1/epochs`)).json()) as { id: number }[];
      expect(epochs.length).toBeGreaterThan(0);
      const shown = JSON.parse(text.replace(/\s+/g, "")) as { data: { epochs: { id: number }[] } };
      expect(Object.keys(shown.data)).toEqual(["epochs"]); // the ?query= query, not the default one
      expect(shown.data.epochs.map((e) => e.id)).toEqual(epochs.map((e) => e.id));

      expect(await page.title()).toBe("ve-lens analytics");
      expect(offOrigin(requests)).toEqual([]);
      expect(requests.some((u) => u.includes("/graphiql/assets/yoga-graphiql.umd.js"))).toBe(true);
      expect(requests.some((u) => u.includes("/graphiql/assets/graphiql.css"))).toBe(true);
      expect(requests.some((u) => u.includes("/graphiql/assets/monacoeditorwork/"))).toBe(true);
      expect(failed).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(world.apiErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("GET /ponder/graphql serves the same local page against Ponder's schema", async () => {
    const { page, requests, failed, pageErrors } = await open(
      `/ponder/graphql?query=${encodeURIComponent("{ vestingAllocations { totalCount } }")}`,
    );
    try {
      const text = await run(page, '"totalCount"');
      const shown = JSON.parse(text.replace(/\s+/g, "")) as { data: { vestingAllocations: { totalCount: number } } };
      expect(shown.data.vestingAllocations.totalCount).toBeGreaterThan(0);
      expect(offOrigin(requests)).toEqual([]);
      expect(failed).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

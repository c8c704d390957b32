/**
 * bot/source.ts against the real alerts routes (test/bot/harness.ts; they expect the list sorted, as
 * the API serves it): every alert since a time
 * across pages of 1,000, and a clear error for an answer that is not 200.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fetchAlerts } from "../../bot/source";
import { sampleAlert } from "../alerts/fixtures";
import { serveOnLoopback, startAlertApi } from "./harness";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe("fetchAlerts", () => {
  it("follows the cursor over 2,500 alerts and keeps only those at or after `since`", async () => {
    const alerts = Array.from({ length: 2500 }, (_, i) => sampleAlert(10 * (i + 1), i.toString(16)));
    const api = await startAlertApi(alerts);
    cleanup.push(() => api.stop());
    const all = await fetchAlerts(api.url, 0, 5_000);
    expect(all.map((a) => a.id)).toEqual(alerts.map((a) => a.id));
    const late = await fetchAlerts(api.url, 10 * 2001, 5_000);
    expect(late.map((a) => a.ts)).toEqual(alerts.slice(2000).map((a) => a.ts));
    expect(await fetchAlerts(api.url, 10 * 2501, 5_000)).toEqual([]);
  });

  it("throws naming the status of an answer that is not 200", async () => {
    const server = await serveOnLoopback((_req, res) => res.writeHead(502).end("bad gateway"));
    cleanup.push(() => server.stop());
    await expect(fetchAlerts(server.url, 0, 5_000)).rejects.toThrow("alerts API answered HTTP 502");
  });
});

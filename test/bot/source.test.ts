/**
 * bot/source.ts against the real alerts routes (test/bot/harness.ts; they expect the list sorted, as
 * the API serves it): every alert since a time
 * across pages of 1,000, a clear error for an answer that is not 200, and an API that never
 * answers given up after the timeout or when the caller stops.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fetchAlerts } from "../../bot/source";
import { sampleAlert } from "../alerts/fixtures";
import { serveOnLoopback, startAlertApi, waitFor } from "./harness";

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

  it("gives up on an API that never answers after timeoutMs, with or without the caller's signal, and as soon as the caller aborts", async () => {
    const api = await startAlertApi([]);
    cleanup.push(() => api.stop());
    api.answer = () => "hold";
    await expect(fetchAlerts(api.url, 0, 100)).rejects.toMatchObject({ name: "TimeoutError" });
    await expect(fetchAlerts(api.url, 0, 100, new AbortController().signal)).rejects.toMatchObject({ name: "TimeoutError" });
    const controller = new AbortController();
    const pending = fetchAlerts(api.url, 0, 600_000, controller.signal);
    await waitFor("the third read", () => api.reads.length === 3);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("throws naming the status of an answer that is not 200", async () => {
    const server = await serveOnLoopback((_req, res) => res.writeHead(502).end("bad gateway"));
    cleanup.push(() => server.stop());
    await expect(fetchAlerts(server.url, 0, 5_000)).rejects.toThrow("alerts API answered HTTP 502");
  });
});

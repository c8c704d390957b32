import { describe, expect, it } from "vitest";
import { createAlertsApp } from "../../src/alerts/http";
import type { Alert } from "../../src/alerts/types";
import { sampleAlert } from "./fixtures";

describe("alerts routes", () => {
  const list = [sampleAlert(100, "a"), sampleAlert(200, "b", { provisional: true })];
  const app = createAlertsApp(async () => list);

  it("GET /api/v1/alerts answers a JSON page", async () => {
    const res = await app.request("/api/v1/alerts?since=150&first=5");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { alerts: Alert[]; pageInfo: unknown };
    expect(body.alerts.map((a) => a.ts)).toEqual([200]);
    expect(body.pageInfo).toEqual({ hasNextPage: false, endCursor: `200.${"b".padStart(32, "0")}` });
  });

  it("format=csv answers text/csv", async () => {
    const res = await app.request("/api/v1/alerts?format=csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect((await res.text()).split("\r\n")).toHaveLength(4);
  });

  it("a bad parameter is a 400 naming it", async () => {
    const res = await app.request("/api/v1/alerts?first=0");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "BAD_USER_INPUT", detail: "invalid first: expected an integer in [1, 1000]", parameter: "first" });
  });

  it("a failing source is an opaque 500", async () => {
    const errors: unknown[] = [];
    const broken = createAlertsApp(async () => Promise.reject(new Error("db down")), { onError: (e) => errors.push(e) });
    const res = await broken.request("/api/v1/alerts");
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("db down");
    expect(errors).toHaveLength(1);
  });

  it("the stream sends existing alerts, then changes (provisional → final) and retractions", async () => {
    let current: Alert[] = [sampleAlert(100, "a"), sampleAlert(200, "b", { provisional: true }), sampleAlert(300, "c", { provisional: true })];
    const live = createAlertsApp(async () => current, { pollMs: 20 });
    const res = await live.request("/api/v1/alerts/stream?since=150");
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const events: { event: string; data: { id: string; provisional?: boolean } }[] = [];
    const readEvents = async (count: number) => {
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += decoder.decode(value);
        let cut: number;
        while ((cut = text.indexOf("\n\n")) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    };
    await readEvents(2);
    expect(events.map((e) => [e.event, e.data.id.slice(-1), e.data.provisional])).toEqual([["alert", "b", true], ["alert", "c", true]]);
    current = [sampleAlert(100, "a"), sampleAlert(200, "b", { provisional: false })];
    await readEvents(4);
    expect(events.slice(2).map((e) => [e.event, e.data.id.slice(-1), e.data.provisional])).toEqual([["alert", "b", false], ["retract", "c", undefined]]);
    await reader.cancel();
  });
});

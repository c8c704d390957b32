/**
 * The API sub-apps over the in-memory store, served on a free port (for browser tests).
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { createAlertsApp } from "../../src/alerts/http";
import type { Alert } from "../../src/alerts/types";
import { createDashboardApp } from "../../src/api/dashboard";
import { createGraphqlApp } from "../../src/api/graphql";
import { createAnalytics } from "../../src/api/queries/analytics";
import { createRestApp } from "../../src/api/rest";
import { createExportApp } from "../../src/api/export";
import { createFakeHistoryStore, fakeBlockTimestamp } from "./fakeHistoryStore";
import { createFakeStore } from "./fakeStore";
import { createEntityQueries } from "../../src/api/queries/entities";
import { createFakeEntityStore } from "../entities/fakeEntityStore";

export const FAKE_ALERTS: Alert[] = [
  {
    id: "0".repeat(32),
    rule: "nakamoto-low",
    type: "nakamoto",
    severity: "warning",
    epoch: 11,
    season: 1,
    ts: 11 * 1_209_600 + 601_200,
    subject: "",
    provisional: false,
    title: "Nakamoto coefficient of cast votes is 1",
    message: "One voter holds more than half of the cast votes.",
    value: 1,
    threshold: 2,
    details: { voter: "0x" + "a".repeat(40) },
  },
];

export function createFakeApp() {
  const store = createFakeStore();
  const history = createFakeHistoryStore();
  const analytics = createAnalytics(store, {
    listAlerts: async ({ first }) => FAKE_ALERTS.slice(0, first),
    history,
    blockTimestamp: fakeBlockTimestamp,
    entities: createEntityQueries(createFakeEntityStore(), { block: async () => 1 }),
  });
  const app = new Hono();
  app.route("/", createGraphqlApp(analytics));
  app.route("/", createAlertsApp(async () => FAKE_ALERTS));
  app.route("/api/v1", createExportApp(history));
  app.route("/api/v1", createRestApp(analytics));
  app.route("/", createDashboardApp());
  return { app, store, analytics };
}

export async function startFakeServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { app } = createFakeApp();
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The alerts HTTP routes as a Hono sub-app over any alert source, so they can be served by
 * Ponder (`src/api/alerts.ts`) or by a test server. Mount with `app.route("/", app)`.
 *
 * - `GET /api/v1/alerts?since=&after=&first=&provisional=&format=csv`: one page, ordered by
 *   (ts, id). JSON `{ alerts, pageInfo: { hasNextPage, endCursor } }` or CSV.
 * - `GET /api/v1/alerts/stream?since=`: Server-Sent Events. `event: alert` for every alert with
 *   `ts >= since` on connect, then for each new alert and each change of one (provisional →
 *   final); `event: retract` with `{ id }` when a provisional alert no longer holds.
 *   `id:` is the alert cursor; a reconnect with `Last-Event-ID` resumes at its timestamp.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { AlertQueryError, alertCursor, alertsToCsv, checkAlertQuery, pageAlerts, parseAlertQueryParams } from "./page";
import type { Alert } from "./types";

/** Current alerts, ordered by (ts, id). */
export type AlertSource = () => Promise<Alert[]>;

export interface AlertsAppOptions {
  /** How often the stream re-reads the source, ms. Default 1000. */
  pollMs?: number;
  /** Keep-alive comment period of the stream, ms. Default 15000. */
  keepAliveMs?: number;
  /** Called with errors of the source (answered as 500 without details). */
  onError?: (error: unknown) => void;
}

/**
 * Builds the alerts sub-app.
 * @example app.route("/", createAlertsApp(async () => evaluateAlerts(rows, config)));
 */
export function createAlertsApp(source: AlertSource, options: AlertsAppOptions = {}): Hono {
  const pollMs = options.pollMs ?? 1000;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const onError = options.onError ?? ((error: unknown) => console.error("alerts: source failed", error));
  const app = new Hono();

  app.get("/api/v1/alerts", async (c) => {
    let query: ReturnType<typeof parseAlertQueryParams>;
    try {
      query = parseAlertQueryParams(c.req.query());
      checkAlertQuery(query); // before touching the source
    } catch (error) {
      if (error instanceof AlertQueryError) {
        return c.json({ error: "BAD_USER_INPUT", detail: error.message, parameter: error.parameter }, 400);
      }
      throw error;
    }
    let alerts: Alert[];
    try {
      alerts = await source();
    } catch (error) {
      onError(error);
      return c.json({ error: "INTERNAL", detail: "internal error while evaluating alerts" }, 500);
    }
    const page = pageAlerts(alerts, query);
    if (query.format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      if (page.pageInfo.endCursor) c.header("X-End-Cursor", page.pageInfo.endCursor);
      c.header("X-Has-Next-Page", String(page.pageInfo.hasNextPage));
      return c.body(alertsToCsv(page.alerts));
    }
    return c.json(page);
  });

  app.get("/api/v1/alerts/stream", (c) => {
    const sinceParam = c.req.query("since");
    const lastEventId = c.req.header("Last-Event-ID");
    let since = 0;
    if (lastEventId && /^\d{1,15}\./.test(lastEventId)) since = Number(lastEventId.split(".")[0]);
    else if (sinceParam !== undefined) {
      if (!/^\d{1,15}$/.test(sinceParam)) {
        return c.json({ error: "BAD_USER_INPUT", detail: "invalid since: expected unix seconds", parameter: "since" }, 400);
      }
      since = Number(sinceParam);
    }
    return streamSSE(c, async (stream) => {
      const sent = new Map<string, string>(); // id → JSON last sent
      let lastWrite = Date.now();
      while (!stream.aborted && !stream.closed) {
        let alerts: Alert[] | undefined;
        try {
          alerts = await source();
        } catch (error) {
          onError(error);
        }
        if (alerts) {
          const present = new Set<string>();
          for (const alert of alerts) {
            if (alert.ts < since) continue;
            present.add(alert.id);
            const json = JSON.stringify(alert);
            if (sent.get(alert.id) === json) continue;
            sent.set(alert.id, json);
            await stream.writeSSE({ event: "alert", id: alertCursor(alert), data: json });
            lastWrite = Date.now();
          }
          for (const id of [...sent.keys()]) {
            if (present.has(id)) continue;
            sent.delete(id);
            await stream.writeSSE({ event: "retract", data: JSON.stringify({ id }) });
            lastWrite = Date.now();
          }
        }
        if (Date.now() - lastWrite >= keepAliveMs) {
          await stream.write(": keep-alive\n\n");
          lastWrite = Date.now();
        }
        await stream.sleep(pollMs);
      }
    });
  });

  return app;
}

/**
 * The dashboard: one page (`GET /`) of vanilla JS and chart.js that reads the REST API.
 *
 * `GET /account/{address}` is the page of one address (`account.html`, `account.js`): its locks and
 * their power curves, balance history, per-epoch power and votes, ranks, steering and alerts.
 *
 * The pages and their scripts live in `src/api/dashboard/` and are read at request time (they are
 * never imported); `common.js` holds the helpers both pages share; chart.js is served from
 * node_modules at `/dashboard/chart.umd.min.js`.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";

/** Directory of the page assets. */
function assetDir(): string {
  try {
    return fileURLToPath(new URL("./dashboard/", import.meta.url));
  } catch {
    return join(process.cwd(), "src", "api", "dashboard");
  }
}

/** chart.js's UMD build (the package's exports map hides dist/, so resolve the entry and step over). */
function chartJsPath(): string {
  try {
    const entry = createRequire(import.meta.url).resolve("chart.js");
    return join(dirname(entry), "chart.umd.min.js");
  } catch {
    return join(process.cwd(), "node_modules", "chart.js", "dist", "chart.umd.min.js");
  }
}

const ASSETS: Record<string, { file: () => string; type: string }> = {
  "/": { file: () => join(assetDir(), "index.html"), type: "text/html; charset=utf-8" },
  "/dashboard/common.js": { file: () => join(assetDir(), "common.js"), type: "text/javascript; charset=utf-8" },
  "/dashboard/app.js": { file: () => join(assetDir(), "app.js"), type: "text/javascript; charset=utf-8" },
  "/account/:address": { file: () => join(assetDir(), "account.html"), type: "text/html; charset=utf-8" },
  "/dashboard/account.js": { file: () => join(assetDir(), "account.js"), type: "text/javascript; charset=utf-8" },
  "/dashboard/chart.umd.min.js": { file: chartJsPath, type: "text/javascript; charset=utf-8" },
};

/** Hono sub-app serving the dashboard page and its scripts. */
export function createDashboardApp() {
  const app = new Hono();
  const cache = new Map<string, string>();
  for (const [path, asset] of Object.entries(ASSETS)) {
    app.get(path, async (c) => {
      let body = cache.get(path);
      if (body === undefined) {
        try {
          body = await readFile(asset.file(), "utf8");
        } catch (error) {
          console.error(`[api] dashboard asset ${path} missing:`, error);
          return c.json({ error: "INTERNAL", detail: `dashboard asset ${path} is missing` }, 500);
        }
        cache.set(path, body);
      }
      return c.body(body, 200, { "Content-Type": asset.type, "Cache-Control": "no-cache" });
    });
  }
  return app;
}

/**
 * The API benchmark's ceiling: a trivial Hono route on @hono/node-server, the same stack Ponder
 * serves with, answering a constant JSON body. Prints `listening <port>` once up.
 * Run: npx tsx bench/ceiling.ts [port]
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/ceiling", (c) => c.json({ ok: true }));

const port = Number(process.argv[2] ?? 0);
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

/**
 * A probe loop in a process of its own (test/load/apiUnderLoad.load.ts starts it): sends `path`
 * with `sendRaw` every `everyMs` (from one answer to the next request) for `durationMs`, then
 * writes `{ ms, failures }` as JSON to stdout. The load clients read megabytes of answers a
 * second; a probe sharing their event loop would time its own process's queue, not the server's.
 *
 * Run: node --import tsx test/load/probe.ts URL PATH EVERY_MS DURATION_MS
 */
import { sendRaw } from "../reliability/harness/rawHttp";

/** What a probe writes: the time of every answer (ms) and every answer that was not a 200. */
export interface ProbeResult {
  ms: number[];
  failures: string[];
}

const [url, path, everyMs, durationMs] = process.argv.slice(2);
if (!url || !path || !everyMs || !durationMs) throw new Error("usage: probe.ts URL PATH EVERY_MS DURATION_MS");

const out: ProbeResult = { ms: [], failures: [] };
const end = performance.now() + Number(durationMs);
while (performance.now() < end) {
  const res = await sendRaw(url, { method: "GET", path, headers: { "x-forwarded-for": "10.1.0.1" } }, 10_000);
  out.ms.push(res.ms);
  if (res.status !== 200) out.failures.push(`${path}: ${res.status} ${res.error ?? res.body.slice(0, 200)}`);
  await new Promise((r) => setTimeout(r, Number(everyMs)));
}
process.stdout.write(JSON.stringify(out));

/**
 * Reads a `.cpuprofile` (from `node --cpu-prof`) and prints self time per function and per
 * source, so bench/PROFILE.md can say where the time goes.
 * Run: npx tsx bench/cpuprofile.ts FILE.cpuprofile [top=25] [--last SECONDS] [--skip-last SECONDS]
 * `--last` keeps the final SECONDS of the profile (e.g. the load runs at the end of a bench run);
 * `--skip-last` leaves out its final SECONDS (e.g. the epoch close after the load runs).
 * Besides self time, it prints the total (inclusive) time of ve-lens's own functions, and the
 * samples split by what they were doing ({@link sampleKind}): Ponder's store calls, its flushes,
 * the handlers' own code, the garbage collector.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The source a script URL belongs to: ve-lens's folder, a package, Node core or native. */
export function sourceOf(url: string): string {
  if (!url) return "(native, GC, idle)";
  if (url.startsWith("node:")) return "node core";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const own = url.match(/\/(src\/[^/]+|bench|devnet|test)\//);
  return own ? `ve-lens ${own[1]}` : url;
}

/**
 * What a sample was doing, from the script URLs of its stack (leaf first) and its leaf's function
 * name: a store call (a frame of Ponder's `indexing-store/index.js`, the `find`/`insert`/`update`
 * API), Ponder's cache work outside a call (`indexing-store/cache.js`: the flush at a batch's end,
 * the prefetch), the handlers' own code (a frame of ve-lens's `src/` or the floor app's), the
 * garbage collector, idle, or anything else (the sync, the RPC, the database driver, the build).
 * A handler resumed after an `await` has only itself on the stack, and so has a store call resumed
 * inside Ponder: each is classed by the frames it has.
 */
export function sampleKind(urls: readonly string[], leafFunction: string): string {
  if (urls.some((u) => u.includes("/ponder/dist/esm/indexing-store/index"))) return "Ponder store calls";
  if (urls.some((u) => u.includes("/ponder/dist/esm/indexing-store/cache"))) return "Ponder cache flush and prefetch";
  if (urls.some((u) => !u.includes("node_modules") && /\/(src|bench\/floor\/src)\//.test(u))) return "handlers' own code";
  if (leafFunction === "(garbage collector)") return "garbage collector";
  if (leafFunction === "(idle)") return "idle";
  return "other (sync, RPC, database driver, build)";
}

function main(): void {
  const args = process.argv.slice(2);
  const flags = ["--last", "--skip-last"].map((f) => args.indexOf(f));
  const value = (at: number) => (at >= 0 ? Number(args[at + 1]) : undefined);
  const [lastSeconds, skipSeconds] = flags.map(value);
  const [file, topArg] = args.filter((_, i) => !flags.some((at) => at >= 0 && (i === at || i === at + 1)));
  if (!file) throw new Error("usage: npx tsx bench/cpuprofile.ts FILE.cpuprofile [top] [--last SECONDS] [--skip-last SECONDS]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (frame: Node["callFrame"]) => `${frame.functionName || "(anonymous)"} ${sourceOf(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const ownTotal = new Map<string, number>();
  const byKind = new Map<string, number>();
  const from = lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6;
  const until = profile.endTime - (skipSeconds ?? 0) * 1e6;
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < from || at > until) return;
    const frame = byId.get(id)!.callFrame;
    const source = sourceOf(frame.url);
    const fn = nameOf(frame);
    bySource.set(source, (bySource.get(source) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    total += us;
    // inclusive time of ve-lens's functions: each distinct one on the stack once
    const seen = new Set<string>();
    const urls: string[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      urls.push(f.url);
      if (!sourceOf(f.url).startsWith("ve-lens")) continue;
      const name = nameOf(f);
      if (seen.has(name)) continue;
      seen.add(name);
      ownTotal.set(name, (ownTotal.get(name) ?? 0) + us);
    }
    const kind = sampleKind(urls, frame.functionName);
    byKind.set(kind, (byKind.get(kind) ?? 0) + us);
  });
  const show = (title: string, m: Map<string, number>, top: number) => {
    process.stdout.write(`--- ${title} (${(total / 1e6).toFixed(2)} s sampled)\n`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}% ${(us / 1e6).toFixed(3).padStart(7)} s  ${k}\n`);
    }
  };
  show("what the samples were doing (sampleKind)", byKind, 10);
  show("sources, self time", bySource, 15);
  show("functions, self time", byFunction, Number(topArg ?? 25));
  show("ve-lens functions, total time", ownTotal, Number(topArg ?? 25));
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("bench/cpuprofile.ts")) main();

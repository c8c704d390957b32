/**
 * Reads a `.cpuprofile` (from `node --cpu-prof`) and prints self time per function and per
 * source, so bench/PROFILE.md can say where the time goes.
 * Run: npx tsx bench/cpuprofile.ts FILE.cpuprofile [top=25]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
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

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: npx tsx bench/cpuprofile.ts FILE.cpuprofile [top]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)!.callFrame;
    const source = sourceOf(frame.url);
    const fn = `${frame.functionName || "(anonymous)"} ${source}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    bySource.set(source, (bySource.get(source) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    total += us;
  });
  const show = (title: string, m: Map<string, number>, top: number) => {
    process.stdout.write(`--- ${title} (self time, ${(total / 1e6).toFixed(2)} s sampled)\n`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}% ${(us / 1e6).toFixed(3).padStart(7)} s  ${k}\n`);
    }
  };
  show("sources", bySource, 15);
  show("functions", byFunction, Number(topArg ?? 25));
}

main();

/**
 * Rules every test file under test/ follows, checked on their source text (see the README's
 * Tests section): a test body never returns early on a condition (a check that may be skipped
 * is a check that may never run), no assertion sits inside a `catch` block (where a failing
 * assertion can be swallowed or misread), and no test measures wall-clock time against a limit
 * (that belongs to bench/). Helper functions outside test bodies may return early, and a test
 * may `return ctx.skip(reason)` (reported as skipped, not passed).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** The source with string, template and comment contents blanked (lengths and newlines kept). */
export function codeOnly(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const two = source.slice(i, i + 2);
    if (two === "//") {
      while (i < source.length && source[i] !== "\n") (out += " "), i++;
    } else if (two === "/*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (; i < stop; i++) out += source[i] === "\n" ? "\n" : " ";
    } else if (c === '"' || c === "'" || c === "`") {
      out += c;
      i++;
      while (i < source.length && source[i] !== c) {
        if (source[i] === "\\") (out += "  "), (i += 2);
        else (out += source[i] === "\n" ? "\n" : " "), i++;
      }
      out += c;
      i++;
    } else if (c === "/" && /[(,=:!&|?{};]\s*$/.test(out) ) {
      // a regular expression literal
      out += c;
      i++;
      let inClass = false;
      while (i < source.length && (source[i] !== "/" || inClass) && source[i] !== "\n") {
        if (source[i] === "\\") (out += "  "), (i += 2);
        else {
          if (source[i] === "[") inClass = true;
          if (source[i] === "]") inClass = false;
          out += " ";
          i++;
        }
      }
      out += "/";
      i++;
    } else (out += c), i++;
  }
  return out;
}

/** Index of the brace closing the one at `open`. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "{") depth++;
    else if (code[i] === "}" && --depth === 0) return i;
  }
  return code.length;
}

const lineOf = (code: string, index: number) => code.slice(0, index).split("\n").length;

/** Line numbers of `if (...) return` statements directly in a test body (not in nested functions). */
export function earlyReturns(code: string): number[] {
  const found: number[] = [];
  for (const m of code.matchAll(/\b(?:it|test)(?:\.each\([\s\S]*?\)|\.only|\.skip)?\(\s*["'`][^"'`]*["'`]\s*,\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const end = closing(code, open);
    let depth = 0;
    for (let i = open + 1; i < end; i++) {
      if (code[i] === "{") depth++;
      else if (code[i] === "}") depth--;
      else if (depth === 0 && /^if\s*\(/.test(code.slice(i, i + 4)) && /\bif\s*\([^;{]*\)\s*return\b(?!\s+\w+\.skip\()/.test(code.slice(i, code.indexOf("\n", i)))) {
        found.push(lineOf(code, i));
      }
    }
  }
  return found;
}

/** Line numbers of `expect(` inside a `catch` block. */
export function assertionsInCatch(code: string): number[] {
  const found: number[] = [];
  for (const m of code.matchAll(/\bcatch\s*(?:\([^)]*\))?\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const body = code.slice(open, closing(code, open));
    for (const e of body.matchAll(/\bexpect\s*\(/g)) found.push(lineOf(code, open + e.index!));
  }
  return found;
}

/** Line numbers where a clock reading is compared with a limit or asserted on. */
export function wallClockLimits(code: string): number[] {
  const found: number[] = [];
  code.split("\n").forEach((line, i) => {
    const clock = /\b(?:performance\.now|Date\.now)\(\)/.test(line);
    if (!clock) return;
    if (/\bexpect\s*\(/.test(line) || /(?:performance\.now|Date\.now)\(\)\s*-\s*[\w.]+\s*[<>]=?/.test(line)) found.push(i + 1);
  });
  return found;
}

describe("the checks themselves", () => {
  it("find each kind of offence and pass helpers and ordinary code", () => {
    const bad = codeOnly(`
it("skips", async () => {
  const live = find();
  if (!live) return;
  try { await x(); } catch (e) { expect(e).toBe(1); }
  expect(performance.now() - t).toBeLessThan(200);
  while (performance.now() - t0 < 60_000) await tick();
});`);
    expect(earlyReturns(bad)).toEqual([4]);
    expect(assertionsInCatch(bad)).toEqual([5]);
    expect(wallClockLimits(bad)).toEqual([6, 7]);
    const good = codeOnly(`
function helper(x) { if (!x) return; return 1; }
it("skips visibly", async (ctx) => {
  if (!pg) return ctx.skip("no PostgreSQL");
});
it("checks", async () => {
  const f = (v) => { if (v) return 1; return 2; };
  const s = "if (a) return; catch { expect(1) } performance.now() - t < 5";
  const r = /if \\(a\\) return/;
  try { await x(); } catch (e) { throw e; }
  const t = performance.now();
  expect(f(1)).toBe(1);
});`);
    expect([earlyReturns(good), assertionsInCatch(good), wallClockLimits(good)]).toEqual([[], [], []]);
  });
});

describe("test sources follow the rules", () => {
  const files = testFiles(join(ROOT, "test")).filter((f) => !f.includes(`${join("test", "reliability", "corpus")}`));
  it("scans the test tree", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each([
    ["no conditional early return in a test body", earlyReturns],
    ["no assertion inside a catch block", assertionsInCatch],
    ["no wall-clock limit outside bench/", wallClockLimits],
  ] as const)("%s", (_rule, check) => {
    const offences = files.flatMap((f) => check(codeOnly(readFileSync(f, "utf8"))).map((line) => `${relative(ROOT, f)}:${line}`));
    expect(offences).toEqual([]);
  });
});

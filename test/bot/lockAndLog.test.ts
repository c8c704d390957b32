/**
 * bot/lock.ts and bot/log.ts at their edges: what a lock file may hold, the release, the error
 * text; which secrets the logger redacts (longest first, none shorter than 4 characters) and the
 * line format.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotLockedError, acquireLock } from "../../bot/lock";
import { createLogger } from "../../bot/log";
import { removeTempDirs, tempDir } from "./harness";

const tmp = () => tempDir("ve-lens-lock-");
afterEach(removeTempDirs);

describe("acquireLock", () => {
  it("writes this process's pid, and the release removes the file so the next bot can take it", () => {
    const dir = tmp();
    const release = acquireLock(dir);
    expect(readFileSync(join(dir, "bot.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, "bot.lock"))).toBe(false);
    release(); // a second release is harmless
    acquireLock(dir)();
  });

  it("names the live owner's pid", () => {
    const dir = tmp();
    writeFileSync(join(dir, "bot.lock"), "1");
    let thrown: unknown;
    try {
      acquireLock(dir);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BotLockedError);
    expect((thrown as BotLockedError).name).toBe("BotLockedError");
    expect((thrown as BotLockedError).pid).toBe(1);
    expect((thrown as Error).message).toBe("another bot (pid 1) is using this journal directory");
    expect(readFileSync(join(dir, "bot.lock"), "utf8")).toBe("1"); // the owner's lock is left alone
  });

  it.each([
    ["its own pid (a lock left by this process)", () => String(process.pid)],
    ["pid 0", () => "0"],
    ["a negative pid", () => "-1"],
    ["a fraction", () => "1.5"],
    ["garbage", () => "not a pid"],
    ["nothing", () => ""],
    ["a dead pid", () => "999999999"],
  ])("takes over a lock that holds %s", (_what, content) => {
    const dir = tmp();
    writeFileSync(join(dir, "bot.lock"), content());
    const release = acquireLock(dir);
    expect(readFileSync(join(dir, "bot.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("passes on an error other than an existing lock", () => {
    const dir = tmp();
    const file = join(dir, "not-a-dir");
    writeFileSync(file, "");
    expect(() => acquireLock(file)).toThrow(/EEXIST|ENOTDIR/);
    expect(() => acquireLock(join(file, "sub"))).toThrow(/ENOTDIR/);
  });
});

describe("createLogger", () => {
  const logged = (secrets: string[], message: string, level: "info" | "warn" | "error" = "warn") => {
    const out: [string, string][] = [];
    createLogger(secrets, (l, line) => out.push([l, line]))(level, message);
    expect(out).toHaveLength(1);
    expect(out[0]![0]).toBe(level);
    expect(out[0]![1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${level} bot: `));
    return out[0]![1].replace(/^\S+ \S+ bot: /, "");
  };

  it("redacts the longest secret first, so a secret inside another leaves nothing of the longer one", () => {
    expect(logged(["abcd", "xxabcdyy"], "a xxabcdyy b abcd c")).toBe("a [redacted] b [redacted] c");
    expect(logged(["xxabcdyy", "abcd"], "a xxabcdyy b")).toBe("a [redacted] b");
  });

  it("redacts secrets of 4 characters or more, every occurrence, and not shorter ones", () => {
    expect(logged(["abcd"], "abcd abcd")).toBe("[redacted] [redacted]");
    expect(logged(["abc"], "abc def")).toBe("abc def");
    expect(logged([], "plain", "info")).toBe("plain");
  });
});

/**
 * bot/lock.ts and bot/log.ts at their edges: what a lock file may hold, the release, the error
 * text, a stale lock that vanishes while it is being read; which secrets the logger redacts
 * (longest first, none shorter than 4 characters), the line format, and which stream the default
 * writer uses.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
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

  it.runIf(process.platform === "linux")("passes on the error of creating the lock file when it is not EEXIST (sysfs takes no new files, even from root)", () => {
    let thrown: unknown;
    try {
      acquireLock("/sys/kernel");
    } catch (e) {
      thrown = e;
    }
    // the create's own error (EACCES; EROFS where /sys is mounted read-only), not the ENOENT of reading a lock that is not there
    expect(thrown).toMatchObject({ syscall: "open", path: "/sys/kernel/bot.lock", code: expect.stringMatching(/^(EACCES|EROFS)$/) });
  });

  it.runIf(process.platform !== "win32")("takes over a dead owner's lock that someone else removes while it is being read", async () => {
    const dir = tmp();
    const lock = join(dir, "bot.lock");
    execFileSync("mkfifo", [lock]);
    // The other party opens the FIFO for writing (which waits for the reader), writes a dead pid,
    // removes the lock and only then closes: the bot's read of the lock ends after it is gone.
    const other = spawn("sh", ["-c", 'exec 3>"$1"; printf 999999999 >&3; rm "$1"; exec 3>&-', "sh", lock], { stdio: "ignore" });
    const exited = new Promise((r) => other.on("exit", r));
    await new Promise((r) => other.on("spawn", r));
    const release = acquireLock(dir);
    expect(await exited).toBe(0);
    expect(readFileSync(lock, "utf8")).toBe(String(process.pid));
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

describe("createLogger's default writer", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("writes info lines to stdout and warnings and errors to stderr, one line each", () => {
    // pass-through spies: the lines really reach the streams
    const out = vi.spyOn(process.stdout, "write");
    const err = vi.spyOn(process.stderr, "write");
    const log = createLogger([]);
    const line = (level: string, message: string) => expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${level} bot: ${message}\\n$`));
    log("info", "lockAndLog.test: an info line for stdout");
    log("warn", "lockAndLog.test: a warning for stderr");
    log("error", "lockAndLog.test: an error for stderr");
    expect(out.mock.calls.map((c) => c[0])).toEqual([line("info", "lockAndLog.test: an info line for stdout")]);
    expect(err.mock.calls.map((c) => c[0])).toEqual([line("warn", "lockAndLog.test: a warning for stderr"), line("error", "lockAndLog.test: an error for stderr")]);
  });
});

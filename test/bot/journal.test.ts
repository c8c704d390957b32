/**
 * bot/journal.ts on real files in temp dirs: a journal whose last line is whole is not touched at
 * open, blank lines are skipped, a final state stays final whatever follows it, readJournal of a
 * directory without a journal, and no file descriptor left open (by the journal after `close`, or
 * by the directory sync when a journal is created; counted in /proc/self/fd, so Linux only).
 */
import { readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { JOURNAL_FILE, Journal, type JournalRecord, readJournal } from "../../bot/journal";
import { descriptorsOn, removeTempDirs, tempDir } from "./harness";

const tmp = () => tempDir("ve-lens-journal-");
afterEach(removeTempDirs);

const rec = (key: string) => ({ v: 1 as const, key, alert: key.split(":")[0]!, target: "json" });
const at = "2026-01-01T00:00:00.000Z";

describe("Journal.open", () => {
  it("leaves a journal whose last line is whole exactly as it is: same bytes, not even its modification time changes", () => {
    const dir = tmp();
    const path = join(dir, JOURNAL_FILE);
    const j = Journal.open(dir);
    j.append({ ...rec("a:json"), t: "attempt", n: 1, at });
    j.append({ ...rec("a:json"), t: "sent", status: 200, attempts: 1, at });
    j.close();
    const before = readFileSync(path);
    const old = new Date("2000-01-01T00:00:00.000Z");
    utimesSync(path, old, old);
    const again = Journal.open(dir);
    expect(again.state("a:json")).toEqual({ status: "sent", attempts: 1 });
    again.close();
    // cutting a torn line truncates the file, which sets its modification time; a whole journal is not cut
    expect(statSync(path).mtime.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(readFileSync(path)).toEqual(before);
  });

  it("skips empty and whitespace-only lines, at open and in readJournal", () => {
    const dir = tmp();
    const attempt: JournalRecord = { ...rec("a:json"), t: "attempt", n: 1, at };
    const sent: JournalRecord = { ...rec("a:json"), t: "sent", status: 204, attempts: 1, at };
    writeFileSync(join(dir, JOURNAL_FILE), `${JSON.stringify(attempt)}\n\n   \n\t\r\n${JSON.stringify(sent)}\n`);
    const j = Journal.open(dir);
    expect(j.state("a:json")).toEqual({ status: "sent", attempts: 1 });
    j.close();
    expect(readJournal(dir)).toEqual([attempt, sent]);
  });

  it("keeps a final state final whatever is recorded after it, live and when replayed", () => {
    const dir = tmp();
    const j = Journal.open(dir);
    j.append({ ...rec("a:json"), t: "sent", status: 200, attempts: 1, at });
    j.append({ ...rec("a:json"), t: "attempt", n: 2, at });
    j.append({ ...rec("a:json"), t: "failed", reason: "HTTP 404", attempts: 3, at });
    j.append({ ...rec("b:json"), t: "failed", reason: "HTTP 410", attempts: 1, at });
    j.append({ ...rec("b:json"), t: "sent", status: 200, attempts: 2, at });
    j.append({ ...rec("b:json"), t: "attempt", n: 5, at });
    expect([j.state("a:json"), j.state("b:json")]).toEqual([
      { status: "sent", attempts: 1 },
      { status: "failed", attempts: 1 },
    ]);
    j.close();
    const again = Journal.open(dir);
    expect([again.state("a:json"), again.state("b:json")]).toEqual([
      { status: "sent", attempts: 1 },
      { status: "failed", attempts: 1 },
    ]);
    again.close();
  });
});

describe("readJournal", () => {
  it("is empty for a directory without a journal, and for one that does not exist", () => {
    const dir = tmp();
    expect(readJournal(dir)).toEqual([]);
    expect(readJournal(join(dir, "missing"))).toEqual([]);
  });
});

describe("file descriptors", () => {
  it.runIf(process.platform === "linux")("close() releases the journal's descriptor, and creating a journal leaves none open on its directory", () => {
    const dir = realpathSync(tmp());
    const path = join(dir, JOURNAL_FILE);
    const created = Journal.open(dir);
    expect(descriptorsOn(path)).toBe(1);
    expect(descriptorsOn(dir)).toBe(0);
    created.close();
    expect(descriptorsOn(path)).toBe(0);
    const reopened = Journal.open(dir);
    expect(descriptorsOn(path)).toBe(1);
    reopened.close();
    expect([descriptorsOn(path), descriptorsOn(dir)]).toEqual([0, 0]);
  });
});

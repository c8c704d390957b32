/**
 * The delivery journal: an append-only JSONL file, each record fsynced before the bot acts on
 * it, replayed at start-up.
 *
 * Records (one JSON object per line, `v: 1`):
 * - `attempt` (written before each POST): `{ t, key, alert, target, n, at }`
 * - `sent` (written only after a 2xx): `{ t, key, alert, target, status, attempts, at }`
 * - `failed` (permanent: 4xx other than 408/429, or the attempt limit): `{ t, key, ..., reason }`
 *
 * `sent` and `failed` are final: a key with one of them is never posted again. A crash can
 * leave a torn last line; it is cut off at open (the record it held was not acted on).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, ftruncateSync, writeSync } from "node:fs";
import { join } from "node:path";

export type JournalRecord =
  | { v: 1; t: "attempt"; key: string; alert: string; target: string; n: number; at: string }
  | { v: 1; t: "sent"; key: string; alert: string; target: string; status: number; attempts: number; at: string }
  | { v: 1; t: "failed"; key: string; alert: string; target: string; reason: string; attempts: number; at: string };

export interface KeyState {
  status: "pending" | "sent" | "failed";
  /** Attempts recorded so far (across restarts). */
  attempts: number;
}

/** Journal file name inside the bot directory. */
export const JOURNAL_FILE = "journal.jsonl";

export class Journal {
  private readonly states = new Map<string, KeyState>();
  private fd: number;

  private constructor(
    readonly path: string,
    fd: number,
    records: JournalRecord[],
  ) {
    this.fd = fd;
    for (const r of records) this.apply(r);
  }

  /** Opens (creating) `dir/journal.jsonl`, cuts a torn last line and replays the records. */
  static open(dir: string): Journal {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, JOURNAL_FILE);
    const created = !existsSync(path);
    const fd = openSync(path, "a+");
    if (created) fsyncDir(dir);
    const text = readFileSync(path, "utf8");
    const end = text.lastIndexOf("\n") + 1;
    if (end < text.length) {
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
      fsyncSync(fd);
    }
    const records: JournalRecord[] = [];
    for (const line of text.slice(0, end).split("\n")) {
      if (line.trim() === "") continue;
      records.push(JSON.parse(line) as JournalRecord);
    }
    return new Journal(path, fd, records);
  }

  /** State of a key (`pending` with 0 attempts if never seen). */
  state(key: string): KeyState {
    return this.states.get(key) ?? { status: "pending", attempts: 0 };
  }

  /** Appends a record and fsyncs it before returning. */
  append(record: JournalRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    writeSync(this.fd, line);
    fsyncSync(this.fd);
    this.apply(record);
  }

  close(): void {
    closeSync(this.fd);
  }

  private apply(r: JournalRecord): void {
    const s = this.state(r.key);
    if (s.status !== "pending") return; // final states stay final
    if (r.t === "attempt") this.states.set(r.key, { status: "pending", attempts: Math.max(s.attempts, r.n) });
    else this.states.set(r.key, { status: r.t, attempts: Math.max(s.attempts, r.attempts) });
  }
}

/** Reads every record of a journal file (for tests and inspection). */
export function readJournal(dir: string): JournalRecord[] {
  const path = join(dir, JOURNAL_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as JournalRecord);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

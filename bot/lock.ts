/**
 * One bot per journal: `bot.lock` holds the owner's pid. A lock left by a dead process
 * (crash, SIGKILL) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class BotLockedError extends Error {
  override name = "BotLockedError";
  constructor(readonly pid: number) {
    super(`another bot (pid ${pid}) is using this journal directory`);
  }
}

/** Takes the lock or throws {@link BotLockedError}; returns the release function. */
export function acquireLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "bot.lock");
  for (let i = 0; i < 2; i++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx" });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(path, "utf8"));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new BotLockedError(pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot take ${path}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The bot's logger: one line per event on stdout (errors on stderr), with every configured
 * secret replaced by `[redacted]` as a last line of defence (messages name targets, not URLs).
 */
export type Logger = (level: "info" | "warn" | "error", message: string) => void;

export function createLogger(secrets: readonly string[], write: (level: string, line: string) => void = defaultWrite): Logger {
  const ordered = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return (level, message) => {
    let line = `${new Date().toISOString()} ${level} bot: ${message}`;
    for (const s of ordered) line = line.split(s).join("[redacted]");
    write(level, line);
  };
}

function defaultWrite(level: string, line: string): void {
  (level === "info" ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * `npm run bot [-- --once]`: posts final ve-lens alerts to the webhooks configured in the
 * environment (see docs/ALERTS.md). SIGINT / SIGTERM stop it; the journal keeps its place.
 * Exit codes: 0 done, 1 bad configuration or the journal is in use, 3 (`--once`) some
 * deliveries failed permanently.
 */
import { BotConfigError, readBotConfig } from "./config";
import { BotLockedError } from "./lock";
import { createLogger } from "./log";
import { runBot } from "./worker";

async function main(): Promise<number> {
  let config;
  try {
    config = readBotConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof BotConfigError) {
      process.stderr.write(`ve-lens bot: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const log = createLogger(config.secrets);
  const controller = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      log("info", `${sig}: stopping`);
      controller.abort();
    });
  }
  try {
    const summary = await runBot(config, log, controller.signal);
    return config.once && summary.failed > 0 ? 3 : 0;
  } catch (error) {
    if (error instanceof BotLockedError) {
      log("error", error.message);
      return 1;
    }
    log("error", `stopped by an error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then((code) => process.exit(code));

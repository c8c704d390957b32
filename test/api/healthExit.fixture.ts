/**
 * Child process of test/api/health.test.ts, run as `tsx test/api/healthExit.fixture.ts start`
 * (so the monitor believes it is the indexer): a health monitor over a PGlite database whose
 * final block 1 has a hash the chain (HEALTH_RPC_URL) never had. Prints the report once it turns
 * unhealthy; the monitor itself decides whether the process exits (code 70). If it does not, the
 * fixture exits 0 after twice the monitor's exit delay.
 */
import { UNHEALTHY_EXIT_DELAY_MS, startHealthMonitor } from "../../src/api/health";
import { openHealthDb } from "./healthDb";

const store = await openHealthDb();
await store.storeFinal(31337, 1, `0x${"ab".repeat(32)}`);
const monitor = startHealthMonitor({ db: store.db, chainId: 31337, rpcUrl: process.env.HEALTH_RPC_URL!, indexedBlock: async () => 1 });
const poll = setInterval(() => {
  const report = monitor.report();
  if (report.status !== "unhealthy") return;
  clearInterval(poll);
  console.log(`REPORT ${JSON.stringify(report)}`);
  setTimeout(() => process.exit(0), 2 * UNHEALTHY_EXIT_DELAY_MS);
}, 50);

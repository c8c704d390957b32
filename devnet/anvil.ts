/**
 * Starts and stops a local anvil (chain id 31337) for the devnet and the tests.
 *
 * The platform binary under `node_modules/@foundry-rs/anvil-<os>-<arch>/bin/` is spawned directly:
 * the npm wrapper forwards signals unreliably, so killing it could leave anvil running. Every
 * anvil started here is also killed when the Node process exits.
 *
 * @example
 * const anvil = await startAnvil();
 * // ... use anvil.rpcUrl ...
 * await anvil.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

export interface StartAnvilOptions {
  /** Port to listen on; a free port is picked when omitted. */
  port?: number;
  /** State file to load at start (`--load-state`). */
  loadState?: string;
  /**
   * File to dump the state to on exit (`--dump-state`). Such an anvil is left alone by the
   * SIGINT/SIGTERM/SIGHUP hook below: its owner's shutdown stops it and waits for the dump (a
   * SIGKILL in the middle would leave no usable state). Node's own exit still kills it.
   */
  dumpState?: string;
  /** More anvil arguments, appended last; a switch without a value given twice is kept once. */
  extraArgs?: string[];
  /** Milliseconds to wait for `eth_chainId` to answer (default 20 000; 300 000 when loading a state). */
  timeoutMs?: number;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  /** Sends SIGTERM and resolves once anvil has exited (SIGKILL after 5 s, or 15 min while it writes a state dump). */
  stop(): Promise<void>;
  /** How anvil ended when it exited by itself or was stopped ("signal SIGKILL", "code 1"), else null. */
  exitStatus(): string | null;
}

export const ANVIL_CHAIN_ID = 31337;

/** Thrown when anvil cannot be found or does not come up. */
export class AnvilStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnvilStartError";
  }
}

const require = createRequire(import.meta.url);
/** Every anvil started here, and whether it writes a state dump on exit (spared by the signal hook). */
const running = new Map<ChildProcess, { writesDump: boolean }>();
let exitHookInstalled = false;

/** Absolute path of the platform's anvil binary from `@foundry-rs/anvil-<os>-<arch>`. */
export function anvilBinaryPath(): string {
  const os = process.platform === "win32" ? "win32" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = `@foundry-rs/anvil-${os}-${arch}`;
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new AnvilStartError(`package ${pkg} is not installed (npm install @foundry-rs/anvil)`);
  }
  const binary = join(dir, "bin", os === "win32" ? "anvil.exe" : "anvil");
  if (!existsSync(binary)) throw new AnvilStartError(`anvil binary missing at ${binary}`);
  return binary;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function killAll(sparingDumps = false): void {
  for (const [child, { writesDump }] of running) if (!(sparingDumps && writesDump)) child.kill("SIGKILL");
}

/**
 * Kills every anvil started here when Node exits, and on SIGINT/SIGTERM/SIGHUP: a signal is
 * re-raised so the default behaviour (termination) applies unless someone else handles it, and
 * when someone does, the anvils that write a state dump are left to their shutdown.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => killAll());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      // With nobody else handling the signal, the process ends now: every anvil goes with it.
      const handled = process.listenerCount(signal) > 0;
      killAll(handled);
      if (!handled) process.kill(process.pid, signal);
    });
  }
}

async function chainIdAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    const body = (await response.json()) as { result?: string };
    return body.result !== undefined && Number(body.result) === ANVIL_CHAIN_ID;
  } catch {
    return false;
  }
}

/**
 * `args` with each switch that takes no value (`--prune-history`) kept at its first place only:
 * anvil refuses a flag given twice, and callers add the same switch for different reasons (the
 * scenario's pruned history, the bench's crowd). Flags with a value and the values are kept as
 * they are.
 *
 * @example
 * withoutRepeatedSwitches(["--timestamp", "1", "--prune-history", "--prune-history"]); // ["--timestamp", "1", "--prune-history"]
 */
export function withoutRepeatedSwitches(args: readonly string[]): string[] {
  const seen = new Set<string>();
  return args.filter((arg, i) => {
    const isSwitch = arg.startsWith("--") && (i + 1 === args.length || args[i + 1]!.startsWith("--"));
    if (!isSwitch) return true;
    if (seen.has(arg)) return false;
    seen.add(arg);
    return true;
  });
}

async function startOnce(port: number, options: StartAnvilOptions): Promise<AnvilInstance> {
  const args = [
    "--host", "127.0.0.1",
    "--port", String(port),
    "--chain-id", String(ANVIL_CHAIN_ID),
    "--order", "fifo",
    "--gas-limit", "1000000000",
    "--disable-code-size-limit",
    "--silent",
  ];
  if (options.loadState) args.push("--load-state", options.loadState);
  if (options.dumpState) args.push("--dump-state", options.dumpState);
  args.push(...withoutRepeatedSwitches(options.extraArgs ?? []));

  installExitHook();
  const child = spawn(anvilBinaryPath(), args, { stdio: ["ignore", "ignore", "pipe"] });
  running.set(child, { writesDump: Boolean(options.dumpState) });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let status: string | null = null;
  const exited = new Promise<void>((resolveExit) => {
    child.once("exit", (code, signal) => {
      status = signal ? `signal ${signal}` : `code ${code}`;
      running.delete(child);
      resolveExit();
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill("SIGTERM");
    // anvil writes its state dump on SIGTERM: a large state takes minutes on a busy machine, and
    // a SIGKILL in the middle leaves a truncated file that every later load fails on.
    const timer = setTimeout(() => child.kill("SIGKILL"), options.dumpState ? 900_000 : 5000);
    await exited;
    clearTimeout(timer);
  };

  const rpcUrl = `http://127.0.0.1:${port}`;
  // Loading a saved state (over 1 GB for `default` with history) takes far longer than a fresh start.
  const deadline = Date.now() + (options.timeoutMs ?? (options.loadState ? 300_000 : 20_000));
  while (!(await chainIdAnswers(rpcUrl))) {
    if (hasExited) throw new AnvilStartError(`anvil exited during start-up (port ${port}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new AnvilStartError(`anvil did not answer eth_chainId on ${rpcUrl}: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { rpcUrl, port, stop, exitStatus: () => status };
}

/** Spawns anvil (chain id 31337, fifo ordering, 1e9 gas limit, silent) and waits until it answers. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilInstance> {
  if (options.port !== undefined) return startOnce(options.port, options);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), options);
    } catch (error) {
      lastError = error; // the port may have been taken in between: try another one
    }
  }
  throw lastError;
}

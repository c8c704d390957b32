/**
 * Keeps PGlite's protocol files in memory instead of on the disk.
 *
 * For every protocol message the PostgreSQL inside PGlite 0.2 opens, truncates, stamps and closes
 * files named `/tmp/pglite/base/.s.PGSQL.5432*` (its emulated socket). `/tmp/pglite/base` is the
 * data directory, mounted from the host's disk (Emscripten's NODEFS), so each message costs
 * several synchronous host file-system calls in the server's one thread: 27% of the CPU time of
 * `ponder start` under the load test (profile of the API and the indexer on PGlite). The files
 * hold no data that outlives a message and no other process reads them.
 *
 * Installed once per process, this wraps `PGlite.prototype.execProtocol`: the first statement of
 * each database first makes its file system resolve those paths in `/tmp/pglite` (the in-memory
 * file system that already holds PostgreSQL's binaries), under the same file names. Measured on
 * 3,000 one-row queries over a real PGlite: 0.80 ms a query before, 0.55 ms after.
 *
 * @example
 * installPgliteSocketFilesInMemory(PGlite); // in ponder.config.ts, when the database is PGlite
 */

/** Where PGlite 0.2's PostgreSQL puts its protocol files: the data directory, on the host's disk. */
export const SOCKET_FILES_ON_DISK = "/tmp/pglite/base/.s.PGSQL.";
/** Where they go instead: the in-memory parent of the data directory's mount point. */
export const SOCKET_FILES_IN_MEMORY = "/tmp/pglite/.s.PGSQL.";

/** The part of Emscripten's file system that is wrapped. */
export interface EmscriptenFs {
  lookupPath(path: string, options?: unknown): unknown;
}

/** The part of PGlite's class that is wrapped (method syntax: PGlite's options type is accepted). */
export interface PgliteClass {
  prototype: { execProtocol(message: Uint8Array, options?: unknown): Promise<unknown> };
}

const INSTALLED = Symbol.for("ve-lens.pgliteSocketFiles");
const REDIRECTED = Symbol.for("ve-lens.pgliteSocketFiles.fs");

/**
 * Makes `fs` resolve the protocol files' paths in memory (once per file system). Every path
 * operation of Emscripten's file system (open, create, rename, unlink, utime, truncate, stat)
 * resolves its path through `lookupPath`, and a created file takes the base name of the path
 * asked for, which the rewrite keeps. Returns false when `fs` is not the expected shape.
 */
export function redirectSocketFiles(fs: EmscriptenFs | undefined): boolean {
  if (!fs || typeof fs.lookupPath !== "function") return false;
  const marked = fs as EmscriptenFs & { [REDIRECTED]?: true };
  if (marked[REDIRECTED]) return true;
  const lookupPath = fs.lookupPath;
  fs.lookupPath = function lookupPathInMemory(this: unknown, path: string, options?: unknown) {
    const moved = typeof path === "string" && path.startsWith(SOCKET_FILES_ON_DISK) ? SOCKET_FILES_IN_MEMORY + path.slice(SOCKET_FILES_ON_DISK.length) : path;
    return lookupPath.call(this, moved, options);
  };
  Object.defineProperty(fs, REDIRECTED, { value: true });
  return true;
}

/** Wraps `pglite.prototype.execProtocol` once so that every database's file system is redirected before its next statement. */
export function installPgliteSocketFilesInMemory(pglite: PgliteClass): void {
  const proto = pglite.prototype as PgliteClass["prototype"] & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const original = proto.execProtocol;
  const seen = new WeakSet<object>();
  proto.execProtocol = function execProtocolWithSocketFilesInMemory(this: object, message: Uint8Array, options?: unknown) {
    if (!seen.has(this)) {
      seen.add(this);
      redirectSocketFiles((this as { mod?: { FS?: EmscriptenFs } }).mod?.FS);
    }
    return original.call(this, message, options);
  };
  Object.defineProperty(proto, INSTALLED, { value: true });
}

/**
 * GraphiQL without outside services: the `dist/` files of `@graphql-yoga/graphiql` are served
 * from node_modules at {@link GRAPHIQL_ASSETS_PATH}, and {@link renderLocalGraphiQL} is yoga's
 * `renderGraphiQL` with a page that only names those local URLs (yoga's own page loads them from
 * a CDN). Nothing is read at import time; the package is located on the first request.
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, sep } from "node:path";
import type { GraphiQLOptions } from "graphql-yoga";
import { type Context, Hono } from "hono";

/** URL path under which the package's `dist/` directory is served. */
export const GRAPHIQL_ASSETS_PATH = "/graphiql/assets";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** The Monaco editor workers by the label Monaco asks for (`editorWorkerService` is the fallback). */
const WORKERS: Record<string, string> = {
  editorWorkerService: "monacoeditorwork/editor.worker.bundle.js",
  json: "monacoeditorwork/json.worker.bundle.js",
  // the package really names this file with two dots
  graphql: "monacoeditorwork/graphql.worker..bundle.js",
};

let located: { dir: string; version: string } | undefined;

/** The package's `dist/` directory and version (its exports map hides dist/, package.json is exported). */
export function graphiqlPackage(): { dir: string; version: string } {
  if (!located) {
    let pkgJson: string;
    try {
      pkgJson = createRequire(import.meta.url).resolve("@graphql-yoga/graphiql/package.json");
    } catch {
      pkgJson = join(process.cwd(), "node_modules", "@graphql-yoga", "graphiql", "package.json");
    }
    const { version } = JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string };
    located = { dir: join(dirname(pkgJson), "dist"), version };
  }
  return located;
}

/**
 * The file under `dir` named by the URL remainder `rel` (still percent-encoded), or `"refused"`
 * when a segment is empty, `.` or `..`, or decodes to a separator or NUL, or `undefined` when
 * the name is well formed but not a servable type.
 */
export function resolveAsset(dir: string, rel: string): string | "refused" | undefined {
  const segments: string[] = [];
  for (const raw of rel.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return "refused";
    }
    if (segment === "" || segment === "." || segment === ".." || /[/\\\0]/.test(segment)) return "refused";
    segments.push(segment);
  }
  const file = join(dir, ...segments);
  if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return "refused";
  return CONTENT_TYPES[extname(file)] ? file : undefined;
}

/** Hono sub-app serving the GraphiQL files (`dir` defaults to the installed package's `dist/`). */
export function createGraphiqlAssetsApp(options: { dir?: string } = {}) {
  const app = new Hono();
  app.get(`${GRAPHIQL_ASSETS_PATH}/*`, async (c) => {
    const rel = new URL(c.req.url).pathname.slice(GRAPHIQL_ASSETS_PATH.length + 1);
    const file = resolveAsset(options.dir ?? graphiqlPackage().dir, rel);
    if (file === "refused") return c.json({ error: "BAD_REQUEST", detail: "invalid asset path" }, 400);
    if (file === undefined) return c.json({ error: "NOT_FOUND", detail: "no such GraphiQL asset" }, 404);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return c.json({ error: "NOT_FOUND", detail: "no such GraphiQL asset" }, 404);
    }
    return c.body(new Uint8Array(body), 200, {
      "Content-Type": CONTENT_TYPES[extname(file)]!,
      // the page names the files with ?v=<package version>, so a new version is a new URL
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    });
  });
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** yoga's `renderGraphiQL`: the GraphiQL page with every asset on this server. */
export function renderLocalGraphiQL(opts: GraphiQLOptions = {}): string {
  const { version } = graphiqlPackage();
  const asset = (file: string) => `${GRAPHIQL_ASSETS_PATH}/${file}?v=${encodeURIComponent(version)}`;
  const title = escapeHtml(opts.title || "GraphiQL");
  const workers = Object.fromEntries(Object.entries(WORKERS).map(([label, file]) => [label, asset(file)]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset("graphiql.css")}">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root">Loading ${title}...</div>
<script>
const workers = ${scriptJson(workers)};
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => workers[label] || workers.editorWorkerService,
};
</script>
<script src="${asset("yoga-graphiql.umd.js")}"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), ${scriptJson(opts)});</script>
</body>
</html>
`;
}

/** Handler answering with the local GraphiQL page (for GraphQL endpoints that are not ours). */
export function graphiqlPage(opts: GraphiQLOptions) {
  return (c: Context) => c.html(renderLocalGraphiQL(opts));
}

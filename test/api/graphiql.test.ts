import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  GRAPHIQL_ASSETS_PATH,
  createGraphiqlAssetsApp,
  graphiqlPackage,
  renderLocalGraphiQL,
  resolveAsset,
} from "../../src/api/graphiql";
import { createFakeApp } from "./fakeServer";

const app = createGraphiqlAssetsApp();

/** A dist/ stand-in with a secret file next to it, to prove traversal cannot reach it. */
const root = mkdtempSync(join(tmpdir(), "ve-lens-graphiql-"));
const dist = join(root, "dist");
mkdirSync(join(dist, "sub"), { recursive: true });
writeFileSync(join(dist, "a.js"), "console.log(1);");
writeFileSync(join(dist, "sub", "b.css"), "body{}");
writeFileSync(join(dist, "notes.txt"), "not servable");
writeFileSync(join(root, "secret.js"), "SECRET");
const fakeApp = createGraphiqlAssetsApp({ dir: dist });
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("GraphiQL assets", () => {
  it("serves the package's bundle, stylesheet and Monaco workers with content types and long caching", async () => {
    for (const [file, type] of [
      ["yoga-graphiql.umd.js", "text/javascript; charset=utf-8"],
      ["graphiql.css", "text/css; charset=utf-8"],
      ["monacoeditorwork/editor.worker.bundle.js", "text/javascript; charset=utf-8"],
      ["monacoeditorwork/json.worker.bundle.js", "text/javascript; charset=utf-8"],
      ["monacoeditorwork/graphql.worker..bundle.js", "text/javascript; charset=utf-8"],
    ] as const) {
      const res = await app.request(`${GRAPHIQL_ASSETS_PATH}/${file}?v=${graphiqlPackage().version}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type"), file).toBe(type);
      expect(res.headers.get("cache-control"), file).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options"), file).toBe("nosniff");
      expect((await res.arrayBuffer()).byteLength, file).toBeGreaterThan(1000);
    }
  });

  it("answers 404 for files that do not exist or are not scripts or stylesheets", async () => {
    for (const path of ["missing.js", "nope/graphiql.css", "notes.txt", "sub", ""]) {
      const res = await fakeApp.request(`${GRAPHIQL_ASSETS_PATH}/${path}`);
      expect([400, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain("not servable");
    }
    expect((await fakeApp.request(`${GRAPHIQL_ASSETS_PATH}/missing.js`)).status).toBe(404);
    expect((await fakeApp.request(`${GRAPHIQL_ASSETS_PATH}/notes.txt`)).status).toBe(404);
    expect((await app.request(`${GRAPHIQL_ASSETS_PATH}/yoga-graphiql.es.map`)).status).toBe(404);
    expect((await fakeApp.request(`${GRAPHIQL_ASSETS_PATH}/sub/b.css`)).status).toBe(200);
  });

  it("refuses path traversal", async () => {
    for (const path of [
      "..%2fsecret.js",
      "%2e%2e%2fsecret.js",
      "sub%2f..%2f..%2fsecret.js",
      "..%5csecret.js",
      "sub/%2e%2e/%2e%2e/secret.js",
      "a.js%00.js",
      "%E0%A4%A.js",
      "sub//b.css",
    ]) {
      const res = await fakeApp.request(`${GRAPHIQL_ASSETS_PATH}/${path}`);
      expect([400, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain("SECRET");
    }
    // the same names given straight to the resolver (no URL normalisation in between)
    for (const rel of ["../secret.js", "sub/../../secret.js", "./a.js", "..%2fsecret.js", "a.js%00", "..\\secret.js", "/etc/passwd.js"]) {
      expect(resolveAsset(dist, rel), rel).toBe("refused");
    }
    expect(resolveAsset(dist, "sub/b.css")).toBe(join(dist, "sub", "b.css"));
    expect(resolveAsset(dist, "notes.txt")).toBeUndefined();
  });
});

describe("GraphiQL page", () => {
  it("names only local asset URLs", () => {
    const html = renderLocalGraphiQL({ title: "t</title><script>x</script>", defaultQuery: "{ a } </script>" });
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain("unpkg");
    expect(html).not.toContain("<script>x</script>");
    expect(html).not.toContain("{ a } </script>");
    const v = graphiqlPackage().version;
    expect(html).toContain(`src="${GRAPHIQL_ASSETS_PATH}/yoga-graphiql.umd.js?v=${v}"`);
    expect(html).toContain(`href="${GRAPHIQL_ASSETS_PATH}/graphiql.css?v=${v}"`);
    expect(html).toContain(`${GRAPHIQL_ASSETS_PATH}/monacoeditorwork/graphql.worker..bundle.js?v=${v}`);
  });

  it("is what GET /graphql answers to a browser", async () => {
    const { app: api } = createFakeApp();
    const res = await api.request("/graphql", { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<title>ve-lens analytics</title>");
    expect(html).toContain(`${GRAPHIQL_ASSETS_PATH}/yoga-graphiql.umd.js`);
    expect(html).not.toMatch(/https?:\/\//);
  });
});

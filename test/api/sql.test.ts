import { Hono, type MiddlewareHandler } from "hono";
import { describe, expect, it } from "vitest";
import { guardSql, sqlErrorDetail } from "../../src/api/sql";

function appWith(inner: MiddlewareHandler) {
  const app = new Hono();
  app.use("/sql/*", guardSql(inner));
  app.get("/sql/other", (c) => c.text("downstream"));
  return app;
}

describe("/sql guard", () => {
  it("turns a 500 into 400 BAD_SQL without file paths", async () => {
    const app = appWith(async (c) =>
      c.text("Invalid query: function pg_sleep not allowed\n    at validate (/home/u/app/node_modules/ponder/dist/sql.js:12:3)", 500),
    );
    const res = await app.request("/sql/db?sql=x");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; detail: string };
    expect(body.error).toBe("BAD_SQL");
    expect(body.detail).toBe("Invalid query: function pg_sleep not allowed");
  });

  it("turns a throw into 400 BAD_SQL", async () => {
    const app = appWith(async () => {
      throw new SyntaxError("Unexpected token 'x', \"x\" is not valid JSON");
    });
    const res = await app.request("/sql/db?sql=x");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("BAD_SQL");
  });

  it("strips paths inside a message", () => {
    const detail = sqlErrorDetail("Cannot read file:///srv/app/src/x.ts:3:4 or C:\\app\\x.js");
    expect(detail).not.toMatch(/srv|app[\\/]|x\.ts|x\.js/);
    expect(sqlErrorDetail("")).toBe("the SQL query was rejected");
  });

  it("keeps successes, 503 and pass-through untouched", async () => {
    const ok = appWith(async (c) => c.json({ json: { rows: [] } }));
    const res = await ok.request("/sql/db?sql=x");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ json: { rows: [] } });
    const busy = appWith(async (c) => c.text("Maximum number of live queries reached", 503));
    expect((await busy.request("/sql/live?sql=x")).status).toBe(503);
    const passing = appWith(async (_c, next) => {
      await next();
    });
    const other = await passing.request("/sql/other");
    expect(await other.text()).toBe("downstream");
  });
});

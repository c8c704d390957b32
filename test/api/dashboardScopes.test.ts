/**
 * The dashboard's browser scripts cannot import src/domain/scopes.ts, so they hold one mirror of
 * it: `SCOPE_LABEL` in src/api/dashboard/common.js. This test keeps the mirror equal to the one
 * definition (same scopes, same order) and checks what the pages build from it. The pages
 * themselves run in Chromium in test/e2e/dashboard.test.ts and test/e2e/accountPage.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { METRIC_SCOPES } from "../../src/domain/scopes";

const DASHBOARD = join(import.meta.dirname, "..", "..", "src", "api", "dashboard");

interface Option {
  value: string;
  textContent: string;
}

/** Runs common.js as the browser would, with just the `window` and `document` parts it touches. */
function loadCommon() {
  const window: { veLensCommon?: { SCOPE_LABEL: Record<string, string>; fillScopeSelect(select: { appendChild(o: Option): void }): void } } = {};
  const document = { createElement: () => ({ value: "", textContent: "" }), getElementById: () => null };
  runInNewContext(readFileSync(join(DASHBOARD, "common.js"), "utf8"), { window, document, BigInt, Number, Math, Object });
  return window.veLensCommon!;
}

describe("the dashboard's scope labels", () => {
  it("name every metric scope of src/domain/scopes.ts, in its order", () => {
    expect(Object.keys(loadCommon().SCOPE_LABEL)).toEqual([...METRIC_SCOPES]);
  });

  it("fill a scope menu with every scope that needs no gauge", () => {
    const common = loadCommon();
    const options: Option[] = [];
    common.fillScopeSelect({ appendChild: (o) => options.push(o) });
    expect(options.map((o) => o.value)).toEqual(METRIC_SCOPES.filter((s) => s !== "GAUGE_VOTERS"));
    expect(options.map((o) => o.textContent)).toEqual(options.map((o) => common.SCOPE_LABEL[o.value]));
  });

  it("are not written again in the pages", () => {
    for (const file of ["app.js", "account.js", "index.html", "account.html"]) {
      const text = readFileSync(join(DASHBOARD, file), "utf8");
      expect(text, file).not.toMatch(/ELIGIBLE_POWER\s*:|value="ELIGIBLE_POWER"/);
    }
  });
});

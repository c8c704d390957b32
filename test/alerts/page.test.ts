import { describe, expect, it } from "vitest";
import { AlertQueryError, AlertQueryParamsSchema, alertCursor, alertsToCsv, pageAlerts, parseAlertQueryParams } from "../../src/alerts/page";
import { sortAlerts } from "../../src/alerts/rules";
import { sampleAlert } from "./fixtures";

// Built inside each test: Stryker switches a mutant on just before the tests, after
// the module's top level ran.
/** What `f` throws (undefined when it returns). */
function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

const fixture = () => sortAlerts([sampleAlert(200, "b"), sampleAlert(100, "a"), sampleAlert(200, "a"), sampleAlert(300, "c", { provisional: true })]);

describe("pageAlerts", () => {
  it("orders by (ts, id) and filters by since (inclusive)", () => {
    const alerts = fixture();
    expect(pageAlerts(alerts, {}).alerts.map((a) => [a.ts, a.id.slice(-1)])).toEqual([[100, "a"], [200, "a"], [200, "b"], [300, "c"]]);
    expect(pageAlerts(alerts, { since: 200 }).alerts.map((a) => a.ts)).toEqual([200, 200, 300]);
  });
  it("pages with first / after without skipping alerts of the same ts", () => {
    const alerts = fixture();
    const p1 = pageAlerts(alerts, { first: 2 });
    expect(p1.pageInfo).toEqual({ hasNextPage: true, endCursor: alertCursor(alerts[1]!) });
    const p2 = pageAlerts(alerts, { first: 2, after: p1.pageInfo.endCursor! });
    expect(p2.alerts.map((a) => [a.ts, a.id.slice(-1)])).toEqual([[200, "b"], [300, "c"]]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(pageAlerts(alerts, { after: p2.pageInfo.endCursor! })).toEqual({ alerts: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
  it("filters provisional", () => {
    const alerts = fixture();
    expect(pageAlerts(alerts, { provisional: true }).alerts.map((a) => a.ts)).toEqual([300]);
    expect(pageAlerts(alerts, { provisional: false }).alerts).toHaveLength(3);
  });
  it("refuses bad arguments with the parameter name", () => {
    const alerts = fixture();
    expect(() => pageAlerts(alerts, { first: 0 })).toThrow(new AlertQueryError("first", "expected an integer in [1, 1000]"));
    expect(() => pageAlerts(alerts, { first: 1001 })).toThrow(AlertQueryError);
    expect(() => pageAlerts(alerts, { since: -1 })).toThrow("invalid since");
    expect(() => pageAlerts(alerts, { after: "x" })).toThrow("invalid after");
  });
  it("says what each refused argument expects, as an AlertQueryError", () => {
    const alerts = fixture();
    const since = thrownBy(() => pageAlerts(alerts, { since: -1 }));
    expect(since).toBeInstanceOf(AlertQueryError);
    expect(since).toMatchObject({ name: "AlertQueryError", parameter: "since", detail: "expected unix seconds (an integer >= 0)", message: "invalid since: expected unix seconds (an integer >= 0)" });
    const after = thrownBy(() => pageAlerts(alerts, { after: "x" }));
    expect(after).toMatchObject({ name: "AlertQueryError", parameter: "after", message: "invalid after: expected a cursor from pageInfo.endCursor" });
  });
  it("reads a cursor only when it is the whole argument", () => {
    const alerts = fixture();
    const cursor = alertCursor(alerts[0]!);
    expect(pageAlerts(alerts, { after: cursor }).alerts).toHaveLength(3);
    expect(() => pageAlerts(alerts, { after: `x${cursor}` })).toThrow(new AlertQueryError("after", "expected a cursor from pageInfo.endCursor"));
    // a 33rd hex character after the id
    expect(() => pageAlerts(alerts, { after: `${cursor}0` })).toThrow(new AlertQueryError("after", "expected a cursor from pageInfo.endCursor"));
  });
  it("accepts first = 1 (the lower bound) and includes an alert at ts 0", () => {
    const alerts = [sampleAlert(0, "a"), sampleAlert(5, "b")];
    expect(pageAlerts(alerts, { first: 1 })).toEqual({ alerts: [alerts[0]], pageInfo: { hasNextPage: true, endCursor: alertCursor(alerts[0]!) } });
    expect(pageAlerts(alerts, {}).alerts).toEqual(alerts);
  });
  it("accepts first = 1000 (the upper bound): 1,001 alerts give one full page and a next", () => {
    const alerts = Array.from({ length: 1001 }, (_, i) => sampleAlert(i, "a"));
    const page = pageAlerts(alerts, { first: 1000 });
    expect(page.alerts.length).toBe(1000);
    expect(page.alerts[999]).toBe(alerts[999]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: alertCursor(alerts[999]!) });
  });
  it("after a cursor, a later alert comes even when its id sorts before the cursor's", () => {
    const alerts = sortAlerts([sampleAlert(100, "b"), sampleAlert(200, "a")]);
    expect(pageAlerts(alerts, { after: alertCursor(alerts[0]!) }).alerts).toEqual([alerts[1]]);
  });
});

describe("parseAlertQueryParams", () => {
  it("reads numbers, booleans and the format", () => {
    expect(parseAlertQueryParams({ since: "5", first: "10", provisional: "false", format: "csv" })).toEqual({ since: 5, first: 10, provisional: false, format: "csv" });
    // strict: an absent parameter is left out, not set to undefined
    expect(parseAlertQueryParams({})).toStrictEqual({ format: "json" });
    expect(parseAlertQueryParams({ after: "1.a", provisional: "true", format: "json" })).toStrictEqual({ after: "1.a", provisional: true, format: "json" });
  });
  it("names the bad parameter", () => {
    expect(() => parseAlertQueryParams({ first: "ten" })).toThrow(new AlertQueryError("first", "expected a non-negative integer"));
    expect(() => parseAlertQueryParams({ format: "xml" })).toThrow('invalid format: expected "json" or "csv"');
    expect(() => parseAlertQueryParams({ provisional: "yes" })).toThrow(new AlertQueryError("provisional", 'expected "true" or "false"'));
  });
  it("takes only whole digit strings as numbers", () => {
    expect(() => parseAlertQueryParams({ since: "x5" })).toThrow(new AlertQueryError("since", "expected a non-negative integer"));
    expect(() => parseAlertQueryParams({ since: "5x" })).toThrow(new AlertQueryError("since", "expected a non-negative integer"));
    expect(AlertQueryParamsSchema.safeParse({ since: "5x" }).error?.issues[0]?.message).toBe("invalid since");
    expect(AlertQueryParamsSchema.safeParse({ first: "-1" }).error?.issues[0]?.message).toBe("invalid first");
  });
  it("refuses values that are not strings (a caller other than the HTTP route)", () => {
    const bad = (params: unknown) => parseAlertQueryParams(params as Record<string, string | undefined>);
    expect(() => bad({ after: 5 })).toThrow(new AlertQueryError("after", "expected a cursor from pageInfo.endCursor"));
    // not an object at all: the issue has no path, so it names "query"
    const error = thrownBy(() => bad(null));
    expect(error).toBeInstanceOf(AlertQueryError);
    expect(error).toMatchObject({ parameter: "query", message: "invalid query: expected a non-negative integer" });
  });
});

describe("alertsToCsv", () => {
  it("writes a header and quotes commas, quotes and formulas", () => {
    const csv = alertsToCsv([sampleAlert(100, "a", { title: 'a "b", c', message: "=1+1" })]);
    const [header, row, end] = csv.split("\r\n");
    expect(header).toBe("id,ts,epoch,season,rule,type,severity,subject,provisional,value,threshold,title,message");
    expect(row).toBe(`${"a".padStart(32, "0")},100,0,1,p,participation,warning,,false,0.1,0.3,"a ""b"", c",'=1+1`);
    expect(end).toBe("");
  });
  it("prefixes only a formula character at the start of a field, not one inside it or a signed number", () => {
    const csv = alertsToCsv([sampleAlert(100, "a", { subject: "a=b", title: "-12.5", message: "@x" })]);
    const row = csv.split("\r\n")[1];
    expect(row).toBe(`${"a".padStart(32, "0")},100,0,1,p,participation,warning,a=b,false,0.1,0.3,-12.5,'@x`);
  });
});

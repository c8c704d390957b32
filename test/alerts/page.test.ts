import { describe, expect, it } from "vitest";
import { AlertQueryError, alertCursor, alertsToCsv, pageAlerts, parseAlertQueryParams } from "../../src/alerts/page";
import { sortAlerts } from "../../src/alerts/rules";
import { sampleAlert } from "./fixtures";

// Built inside each test: Stryker switches a mutant on just before the tests, after
// the module's top level ran.
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
});

describe("parseAlertQueryParams", () => {
  it("reads numbers, booleans and the format", () => {
    expect(parseAlertQueryParams({ since: "5", first: "10", provisional: "false", format: "csv" })).toEqual({ since: 5, first: 10, provisional: false, format: "csv" });
    expect(parseAlertQueryParams({})).toEqual({ format: "json" });
  });
  it("names the bad parameter", () => {
    expect(() => parseAlertQueryParams({ first: "ten" })).toThrow(new AlertQueryError("first", "expected a non-negative integer"));
    expect(() => parseAlertQueryParams({ format: "xml" })).toThrow('invalid format: expected "json" or "csv"');
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
});

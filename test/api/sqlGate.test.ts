import { describe, expect, it } from "vitest";
import { apiLimitsFromEnv } from "../../src/api/apiLimits";
import { SqlRefusedError, checkPlan, checkSqlTree, parseSelect, regexRisk } from "../../src/api/sqlGate";

const views = new Set(["epoch_lock_power", "epoch_vote"]);
const tables = new Set(["account", "lock", "epoch_metric", ...views]);
async function refusal(sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    checkSqlTree(await parseSelect(sql), params, { tables, views, maxRegexLength: 64 });
    return undefined;
  } catch (error) {
    if (error instanceof SqlRefusedError) return error.limit;
    throw error;
  }
}

describe("/sql gate", () => {
  it("accepts ordinary reads", async () => {
    expect(await refusal("select * from account order by address limit 10")).toBeUndefined();
    expect(await refusal("select l.owner, count(*) from lock l join account a on a.address = l.owner group by 1")).toBeUndefined();
    expect(await refusal("select * from account a, lock l where a.address = l.owner")).toBeUndefined();
    expect(await refusal("with x as (select owner from lock) select count(*) from x")).toBeUndefined();
    expect(await refusal("select count(*) from account where address ~ '^0x00'")).toBeUndefined();
  });

  it("refuses cross joins, recursion, unknown tables, functions and risky regular expressions", async () => {
    expect(await refusal("select count(*) from account a, account b, account c")).toBe("CROSS_JOIN");
    expect(await refusal("select count(*) from account a join account b on true")).toBe("CROSS_JOIN");
    expect(await refusal("select count(*) from account a cross join lock b")).toBe("CROSS_JOIN");
    expect(await refusal("select 1 union all select count(*) from account a, lock b")).toBe("CROSS_JOIN");
    expect(await refusal("with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t")).toBe("BAD_SQL");
    expect(await refusal("select count(*) from pg_temp.account")).toBe("BAD_SQL");
    expect(await refusal("select count(*) from nope")).toBe("UNKNOWN_TABLE");
    expect(await refusal("select generate_series(1, 1000000000)")).toBe("BAD_SQL");
    expect(await refusal("select count(*) from generate_series(1, 10)")).toBe("BAD_SQL");
    expect(await refusal("select * from account for update")).toBe("BAD_SQL");
    expect(await refusal("select count(*) from account where address ~ '^(a+)+$'")).toBe("REGEX");
    expect(await refusal("select count(*) from account where address ~ $1", ["(x+x+)+y"])).toBe("REGEX");
    expect(await refusal("select count(*) from account a join account b on a.address ~ b.address")).toBe("REGEX");
    await expect(parseSelect("select 1; select 2")).rejects.toThrow(/multiple statements/);
    await expect(parseSelect("delete from account")).rejects.toThrow(/only SELECT/);
    expect(regexRisk("(a)\\1", 64)).toMatch(/back-references/);
    expect(regexRisk("x{1,100}", 64)).toMatch(/counted/);
  });

  it("reads a per-epoch view only when the same SELECT's WHERE filters it to a few epochs", async () => {
    expect(await refusal("select * from epoch_lock_power where epoch = 42 order by owner")).toBeUndefined();
    expect(await refusal("select * from epoch_lock_power where 42 = epoch and power > 0")).toBeUndefined();
    expect(await refusal("select * from epoch_lock_power where epoch = $1::integer", [42])).toBeUndefined();
    expect(await refusal("select * from epoch_lock_power p where p.epoch in (1, 2, 3, 4, 5, 6, 7, 8)")).toBeUndefined();
    expect(await refusal("select v.voter, p.power from epoch_vote v join epoch_lock_power p on p.token_id = v.token_id where v.epoch = 3 and p.epoch = 3")).toBeUndefined();
    expect(await refusal("select count(*) from (select owner from epoch_lock_power where epoch = 3) s")).toBeUndefined();
    expect(await refusal("with epoch_lock_power as (select owner from lock) select count(*) from epoch_lock_power")).toBeUndefined();
    expect(await refusal("select epoch, count(*) from epoch_metric group by epoch")).toBeUndefined();

    const refused = [
      "select * from epoch_lock_power order by owner, power desc",
      "select * from epoch_lock_power order by power desc limit 10000",
      "select * from epoch_lock_power where epoch > 3",
      "select * from epoch_lock_power where epoch = 3 or power > 0",
      "select * from epoch_lock_power where epoch in (1, 2, 3, 4, 5, 6, 7, 8, 9)",
      "select * from epoch_lock_power p where epoch_lock_power.epoch = 3",
      "select v.voter from epoch_vote v join epoch_lock_power p on p.token_id = v.token_id and p.epoch = 3 where v.epoch = 3",
      "select v.voter from epoch_vote v join epoch_lock_power p on p.token_id = v.token_id where v.epoch = 3 and p.epoch = v.epoch",
      "select v.voter from epoch_vote v join epoch_lock_power p on p.token_id = v.token_id where epoch = 3",
      "select * from (select * from epoch_lock_power) s where s.epoch = 3",
      "with x as (select * from epoch_vote) select count(*) from x",
      "select 1 union all select count(*) from epoch_vote",
      "select * from epoch_lock_power where epoch = power",
    ];
    for (const sql of refused) expect(await refusal(sql), sql).toBe("VIEW_EPOCH");
    const error = await parseSelect("select count(*) from epoch_vote").then((tree) => {
      try {
        checkSqlTree(tree, [], { tables, views, maxRegexLength: 64 });
      } catch (e) {
        return e as SqlRefusedError;
      }
    });
    expect(error?.table).toBe("epoch_vote");
    expect(error?.message).toMatch(/epoch_vote is computed per epoch when read: filter it to at most 8 epochs .*WHERE epoch = 42/);
  });

  it("names the parser's reason for a syntax error", async () => {
    await expect(parseSelect("select * from where")).rejects.toThrow(/^syntax error at or near "where"$/);
  });

  it("keeps parsing after far more SQL than the parser's stack holds (about 64 KiB)", async () => {
    const sql = "select l.owner, count(*) from lock l join account a on a.address = l.owner group by l.owner order by 2 desc";
    const first = JSON.stringify(await parseSelect(sql));
    for (let i = 0; i < 3_000; i++) await parseSelect(sql); // some 330 KB of SQL
    expect(JSON.stringify(await parseSelect(sql))).toBe(first);
    expect(await refusal("select count(*) from account a, account b, account c")).toBe("CROSS_JOIN");
  });

  it("holds the plan to the budget", () => {
    const plan = (cost: number, rows: number) => [{ Plan: { "Total Cost": cost, "Plan Rows": rows } }];
    expect(checkPlan(plan(100, 10), { maxCost: 1000, maxRows: 100 })).toEqual({ cost: 100, rows: 10 });
    expect(() => checkPlan(plan(5000, 10), { maxCost: 1000, maxRows: 100 })).toThrow(/estimated cost 5000 exceeds the budget of 1000/);
    expect(() => checkPlan(plan(10, 500), { maxCost: 1000, maxRows: 100 })).toThrow(/about 500 rows; the limit is 100/);
  });

  it("reads and validates the limits from the environment", () => {
    const defaults = apiLimitsFromEnv({});
    expect(defaults.sql).toMatchObject({ enabled: true, maxCost: 20_000, maxRows: 10_000 });
    expect(defaults.gate).toMatchObject({ maxConcurrent: 2, perClient: 16, maxWaitMs: 5_000, trustProxy: false });
    expect(apiLimitsFromEnv({}, "pglite").gate.maxConcurrent).toBe(1);
    expect(apiLimitsFromEnv({ VE_LENS_MAX_CONCURRENT: "3" }, "pglite").gate.maxConcurrent).toBe(3);
    expect(apiLimitsFromEnv({ VE_LENS_SQL: "off", VE_LENS_TRUST_PROXY: "1" })).toMatchObject({ sql: { enabled: false }, gate: { trustProxy: true } });
    expect(() => apiLimitsFromEnv({ VE_LENS_SQL_MAX_COST: "-3" })).toThrow(/VE_LENS_SQL_MAX_COST/);
    expect(() => apiLimitsFromEnv({ VE_LENS_SQL: "maybe" })).toThrow(/VE_LENS_SQL=/);
  });
});

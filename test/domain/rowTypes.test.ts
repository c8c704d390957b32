/**
 * The row types of src/domain are the tables' rows: each is the `ponder.schema.ts` table's select
 * type restricted to its columns, and each of its keys is a column, so a column whose type
 * changes or that disappears fails these assertions. They are checked by the compiler:
 * `npm test` type-checks the project (test/lint/types.test.ts).
 */
import { describe, expectTypeOf, it } from "vitest";
import { epoch, epochMetric, vestingAllocation } from "../../ponder.schema";
import type { StoredEpochRow, StoredMetricRow } from "../../src/domain/snapshot";
import type { VestingAllocationRow } from "../../src/domain/vesting";

type Row<T extends { $inferSelect: object }, K extends PropertyKey> = Pick<T["$inferSelect"], K & keyof T["$inferSelect"]>;

describe("domain row types are the tables' rows", () => {
  it("StoredEpochRow is the epoch table's row in its columns", () => {
    expectTypeOf<Row<typeof epoch, keyof StoredEpochRow>>().toEqualTypeOf<StoredEpochRow>();
    expectTypeOf<keyof StoredEpochRow>().toExtend<keyof typeof epoch.$inferSelect>();
  });

  it("StoredMetricRow is the epoch_metric table's row in its columns", () => {
    expectTypeOf<Row<typeof epochMetric, keyof StoredMetricRow>>().toEqualTypeOf<StoredMetricRow>();
    expectTypeOf<keyof StoredMetricRow>().toExtend<keyof typeof epochMetric.$inferSelect>();
  });

  it("a vesting_allocation row is a VestingAllocationRow (the table's addresses are the narrower 0x-strings)", () => {
    expectTypeOf<Row<typeof vestingAllocation, keyof VestingAllocationRow>>().toExtend<VestingAllocationRow>();
    expectTypeOf<keyof VestingAllocationRow>().toExtend<keyof typeof vestingAllocation.$inferSelect>();
  });
});

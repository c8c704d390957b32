/**
 * One handler per log event ve-lens handles (`VE_LENS_FLOOR_EVENTS`, a comma-separated list of
 * `Contract:Event` names that `bench/run.ts` reads from `src/indexing/`), each storing the raw log.
 */
import { ponder } from "ponder:registry";
import { rawLog } from "../ponder.schema";

const events = (process.env.VE_LENS_FLOOR_EVENTS ?? "").split(",").filter((e) => e !== "");
if (events.length === 0) throw new Error("VE_LENS_FLOOR_EVENTS is empty: run the floor app through bench/run.ts");

interface RawEvent {
  id: string;
  block: { number: bigint };
  log: { logIndex: number; address: `0x${string}`; topics: readonly string[]; data: `0x${string}` };
}
interface FloorContext {
  db: { insert(table: typeof rawLog): { values(row: typeof rawLog.$inferInsert): Promise<unknown> } };
}

for (const name of events) {
  const handler = async ({ event, context }: { event: RawEvent; context: FloorContext }) => {
    await context.db.insert(rawLog).values({
      id: event.id,
      event: name,
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      address: event.log.address,
      topics: event.log.topics.join(","),
      data: event.log.data,
    });
  };
  ponder.on(name as never, handler as never);
}

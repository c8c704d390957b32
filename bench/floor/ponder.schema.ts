/** The floor app stores every log it is given, as is. */
import { onchainTable } from "ponder";

export const rawLog = onchainTable("raw_log", (t) => ({
  /** Ponder's event id (chain, block, transaction, log position). */
  id: t.text().primaryKey(),
  /** `Contract:Event`. */
  event: t.text().notNull(),
  blockNumber: t.bigint().notNull(),
  logIndex: t.integer().notNull(),
  address: t.hex().notNull(),
  topics: t.text().notNull(),
  data: t.hex().notNull(),
}));

/**
 * The floor app of the backfill benchmark: the same chain, contracts, addresses, start blocks,
 * filters, RPC settings and database as ve-lens (imported from its config), but no block
 * handlers and handlers that only store each raw log. Its backfill speed is what Ponder itself
 * costs on this machine; ve-lens's speed is compared with it.
 *
 * Run from this directory as Ponder's root (`ponder start --root bench/floor`): Ponder loads
 * `src/**` relative to the root, so the floor app never picks up ve-lens's handlers.
 */
import { createConfig } from "ponder";
import veLens from "../../ponder.config";

export default createConfig({
  ...(veLens.database ? { database: veLens.database } : {}),
  chains: veLens.chains,
  contracts: veLens.contracts,
});

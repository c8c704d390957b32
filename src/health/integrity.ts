/**
 * Self-checks of a reopened index: cheap invariants between the live tables and the event
 * tables they were built from. Each holds after every committed batch of the indexer, so a
 * violation means the database holds something no run of the indexer could have written (a
 * torn write, a lost page, a resumed run that replayed or skipped events).
 *
 * | check               | invariant                                                                       |
 * | ------------------- | ------------------------------------------------------------------------------- |
 * | `supply`            | Σ balances = BR minted − burned = `indexer_state.br_total_supply`                 |
 * | `balances`          | every account's balance = Σ BR transfers in − Σ out                               |
 * | `locked`            | Σ amounts of locks not withdrawn = `indexer_state.total_locked` = the last `newTotalLocked` |
 * | `gauge-totals`      | per gauge, the last vote's `totalVotingPowerInGauge` = Σ standing votes of its season and voter |
 * | `vault-shares`      | per vault, `total_shares` = Σ positions' shares                                   |
 * | `vesting`           | per vesting wallet, `total` = Σ BR sent to it, `released` = Σ its `ERC20Released` |
 * | `epoch-snapshots`   | every epoch from the first closed one to `last_closed_epoch` has its row, and each row its metrics |
 * | `spans`             | each live lock, account and standing vote was last changed by its latest event row, and each span ends before its live row starts |
 * | `checkpoint`        | no event row is newer than Ponder's last committed checkpoint (and none exists without one) |
 *
 * A missing `indexer_state` row counts as zeros, so an index that lost it (or kept event rows of
 * a first batch that never committed) is not waved through. Event ids are Ponder checkpoints
 * (`event.id`), which is what makes the `checkpoint` check possible: a row written by a batch
 * whose checkpoint never committed is newer than the checkpoint Ponder resumes from, and Ponder
 * would index its event a second time (or, without any checkpoint, from the first block again).
 *
 * The queries are plain SQL over one schema, run by whoever opens the index (`devnet/start.ts`
 * before it resumes the embedded database; anything with a SQL connection otherwise). This
 * module only builds the statements and reads their answers: no I/O.
 *
 * @example
 * for (const check of integrityChecks("ve_lens")) {
 *   const rows = await query(check.sql);
 *   const failure = integrityFailure(check, rows);
 *   if (failure) console.error(failure);
 * }
 */

import { EPOCH_DURATION, VOTE_WINDOW_OFFSET, WEEK } from "../domain/epochs";

export interface IntegrityCheck {
  name: string;
  /** What must hold, for messages. */
  invariant: string;
  /** A query answering one row per violation (none when the invariant holds), at most 5 rows. */
  sql: string;
}

const ZERO = "'0x0000000000000000000000000000000000000000'";

/** Tables whose `id` is the Ponder event id (the event's checkpoint string). */
export const EVENT_TABLES = ["br_transfer", "lock_event", "vote_event", "vault_event", "vesting_release", "warmup_change", "proxy_upgrade"] as const;

/**
 * `firstWindowAfter(ts)` (src/domain/epochs.ts) in SQL: the epoch of `ts`, or the next one from
 * its window end on.
 */
function firstWindowAfterSql(ts: string): string {
  return `(div(${ts}, ${EPOCH_DURATION}) + CASE WHEN mod(${ts}, ${EPOCH_DURATION}) < ${WEEK - VOTE_WINDOW_OFFSET} THEN 0 ELSE 1 END)`;
}

/** The checks over the tables of `schema`. */
export function integrityChecks(schema: string): IntegrityCheck[] {
  const s = `"${schema.replaceAll('"', '""')}"`;
  return [
    {
      name: "supply",
      invariant: "Σ balances = BR minted − burned = indexer_state.br_total_supply",
      sql: `WITH t AS (
  SELECT coalesce(sum(value) FILTER (WHERE "from" = ${ZERO}), 0) - coalesce(sum(value) FILTER (WHERE "to" = ${ZERO}), 0) AS minted
  FROM ${s}.br_transfer
), b AS (SELECT coalesce(sum(br_balance), 0) AS balances FROM ${s}.account)
SELECT st.br_total_supply::text AS state, t.minted::text AS minted, b.balances::text AS balances
FROM t CROSS JOIN b LEFT JOIN ${s}.indexer_state st ON true
WHERE NOT (coalesce(st.br_total_supply, 0) = t.minted AND t.minted = b.balances)`,
    },
    {
      name: "balances",
      invariant: "every account's balance = Σ BR transfers in − Σ out",
      sql: `WITH flows AS (
  SELECT "to" AS address, value AS delta FROM ${s}.br_transfer WHERE "to" <> ${ZERO}
  UNION ALL SELECT "from", -value FROM ${s}.br_transfer WHERE "from" <> ${ZERO}
), net AS (SELECT address, sum(delta) AS balance FROM flows GROUP BY address)
SELECT coalesce(a.address, n.address) AS address, a.br_balance::text AS stored, n.balance::text AS from_transfers
FROM ${s}.account a FULL JOIN net n ON n.address = a.address
WHERE a.br_balance IS DISTINCT FROM n.balance AND NOT (a.br_balance = 0 AND n.balance IS NULL)
LIMIT 5`,
    },
    {
      name: "locked",
      invariant: "Σ amounts of locks not withdrawn = indexer_state.total_locked = the last newTotalLocked",
      sql: `WITH l AS (SELECT coalesce(sum(amount) FILTER (WHERE status <> 'exited'), 0) AS locks FROM ${s}.lock),
e AS (SELECT total_locked FROM ${s}.lock_event WHERE total_locked IS NOT NULL ORDER BY block_number DESC, id DESC LIMIT 1)
SELECT st.total_locked::text AS state, l.locks::text AS locks, (SELECT total_locked FROM e)::text AS last_event
FROM l LEFT JOIN ${s}.indexer_state st ON true
WHERE NOT (coalesce(st.total_locked, 0) = l.locks AND l.locks = coalesce((SELECT total_locked FROM e), 0))`,
    },
    {
      name: "gauge-totals",
      invariant: "per gauge, the last vote's totalVotingPowerInGauge = Σ standing votes of its season and voter",
      sql: `WITH last AS (
  SELECT DISTINCT ON (gauge) gauge, token_id, total_in_gauge FROM ${s}.vote_event ORDER BY gauge, block_number DESC, log_index DESC
), term AS (
  SELECT last.gauge, last.total_in_gauge, sv.season, sv.voter_contract
  FROM last LEFT JOIN ${s}.standing_vote sv ON sv.token_id = last.token_id AND sv.gauge = last.gauge
)
SELECT term.gauge, term.total_in_gauge::text AS last_total, coalesce(sum(sv.amount), 0)::text AS standing
FROM term LEFT JOIN ${s}.standing_vote sv
  ON sv.gauge = term.gauge AND sv.season = term.season AND sv.voter_contract = term.voter_contract
GROUP BY term.gauge, term.total_in_gauge
HAVING term.total_in_gauge <> coalesce(sum(sv.amount), 0)
LIMIT 5`,
    },
    {
      name: "vault-shares",
      invariant: "per vault, total_shares = Σ positions' shares",
      sql: `SELECT v.address, v.total_shares::text AS stored, coalesce(sum(p.shares), 0)::text AS positions
FROM ${s}.vault v LEFT JOIN ${s}.vault_position p ON p.vault = v.address
GROUP BY v.address, v.total_shares
HAVING v.total_shares <> coalesce(sum(p.shares), 0)
LIMIT 5`,
    },
    {
      name: "vesting",
      invariant: "per vesting wallet, total = Σ BR transferred to it and released = Σ its releases",
      sql: `WITH funded AS (
  SELECT lower("to") AS wallet, sum(value) AS amount FROM ${s}.br_transfer WHERE "from" <> "to" GROUP BY lower("to")
), released AS (SELECT lower(wallet) AS wallet, sum(amount) AS amount FROM ${s}.vesting_release GROUP BY lower(wallet))
SELECT v.address, v.total::text AS total, coalesce(f.amount, 0)::text AS funded, v.released::text AS released, coalesce(r.amount, 0)::text AS releases
FROM ${s}.vesting_allocation v
LEFT JOIN funded f ON f.wallet = lower(v.address)
LEFT JOIN released r ON r.wallet = lower(v.address)
WHERE v.total <> coalesce(f.amount, 0) OR v.released <> coalesce(r.amount, 0)
LIMIT 5`,
    },
    {
      name: "epoch-snapshots",
      invariant: "every epoch from the first closed one to last_closed_epoch has its row, and each row its metrics",
      sql: `WITH bounds AS (SELECT min(id) AS first FROM ${s}.epoch),
expected AS (
  SELECT generate_series(bounds.first, st.last_closed_epoch) AS id FROM bounds, ${s}.indexer_state st WHERE bounds.first IS NOT NULL
)
SELECT e.id AS epoch, (r.id IS NULL) AS missing_row, (SELECT count(*) FROM ${s}.epoch_metric m WHERE m.epoch = e.id) AS metrics
FROM expected e LEFT JOIN ${s}.epoch r ON r.id = e.id
WHERE r.id IS NULL OR NOT EXISTS (SELECT 1 FROM ${s}.epoch_metric m WHERE m.epoch = e.id)
UNION ALL
SELECT r.id, false, 0 FROM ${s}.epoch r LEFT JOIN ${s}.indexer_state st ON true WHERE r.id > coalesce(st.last_closed_epoch, -1)
LIMIT 5`,
    },
    {
      // A live row changed by an event whose own rows were lost (a torn write) looks like the
      // state after that event: resuming would replay the event over it and skip the span the
      // change writes, so the per-epoch views would lose that state. A span ahead of its live
      // row would be written a second time.
      name: "spans",
      invariant: "each lock, account and standing vote was last changed by its latest event row, and each span ends before its live row starts",
      sql: `WITH lock_last AS (
  SELECT token_id, max("timestamp") AS ts FROM ${s}.lock_event WHERE kind <> 'exit' GROUP BY token_id
), account_last AS (
  SELECT address, max("timestamp") AS ts FROM (
    SELECT "from" AS address, "timestamp" FROM ${s}.br_transfer WHERE "from" <> ${ZERO}
    UNION ALL SELECT "to", "timestamp" FROM ${s}.br_transfer WHERE "to" <> ${ZERO}
  ) t GROUP BY address
), vote_last AS (SELECT token_id, gauge, max(block_number) AS block FROM ${s}.vote_event GROUP BY token_id, gauge)
SELECT 'lock' AS "table", l.token_id::text AS key, l.from_epoch::text AS stored, ${firstWindowAfterSql("ll.ts")}::text AS from_events
FROM ${s}.lock l JOIN lock_last ll ON ll.token_id = l.token_id WHERE l.from_epoch <> ${firstWindowAfterSql("ll.ts")}
UNION ALL SELECT 'account', a.address, a.updated_ts::text, al.ts::text
FROM ${s}.account a JOIN account_last al ON al.address = a.address WHERE a.updated_ts <> al.ts
UNION ALL SELECT 'standing_vote', sv.token_id::text || ' ' || sv.gauge, sv.block_number::text, vl.block::text
FROM ${s}.standing_vote sv JOIN vote_last vl ON vl.token_id = sv.token_id AND vl.gauge = sv.gauge WHERE sv.block_number <> vl.block
UNION ALL SELECT 'lock_span', x.token_id::text, x.to_epoch::text, l.from_epoch::text
FROM ${s}.lock_span x JOIN ${s}.lock l ON l.token_id = x.token_id WHERE x.to_epoch >= l.from_epoch
UNION ALL SELECT 'br_transfer', x.holder, x.to_epoch::text, a.from_epoch::text
FROM (
  SELECT "from" AS holder, held_to_epoch AS to_epoch FROM ${s}.br_transfer WHERE sender_held_from_epoch IS NOT NULL
  UNION ALL SELECT "to", held_to_epoch FROM ${s}.br_transfer WHERE receiver_held_from_epoch IS NOT NULL
) x JOIN ${s}.account a ON a.address = x.holder WHERE x.to_epoch >= a.from_epoch
UNION ALL SELECT 'vote_event', x.token_id::text || ' ' || x.gauge, x.replaced_to_epoch::text, sv.from_epoch::text
FROM ${s}.vote_event x JOIN ${s}.standing_vote sv ON sv.token_id = x.token_id AND sv.gauge = x.gauge WHERE x.replaced_to_epoch >= sv.from_epoch
LIMIT 5`,
    },
    {
      name: "checkpoint",
      invariant: "no event row is newer than Ponder's last committed checkpoint",
      sql: `WITH cp AS (SELECT max(latest_checkpoint COLLATE "C") AS latest FROM ${s}._ponder_checkpoint),
newest AS (
${EVENT_TABLES.map((t) => `  SELECT '${t}' AS "table", max(id COLLATE "C") AS newest FROM ${s}.${t}`).join("\n  UNION ALL\n")}
)
SELECT n."table", n.newest, cp.latest AS checkpoint FROM newest n CROSS JOIN cp
WHERE n.newest IS NOT NULL AND (cp.latest IS NULL OR n.newest > cp.latest)
LIMIT 5`,
    },
  ];
}

/** A line naming the broken invariant and its first violations, or undefined when it holds. */
export function integrityFailure(check: IntegrityCheck, rows: readonly Record<string, unknown>[]): string | undefined {
  if (rows.length === 0) return undefined;
  const shown = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).join(", ");
  return `${check.name}: ${check.invariant} does not hold (${shown})`;
}

/**
 * {@link AnalyticsStore} over Ponder's tables: read-only drizzle selects on the `db` of
 * `ponder:api`, with the tables passed in (the `ponder:schema` module), so this file has no
 * import of Ponder's virtual modules and no side effects.
 */
import type { VoterTerm } from "../../domain/chainRules";
import { and, asc, eq, gt, gte, isNull, lte, ne, sql, sum, type ReadonlyDrizzle } from "ponder";
import { rowsOf } from "../../db/rows";
import type * as Schema from "../../../ponder.schema";
import type {
  AnalyticsStore,
  Checkpoint,
  EpochRecord,
  Holding,
  LockRecord,
  MetricRecord,
} from "./store";
import type { MetricScope } from "../../domain/scopes";
import { voteFields } from "./liveVoteMirror";

type Tables = typeof Schema;
// biome-ignore lint: the drizzle type of Ponder's read-only db over our tables
type Db = ReadonlyDrizzle<any>;

/** Block number and timestamp encoded in a Ponder checkpoint string (timestamp: 10 digits, chain id: 16, block: 16). */
export function decodeCheckpoint(checkpoint: string): Omit<Checkpoint, "id"> {
  return {
    timestamp: Number(checkpoint.slice(0, 10)),
    blockNumber: Number(checkpoint.slice(26, 42)),
  };
}

function range<T>(column: T, from?: number, to?: number) {
  const parts = [];
  // biome-ignore lint: drizzle column generics
  if (from !== undefined) parts.push(gte(column as any, from));
  // biome-ignore lint: drizzle column generics
  if (to !== undefined) parts.push(lte(column as any, to));
  return parts;
}

const bigintSum = (column: Parameters<typeof sum>[0]) => sql<string>`coalesce(${sum(column)}, 0)`;

/** A standing vote row as `standingVotes` reads it: numbers as decimal text; nulls when no row matched. */
interface RawVote {
  bound: string | null;
  latest: string | null;
  token_id: string | null;
  voter: string;
  gauge: string;
  amount: string;
  season: number;
  voter_contract: string;
  block: string;
  gone: boolean | null;
  window_count?: string;
  window_digest?: string;
}

const VOTE_COLUMNS = sql.raw("s.token_id, s.gauge, s.voter, s.amount, s.season, s.voter_contract, s.block_number");
/** liveVoteMirror.ts's `voteFields` of a row `t` in SQL (no commas: the held rows' list separator). */
const fingerprintSql = (t: string) => `${t}.block_number::text || '|' || ${t}.voter || '|' || ${t}.amount::text || '|' || ${t}.season::text || '|' || ${t}.voter_contract`;
const FINGERPRINT_SQL = fingerprintSql("c");
/** liveVoteMirror.ts's `voteDigest` of a row `s`: the first 52 bits of the md5 of its `voteText`. */
const DIGEST_SQL = `('x' || substr(md5(s.token_id::text || '|' || s.gauge || '|' || ${fingerprintSql("s")}), 1, 13))::bit(52)::bigint`;
const DIGEST_MODULUS = 2 ** 52;

/** The block number inside a checkpoint string column (characters 27 to 42), in SQL. */
const checkpointBlock = (column: string) => sql.raw(`substring(${column} from 27 for 16)::bigint`);

/** The fields of a `lock` row the live API reads (also the base of the accounts' lock detail). */
export function lockRecordOf(r: typeof Schema.lock.$inferSelect): LockRecord {
  return {
    tokenId: r.tokenId,
    owner: r.owner,
    amount: r.amount,
    startTs: r.startTs,
    writtenTs: r.writtenTs,
    status: r.status,
    exitQueuedAt: r.exitQueuedAt ?? null,
    exitCheckpointTs: r.exitCheckpointTs ?? null,
  };
}

/** Builds the store over `db` (read-only) and the schema tables. */
export function createPonderStore(db: Db, tables: Tables): AnalyticsStore {
  const t = tables;
  // Whether `_ponder_checkpoint` is a table (the indexer's schema) rather than a view (a views
  // schema read by `ponder serve` replicas), which has no row versions: read once.
  let versioned: Promise<boolean> | undefined;
  const isTable = async () => {
    const rows = rowsOf<{ kind: string }>(await db.execute(sql`SELECT relkind::text AS kind FROM pg_class WHERE oid = to_regclass('_ponder_checkpoint')`));
    return rows[0]?.kind === "r";
  };
  return {
    async checkpoint() {
      versioned ??= isTable().catch((error) => {
        versioned = undefined;
        throw error;
      });
      // xmin: the transaction that wrote the row's version, so a rewind to an earlier checkpoint
      // string (a reorg) is never taken for the position that string named before
      const rows = rowsOf<{ latest_checkpoint: string; version: string | null }>(
        await db.execute(
          (await versioned)
            ? sql`SELECT latest_checkpoint, xmin::text AS version FROM _ponder_checkpoint`
            : sql`SELECT latest_checkpoint, NULL AS version FROM _ponder_checkpoint`,
        ),
      );
      let best: Omit<Checkpoint, "id"> | null = null;
      for (const row of rows) {
        const decoded = decodeCheckpoint(String(row.latest_checkpoint));
        if (best === null || decoded.blockNumber > best.blockNumber) best = decoded;
      }
      return best && { ...best, id: rows.map((r) => (r.version === null ? String(r.latest_checkpoint) : `${r.latest_checkpoint}@${r.version}`)).sort().join(",") };
    },

    async indexerState() {
      const rows = await db.select().from(t.indexerState).where(eq(t.indexerState.id, 0));
      const row = rows[0];
      if (!row) return null;
      return {
        lastClosedEpoch: row.lastClosedEpoch,
        lastFinalizedEpoch: row.lastFinalizedEpoch,
        firstEpoch: row.firstEpoch,
        seasonStarts: row.seasonStarts,
        warmup: row.warmup,
        totalLocked: row.totalLocked,
        brTotalSupply: row.brTotalSupply,
      };
    },

    async epochs(from, to) {
      const rows = await db
        .select()
        .from(t.epoch)
        .where(and(...range(t.epoch.id, from, to)))
        .orderBy(asc(t.epoch.id));
      return rows.map(
        (r): EpochRecord => ({
          id: r.id,
          startTs: Number(r.startTs),
          endTs: Number(r.endTs),
          windowEnd: Number(r.windowEnd),
          season: r.season,
          finalized: r.finalized,
          eligiblePower: r.eligiblePower,
          castPower: r.castPower,
          lockedBr: r.lockedBr,
          voters: r.voters,
          eligibleOwners: r.eligibleOwners,
          circulatingSupply: r.circulatingSupply,
        }),
      );
    },

    async metrics(scope, gauge, from, to) {
      const rows = await db
        .select()
        .from(t.epochMetric)
        .where(
          and(
            eq(t.epochMetric.scope, scope),
            eq(t.epochMetric.gauge, gauge),
            ...range(t.epochMetric.epoch, from, to),
          ),
        )
        .orderBy(asc(t.epochMetric.epoch));
      return rows.map((r): MetricRecord => ({ ...r, scope: r.scope, palma: r.palma ?? null }));
    },

    async storedAmounts(epoch, scope, gauge) {
      return storedAmounts(db, t, epoch, scope, gauge);
    },

    async storedVotes(fromEpoch, toEpoch) {
      const rows = await db
        .select()
        .from(t.epochVote)
        .where(and(gte(t.epochVote.epoch, fromEpoch), lte(t.epochVote.epoch, toEpoch)));
      return rows.map((r) => ({ epoch: r.epoch, tokenId: r.tokenId, voter: r.voter, gauge: r.gauge, amount: r.amount }));
    },

    async storedGauges(epoch) {
      const rows = await db.select().from(t.epochGauge).where(eq(t.epochGauge.epoch, epoch));
      return rows.map((r) => ({ gauge: r.gauge, votes: r.votes, voters: r.voters }));
    },

    async liveLocks() {
      const rows = await db.select().from(t.lock).where(ne(t.lock.status, "exited"));
      return rows.map(lockRecordOf);
    },

    async standingVotes(fromBlock, held, check) {
      // One statement, so the rows and the checkpoint bounds come from one snapshot. Plain SQL
      // with numbers as text: drizzle's mapping of whole rows was most of the cost of reading
      // every vote (bench/PROFILE.md, 2026-12-03). The held rows go as three comma-separated
      // texts (tokens, gauges, and each row's fields as `voteFields` writes them), so a block
      // with many unfinalized votes costs three parameters and the rows that changed, not a
      // statement as long as the list or every row sent back.
      const v = t.standingVote;
      const columns = sql.raw(
        "r.token_id::text AS token_id, r.voter, r.gauge, r.amount::text AS amount, r.season, r.voter_contract, r.block_number::text AS block",
      );
      const bounds = sql`SELECT min(least(${checkpointBlock("latest_checkpoint")}, ${checkpointBlock("finalized_checkpoint")}, ${checkpointBlock("safe_checkpoint")})) AS bound,
                         max(${checkpointBlock("latest_checkpoint")}) AS latest FROM _ponder_checkpoint`;
      const statement =
        fromBlock === null
          ? sql`WITH cp AS (${bounds})
              SELECT cp.bound::text AS bound, cp.latest::text AS latest, ${columns}, false AS gone FROM cp LEFT JOIN ${v} r ON true`
          : check !== undefined
            ? sql`WITH cp AS (${bounds}),
              w AS (SELECT count(*)::text AS count, coalesce(mod(sum(${sql.raw(DIGEST_SQL)}), ${sql.raw(String(DIGEST_MODULUS))}), 0)::text AS digest
                    FROM ${v} s WHERE block_number >= ${fromBlock})
              SELECT cp.bound::text AS bound, cp.latest::text AS latest, w.count AS window_count, w.digest AS window_digest, ${columns}, false AS gone
              FROM cp CROSS JOIN w LEFT JOIN ${v} r ON r.block_number > ${check.upTo}`
          : sql`WITH cp AS (${bounds}),
              asked AS (SELECT * FROM unnest(string_to_array(${held.map((h) => h.tokenId.toString()).join(",")}, ',')::numeric(78,0)[],
                                             string_to_array(${held.map((h) => h.gauge).join(",")}, ','),
                                             string_to_array(${held.map(voteFields).join(",")}, ',')) AS a(token_id, gauge, seen)),
              candidates AS (SELECT ${VOTE_COLUMNS} FROM ${v} s WHERE block_number >= ${fromBlock}
                             UNION SELECT ${VOTE_COLUMNS} FROM asked a JOIN ${v} s ON s.token_id = a.token_id AND s.gauge = a.gauge),
              changed AS (SELECT c.*, false AS gone FROM candidates c LEFT JOIN asked a ON a.token_id = c.token_id AND a.gauge = c.gauge
                          WHERE a.seen IS NULL OR a.seen <> ${sql.raw(FINGERPRINT_SQL)}
                          UNION ALL
                          SELECT a.token_id, a.gauge, NULL, NULL, NULL, NULL, NULL, true FROM asked a
                          WHERE NOT EXISTS (SELECT 1 FROM ${v} s WHERE s.token_id = a.token_id AND s.gauge = a.gauge))
              SELECT cp.bound::text AS bound, cp.latest::text AS latest, ${columns}, r.gone FROM cp LEFT JOIN changed r ON true`;
      const rows = rowsOf<RawVote>(await db.execute(statement));
      const head = rows[0];
      const found = rows.filter((r) => r.token_id !== null);
      return {
        ...(check !== undefined && fromBlock !== null ? { window: { count: Number(head!.window_count), digest: Number(head!.window_digest) } } : {}),
        bound: head?.bound == null ? -1 : Number(head.bound),
        latest: head?.latest == null ? -1 : Number(head.latest),
        rows: found
          .filter((r) => !r.gone)
          .map((r) => ({
            tokenId: BigInt(r.token_id!),
            voter: r.voter,
            gauge: r.gauge,
            amount: BigInt(r.amount),
            season: Number(r.season),
            voterContract: r.voter_contract,
            block: Number(r.block),
          })),
        gone: found.filter((r) => r.gone).map((r) => ({ tokenId: BigInt(r.token_id!), gauge: r.gauge })),
      };
    },

    async chainRules() {
      const rows = await db.select().from(t.chainRules).where(eq(t.chainRules.id, 0));
      const row = rows[0];
      if (!row) return null;
      const stored = JSON.parse(row.variants) as { voters: VoterTerm[] };
      return {
        curve: { constant: row.curveConstant, linear: row.curveLinear, quadratic: row.curveQuadratic, maxTime: row.maxTime },
        voters: stored.voters,
      };
    },

    async liveHoldings() {
      const rows = await db
        .select({ owner: t.account.address, amount: t.account.brBalance })
        .from(t.account)
        .where(and(gt(t.account.brBalance, 0n), isNull(t.account.label)));
      return rows;
    },

    async gauges() {
      const rows = await db.select().from(t.gauge).orderBy(asc(t.gauge.address));
      return rows.map((r) => ({ address: r.address, metadataURI: r.metadataURI, active: r.active }));
    },

    async seasons() {
      const rows = await db.select().from(t.season).orderBy(asc(t.season.number));
      return rows.map((r) => ({ number: r.number, startTs: Number(r.startTs), startEpoch: r.startEpoch }));
    },

    async allocations() {
      const rows = await db.select().from(t.vestingAllocation).orderBy(asc(t.vestingAllocation.name));
      return rows;
    },

    async releases() {
      const rows = await db.select().from(t.vestingRelease).orderBy(asc(t.vestingRelease.id));
      return rows.map((r) => ({ wallet: r.wallet, amount: r.amount, timestamp: Number(r.timestamp) }));
    },

    async supplyPoints() {
      const rows = await db.select().from(t.supplyPoint).orderBy(asc(t.supplyPoint.ts));
      return rows.map((r) => ({
        epoch: r.epoch,
        moment: r.moment,
        ts: Number(r.ts),
        totalSupply: r.totalSupply,
        circulatingSupply: r.circulatingSupply,
      }));
    },

    async vaults() {
      const rows = await db.select().from(t.vault).orderBy(asc(t.vault.name), asc(t.vault.address));
      return rows;
    },

    async vaultEpochs(vault, from, to) {
      const rows = await db
        .select()
        .from(t.vaultEpoch)
        .where(and(eq(t.vaultEpoch.vault, vault as `0x${string}`), ...range(t.vaultEpoch.epoch, from, to)))
        .orderBy(asc(t.vaultEpoch.epoch));
      return rows.map((r) => ({
        epoch: r.epoch,
        deposits: r.deposits,
        withdrawals: r.withdrawals,
        tvlAtWindowEnd: r.tvlAtWindowEnd ?? null,
        tvlAtEpochEnd: r.tvlAtEpochEnd ?? null,
        votesAtWindowEnd: r.votesAtWindowEnd ?? null,
      }));
    },
  };
}

/** The snapshot population of a stored epoch, summed per owner in SQL. */
async function storedAmounts(db: Db, t: Tables, epoch: number, scope: MetricScope, gauge: string): Promise<Holding[]> {
  let rows: { owner: string; amount: string | bigint }[];
  switch (scope) {
    case "CAST_VOTES":
    case "GAUGE_VOTERS":
      rows = await db
        .select({ owner: t.epochVote.voter, amount: bigintSum(t.epochVote.amount) })
        .from(t.epochVote)
        .where(
          and(
            eq(t.epochVote.epoch, epoch),
            ...(scope === "GAUGE_VOTERS" ? [eq(t.epochVote.gauge, gauge as `0x${string}`)] : []),
          ),
        )
        .groupBy(t.epochVote.voter);
      break;
    case "ELIGIBLE_POWER":
      rows = await db
        .select({ owner: t.epochLockPower.owner, amount: bigintSum(t.epochLockPower.power) })
        .from(t.epochLockPower)
        .where(eq(t.epochLockPower.epoch, epoch))
        .groupBy(t.epochLockPower.owner);
      break;
    case "LOCKED_BR":
      rows = await db
        .select({ owner: t.epochLockPower.owner, amount: bigintSum(t.epochLockPower.amount) })
        .from(t.epochLockPower)
        .where(eq(t.epochLockPower.epoch, epoch))
        .groupBy(t.epochLockPower.owner);
      break;
    case "BR_HOLDINGS":
      rows = await db
        .select({ owner: t.epochHolding.holder, amount: t.epochHolding.balance })
        .from(t.epochHolding)
        .where(and(eq(t.epochHolding.epoch, epoch), isNull(t.epochHolding.label)));
      break;
    case "GAUGES":
      rows = await db
        .select({ owner: t.epochGauge.gauge, amount: t.epochGauge.votes })
        .from(t.epochGauge)
        .where(eq(t.epochGauge.epoch, epoch));
      break;
  }
  return rows
    .map((r) => ({ owner: r.owner, amount: BigInt(r.amount) }))
    .filter((r) => r.amount > 0n);
}

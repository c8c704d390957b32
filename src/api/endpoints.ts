/**
 * The REST endpoints as data: path, arguments (zod), response (zod), how to answer, how to
 * flatten the answer to CSV rows, and whether the answer is immutable. `rest.ts` serves them,
 * `openapi.ts` documents them; nothing about an endpoint is written twice.
 */
import type { z } from "zod";
import type { CsvRow } from "./csv";
import type { Analytics } from "./queries/analytics";
import { AlertQueryParamsSchema } from "../alerts/page";
import { AccountArgs, BalanceArgs, ExportArgs, VotingPowerArgs, ConcentrationArgs, ConcentrationSeriesArgs, EntityArgs, UpliftArgs, DistributionArgs, EpochsArgs, GaugesArgs, InfluenceArgs, SeasonsArgs, UnlockScheduleArgs, VaultTvlArgs, VaultsArgs } from "./args";
import { AccountView, BalanceView, VotingPowerView, AlertView, ConcentrationSeriesView, ConcentrationView, EntityView, UpliftView, DistributionView, EpochView, GaugeView, InfluenceView, PageInfo, SeasonView, StatusView, UnlockScheduleView, VaultTvlView, VaultView } from "./views";
import { z as zod } from "zod";

export interface Endpoint<A extends z.ZodObject = z.ZodObject, R extends z.ZodType = z.ZodType> {
  /** Hono path under /api/v1 (`:name` for path parameters). */
  path: string;
  /** Stable id used as operationId and CSV file name. */
  id: string;
  summary: string;
  description: string;
  args: A;
  response: R;
  /** Answers validated arguments. */
  run(analytics: Analytics, args: z.output<A>): Promise<z.output<R>>;
  /** Rows of `?format=csv` (the arguments choose the list where a view has several). */
  csv(view: z.output<R>, args: z.output<A>): CsvRow[];
  /** Served by another sub-app (documented here, not routed by `rest.ts`). */
  external?: boolean;
  /** True when the answer concerns finalized epochs only (immutable, cacheable forever). */
  immutable(analytics: Analytics, args: z.output<A>, view: z.output<R>): Promise<boolean>;
}

function endpoint<A extends z.ZodObject, R extends z.ZodType>(e: Endpoint<A, R>): Endpoint<A, R> {
  return e;
}

const never = async () => false;

/** Drops the nested `lorenz` array from a concentration row. */
function flatConcentration(v: ConcentrationView): CsvRow {
  const { lorenz: _lorenz, ...rest } = v;
  return rest;
}

export const ENDPOINTS = [
  endpoint({
    path: "/status",
    id: "status",
    summary: "Indexing position",
    description: "Latest indexed block, the live epoch (if its window end has not passed) and the last closed and finalized epochs.",
    args: zod.object({}),
    response: StatusView,
    run: (a) => a.status(),
    csv: (v) => [v],
    immutable: never,
  }),
  endpoint({
    path: "/epochs",
    id: "epochs",
    summary: "Epochs",
    description:
      "Every indexed epoch in [from, to] with its power totals and participation; the live epoch (window not closed) is computed from the latest state.",
    args: EpochsArgs,
    response: zod.array(EpochView),
    run: (a, args) => a.epochs(args),
    csv: (v) => v,
    immutable: async (_a, args, v) => args.to !== undefined && v.length > 0 && v.every((e) => e.finalized) && v[v.length - 1]!.id === args.to,
  }),
  endpoint({
    path: "/concentration",
    id: "concentration",
    summary: "Concentration metrics of one epoch and scope",
    description:
      "Gini, Nakamoto (1/3, 1/2, 2/3), HHI, effective N, Theil, normalised entropy, top-N shares and Palma of a population. Stored for closed epochs, computed for the live one. `points` adds the Lorenz curve (JSON only).",
    args: ConcentrationArgs,
    response: ConcentrationView,
    run: (a, args) => a.concentration(args),
    csv: (v) => [flatConcentration(v)],
    // by ENTITY is clustered at read time: the clustering can grow with every block
    immutable: async (_a, args, v) => v.finalized && args.by !== "ENTITY",
  }),
  endpoint({
    path: "/concentration/series",
    id: "concentrationSeries",
    summary: "Concentration metrics per epoch",
    description: "The metrics of one scope for every epoch in [fromEpoch, toEpoch], with each point's season and the Gini jump at each season start (JSON).",
    args: ConcentrationSeriesArgs,
    response: ConcentrationSeriesView,
    run: (a, args) => a.concentrationSeries(args),
    csv: (v) => v.points.map(flatConcentration),
    immutable: async (_a, args, v) =>
      args.toEpoch !== undefined && v.points.length > 0 && v.points.every((p) => p.finalized) && v.points[v.points.length - 1]!.epoch === args.toEpoch,
  }),
  endpoint({
    path: "/distribution",
    id: "distribution",
    summary: "Per-owner amounts behind a metric",
    description:
      "The population a concentration metric is computed from: owners and amounts ordered by amount descending, then owner. Cursor-paginated: pass `pageInfo.endCursor` as `after` (CSV: the `X-Next-Cursor` header).",
    args: DistributionArgs,
    response: DistributionView,
    run: (a, args) => a.distribution(args),
    csv: (v) => v.items.map((i) => ({ epoch: v.epoch, scope: v.scope, gauge: v.gauge, ...i })),
    immutable: async (_a, _args, v) => v.finalized,
  }),
  endpoint({
    path: "/influence",
    id: "influence",
    summary: "Who steers emissions",
    description:
      "Top voters and their share of all votes, per-gauge capture by single voters, participation (power and head count) and persistence of voting power over the previous k epochs. CSV: the top voters.",
    args: InfluenceArgs,
    response: InfluenceView,
    run: (a, args) => a.influence(args),
    csv: (v) => v.topVoters.map((t, i) => ({ epoch: v.epoch, rank: i + 1, ...t })),
    immutable: async (_a, _args, v) => v.finalized,
  }),
  endpoint({
    path: "/gauges",
    id: "gauges",
    summary: "Gauge vote shares of an epoch",
    description: "Votes per gauge at the epoch's snapshot (live: now), their share of all votes and voter counts, largest first.",
    args: GaugesArgs,
    response: zod.array(GaugeView),
    run: (a, args) => a.gauges(args),
    csv: (v) => v,
    immutable: (a, args) => a.allFinalized(args.epoch, args.epoch),
  }),
  endpoint({
    path: "/seasons",
    id: "seasons",
    summary: "Seasons",
    description: "Season starts; curve time and standing votes restart at each.",
    args: SeasonsArgs,
    response: zod.array(SeasonView),
    run: (a) => a.seasons(),
    csv: (v) => v,
    immutable: never,
  }),
  endpoint({
    path: "/unlocks",
    id: "unlocks",
    summary: "Vesting unlock schedule",
    description:
      "Unlocked vs still-vesting BR over time for all vesting allocations: points up to the latest indexed block carry the indexed circulating supply; later points are projected from the vesting schedules. CSV: the points.",
    args: UnlockScheduleArgs,
    response: UnlockScheduleView,
    run: (a, args) => a.unlockSchedule(args),
    csv: (v) => v.points,
    immutable: never,
  }),
  endpoint({
    path: "/vaults",
    id: "vaults",
    summary: "brBTC vaults",
    description: "Every indexed vault with its live assets and shares.",
    args: VaultsArgs,
    response: zod.array(VaultView),
    run: (a) => a.vaults(),
    csv: (v) => v,
    immutable: never,
  }),
  endpoint({
    path: "/vaults/:vault/tvl",
    id: "vaultTvl",
    summary: "Vault TVL per epoch and its stickiness",
    description:
      "TVL at each window end with the vault gauge's vote share; stickiness = mean TVL retained `lag` epochs after each epoch whose vote share fell by at least `drop` (relative). CSV: the points.",
    args: VaultTvlArgs,
    response: VaultTvlView,
    run: (a, args) => a.vaultTvl(args),
    csv: (v) => v.points.map((p) => ({ vault: v.vault, ...p })),
    immutable: never,
  }),
  endpoint({
    path: "/alerts",
    id: "alerts",
    summary: "Alerts",
    description:
      "Alerts raised by the alert rules, ordered by (ts, id); provisional until their epoch is finalized. Served by the alerts module (also `GET /api/v1/alerts/stream`, Server-Sent Events); CSV pages carry `X-End-Cursor` and `X-Has-Next-Page`.",
    args: AlertQueryParamsSchema.omit({ format: true }),
    response: zod.object({ alerts: zod.array(AlertView), pageInfo: PageInfo }),
    run: async (a, args) => ({ alerts: await a.alerts({ since: args.since, first: args.first ?? 100 }), pageInfo: { hasNextPage: false, endCursor: null } }),
    csv: (v) => v.alerts,
    external: true,
    immutable: never,
  }),
  endpoint({
    path: "/accounts/:address",
    id: "account",
    summary: "One address: balance, locks, power, votes, ranks, alerts",
    description:
      "Everything about one address: BR balance and its latest transfers, vesting allocations, every lock (amount, start, status, power now, its power curve ahead, exit dates), per epoch its eligible power and votes per gauge, its rank and percentile in every scope of the latest epoch, its share of the votes steering each gauge, and the alerts naming it. An address nothing names answers 200 with `known: false`. CSV: the list named by `part`.",
    args: AccountArgs,
    response: AccountView,
    run: (a, args) => a.account(args),
    csv: (v, args) => accountCsv(v, args.part),
    immutable: never,
  }),
  endpoint({
    path: "/voting-power",
    id: "votingPower",
    summary: "Voting power at any block or time",
    description:
      "Voting power of an owner (Σ over the veNFTs its wallet holds: the escrow's votingPowerForAccount) or of one token (votingPower(tokenId)) as the chain answers at `block` (or as a block at `timestamp` would; default the latest indexed block): the warmup, exit zero point, season start and ownership in force then. A moment after the latest indexed block is a 400.",
    args: VotingPowerArgs,
    response: VotingPowerView,
    run: (a, args) => a.votingPower(args),
    csv: (v) => v.tokens.map((t) => ({ owner: v.owner, block: v.block, timestamp: v.timestamp, ...t })),
    immutable: never,
  }),
  endpoint({
    path: "/balance",
    id: "balance",
    summary: "BR balance at any block or time",
    description: "BR balanceOf(address) at `block` (or at `timestamp`; default the latest indexed block), from the indexed transfers.",
    args: BalanceArgs,
    response: BalanceView,
    run: (a, args) => a.balance(args),
    csv: (v) => [v],
    immutable: never,
  }),
  endpoint({
    path: "/export/:table",
    id: "export",
    summary: "Bulk export of a per-epoch table or the lock history",
    description:
      "The rows of epoch, epochLockPower, epochVote, epochGauge, epochMetric, epochHolding or lockEvent with fromEpoch <= epoch <= toEpoch, as CSV or Parquet (layout in docs/API.md). At most 200,000 rows per request: a larger range is a 413 naming its row count.",
    args: ExportArgs,
    response: zod.string().describe("text/csv or application/vnd.apache.parquet"),
    run: async () => "",
    csv: () => [],
    external: true,
    immutable: never,
  }),
  endpoint({
    path: "/concentration/uplift",
    id: "concentrationUplift",
    summary: "Address vs entity concentration",
    description:
      "Nakamoto-50, Gini and top-1 share of one population by address and by entity (addresses grouped by the on-chain clustering), and the differences. `/concentration?by=entity` gives every metric by entity.",
    args: UpliftArgs,
    response: UpliftView,
    run: (a, args) => a.uplift(args),
    csv: (v) => [
      {
        epoch: v.epoch,
        scope: v.scope,
        gauge: v.gauge,
        addressNakamoto50: v.address.nakamoto50,
        entityNakamoto50: v.entity.nakamoto50,
        addressGini: v.address.gini,
        entityGini: v.entity.gini,
        addressTop1Share: v.address.top1Share,
        entityTop1Share: v.entity.top1Share,
        nakamotoDrop: v.nakamotoDrop,
      },
    ],
    immutable: never,
  }),
  endpoint({
    path: "/entities",
    id: "entities",
    summary: "Every entity",
    description: "Every entity of two or more addresses (or named by the labels file), largest first, with its members' evidence. CSV: one row per member and link.",
    args: zod.object({}),
    response: zod.array(EntityView),
    run: (a) => a.entities(),
    csv: (v) => v.flatMap((e) => e.members.map((m) => ({ entity: e.id, name: e.name, size: e.size, address: m.address, links: m.evidence.length }))),
    immutable: never,
  }),
  endpoint({
    path: "/entities/:id",
    id: "entity",
    summary: "An entity and its evidence",
    description:
      "The addresses the chain's evidence ties to one owner, each with the links (kind, transaction, block, confidence, other member) that explain the grouping. `id` is an entity id or an address (its entity; an address in no entity answers itself alone).",
    args: EntityArgs,
    response: EntityView,
    run: (a, args) => a.entity(args.id),
    csv: (v) => v.members.flatMap((m) => (m.evidence.length === 0 ? [{ entity: v.id, address: m.address }] : m.evidence.map((e) => ({ entity: v.id, address: m.address, ...e })))),
    immutable: never,
  }),
] as unknown as Endpoint[];

/** Rows of one list of an account view (`part`: locks, transfers, epochs, votes, ranks, steering, alerts). */
export function accountCsv(v: AccountView, part = "locks"): CsvRow[] {
  const address = v.address;
  switch (part) {
    case "transfers":
      return v.transfers.map((t) => ({ address, ...t }));
    case "epochs":
      return v.epochs.map(({ votes: _votes, ...e }) => ({ address, ...e }));
    case "votes":
      return v.epochs.flatMap((e) => e.votes.map((g) => ({ address, epoch: e.epoch, live: e.live, ...g })));
    case "ranks":
      return v.ranks.map((r) => ({ address, ...r }));
    case "steering":
      return v.steering.gauges.map((g) => ({ address, epoch: v.latestEpoch, ...g }));
    case "alerts":
      return v.alerts.map((a) => ({ address, ...a }));
    default:
      return v.locks.map(({ curve: _curve, ...l }) => ({ address, ...l }));
  }
}

/** Path parameters of a Hono path (`/vaults/:vault/tvl` → ["vault"]). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

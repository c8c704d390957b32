/**
 * Compares the index with the chain's own view functions, epoch by epoch and for the live state.
 *
 * At each closed epoch's window end W the index holds the state just before the first block with
 * timestamp >= W, so every historical read uses the state of the last block with timestamp < W.
 * The simulator mines an empty block at exactly W: when it is there, the reads use that block
 * (same state, and `block.timestamp` = W, which the curve's warmup test compares with the
 * deposit time + warmup); otherwise the last block before W. Checks:
 * - epochs: the closed / finalized epochs are exactly those whose window end / end the head passed;
 * - the per-epoch views (`epochLockPower`, `epochVote`, `epochHolding`) hold one row per key;
 * - every lock `votingPowerAt(tokenId, W)` vs `epochLockPower.power` (missing row = 0);
 * - `totalLocked` vs `epoch.lockedBr` and the LOCKED_BR metric total;
 * - every token × gauge `votes(tokenId, gauge)` vs `epochVote` (or, above 4000 pairs, every row,
 *   `usedVotingPower` per token and `gaugeVotes` per gauge); `totalVotingPowerCast` vs `castPower`;
 * - every vault `totalAssets` / `totalSupply` vs `vaultEpoch` at window end and epoch end;
 * - every known holder's BR `balanceOf` vs `epochHolding`; BR `totalSupply` vs the epoch and
 *   vs Σ holdings (a missed holder shows here); vested-but-unreleased vs the vesting wallets;
 * - at each finalized epoch's end, the supply point (total, circulating, locked, vesting,
 *   vested-but-unreleased, exchange, burned) vs `totalSupply`, the labelled accounts' `balanceOf`, the
 *   escrow's `totalLocked` and the vesting wallets, read at the last block before the end;
 * - every `epochMetric` row (all fields) vs `computeConcentration` of the distribution rebuilt from
 *   chain reads (owners from `ownerOf` / the exit queue, powers, votes, balances);
 * - live tables at the indexed head: balances, locks, gauges, vaults, positions, vesting releases.
 *
 * Needs an anvil that keeps history (not one started from a dumped state).
 *
 * CLI: `tsx devnet/verify.ts [scenario] [seed]` starts anvil, simulates the scenario (default
 * `small`), indexes it with a fresh Ponder and prints the report; or
 * `tsx devnet/verify.ts --manifest <path> --url <ponder url>` against running processes.
 */
import { pathToFileURL } from "node:url";
import { type Address, type PublicClient, createPublicClient, http } from "viem";
import {
  BRTokenAbi,
  BrBtcVaultAbi,
  ExitQueueAbi,
  LockAbi,
  SimpleGaugeVoterAbi,
  VestingWalletAbi,
  VotingEscrowAbi,
} from "../abis";
import { computeConcentration } from "../src/metrics/index";
import { epochEnd, windowEnd } from "../src/domain/epochs";

export interface Mismatch {
  check: string;
  epoch?: number;
  key: string;
  chain: string;
  index: string;
}

export interface ComparisonReport {
  /** Number of individual value comparisons made. */
  comparisons: number;
  /** Comparisons per check name. */
  byCheck: Record<string, number>;
  mismatches: Mismatch[];
  /** Closed epochs compared. */
  epochs: number[];
  /** Block the live state was compared at. */
  atBlock: number;
}

export interface ManifestRefs {
  contracts: Record<string, { address: string }>;
  vestingWallets: { address: string }[];
  vaults: { address: string }[];
}

type Hex = `0x${string}`;

/** Metric columns of `epochMetric` besides `total`, as computed by `computeConcentration`. */
const METRIC_FIELDS = [
  "n",
  "gini",
  "nakamoto33",
  "nakamoto50",
  "nakamoto66",
  "hhi",
  "effectiveN",
  "theil",
  "entropy",
  "top1Share",
  "top5Share",
  "top10Share",
  "palma",
] as const;
const low = (a: string) => a.toLowerCase() as Hex;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/** Latest block with timestamp < ts (binary search, cached timestamps). */
function blockFinder(client: PublicClient, head: number) {
  const cache = new Map<number, bigint>();
  const tsOf = async (n: number) => {
    let t = cache.get(n);
    if (t === undefined) {
      t = (await client.getBlock({ blockNumber: BigInt(n) })).timestamp;
      cache.set(n, t);
    }
    return t;
  };
  return {
    tsOf,
    /** `before + 1` when it is an empty block at exactly `ts` (the simulator's window-end marker), else `before`. */
    async emptyMarkerAfter(before: number, ts: bigint, last: number): Promise<number> {
      if (before + 1 > last) return before;
      const next = await client.getBlock({ blockNumber: BigInt(before + 1) });
      return next.timestamp === ts && next.transactions.length === 0 ? before + 1 : before;
    },
    async lastBefore(ts: bigint): Promise<number | undefined> {
      if ((await tsOf(0)) >= ts) return undefined;
      let lo = 0; // ts(lo) < ts
      let hi = head + 1; // ts(hi) >= ts or beyond head
      if ((await tsOf(head)) < ts) return head;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if ((await tsOf(mid)) < ts) lo = mid;
        else hi = mid;
      }
      return lo;
    },
  };
}

/**
 * Ponder's generated GraphQL (at `/ponder/graphql`, else `/graphql`), read page by page.
 *
 * Not the `/sql` endpoint: with PGlite, Ponder 0.16.10 flushes large update batches through a
 * TEMP table named like the target table, which then shadows the real table for unqualified
 * SQL on that session (e.g. `select count(*) from account` answers 0). Drizzle queries and
 * GraphQL name the schema and are not affected.
 */
export async function ponderGraphql(ponderUrl: string) {
  let endpoint: string | undefined;
  for (const path of ["/ponder/graphql", "/graphql"]) {
    const res = await fetch(`${ponderUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ indexerStates { totalCount } }" }),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: unknown };
    if (res.ok && body.data) {
      endpoint = `${ponderUrl}${path}`;
      break;
    }
  }
  if (!endpoint) throw new Error(`no Ponder GraphQL endpoint answers at ${ponderUrl}/ponder/graphql or /graphql`);
  const query = async (q: string): Promise<Record<string, unknown>> => {
    const res = await fetch(endpoint!, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: q }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
    return body.data!;
  };
  return {
    endpoint,
    query,
    /** Every row of a table (plural field name), mapped. */
    async all<T>(field: string, fields: string, map: (row: Record<string, unknown>) => T, args = ""): Promise<T[]> {
      const out: T[] = [];
      let after: string | null = null;
      for (;;) {
        const page = `limit: 1000${after ? `, after: ${JSON.stringify(after)}` : ""}${args ? `, ${args}` : ""}`;
        const data = await query(`{ ${field}(${page}) { items { ${fields} } pageInfo { hasNextPage endCursor } } }`);
        const conn = data[field] as { items: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        out.push(...conn.items.map(map));
        if (!conn.pageInfo.hasNextPage) return out;
        after = conn.pageInfo.endCursor;
      }
    },
    /**
     * Every row of a view (plural field name) for each of `epochs`. A view has no cursor, so each
     * epoch is read in pages ordered by `key.name`: by offset when the key is unique within an
     * epoch; else (a numeric key, such as a token's votes for several gauges) each page continues
     * from the previous page's last key, whose rows are read again with it.
     */
    async allPerEpoch<T>(
      field: string,
      fields: string,
      map: (row: Record<string, unknown>) => T,
      epochs: readonly number[],
      key: { name: string; unique: boolean },
    ): Promise<T[]> {
      const out: T[] = [];
      const page = async (where: string, offset: number) => {
        const data = await query(`{ ${field}(where: { ${where} }, orderBy: ${JSON.stringify(key.name)}, limit: 1000, offset: ${offset}) { items { ${key.name} ${fields} } } }`);
        return (data[field] as { items: Record<string, unknown>[] }).items;
      };
      for (const e of epochs) {
        let from: string | null = null;
        for (let offset = 0; ; ) {
          const items = await page(`epoch: ${e}${from === null ? "" : `, ${key.name}_gte: ${JSON.stringify(from)}`}`, offset);
          if (items.length < 1000) {
            out.push(...items.map(map));
            break;
          }
          if (key.unique) {
            out.push(...items.map(map));
            offset += items.length;
            continue;
          }
          const last = String(items[items.length - 1]![key.name]);
          const done = items.filter((r) => String(r[key.name]) !== last);
          if (done.length === 0) throw new Error(`${field}: more than 999 rows of epoch ${e} share ${key.name} ${last}`);
          out.push(...done.map(map));
          from = last;
        }
      }
      return out;
    },
    /** Row count of a table (plural field name). */
    async count(field: string): Promise<number> {
      const data = await query(`{ ${field} { totalCount } }`);
      return (data[field] as { totalCount: number }).totalCount;
    },
  };
}

/** The supply point's fields compared at each epoch end. */
const SUPPLY_FIELDS = ["totalSupply", "circulatingSupply", "lockedSupply", "vestingBalance", "vestedUnreleased", "exchangeBalance", "burned"] as const;

/**
 * Reads the index through Ponder's GraphQL and compares it with the chain.
 * @example
 * const report = await compareIndexWithChain({ manifest, ponderUrl: ponder.url, rpcUrl: anvil.rpcUrl });
 * expect(report.mismatches).toEqual([]);
 */
export async function compareIndexWithChain(opts: {
  manifest: ManifestRefs;
  ponderUrl: string;
  rpcUrl: string;
  /** Compare the live state at this block (default: the block Ponder reports in /status). */
  atBlock?: number;
  log?: (line: string) => void;
}): Promise<ComparisonReport> {
  const log = opts.log ?? (() => {});
  const client = createPublicClient({ transport: http(opts.rpcUrl, { batch: { batchSize: 100 }, retryCount: 3 }) });
  const mismatches: Mismatch[] = [];
  const byCheck: Record<string, number> = {};
  let comparisons = 0;
  const compare = (check: string, epoch: number | undefined, key: string, chain: unknown, index: unknown) => {
    comparisons++;
    byCheck[check] = (byCheck[check] ?? 0) + 1;
    const c = String(chain);
    const i = String(index);
    if (c !== i) mismatches.push({ check, ...(epoch === undefined ? {} : { epoch }), key, chain: c, index: i });
  };

  let atBlock = opts.atBlock;
  if (atBlock === undefined) {
    const status = (await (await fetch(`${opts.ponderUrl}/status`)).json()) as Record<string, { block: { number: number } }>;
    atBlock = Object.values(status)[0]!.block.number;
  }
  const at = BigInt(atBlock);
  const finder = blockFinder(client as PublicClient, atBlock);
  const headTs = await finder.tsOf(atBlock);

  const C = opts.manifest.contracts;
  const escrow = C.VotingEscrow!.address as Address;
  const voter = C.SimpleGaugeVoter!.address as Address;
  const br = C.BRToken!.address as Address;
  const vaults = opts.manifest.vaults.map((v) => v.address as Address);
  const wallets = opts.manifest.vestingWallets.map((w) => w.address as Address);

  const gql = await ponderGraphql(opts.ponderUrl);
  const big = (v: unknown) => BigInt(v as string);
  const bigOrNull = (v: unknown) => (v === null || v === undefined ? null : BigInt(v as string));
  const [epochs, metrics, vaultEpochs, accounts, locks, gauges, vaultRows, positions, allocations, states, supplyPoints] =
    await Promise.all([
      gql.all("epochs", "id finalized eligiblePower castPower lockedBr totalSupply vestedUnreleased", (r) => ({
        id: r.id as number,
        finalized: r.finalized as boolean,
        eligiblePower: big(r.eligiblePower),
        castPower: big(r.castPower),
        lockedBr: big(r.lockedBr),
        totalSupply: big(r.totalSupply),
        vestedUnreleased: big(r.vestedUnreleased),
      })),
      gql.all("epochMetrics", `epoch scope gauge total ${METRIC_FIELDS.join(" ")}`, (r) => ({
        ...r,
        epoch: r.epoch as number,
        scope: r.scope as string,
        gauge: r.gauge as string,
        total: big(r.total),
      })),
      gql.all("vaultEpochs", "vault epoch tvlAtWindowEnd sharesAtWindowEnd tvlAtEpochEnd", (r) => ({
        vault: r.vault as string,
        epoch: r.epoch as number,
        tvlAtWindowEnd: bigOrNull(r.tvlAtWindowEnd),
        sharesAtWindowEnd: bigOrNull(r.sharesAtWindowEnd),
        tvlAtEpochEnd: bigOrNull(r.tvlAtEpochEnd),
      })),
      gql.all("accounts", "address brBalance label", (r) => ({
        address: r.address as string,
        brBalance: big(r.brBalance),
        label: (r.label as string | null) ?? null,
      })),
      gql.all("locks", "tokenId owner amount startTs status exitQueuedAt exitDate", (r) => ({
        tokenId: big(r.tokenId),
        owner: r.owner as string,
        amount: big(r.amount),
        startTs: big(r.startTs),
        status: r.status as string,
        exitQueuedAt: bigOrNull(r.exitQueuedAt),
        exitDate: bigOrNull(r.exitDate),
      })),
      gql.all("gauges", "address active", (r) => ({ address: r.address as string, active: r.active as boolean })),
      gql.all("vaults", "address totalAssets totalShares", (r) => ({
        address: r.address as string,
        totalAssets: big(r.totalAssets),
        totalShares: big(r.totalShares),
      })),
      gql.all("vaultPositions", "vault owner shares", (r) => ({ vault: r.vault as string, owner: r.owner as string, shares: big(r.shares) })),
      gql.all("vestingAllocations", "address released", (r) => ({ address: r.address as string, released: big(r.released) })),
      gql.all("indexerStates", "lastClosedEpoch brTotalSupply totalLocked", (r) => ({
        lastClosedEpoch: r.lastClosedEpoch as number,
        brTotalSupply: big(r.brTotalSupply),
        totalLocked: big(r.totalLocked),
      })),
      gql.all("supplyPoints", `epoch moment ${SUPPLY_FIELDS.join(" ")}`, (r) => ({
        epoch: r.epoch as number,
        moment: r.moment as string,
        ...(Object.fromEntries(SUPPLY_FIELDS.map((f) => [f, big(r[f])])) as Record<(typeof SUPPLY_FIELDS)[number], bigint>),
      })),
    ]);
  const state = states[0];
  if (!state) throw new Error("the index has no indexerState row: nothing indexed yet");

  // --- which epochs are closed / finalized
  let expectedLastClosed = state.lastClosedEpoch;
  while (windowEnd(expectedLastClosed + 1) <= headTs) expectedLastClosed++;
  while (expectedLastClosed >= 0 && windowEnd(expectedLastClosed) > headTs) expectedLastClosed--;
  compare("epochs.lastClosed", undefined, "indexerState", expectedLastClosed, state.lastClosedEpoch);
  const ids = epochs.map((e) => e.id).sort((a, b) => a - b);
  const holdings = await gql.allPerEpoch("epochHoldings", "epoch holder balance", (r) => ({ epoch: r.epoch as number, holder: r.holder as string, balance: big(r.balance) }), ids, {
    name: "holder",
    unique: true,
  });
  const lockPowers = await gql.allPerEpoch("epochLockPowers", "epoch tokenId power", (r) => ({ epoch: r.epoch as number, tokenId: big(r.tokenId), power: big(r.power) }), ids, {
    name: "tokenId",
    unique: true,
  });
  const votes = await gql.allPerEpoch(
    "epochVotes",
    "epoch tokenId gauge amount",
    (r) => ({ epoch: r.epoch as number, tokenId: big(r.tokenId), gauge: r.gauge as string, amount: big(r.amount) }),
    ids,
    { name: "tokenId", unique: false },
  );
  const firstClosed = ids[0] ?? state.lastClosedEpoch + 1;
  const expectedIds = [];
  for (let e = firstClosed; e <= expectedLastClosed; e++) expectedIds.push(e);
  compare("epochs.ids", undefined, "epoch table", expectedIds.join(","), ids.join(","));
  for (const e of epochs) {
    compare("epochs.finalized", e.id, `epoch ${e.id}`, epochEnd(e.id) <= headTs, e.finalized);
  }

  const key2 = (a: unknown, b: unknown) => `${a}|${b}`;
  const key3 = (a: unknown, b: unknown, c: unknown) => `${a}|${b}|${c}`;
  const powerIdx = new Map(lockPowers.map((r) => [key2(r.epoch, r.tokenId), r.power]));
  const voteIdx = new Map(votes.map((r) => [key3(r.epoch, r.tokenId, low(r.gauge)), r.amount]));
  const holdingIdx = new Map(holdings.map((r) => [key2(r.epoch, low(r.holder)), r.balance]));
  // the views have no primary key: a span overlapping its live row would show as a second row
  compare("views.unique", undefined, "epochLockPower rows per (epoch, token)", lockPowers.length, powerIdx.size);
  compare("views.unique", undefined, "epochVote rows per (epoch, token, gauge)", votes.length, voteIdx.size);
  compare("views.unique", undefined, "epochHolding rows per (epoch, holder)", holdings.length, holdingIdx.size);
  const vaultEpochIdx = new Map(vaultEpochs.map((r) => [key2(low(r.vault), r.epoch), r]));
  const lockedMetric = new Map(metrics.filter((m) => m.scope === "LOCKED_BR").map((m) => [m.epoch, m.total]));
  const metricIdx = new Map(metrics.map((m) => [key3(m.epoch, m.scope, m.gauge), m as Record<string, unknown>]));
  const unlabelled = new Set(accounts.filter((a) => a.label === null).map((a) => low(a.address)));
  const labelled = accounts.filter((a) => a.label !== null);
  const epochEndSupply = new Map(supplyPoints.filter((p) => p.moment === "epochEnd").map((p) => [p.epoch, p]));
  const lockNft = C.Lock!.address as Address;
  const exitQueue = C.ExitQueue!.address as Address;
  /** Every metric of computeConcentration(chain amounts) vs the index's row. */
  const compareMetric = (e: number, scope: string, gauge: string, amounts: Iterable<bigint>) => {
    const chain = computeConcentration([...amounts]);
    const row = metricIdx.get(key3(e, scope, gauge));
    if (!row) {
      if (chain.n > 0) compare(`metric.${scope}`, e, `${scope} ${gauge} row`, "present", "missing");
      return;
    }
    for (const f of ["total", ...METRIC_FIELDS]) {
      const c = (chain as unknown as Record<string, unknown>)[f];
      compare(`metric.${scope}`, e, `${scope}${gauge ? ` ${gauge}` : ""} ${f}`, c ?? null, row[f] ?? null);
    }
  };
  const sumBy = (map: Map<string, bigint>, k: string, v: bigint) => map.set(k, (map.get(k) ?? 0n) + v);
  const holderAddresses = accounts.map((a) => low(a.address) as Address);

  const read = <T>(address: Address, abi: unknown, functionName: string, args: unknown[], blockNumber: bigint) =>
    client.readContract({ address, abi: abi as never, functionName: functionName as never, args: args as never, blockNumber }) as Promise<T>;
  /** Σ over the vesting wallets of BR vested at `ts` but not yet released, read at `blockNumber`. */
  const vestedUnreleasedAt = async (ts: bigint, blockNumber: bigint): Promise<bigint> => {
    let unreleased = 0n;
    for (const w of wallets) {
      const vested = await read<bigint>(w, VestingWalletAbi, "vestedAmount", [br, ts], blockNumber).catch(() => 0n);
      const released = await read<bigint>(w, VestingWalletAbi, "released", [br], blockNumber).catch(() => 0n);
      unreleased += vested > released ? vested - released : 0n;
    }
    return unreleased;
  };

  for (const ep of [...epochs].sort((a, b) => a.id - b.id)) {
    const e = ep.id;
    const W = windowEnd(e);
    const before = await finder.lastBefore(W);
    if (before === undefined) continue;
    const bn = BigInt(await finder.emptyMarkerAfter(before, W, atBlock));
    const lastLockId = Number(await read<bigint>(escrow, VotingEscrowAbi, "lastLockId", [], bn));
    const tokens = Array.from({ length: lastLockId }, (_, i) => BigInt(i + 1));
    const gaugeList = (await read<Address[]>(voter, SimpleGaugeVoterAbi, "getAllGauges", [], bn)).map(low);

    // lock power at W
    const powers = await mapLimit(tokens, 50, (t) => read<bigint>(escrow, VotingEscrowAbi, "votingPowerAt", [t, W], bn));
    tokens.forEach((t, i) => compare("lockPower", e, `token ${t}`, powers[i], powerIdx.get(key2(e, t)) ?? 0n));
    compare("eligiblePower", e, "Σ power", powers.reduce((s, p) => s + p, 0n), ep.eligiblePower);

    // total locked
    const totalLocked = await read<bigint>(escrow, VotingEscrowAbi, "totalLocked", [], bn);
    compare("totalLocked", e, "epoch.lockedBr", totalLocked, ep.lockedBr);
    compare("totalLocked", e, "LOCKED_BR total", totalLocked, lockedMetric.get(e) ?? "missing");

    // owners at the snapshot: NFT owner, or the queued holder while the NFT sits in the escrow
    const holders = await mapLimit(tokens, 50, async (t): Promise<{ owner: string; status: "active" | "queued" } | null> => {
      let owner: string;
      try {
        owner = low(await read<Address>(lockNft, LockAbi, "ownerOf", [t], bn));
      } catch {
        return null; // burned: exited
      }
      if (owner !== low(escrow)) return { owner, status: "active" };
      const { holder } = await read<{ holder: Address; exitDate: bigint }>(exitQueue, ExitQueueAbi, "queue", [t], bn);
      return { owner: low(holder), status: "queued" };
    });
    const amounts = await mapLimit(tokens, 50, async (t) => (await read<{ amount: bigint }>(escrow, VotingEscrowAbi, "locked", [t], bn)).amount);
    const lockedByOwner = new Map<string, bigint>();
    const powerByOwner = new Map<string, bigint>();
    tokens.forEach((_, i) => {
      const h = holders[i];
      if (!h) return;
      sumBy(lockedByOwner, h.owner, amounts[i]!);
      if (powers[i]! > 0n) sumBy(powerByOwner, h.owner, powers[i]!);
    });
    compareMetric(e, "LOCKED_BR", "", lockedByOwner.values());
    compareMetric(e, "ELIGIBLE_POWER", "", powerByOwner.values());

    // votes (a voting token cannot be queued, so its voter is its owner)
    const castByVoter = new Map<string, bigint>();
    const byGaugeVoter = new Map<string, Map<string, bigint>>();
    const addVote = (t: bigint, g: string, amount: bigint) => {
      if (amount === 0n) return;
      const voter = holders[Number(t) - 1]?.owner ?? "unknown";
      sumBy(castByVoter, voter, amount);
      if (!byGaugeVoter.has(g)) byGaugeVoter.set(g, new Map());
      sumBy(byGaugeVoter.get(g)!, voter, amount);
    };
    const pairs = tokens.flatMap((t) => gaugeList.map((g) => [t, g] as const));
    if (pairs.length <= 4000) {
      const amounts = await mapLimit(pairs, 50, ([t, g]) => read<bigint>(voter, SimpleGaugeVoterAbi, "votes", [t, g], bn));
      pairs.forEach(([t, g], i) => {
        compare("votes", e, `token ${t} gauge ${g}`, amounts[i], voteIdx.get(key3(e, t, g)) ?? 0n);
        addVote(t, g, amounts[i]!);
      });
    } else {
      const rows = votes.filter((v) => v.epoch === e);
      const amounts = await mapLimit(rows, 50, (r) => read<bigint>(voter, SimpleGaugeVoterAbi, "votes", [r.tokenId, r.gauge], bn));
      rows.forEach((r, i) => {
        compare("votes", e, `token ${r.tokenId} gauge ${r.gauge}`, amounts[i], r.amount);
        addVote(r.tokenId, low(r.gauge), amounts[i]!);
      });
      const used = await mapLimit(tokens, 50, (t) => read<bigint>(voter, SimpleGaugeVoterAbi, "usedVotingPower", [t], bn));
      const usedIdx = new Map<bigint, bigint>();
      for (const r of rows) usedIdx.set(r.tokenId, (usedIdx.get(r.tokenId) ?? 0n) + r.amount);
      tokens.forEach((t, i) => compare("votes.perToken", e, `token ${t}`, used[i], usedIdx.get(t) ?? 0n));
    }
    compareMetric(e, "CAST_VOTES", "", castByVoter.values());
    for (const g of gaugeList) compareMetric(e, "GAUGE_VOTERS", g, byGaugeVoter.get(g)?.values() ?? []);
    const gaugeTotals = await mapLimit(gaugeList, 20, (g) => read<bigint>(voter, SimpleGaugeVoterAbi, "gaugeVotes", [g], bn));
    gaugeList.forEach((g, i) => {
      const sum = votes.filter((v) => v.epoch === e && low(v.gauge) === g).reduce((s, v) => s + v.amount, 0n);
      compare("votes.perGauge", e, `gauge ${g}`, gaugeTotals[i], sum);
    });
    compareMetric(e, "GAUGES", "", gaugeTotals.filter((v) => v > 0n));
    const cast = await read<bigint>(voter, SimpleGaugeVoterAbi, "totalVotingPowerCast", [], bn);
    compare("votes.total", e, "castPower", cast, ep.castPower);

    // the state at the epoch end: the last block before it
    const endBn = ep.finalized ? BigInt((await finder.lastBefore(epochEnd(e)))!) : undefined;

    // vaults at window end and epoch end
    for (const v of vaults) {
      const row = vaultEpochIdx.get(key2(low(v), e));
      const tvl = await read<bigint>(v, BrBtcVaultAbi, "totalAssets", [], bn).catch(() => 0n);
      const shares = await read<bigint>(v, BrBtcVaultAbi, "totalSupply", [], bn).catch(() => 0n);
      compare("vault.tvlAtWindowEnd", e, `vault ${v}`, tvl, row?.tvlAtWindowEnd ?? "missing");
      compare("vault.sharesAtWindowEnd", e, `vault ${v}`, shares, row?.sharesAtWindowEnd ?? "missing");
      if (endBn !== undefined) {
        const tvlEnd = await read<bigint>(v, BrBtcVaultAbi, "totalAssets", [], endBn).catch(() => 0n);
        compare("vault.tvlAtEpochEnd", e, `vault ${v}`, tvlEnd, row?.tvlAtEpochEnd ?? "missing");
      }
    }

    // BR holdings and supply
    const balances = await mapLimit(holderAddresses, 50, (a) => read<bigint>(br, BRTokenAbi, "balanceOf", [a], bn));
    holderAddresses.forEach((a, i) => compare("brBalance", e, `holder ${a}`, balances[i], holdingIdx.get(key2(e, a)) ?? 0n));
    compareMetric(e, "BR_HOLDINGS", "", balances.filter((b, i) => unlabelled.has(low(holderAddresses[i]!)) && b > 0n));
    const supply = await read<bigint>(br, BRTokenAbi, "totalSupply", [], bn);
    compare("brSupply", e, "totalSupply", supply, ep.totalSupply);
    const held = holdings.filter((h) => h.epoch === e).reduce((s, h) => s + h.balance, 0n);
    compare("brSupply", e, "Σ holdings", supply, held);

    // vesting: vested but unreleased at W
    compare("vestedUnreleased", e, "Σ wallets", await vestedUnreleasedAt(W, bn), ep.vestedUnreleased);

    // supply at the epoch end
    if (endBn !== undefined) {
      const point = epochEndSupply.get(e);
      const endBalances = await mapLimit(labelled, 50, (a) => read<bigint>(br, BRTokenAbi, "balanceOf", [a.address], endBn));
      const byLabel = (labels: string[]) => labelled.reduce((sum, a, i) => (labels.includes(a.label!) ? sum + endBalances[i]! : sum), 0n);
      const endSupply = await read<bigint>(br, BRTokenAbi, "totalSupply", [], endBn);
      const chain = {
        totalSupply: endSupply,
        circulatingSupply: endSupply - byLabel(["vesting", "contract", "burn"]),
        lockedSupply: await read<bigint>(escrow, VotingEscrowAbi, "totalLocked", [], endBn),
        vestingBalance: byLabel(["vesting"]),
        vestedUnreleased: await vestedUnreleasedAt(epochEnd(e), endBn),
        exchangeBalance: byLabel(["exchange"]),
        burned: byLabel(["burn"]),
      };
      for (const f of SUPPLY_FIELDS) compare(`supplyAtEpochEnd.${f}`, e, "supply point", chain[f], point?.[f] ?? "missing");
    }
    log(`epoch ${e}: compared at block ${before} (${comparisons} comparisons so far, ${mismatches.length} mismatches)`);
  }

  // --- live state at the indexed head
  const liveBalances = await mapLimit(holderAddresses, 50, (a) => read<bigint>(br, BRTokenAbi, "balanceOf", [a], at));
  accounts.forEach((a, i) => compare("live.brBalance", undefined, `holder ${a.address}`, liveBalances[i], a.brBalance));
  const lastLockId = Number(await read<bigint>(escrow, VotingEscrowAbi, "lastLockId", [], at));
  compare("live.lockCount", undefined, "lastLockId", lastLockId, locks.length);
  await mapLimit(locks, 30, async (l) => {
    const locked = await read<{ amount: bigint; start: bigint }>(escrow, VotingEscrowAbi, "locked", [l.tokenId], at);
    // The escrow clears a withdrawn lock; the index keeps its amount and start for history.
    const exited = l.status === "exited";
    compare("live.lock.amount", undefined, `token ${l.tokenId}`, locked.amount, exited ? 0n : l.amount);
    compare("live.lock.start", undefined, `token ${l.tokenId}`, locked.start, exited ? 0n : l.startTs);
    // The exit ticket (holder, exitDate) while queued; none (zero) before and after.
    const ticket = await read<{ holder: Address; exitDate: bigint }>(exitQueue, ExitQueueAbi, "queue", [l.tokenId], at);
    const queued = l.status === "queued";
    compare("live.lock.exitDate", undefined, `token ${l.tokenId}`, BigInt(ticket.exitDate), queued ? (l.exitDate ?? 0n) : 0n);
    if (queued) compare("live.lock.ticketHolder", undefined, `token ${l.tokenId}`, low(ticket.holder), low(l.owner));
    if (l.status === "active") {
      const owner = await read<Address>(C.Lock!.address as Address, [{ type: "function", name: "ownerOf", stateMutability: "view", inputs: [{ type: "uint256" }], outputs: [{ type: "address" }] }], "ownerOf", [l.tokenId], at);
      compare("live.lock.owner", undefined, `token ${l.tokenId}`, low(owner), low(l.owner));
    }
  });
  const chainGauges = (await read<Address[]>(voter, SimpleGaugeVoterAbi, "getAllGauges", [], at)).map(low);
  compare("live.gauges", undefined, "gauge list", [...chainGauges].sort().join(","), gauges.map((g) => low(g.address)).sort().join(","));
  for (const g of gauges) {
    const active = await read<boolean>(voter, SimpleGaugeVoterAbi, "isActive", [g.address], at);
    compare("live.gauge.active", undefined, `gauge ${g.address}`, active, g.active);
  }
  for (const v of vaultRows) {
    const tvl = await read<bigint>(v.address as Address, BrBtcVaultAbi, "totalAssets", [], at);
    const shares = await read<bigint>(v.address as Address, BrBtcVaultAbi, "totalSupply", [], at);
    compare("live.vault.totalAssets", undefined, `vault ${v.address}`, tvl, v.totalAssets);
    compare("live.vault.totalShares", undefined, `vault ${v.address}`, shares, v.totalShares);
  }
  await mapLimit(positions, 50, async (p) => {
    const bal = await read<bigint>(p.vault as Address, BrBtcVaultAbi, "balanceOf", [p.owner], at);
    compare("live.vaultPosition", undefined, `vault ${p.vault} owner ${p.owner}`, bal, p.shares);
  });
  for (const a of allocations) {
    const released = await read<bigint>(a.address as Address, VestingWalletAbi, "released", [br], at);
    compare("live.vesting.released", undefined, `wallet ${a.address}`, released, a.released);
  }
  const supplyNow = await read<bigint>(br, BRTokenAbi, "totalSupply", [], at);
  compare("live.brSupply", undefined, "totalSupply", supplyNow, state.brTotalSupply);
  const lockedNow = await read<bigint>(escrow, VotingEscrowAbi, "totalLocked", [], at);
  compare("live.totalLocked", undefined, "indexerState.totalLocked", lockedNow, state.totalLocked);

  return { comparisons, byCheck, mismatches, epochs: ids, atBlock };
}

/** Formats a report for the terminal. */
export function formatReport(report: ComparisonReport): string {
  const lines = [
    `compared ${report.comparisons} values over ${report.epochs.length} epochs (${report.epochs[0] ?? "-"}..${report.epochs.at(-1) ?? "-"}), live state at block ${report.atBlock}`,
    ...Object.entries(report.byCheck).map(([k, n]) => `  ${k}: ${n}`),
    `mismatches: ${report.mismatches.length}`,
    ...report.mismatches
      .slice(0, 50)
      .map((m) => `  ${m.check}${m.epoch === undefined ? "" : ` epoch ${m.epoch}`} ${m.key}: chain ${m.chain} index ${m.index}`),
  ];
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const { readManifest, writeManifest } = await import("../src/config/manifest");
  const manifestArg = flag("--manifest");
  const urlArg = flag("--url");
  if (manifestArg && urlArg) {
    const manifest = await readManifest(manifestArg);
    const report = await compareIndexWithChain({ manifest, ponderUrl: urlArg, rpcUrl: manifest.rpcUrl, log: console.log });
    console.log(formatReport(report));
    return report.mismatches.length === 0 ? 0 : 1;
  }
  const positional = argv.filter((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
  const scenarioName = positional[0] ?? "small";
  const seed = Number(positional[1] ?? 1);
  const { startAnvil } = await import("./anvil");
  const { loadScenario } = await import("./scenario");
  const { simulate, simulatorAnvilArgs } = await import("./simulate");
  const { startPonder } = await import("./ponder");
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
  const scenario = loadScenario(scenarioName);
  const anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
  let ponder: Awaited<ReturnType<typeof startPonder>> | undefined;
  try {
    const manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, scenarioName, seed });
    console.log(`[${secs()}] simulated ${scenarioName} seed ${seed}: head block ${manifest.headBlock}`);
    const dir = mkdtempSync(join(tmpdir(), "ve-lens-verify-"));
    const manifestPath = join(dir, "devnet.json");
    await writeManifest(manifestPath, manifest);
    ponder = await startPonder({ manifestPath, databaseDir: join(dir, "db") });
    await ponder.waitReady(60 * 60_000);
    await ponder.waitForBlock(manifest.headBlock, 10 * 60_000);
    console.log(`[${secs()}] indexed to block ${manifest.headBlock}`);
    const report = await compareIndexWithChain({ manifest, ponderUrl: ponder.url, rpcUrl: anvil.rpcUrl, log: (l) => console.log(`[${secs()}] ${l}`) });
    console.log(`[${secs()}] ${formatReport(report)}`);
    return report.mismatches.length === 0 ? 0 : 1;
  } finally {
    await ponder?.stop();
    await anvil.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}

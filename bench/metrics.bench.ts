/**
 * Benchmark of the metrics module: sorting and computeConcentration on 1,000,000 amounts.
 * Run: npx tsx bench/metrics.bench.ts   (prints one JSON object; no assertions)
 * Env: BENCH_N (amounts, default 1e6), BENCH_RUNS (default 5), BENCH_DATASETS (default all),
 * BENCH_CORE=1 (only computeConcentration and sortAmounts, for `npm run bench -- --quick`).
 *
 * Inputs are deterministic (a fixed-seed xorshift generator), so runs are comparable.
 */
import {
  compareBigint,
  computeConcentration,
  giniCoefficient,
  herfindahlHirschman,
  lorenzCurve,
  sortAmounts,
} from "../src/metrics/index";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Comma-separated subset of the datasets (default: all), e.g. for a CPU profile of one. */
const CORE = process.env.BENCH_CORE === "1";
const DATASETS = (process.env.BENCH_DATASETS ?? "uniform1e30,heavyTail,u64,repeated,sharedDouble").split(",");

/** xorshift64*: deterministic 64-bit pseudo-random bigints from a seed. */
function generator(seed: bigint): () => bigint {
  let state = seed & 0xffffffffffffffffn;
  return () => {
    state ^= state >> 12n;
    state ^= (state << 25n) & 0xffffffffffffffffn;
    state ^= state >> 27n;
    return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
}

function dataset(kind: string, n: number): bigint[] {
  const next = generator(0x9e3779b97f4a7c15n);
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const r = next();
    switch (kind) {
      // Uniform up to ~1e30 (about 100 bits): beyond 64 bits, like 18-decimal balances.
      case "uniform1e30":
        out[i] = ((r << 40n) | (next() >> 24n)) % 10n ** 30n;
        break;
      // Heavy-tailed: 1e18 · 2^(0..40) scaled, a typical token-holder shape.
      case "heavyTail":
        out[i] = (10n ** 18n << (r % 41n)) + (next() % 10n ** 18n);
        break;
      // Fits in 64 bits.
      case "u64":
        out[i] = r;
        break;
      // Many identical values and zeros.
      case "repeated":
        out[i] = r % 4n === 0n ? 0n : (r % 16n) * 10n ** 21n;
        break;
      // Worst case for the keyed sort: distinct amounts that share a few doubles
      // (1e30 + up to 2^40), so nearly everything is ordered by exact comparisons.
      case "sharedDouble":
        out[i] = 10n ** 30n + (r >> 24n);
        break;
      default:
        throw new Error(`unknown dataset ${kind}`);
    }
  }
  return out;
}

function time(fn: () => unknown, runs = RUNS): { medianMs: number; minMs: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: round(samples[Math.floor(samples.length / 2)]!), minMs: round(samples[0]!) };
}

const results: Record<string, unknown> = {
  n: N,
  runs: RUNS,
  node: process.version,
  datasets: {},
};
for (const kind of DATASETS) {
  const amounts = dataset(kind, N);
  const metrics = computeConcentration(amounts);
  (results.datasets as Record<string, unknown>)[kind] = {
    computeConcentration: time(() => computeConcentration(amounts)),
    sortAmounts: time(() => sortAmounts(amounts)),
    ...(CORE
      ? {}
      : {
          comparatorSort: time(() => amounts.slice().sort(compareBigint), 3),
          bigUint64ArraySort: kind === "u64" ? time(() => Array.from(BigUint64Array.from(amounts).sort())) : undefined,
          giniCoefficient: time(() => giniCoefficient(amounts), 3),
          herfindahlHirschman: time(() => herfindahlHirschman(amounts), 3),
          lorenzCurve101: time(() => lorenzCurve(amounts, 101), 3),
        }),
    sample: { gini: metrics.gini, nakamoto50: metrics.nakamoto50, hhi: metrics.hhi },
  };
}
console.log(JSON.stringify(results, null, 2));

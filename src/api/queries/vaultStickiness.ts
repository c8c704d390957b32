/**
 * Vault TVL stickiness: how much TVL a vault keeps after the vote share of its gauge falls.
 */

/** One epoch of a vault: TVL and its gauge's vote share, both at window end. */
export interface VaultShareSample {
  epoch: number;
  tvl: bigint | null;
  gaugeShare: number | null;
}

export interface StickinessEvent {
  /** Epoch whose vote share dropped (compared with the epoch before). */
  epoch: number;
  shareBefore: number;
  shareAfter: number;
  tvlAtDrop: bigint;
  tvlAfterLag: bigint;
  /** tvlAfterLag / tvlAtDrop. */
  retained: number;
}

export interface Stickiness {
  /** Mean of `retained` over the events; null when there is none. */
  stickiness: number | null;
  events: StickinessEvent[];
}

/**
 * A drop at epoch e: share(e) <= share(e−1)·(1 − drop) with share(e−1) > 0, both epochs
 * present with known shares. For each drop with known TVL at e and at e + lag and TVL(e) > 0,
 * retained = TVL(e + lag) / TVL(e). Stickiness is the mean retained ratio (1 = all TVL stayed,
 * 0 = all left; above 1 when TVL grew anyway). Drops whose e + lag is not indexed yet are left out.
 *
 * @example
 * vaultStickiness([
 *   { epoch: 1, tvl: 100n, gaugeShare: 0.5 }, { epoch: 2, tvl: 100n, gaugeShare: 0.1 },
 *   { epoch: 3, tvl: 90n, gaugeShare: 0.1 }, { epoch: 4, tvl: 80n, gaugeShare: 0.1 },
 * ], 2, 0.2); // one drop at epoch 2: retained 0.8, stickiness 0.8
 */
export function vaultStickiness(samples: readonly VaultShareSample[], lag: number, drop: number): Stickiness {
  const byEpoch = new Map(samples.map((s) => [s.epoch, s]));
  const events: StickinessEvent[] = [];
  for (const sample of [...samples].sort((a, b) => a.epoch - b.epoch)) {
    const before = byEpoch.get(sample.epoch - 1);
    const after = byEpoch.get(sample.epoch + lag);
    if (!before || !after) continue;
    if (before.gaugeShare === null || sample.gaugeShare === null || before.gaugeShare <= 0) continue;
    if (sample.gaugeShare > before.gaugeShare * (1 - drop)) continue;
    if (sample.tvl === null || after.tvl === null || sample.tvl === 0n) continue;
    events.push({
      epoch: sample.epoch,
      shareBefore: before.gaugeShare,
      shareAfter: sample.gaugeShare,
      tvlAtDrop: sample.tvl,
      tvlAfterLag: after.tvl,
      retained: ratio(after.tvl, sample.tvl),
    });
  }
  const stickiness = events.length === 0 ? null : events.reduce((acc, e) => acc + e.retained, 0) / events.length;
  return { stickiness, events };
}

/** a / b as a double with 12 significant digits of exactness for large bigints. */
export function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  const scale = 10n ** 15n;
  return Number((a * scale) / b) / 1e15;
}

/**
 * The simulator's actions: each one checks its preconditions against the model, queues the
 * transaction in the open block and applies its effect to the model at the block's timestamp,
 * mirroring the contract code. A broken precondition here is a simulator bug and is reported
 * before anything is sent.
 */
import { EPOCH, WEEK, nextCheckpoint } from "../scenario";
import {
  type Hex,
  MAX_UINT256,
  encodeActivateGauge,
  encodeApprove,
  encodeCreateGauge,
  encodeDeactivateGauge,
  encodeUpdateGaugeMetadata,
  encodeBeginWithdrawal,
  encodeCreateLock,
  encodeCreateLockFor,
  encodeDeposit,
  encodeMint,
  encodeRedeem,
  encodeRelease,
  encodeNewSeason,
  encodeReset,
  encodeResetVotesAndBeginWithdrawal,
  encodeTransfer,
  encodeVote,
  encodeWithdraw,
} from "./calls";
import { type Account, type GaugeState, type LockState, type Model, type VestingState, vestedAt } from "./model";

/** Two weeks: ClockSeason's minimum distance between season starts. */
const MIN_SEASON_SPACING = 2 * WEEK;
import { SimulationError, type TxEngine } from "./txEngine";

/** Addresses of the deployed world the simulator talks to. */
export interface WorldAddresses {
  deployer: Hex;
  brToken: Hex;
  escrow: Hex;
  voter: Hex;
  /** The clock (`newSeason()`). */
  clock: Hex;
  /** The veNFT (`approve(escrow, tokenId)` before an exit). */
  lockNft: Hex;
  mockBtc: Hex;
}

/** Gas limits per action (generous; nothing is estimated). */
export const GAS = {
  transfer: 90_000,
  approve: 100_000,
  createLock: 600_000,
  beginWithdrawal: 500_000,
  withdraw: 400_000,
  newSeason: 150_000,
  gaugeAdmin: 300_000,
  release: 150_000,
  mint: 90_000,
  deposit: 220_000,
  redeem: 220_000,
  voteBase: 250_000,
  perGauge: 150_000,
} as const;

const short = (a: Hex): string => `${a.slice(0, 8)}…`;

/** Is `ts` inside the voting window of its epoch? */
export function inVotingWindow(ts: number): boolean {
  const start = Math.floor(ts / EPOCH) * EPOCH;
  return ts >= start + 3_600 && ts < start + WEEK - 3_600;
}

export class Actions {
  constructor(
    readonly engine: TxEngine,
    readonly model: Model,
    readonly world: WorldAddresses,
    private readonly deployer: Account,
    /** Where notes about skipped actions go (the run's progress messages). */
    private readonly log: (message: string) => void = () => {},
  ) {}

  private fail(what: string, why: string): never {
    throw new SimulationError(`simulator bug: cannot ${what}: ${why}`);
  }

  async transferBr(from: Account, to: Account, amount: bigint, why: string): Promise<void> {
    const what = `transfer ${amount} BR ${short(from.address)} → ${short(to.address)} (${why})`;
    if (amount <= 0n || amount > from.br) this.fail(what, `balance ${from.br}`);
    await this.engine.add({ from: from.address, to: this.world.brToken, data: encodeTransfer(to.address, amount), gas: GAS.transfer, label: what });
    from.br -= amount;
    to.br += amount;
    if (to.kind === "holder" && !to.active) to.active = true;
    this.model.count("brTransfers");
  }

  async approveEscrow(account: Account): Promise<void> {
    if (account.escrowApproved) return;
    await this.engine.add({
      from: account.address,
      to: this.world.brToken,
      data: encodeApprove(this.world.escrow, MAX_UINT256),
      gas: GAS.approve,
      label: `approve escrow by ${short(account.address)}`,
    });
    account.escrowApproved = true;
  }

  /**
   * The model's side of a deposit at `ts`: the lock starts at the next weekly checkpoint and is
   * written now (the warmup counts from here); `payer` pays, `owner` gets the veNFT.
   */
  private recordLock(payer: Account, owner: Account, amount: bigint, ts: number): LockState {
    this.model.now = ts;
    const lock: LockState = {
      id: this.model.locks.length + 1,
      owner,
      amount,
      start: nextCheckpoint(ts),
      writtenTs: ts,
      exitQueuedAt: 0,
      exitCheckpoint: 0,
      exitDate: 0,
      withdrawAt: 0,
      withdrawn: false,
      voteSeason: 0,
      votes: [],
    };
    this.model.locks.push(lock);
    owner.tokens.push(lock.id);
    payer.br -= amount;
    this.model.totalLocked += amount;
    this.model.count("locks");
    return lock;
  }

  /** Approves (if needed) and locks `amount`; returns the new lock. */
  async createLock(account: Account, amount: bigint): Promise<LockState> {
    await this.approveEscrow(account);
    const what = `createLock ${amount} by ${short(account.address)}`;
    if (amount <= 0n || amount > account.br) this.fail(what, `balance ${account.br}`);
    const ts = await this.engine.add({ from: account.address, to: this.world.escrow, data: encodeCreateLock(amount), gas: GAS.createLock, label: what });
    return this.recordLock(account, account, amount, ts);
  }

  /**
   * `createLockFor(amount, recipient)`: `payer` approves (if needed) and pays, `recipient` gets the
   * veNFT (the escrow's Deposit names the recipient; the transaction's sender is the payer).
   */
  async createLockFor(payer: Account, recipient: Account, amount: bigint): Promise<LockState> {
    await this.approveEscrow(payer);
    const what = `createLockFor ${amount} by ${short(payer.address)} for ${short(recipient.address)}`;
    if (amount <= 0n || amount > payer.br) this.fail(what, `balance ${payer.br}`);
    const ts = await this.engine.add({
      from: payer.address,
      to: this.world.escrow,
      data: encodeCreateLockFor(amount, recipient.address),
      gas: GAS.createLock,
      label: what,
    });
    const lock = this.recordLock(payer, recipient, amount, ts);
    this.model.count("locksFor");
    return lock;
  }

  /** Removes the token's votes of the season current at `ts` from the tallies (the voter's `_reset`). */
  private removeVotes(lock: LockState, ts: number): void {
    if (!this.model.isVoting(lock, ts)) return;
    for (const v of lock.votes) this.model.addVotes(lock.voteSeason, v.gauge, -v.amount);
    this.model.count("resetEvents", lock.votes.length);
    lock.votes = [];
  }

  /**
   * Votes (re-votes) a lock with integer weights per gauge index; returns the power cast, or 0n
   * when the vote is not sent because a share would round to 0 (the voter reverts NoVotes).
   */
  async vote(lock: LockState, allocation: readonly { gauge: number; weight: number }[], why: string): Promise<bigint> {
    const owner = lock.owner;
    const what = `vote token ${lock.id} by ${short(owner.address)} (${why})`;
    const prevMax = lock.votes.length;
    const ts = await this.engine.room(GAS.voteBase + GAS.perGauge * (allocation.length + prevMax));
    this.model.now = ts;
    if (!inVotingWindow(ts)) this.fail(what, `ts ${ts} outside the voting window`);
    if (lock.exitQueuedAt !== 0) this.fail(what, "lock is exiting");
    if (allocation.length === 0) this.fail(what, "no gauges");
    const power = this.model.votingPowerAt(lock, ts);
    if (power === 0n) this.fail(what, `no voting power at ${ts} (start ${lock.start}, written ${lock.writtenTs})`);
    const seen = new Set<number>();
    for (const a of allocation) {
      if (a.weight <= 0 || !Number.isInteger(a.weight) || seen.has(a.gauge) || !this.model.gauges[a.gauge]?.active) {
        this.fail(what, `bad allocation ${JSON.stringify(allocation)}`);
      }
      seen.add(a.gauge);
    }
    const sumW = BigInt(allocation.reduce((s, a) => s + a.weight, 0));
    const amounts = allocation.map((a) => (BigInt(a.weight) * power) / sumW);
    if (amounts.some((x) => x === 0n)) {
      this.model.count("votesSkippedZeroShare");
      this.log(`${what}: not sent, a share of ${power} rounds to 0`);
      return 0n;
    }
    this.engine.push({
      from: owner.address,
      to: this.world.voter,
      data: encodeVote(
        lock.id,
        allocation.map((a) => ({ weight: a.weight, gauge: (this.model.gauges[a.gauge] as { address: Hex }).address })),
      ),
      gas: GAS.voteBase + GAS.perGauge * (allocation.length + prevMax),
      label: what,
    });
    if (this.model.isVoting(lock, ts)) this.model.count("revotes");
    this.removeVotes(lock, ts);
    const season = this.model.seasonIndexAt(ts);
    lock.voteSeason = season;
    lock.votes = [];
    let cast = 0n;
    allocation.forEach((a, i) => {
      const amount = amounts[i] as bigint;
      lock.votes.push({ gauge: a.gauge, amount });
      this.model.addVotes(season, a.gauge, amount);
      cast += amount;
    });
    this.model.count("votes");
    this.model.count("votedEvents", allocation.length);
    return cast;
  }

  async reset(lock: LockState, why: string): Promise<void> {
    const what = `reset token ${lock.id} by ${short(lock.owner.address)} (${why})`;
    const ts = await this.engine.room(GAS.voteBase + GAS.perGauge * lock.votes.length);
    this.model.now = ts;
    if (!inVotingWindow(ts)) this.fail(what, `ts ${ts} outside the voting window`);
    if (!this.model.isVoting(lock, ts)) this.fail(what, "token is not voting in the current season");
    this.engine.push({ from: lock.owner.address, to: this.world.voter, data: encodeReset(lock.id), gas: GAS.voteBase + GAS.perGauge * lock.votes.length, label: what });
    this.removeVotes(lock, ts);
    this.model.count("resets");
  }

  /**
   * Why the escrow would refuse to queue the lock's exit at `ts` (null: it would accept):
   * the lock must have voting power now, be past `start + minLock`, not be queued, and (unless
   * `withReset`) not vote in the current season.
   */
  exitBlocker(lock: LockState, ts: number, withReset: boolean): string | null {
    if (lock.exitQueuedAt !== 0) return "already exiting";
    if (!withReset && this.model.isVoting(lock, ts)) return "token is voting in the current season";
    if (withReset && !this.model.isVoting(lock, ts)) return "token is not voting in the current season";
    if (withReset && !inVotingWindow(ts)) return `ts ${ts} outside the voting window`;
    if (lock.start + this.model.scenario.exitQueue.minLock > ts) return `minLock not reached at ${ts} (start ${lock.start})`;
    if (this.model.votingPowerAt(lock, ts) === 0n) return `no voting power at ${ts}`;
    return null;
  }

  /**
   * Queues the lock's exit: the owner approves the escrow for the veNFT, then calls
   * `beginWithdrawal` (or, for a token voting in the current season, `resetVotesAndBeginWithdrawal`
   * in the voting window). `extraDelay` seconds after the exit date the holder withdraws.
   * @returns false when the exit cannot happen now (not sent, noted in the log)
   */
  async beginWithdrawal(lock: LockState, extraDelay: number): Promise<boolean> {
    const ts = await this.engine.room(GAS.approve + GAS.beginWithdrawal + GAS.perGauge * lock.votes.length);
    this.model.now = ts;
    const withReset = this.model.isVoting(lock, ts);
    const what = `${withReset ? "resetVotesAndBeginWithdrawal" : "beginWithdrawal"} token ${lock.id} by ${short(lock.owner.address)}`;
    const blocker = this.exitBlocker(lock, ts, withReset);
    if (blocker) {
      this.model.count("exitsSkipped");
      this.log(`${what}: not sent, ${blocker}`);
      return false;
    }
    this.engine.push({
      from: lock.owner.address,
      to: this.world.lockNft,
      data: encodeApprove(this.world.escrow, BigInt(lock.id)),
      gas: GAS.approve,
      label: `approve escrow for token ${lock.id} by ${short(lock.owner.address)}`,
    });
    this.engine.push({
      from: lock.owner.address,
      to: this.world.escrow,
      data: withReset ? encodeResetVotesAndBeginWithdrawal(lock.id) : encodeBeginWithdrawal(lock.id),
      gas: GAS.beginWithdrawal + GAS.perGauge * lock.votes.length,
      label: what,
    });
    if (withReset) {
      this.removeVotes(lock, ts);
      this.model.count("exitsWithReset");
    } else if (lock.votes.length > 0) {
      // Votes of an earlier season only: isVoting is false, so the exit needs no reset.
      this.model.count("exitsWithOldSeasonVotes");
    }
    const { cooldown } = this.model.scenario.exitQueue;
    lock.exitQueuedAt = ts;
    lock.exitCheckpoint = nextCheckpoint(ts);
    lock.exitDate = Math.max(nextCheckpoint(ts), ts + cooldown);
    lock.withdrawAt = lock.exitDate + 1 + extraDelay;
    this.model.count("exitsQueued");
    return true;
  }

  async withdraw(lock: LockState): Promise<void> {
    const what = `withdraw token ${lock.id} by ${short(lock.owner.address)}`;
    const ts = await this.engine.room(GAS.withdraw);
    this.model.now = ts;
    if (lock.exitQueuedAt === 0 || lock.withdrawn) this.fail(what, "not queued");
    if (!(ts > lock.exitDate)) this.fail(what, `cooldown not over at ${ts} (exit date ${lock.exitDate})`);
    this.engine.push({ from: lock.owner.address, to: this.world.escrow, data: encodeWithdraw(lock.id), gas: GAS.withdraw, label: what });
    const fee = (lock.amount * BigInt(this.model.scenario.exitQueue.feeBps)) / 10_000n;
    lock.withdrawn = true;
    lock.owner.br += lock.amount - fee;
    this.model.totalLocked -= lock.amount;
    this.model.count("withdrawals");
  }

  /**
   * `clock.newSeason()` from the deployer (the clock admin): the next season starts at the next
   * weekly checkpoint after this block. Skipped (and logged) when the clock has no seasons.
   * @returns the new season's start, or null when skipped
   */
  async newSeason(): Promise<number | null> {
    if (!this.model.seasonsSupported) {
      this.model.count("seasonStartsSkipped");
      this.log("season start skipped: the clock has no seasons (no currentSeasonIndex())");
      return null;
    }
    const index = this.model.seasonStarts.length + 1;
    const ts = await this.engine.room(GAS.newSeason);
    const start = nextCheckpoint(ts);
    const last = this.model.seasonStarts[this.model.seasonStarts.length - 1] ?? 0;
    if (start < last + MIN_SEASON_SPACING) this.fail(`start season ${index}`, `start ${start} is less than 2 weeks after ${last}`);
    this.engine.push({ from: this.deployer.address, to: this.world.clock, data: encodeNewSeason(), gas: GAS.newSeason, label: `newSeason ${index} (starts ${start})` });
    this.model.now = ts;
    this.model.seasonStarts.push(start);
    this.model.seasons.push({ index, start, block: this.engine.lastBlock + 1, calledAt: ts });
    this.model.count("seasons");
    return start;
  }

  private async gaugeAdmin(gauge: GaugeState, data: Hex, what: string): Promise<void> {
    await this.engine.add({ from: this.deployer.address, to: this.world.voter, data, gas: GAS.gaugeAdmin, label: `${what} gauge ${gauge.name}` });
    this.model.count("gaugeAdmin");
  }

  async createGauge(gauge: GaugeState): Promise<void> {
    if (gauge.created) this.fail(`create gauge ${gauge.name}`, "already created");
    await this.gaugeAdmin(gauge, encodeCreateGauge(gauge.address, gauge.metadataURI), "create");
    gauge.created = true;
    gauge.active = true;
  }

  async deactivateGauge(gauge: GaugeState): Promise<void> {
    if (!gauge.active) this.fail(`deactivate gauge ${gauge.name}`, "not active");
    await this.gaugeAdmin(gauge, encodeDeactivateGauge(gauge.address), "deactivate");
    gauge.active = false;
  }

  async activateGauge(gauge: GaugeState): Promise<void> {
    if (!gauge.created || gauge.active) this.fail(`activate gauge ${gauge.name}`, "not inactive");
    await this.gaugeAdmin(gauge, encodeActivateGauge(gauge.address), "activate");
    gauge.active = true;
  }

  async updateGaugeMetadata(gauge: GaugeState, metadataURI: string): Promise<void> {
    if (!gauge.created) this.fail(`update gauge ${gauge.name}`, "not created");
    await this.gaugeAdmin(gauge, encodeUpdateGaugeMetadata(gauge.address, metadataURI), "update metadata of");
    gauge.metadataURI = metadataURI;
  }

  /** The beneficiary releases what has vested; returns the amount (0 means nothing was sent). */
  async release(wallet: VestingState): Promise<bigint> {
    const ts = await this.engine.room(GAS.release);
    const amount = vestedAt(wallet, ts) - wallet.released;
    if (amount <= 0n) return 0n;
    this.engine.push({
      from: wallet.beneficiary.address,
      to: wallet.address,
      data: encodeRelease(this.world.brToken),
      gas: GAS.release,
      label: `release ${wallet.name} vesting (${amount})`,
    });
    wallet.released += amount;
    wallet.beneficiary.br += amount;
    this.model.count("releases");
    return amount;
  }

  async mintBtc(to: Account, amount: bigint): Promise<void> {
    await this.engine.add({
      from: this.deployer.address,
      to: this.world.mockBtc,
      data: encodeMint(to.address, amount),
      gas: GAS.mint,
      label: `mint ${amount} BTCB to ${short(to.address)}`,
    });
    to.btc += amount;
  }

  /** Donates `amount` BTCB to a vault (its yield): the share price rises. */
  async donateYield(vault: number, amount: bigint): Promise<void> {
    const v = this.model.vaults[vault];
    if (!v) this.fail("donate yield", `unknown vault ${vault}`);
    await this.engine.add({
      from: this.deployer.address,
      to: this.world.mockBtc,
      data: encodeMint(v.address, amount),
      gas: GAS.mint,
      label: `mint ${amount} BTCB yield to vault ${v.name}`,
    });
    v.assets += amount;
  }

  async deposit(account: Account, vault: number, assets: bigint): Promise<void> {
    const v = this.model.vaults[vault];
    if (!v) this.fail("deposit", `unknown vault ${vault}`);
    if (!account.vaultApproved[vault]) {
      await this.engine.add({
        from: account.address,
        to: this.world.mockBtc,
        data: encodeApprove(v.address, MAX_UINT256),
        gas: GAS.approve,
        label: `approve vault ${v.name} by ${short(account.address)}`,
      });
      account.vaultApproved[vault] = true;
    }
    const what = `deposit ${assets} sats into ${v.name} by ${short(account.address)}`;
    if (assets <= 0n || assets > account.btc) this.fail(what, `BTCB balance ${account.btc}`);
    const shares = (assets * (v.supply + 1n)) / (v.assets + 1n);
    if (shares === 0n) this.fail(what, "zero shares");
    await this.engine.add({ from: account.address, to: v.address, data: encodeDeposit(assets, account.address), gas: GAS.deposit, label: what });
    account.btc -= assets;
    account.shares[vault] = (account.shares[vault] ?? 0n) + shares;
    v.assets += assets;
    v.supply += shares;
    this.model.count("vaultDeposits");
  }

  /** Redeems `shares`; returns the assets paid out. */
  async redeem(account: Account, vault: number, shares: bigint): Promise<bigint> {
    const v = this.model.vaults[vault];
    if (!v) this.fail("redeem", `unknown vault ${vault}`);
    const what = `redeem ${shares} shares of ${v.name} by ${short(account.address)}`;
    const held = account.shares[vault] ?? 0n;
    if (shares <= 0n || shares > held) this.fail(what, `holds ${held}`);
    const assets = (shares * (v.assets + 1n)) / (v.supply + 1n);
    if (assets === 0n) this.fail(what, "zero assets");
    await this.engine.add({ from: account.address, to: v.address, data: encodeRedeem(shares, account.address, account.address), gas: GAS.redeem, label: what });
    account.shares[vault] = held - shares;
    account.btc += assets;
    v.assets -= assets;
    v.supply -= shares;
    this.model.count("vaultWithdrawals");
    return assets;
  }
}

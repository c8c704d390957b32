/**
 * The simulator's actions: each one checks its preconditions against the model, queues the
 * transaction in the open block and applies its effect to the model at the block's timestamp,
 * mirroring the contract code. A broken precondition here is a simulator bug and is reported
 * before anything is sent.
 */
import { EPOCH, WEEK } from "../scenario";
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
  encodeDeposit,
  encodeMint,
  encodeRedeem,
  encodeRelease,
  encodeReset,
  encodeStartSeason,
  encodeTransfer,
  encodeVote,
  encodeWithdraw,
} from "./calls";
import { type Account, type GaugeState, type LockState, type Model, type VestingState, vestedAt } from "./model";
import { SimulationError, type TxEngine } from "./txEngine";

/** Addresses of the deployed world the simulator talks to. */
export interface WorldAddresses {
  deployer: Hex;
  brToken: Hex;
  escrow: Hex;
  voter: Hex;
  mockBtc: Hex;
}

/** Gas limits per action (generous; nothing is estimated). */
export const GAS = {
  transfer: 90_000,
  approve: 70_000,
  createLock: 400_000,
  beginWithdrawal: 300_000,
  withdraw: 300_000,
  startSeason: 150_000,
  release: 150_000,
  mint: 90_000,
  deposit: 220_000,
  redeem: 220_000,
  voteBase: 150_000,
  perGauge: 120_000,
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

  /** Approves (if needed) and locks `amount`; returns the new lock. */
  async createLock(account: Account, amount: bigint): Promise<LockState> {
    await this.approveEscrow(account);
    const what = `createLock ${amount} by ${short(account.address)}`;
    if (amount <= 0n || amount > account.br) this.fail(what, `balance ${account.br}`);
    const ts = await this.engine.add({ from: account.address, to: this.world.escrow, data: encodeCreateLock(amount), gas: GAS.createLock, label: what });
    const lock: LockState = {
      id: this.model.locks.length + 1,
      owner: account,
      amount,
      start: ts,
      exitQueuedAt: 0,
      exitDate: 0,
      withdrawAt: 0,
      withdrawn: false,
      voteSeason: 0,
      votes: [],
    };
    this.model.locks.push(lock);
    account.tokens.push(lock.id);
    account.br -= amount;
    this.model.totalLocked += amount;
    this.model.count("locks");
    return lock;
  }

  private removeVotes(lock: LockState): void {
    if (!this.model.isVoting(lock)) {
      lock.votes = [];
      return;
    }
    for (const v of lock.votes) {
      this.model.gaugeTotals[v.gauge] = (this.model.gaugeTotals[v.gauge] as bigint) - v.amount;
      this.model.totalCast -= v.amount;
    }
    this.model.count("resetEvents", lock.votes.length);
    lock.votes = [];
  }

  /** Votes (re-votes) a lock with integer weights per gauge index; returns the power cast. */
  async vote(lock: LockState, allocation: readonly { gauge: number; weight: number }[], why: string): Promise<bigint> {
    const owner = lock.owner;
    const what = `vote token ${lock.id} by ${short(owner.address)} (${why})`;
    const prev = this.model.isVoting(lock) ? lock.votes.length : 0;
    const ts = await this.engine.room(GAS.voteBase + GAS.perGauge * (allocation.length + prev));
    if (!inVotingWindow(ts)) this.fail(what, `ts ${ts} outside the voting window`);
    if (lock.exitQueuedAt !== 0) this.fail(what, "lock is exiting");
    if (allocation.length === 0) this.fail(what, "no gauges");
    const power = this.model.votingPowerAt(lock, ts);
    if (power === 0n) this.fail(what, `no voting power at ${ts} (start ${lock.start})`);
    const seen = new Set<number>();
    for (const a of allocation) {
      if (a.weight <= 0 || !Number.isInteger(a.weight) || seen.has(a.gauge) || !this.model.gauges[a.gauge]?.active) {
        this.fail(what, `bad allocation ${JSON.stringify(allocation)}`);
      }
      seen.add(a.gauge);
    }
    this.engine.push({
      from: owner.address,
      to: this.world.voter,
      data: encodeVote(
        lock.id,
        allocation.map((a) => ({ weight: a.weight, gauge: (this.model.gauges[a.gauge] as { address: Hex }).address })),
      ),
      gas: GAS.voteBase + GAS.perGauge * (allocation.length + prev),
      label: what,
    });
    if (prev > 0) this.model.count("revotes");
    this.removeVotes(lock);
    lock.voteSeason = this.model.season;
    const sumW = BigInt(allocation.reduce((s, a) => s + a.weight, 0));
    let cast = 0n;
    for (const a of allocation) {
      const amount = (BigInt(a.weight) * power) / sumW;
      lock.votes.push({ gauge: a.gauge, amount });
      this.model.gaugeTotals[a.gauge] = (this.model.gaugeTotals[a.gauge] as bigint) + amount;
      this.model.totalCast += amount;
      cast += amount;
    }
    this.model.count("votes");
    this.model.count("votedEvents", allocation.length);
    return cast;
  }

  async reset(lock: LockState, why: string): Promise<void> {
    const what = `reset token ${lock.id} by ${short(lock.owner.address)} (${why})`;
    const ts = await this.engine.room(GAS.voteBase + GAS.perGauge * lock.votes.length);
    if (!inVotingWindow(ts)) this.fail(what, `ts ${ts} outside the voting window`);
    if (!this.model.isVoting(lock)) this.fail(what, "token is not voting");
    this.engine.push({ from: lock.owner.address, to: this.world.voter, data: encodeReset(lock.id), gas: GAS.voteBase + GAS.perGauge * lock.votes.length, label: what });
    this.removeVotes(lock);
    this.model.count("resets");
  }

  /** Queues the lock's exit; `extraDelay` seconds after the exit date the holder withdraws. */
  async beginWithdrawal(lock: LockState, extraDelay: number): Promise<void> {
    const what = `beginWithdrawal token ${lock.id} by ${short(lock.owner.address)}`;
    const ts = await this.engine.room(GAS.beginWithdrawal);
    if (this.model.isVoting(lock)) this.fail(what, "token is voting");
    if (lock.exitQueuedAt !== 0) this.fail(what, "already exiting");
    if (ts < lock.start + this.model.scenario.exitQueue.minLock) this.fail(what, `minLock not reached at ${ts}`);
    this.engine.push({ from: lock.owner.address, to: this.world.escrow, data: encodeBeginWithdrawal(lock.id), gas: GAS.beginWithdrawal, label: what });
    lock.exitQueuedAt = ts;
    lock.exitDate = ts + this.model.scenario.exitQueue.cooldown;
    lock.withdrawAt = lock.exitDate + extraDelay;
    lock.votes = [];
    this.model.count("exitsQueued");
  }

  async withdraw(lock: LockState): Promise<void> {
    const what = `withdraw token ${lock.id} by ${short(lock.owner.address)}`;
    const ts = await this.engine.room(GAS.withdraw);
    if (lock.exitQueuedAt === 0 || lock.withdrawn) this.fail(what, "not queued");
    if (ts < lock.exitDate) this.fail(what, `cooldown not over at ${ts} (exit date ${lock.exitDate})`);
    this.engine.push({ from: lock.owner.address, to: this.world.escrow, data: encodeWithdraw(lock.id), gas: GAS.withdraw, label: what });
    const fee = (lock.amount * BigInt(this.model.scenario.exitQueue.feeBps)) / 10_000n;
    lock.withdrawn = true;
    lock.owner.br += lock.amount - fee;
    this.model.totalLocked -= lock.amount;
    this.model.count("withdrawals");
  }

  /** Starts the next season now (the escrow owner is the deployer). */
  async startSeason(): Promise<void> {
    const ts = await this.engine.add({
      from: this.deployer.address,
      to: this.world.escrow,
      data: encodeStartSeason(),
      gas: GAS.startSeason,
      label: `startSeason ${this.model.season + 1}`,
    });
    const last = this.model.seasonStarts[this.model.seasonStarts.length - 1] ?? 0;
    if (ts <= last) this.fail("start a season", `previous season started at ${last}`);
    this.model.seasonStarts.push(ts);
    this.model.gaugeTotals = this.model.gaugeTotals.map(() => 0n);
    this.model.totalCast = 0n;
    this.model.count("seasons");
  }

  private async gaugeAdmin(gauge: GaugeState, data: Hex, what: string): Promise<void> {
    await this.engine.add({ from: this.deployer.address, to: this.world.voter, data, gas: 200_000, label: `${what} gauge ${gauge.name}` });
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

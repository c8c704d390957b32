/**
 * Calldata for the few functions the simulator sends, encoded by hand (ABI head-only layouts),
 * which is much faster than a generic encoder on hundreds of thousands of transactions.
 * `test/devnet/calls.test.ts` checks every encoder against viem's `encodeFunctionData`.
 */
import { toFunctionSelector } from "viem";

export type Hex = `0x${string}`;

const sel = (signature: string): string => toFunctionSelector(signature).slice(2);

const SELECTORS = {
  transfer: sel("transfer(address,uint256)"),
  approve: sel("approve(address,uint256)"),
  createLock: sel("createLock(uint256)"),
  createLockFor: sel("createLockFor(uint256,address)"),
  beginWithdrawal: sel("beginWithdrawal(uint256)"),
  withdraw: sel("withdraw(uint256)"),
  resetVotesAndBeginWithdrawal: sel("resetVotesAndBeginWithdrawal(uint256)"),
  newSeason: sel("newSeason()"),
  currentSeasonIndex: sel("currentSeasonIndex()"),
  vote: sel("vote(uint256,(uint256,address)[])"),
  reset: sel("reset(uint256)"),
  release: sel("release(address)"),
  mint: sel("mint(address,uint256)"),
  deposit: sel("deposit(uint256,address)"),
  redeem: sel("redeem(uint256,address,address)"),
  createGauge: sel("createGauge(address,string)"),
  activateGauge: sel("activateGauge(address)"),
  deactivateGauge: sel("deactivateGauge(address)"),
  updateGaugeMetadata: sel("updateGaugeMetadata(address,string)"),
} as const;

export const MAX_UINT256 = (1n << 256n) - 1n;

function uint(value: bigint | number): string {
  const v = BigInt(value);
  if (v < 0n || v > MAX_UINT256) throw new RangeError(`uint256 out of range: ${v}`);
  return v.toString(16).padStart(64, "0");
}
function addr(address: string): string {
  return address.slice(2).toLowerCase().padStart(64, "0");
}

/** ERC-20 `transfer(to, amount)`. */
export const encodeTransfer = (to: Hex, amount: bigint): Hex => `0x${SELECTORS.transfer}${addr(to)}${uint(amount)}`;
/** ERC-20 `approve(spender, amount)`; also ERC-721 `approve(to, tokenId)` (same selector and layout). */
export const encodeApprove = (spender: Hex, amount: bigint): Hex => `0x${SELECTORS.approve}${addr(spender)}${uint(amount)}`;
/** `VotingEscrow.createLock(value)`. */
export const encodeCreateLock = (value: bigint): Hex => `0x${SELECTORS.createLock}${uint(value)}`;
/** `VotingEscrow.createLockFor(value, to)`: the caller pays, `to` gets the veNFT. */
export const encodeCreateLockFor = (value: bigint, to: Hex): Hex => `0x${SELECTORS.createLockFor}${uint(value)}${addr(to)}`;
/** `VotingEscrow.beginWithdrawal(tokenId)`. */
export const encodeBeginWithdrawal = (tokenId: number): Hex => `0x${SELECTORS.beginWithdrawal}${uint(tokenId)}`;
/** `VotingEscrow.withdraw(tokenId)`. */
export const encodeWithdraw = (tokenId: number): Hex => `0x${SELECTORS.withdraw}${uint(tokenId)}`;
/** `VotingEscrow.resetVotesAndBeginWithdrawal(tokenId)`: resets a voting token (in the window), then queues its exit. */
export const encodeResetVotesAndBeginWithdrawal = (tokenId: number): Hex => `0x${SELECTORS.resetVotesAndBeginWithdrawal}${uint(tokenId)}`;
/** `ClockSeason.newSeason()`: the next season starts at the next weekly checkpoint. */
export const encodeNewSeason = (): Hex => `0x${SELECTORS.newSeason}`;
/** `ClockSeason.currentSeasonIndex()` (for reads; a v1.0.0 Clock has no such function). */
export const encodeCurrentSeasonIndex = (): Hex => `0x${SELECTORS.currentSeasonIndex}`;
/** `SimpleGaugeVoter.reset(tokenId)`. */
export const encodeReset = (tokenId: number): Hex => `0x${SELECTORS.reset}${uint(tokenId)}`;
/** `SimpleGaugeVoter.vote(tokenId, [{weight, gauge}, ...])`. */
export function encodeVote(tokenId: number, votes: readonly { weight: bigint | number; gauge: Hex }[]): Hex {
  let out = `0x${SELECTORS.vote}${uint(tokenId)}${uint(0x40)}${uint(votes.length)}`;
  for (const v of votes) out += uint(v.weight) + addr(v.gauge);
  return out as Hex;
}
/** `VestingWallet.release(token)`. */
export const encodeRelease = (token: Hex): Hex => `0x${SELECTORS.release}${addr(token)}`;
/** `MockBTC.mint(to, amount)`. */
export const encodeMint = (to: Hex, amount: bigint): Hex => `0x${SELECTORS.mint}${addr(to)}${uint(amount)}`;
/** ERC-4626 `deposit(assets, receiver)`. */
export const encodeDeposit = (assets: bigint, receiver: Hex): Hex => `0x${SELECTORS.deposit}${uint(assets)}${addr(receiver)}`;
/** ERC-4626 `redeem(shares, receiver, owner)`. */
export const encodeRedeem = (shares: bigint, receiver: Hex, owner: Hex): Hex =>
  `0x${SELECTORS.redeem}${uint(shares)}${addr(receiver)}${addr(owner)}`;
/** ERC-20 `balanceOf(account)` (for reads). */
export const encodeBalanceOf = (account: Hex): Hex => `0x${sel("balanceOf(address)")}${addr(account)}`;

/** ABI tail for one dynamic `string` argument: length word + UTF-8 bytes padded to 32. */
function stringTail(value: string): string {
  const bytes = Buffer.from(value, "utf8");
  const hex = bytes.toString("hex");
  const padded = hex.padEnd(Math.ceil(hex.length / 64) * 64, "0");
  return uint(bytes.length) + padded;
}
/** `SimpleGaugeVoter.createGauge(gauge, metadataURI)`. */
export const encodeCreateGauge = (gauge: Hex, metadataURI: string): Hex =>
  `0x${SELECTORS.createGauge}${addr(gauge)}${uint(0x40)}${stringTail(metadataURI)}`;
/** `SimpleGaugeVoter.updateGaugeMetadata(gauge, metadataURI)`. */
export const encodeUpdateGaugeMetadata = (gauge: Hex, metadataURI: string): Hex =>
  `0x${SELECTORS.updateGaugeMetadata}${addr(gauge)}${uint(0x40)}${stringTail(metadataURI)}`;
/** `SimpleGaugeVoter.activateGauge(gauge)`. */
export const encodeActivateGauge = (gauge: Hex): Hex => `0x${SELECTORS.activateGauge}${addr(gauge)}`;
/** `SimpleGaugeVoter.deactivateGauge(gauge)`. */
export const encodeDeactivateGauge = (gauge: Hex): Hex => `0x${SELECTORS.deactivateGauge}${addr(gauge)}`;

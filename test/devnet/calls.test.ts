import { encodeFunctionData, parseAbi } from "viem";
import { describe, expect, it } from "vitest";
import { BRTokenAbi, BrBtcVaultAbi, MockBTCAbi, SimpleGaugeVoterAbi, VestingWalletAbi, VotingEscrowAbi } from "../../abis";
import * as calls from "../../devnet/sim/calls";

const a = "0x00000000000000000000000000000000000000ab" as const;
const b = "0x1234567890abcdef1234567890abcdef12345678" as const;
/** The Aragon ve-governance functions the simulator sends (escrow, ClockSeason, the ERC-721 lock). */
const REAL = parseAbi([
  "function resetVotesAndBeginWithdrawal(uint256 tokenId)",
  "function newSeason()",
  "function currentSeasonIndex() view returns (uint16)",
  "function approve(address to, uint256 tokenId)",
]);

describe("hand-encoded calldata", () => {
  it("matches viem for every function the simulator sends", () => {
    const cases: [string, string][] = [
      [calls.encodeTransfer(a, 10n ** 24n), encodeFunctionData({ abi: BRTokenAbi, functionName: "transfer", args: [a, 10n ** 24n] })],
      [calls.encodeApprove(b, calls.MAX_UINT256), encodeFunctionData({ abi: BRTokenAbi, functionName: "approve", args: [b, calls.MAX_UINT256] })],
      [calls.encodeCreateLock(5n), encodeFunctionData({ abi: VotingEscrowAbi, functionName: "createLock", args: [5n] })],
      [calls.encodeCreateLockFor(5n, a), encodeFunctionData({ abi: VotingEscrowAbi, functionName: "createLockFor", args: [5n, a] })],
      [calls.encodeBeginWithdrawal(7), encodeFunctionData({ abi: VotingEscrowAbi, functionName: "beginWithdrawal", args: [7n] })],
      [calls.encodeWithdraw(7), encodeFunctionData({ abi: VotingEscrowAbi, functionName: "withdraw", args: [7n] })],
      [
        calls.encodeResetVotesAndBeginWithdrawal(7),
        encodeFunctionData({ abi: REAL, functionName: "resetVotesAndBeginWithdrawal", args: [7n] }),
      ],
      [calls.encodeNewSeason(), encodeFunctionData({ abi: REAL, functionName: "newSeason" })],
      [calls.encodeCurrentSeasonIndex(), encodeFunctionData({ abi: REAL, functionName: "currentSeasonIndex" })],
      [calls.encodeApprove(b, 42n), encodeFunctionData({ abi: REAL, functionName: "approve", args: [b, 42n] })],
      [calls.encodeReset(3), encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "reset", args: [3n] })],
      [
        calls.encodeVote(3, [{ weight: 60, gauge: a }, { weight: 40n, gauge: b }]),
        encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "vote", args: [3n, [{ weight: 60n, gauge: a }, { weight: 40n, gauge: b }]] }),
      ],
      [calls.encodeRelease(a), encodeFunctionData({ abi: VestingWalletAbi, functionName: "release", args: [a] })],
      [calls.encodeMint(a, 123n), encodeFunctionData({ abi: MockBTCAbi, functionName: "mint", args: [a, 123n] })],
      [calls.encodeDeposit(99n, b), encodeFunctionData({ abi: BrBtcVaultAbi, functionName: "deposit", args: [99n, b] })],
      [calls.encodeRedeem(99n, a, b), encodeFunctionData({ abi: BrBtcVaultAbi, functionName: "redeem", args: [99n, a, b] })],
      [calls.encodeBalanceOf(a), encodeFunctionData({ abi: BRTokenAbi, functionName: "balanceOf", args: [a] })],
      [calls.encodeCreateGauge(a, ""), encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "createGauge", args: [a, ""] })],
      [
        calls.encodeCreateGauge(b, "ipfs://ve-lens/gauges/a-rather-long-name-that-needs-two-words-€"),
        encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "createGauge", args: [b, "ipfs://ve-lens/gauges/a-rather-long-name-that-needs-two-words-€"] }),
      ],
      [
        calls.encodeUpdateGaugeMetadata(a, "ipfs://x/v2"),
        encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "updateGaugeMetadata", args: [a, "ipfs://x/v2"] }),
      ],
      [calls.encodeActivateGauge(a), encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "activateGauge", args: [a] })],
      [calls.encodeDeactivateGauge(b), encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "deactivateGauge", args: [b] })],
    ];
    for (const [mine, viem] of cases) expect(mine).toBe(viem.toLowerCase());
  });
});

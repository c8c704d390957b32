import { describe, expect, it } from "vitest";
import { toEventSelector, toEventSignature, type AbiEvent } from "viem";
import * as abis from "../../abis";

type AnyAbi = readonly { type: string; name?: string }[];

function event(abi: AnyAbi, name: string): AbiEvent {
  const found = abi.find((item) => item.type === "event" && item.name === name);
  if (!found) throw new Error(`event ${name} missing`);
  return found as AbiEvent;
}

/** topic0 values quoted in the on-chain facts reference. */
const KNOWN_TOPICS: [keyof typeof abis, string, string][] = [
  ["VotingEscrowAbi", "Deposit", "0x7162984403f6c73c8639375d45a9187dfd04602231bd8e587c415718b5f7e5f9"],
  ["VotingEscrowAbi", "Withdraw", "0xe08737ac48a1dab4b1a46c7dc9398bd5bfc6d7ad6fabb7cd8caa254de14def35"],
  ["ExitQueueAbi", "ExitQueued", "0x11c29007060e964dd76773c12f776a14f50d668a156f0eb2c8b536e70c1bf183"],
  ["ExitQueueAbi", "Exit", "0xc169549703555b9f5b8566740640a87ab6e0846b684e995beb625427c8d417c6"],
  ["SimpleGaugeVoterAbi", "Voted", "0xc2e08dda2639fb332996dc4eee129c35a993f33a0362e69439c5d2e9df903c2e"],
  ["SimpleGaugeVoterAbi", "Reset", "0x7a881a18bc3d2c64d59fea076f490b4df6ca4a14d87059fcab1e4c04ec516bf9"],
  ["BRTokenAbi", "Transfer", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
  ["LockAbi", "Transfer", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
  ["MockBTCAbi", "Transfer", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
  ["BrBtcVaultAbi", "Transfer", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
];

/** Full signatures (names, types, indexed flags) quoted in the facts reference. */
const KNOWN_SIGNATURES: [keyof typeof abis, string][] = [
  ["VotingEscrowAbi", "event Deposit(address indexed depositor, uint256 indexed tokenId, uint256 indexed startTs, uint256 value, uint256 newTotalLocked)"],
  ["VotingEscrowAbi", "event Withdraw(address indexed depositor, uint256 indexed tokenId, uint256 value, uint256 ts, uint256 newTotalLocked)"],
  ["VotingEscrowAbi", "event MinDepositSet(uint256 minDeposit)"],
  ["VotingEscrowAbi", "event SeasonStarted(uint256 indexed season, uint256 startTs)"],
  ["LockAbi", "event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)"],
  ["ExitQueueAbi", "event ExitQueued(uint256 indexed tokenId, address indexed holder, uint256 exitDate)"],
  ["ExitQueueAbi", "event Exit(uint256 indexed tokenId, uint256 fee)"],
  ["ExitQueueAbi", "event CooldownSet(uint48 cooldown)"],
  ["ExitQueueAbi", "event MinLockSet(uint48 minLock)"],
  ["ExitQueueAbi", "event FeePercentSet(uint256 feePercent)"],
  ["EscrowCurveAbi", "event WarmupSet(uint48 warmup)"],
  ["SimpleGaugeVoterAbi", "event Voted(address indexed voter, address indexed gauge, uint256 indexed epoch, uint256 tokenId, uint256 votingPowerCastForGauge, uint256 totalVotingPowerInGauge, uint256 totalVotingPowerInContract, uint256 timestamp)"],
  ["SimpleGaugeVoterAbi", "event Reset(address indexed voter, address indexed gauge, uint256 indexed epoch, uint256 tokenId, uint256 votingPowerRemovedFromGauge, uint256 totalVotingPowerInGauge, uint256 totalVotingPowerInContract, uint256 timestamp)"],
  ["SimpleGaugeVoterAbi", "event GaugeCreated(address indexed gauge, address indexed creator, string metadataURI)"],
  ["SimpleGaugeVoterAbi", "event GaugeDeactivated(address indexed gauge)"],
  ["SimpleGaugeVoterAbi", "event GaugeActivated(address indexed gauge)"],
  ["SimpleGaugeVoterAbi", "event GaugeMetadataUpdated(address indexed gauge, string metadataURI)"],
  ["BRTokenAbi", "event Transfer(address indexed from, address indexed to, uint256 value)"],
  ["BRTokenAbi", "event Approval(address indexed owner, address indexed spender, uint256 value)"],
  ["VestingWalletAbi", "event ERC20Released(address indexed token, uint256 amount)"],
  ["BrBtcVaultAbi", "event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares)"],
  ["BrBtcVaultAbi", "event Withdraw(address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares)"],
  ["MockBTCAbi", "event Transfer(address indexed from, address indexed to, uint256 value)"],
];

function humanReadable(e: AbiEvent): string {
  const params = e.inputs.map((p) => `${p.type}${p.indexed ? " indexed" : ""} ${p.name}`);
  return `event ${e.name}(${params.join(", ")})`;
}

describe("abis", () => {
  it.each(KNOWN_TOPICS)("%s %s has the real topic0", (abiName, eventName, topic0) => {
    expect(toEventSelector(event(abis[abiName], eventName))).toBe(topic0);
  });

  it.each(KNOWN_SIGNATURES)("%s matches `%s`", (abiName, signature) => {
    const name = signature.slice("event ".length, signature.indexOf("("));
    const e = event(abis[abiName], name);
    expect(humanReadable(e)).toBe(signature);
    expect(toEventSelector(e)).toBe(toEventSelector(signature));
  });

  it("short forms in the facts file give the same topic0", () => {
    expect(toEventSignature(event(abis.ExitQueueAbi, "CooldownSet"))).toBe("CooldownSet(uint48)");
    expect(toEventSignature(event(abis.ExitQueueAbi, "MinLockSet"))).toBe("MinLockSet(uint48)");
    expect(toEventSignature(event(abis.ExitQueueAbi, "FeePercentSet"))).toBe("FeePercentSet(uint256)");
  });
});

import { describe, expect, it } from "vitest";
import { toEventSelector, toEventSignature, type AbiEvent } from "viem";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as abis from "../../abis";
import { GENERATED_ABIS, abiSource, compileContracts } from "../../devnet/compile";

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
  ["ExitQueueAbi", "FeePercentSet", "0x0a2c9061b5967f95d7421d37f027ec979bef993eefca4f3c21452a60d6f5ac8d"],
  ["ExitQueueAbi", "CooldownSet", "0x347a9fc281a6f5646b834e0e83682f9b6ee6af4362a3093910dd01b3eef448ab"],
  ["ExitQueueAbi", "MinLockSet", "0x3052536486f1a4ce9c6c86b3ff8d04497ceeacf20783ea15fb60ce5c2b131416"],
  ["VotingEscrowAbi", "MinDepositSet", "0xc50a7f0bdf88c216b2541b0bdea26f22305460e39ffc672ec1a7501732c5ba81"],
  ["ClockAbi", "SeasonStarted", "0x29f55245751b3bf251897141c5269f23f864bf2bb8608050dc476c5d49957fa8"],
  ["EscrowCurveAbi", "WarmupSet", "0x35fd0621232d62e6f1425e2e6737e904369b5bf409116599d9405d2a57b2955b"],
  ["LockAbi", "WhitelistSet", "0x0aa5ec5ffdc7f6f9c4d0dded489d7450297155cb2f71cb771e02427f7dff4f51"],
  ["LockAbi", "Approval", "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"],
  ["LockAbi", "ApprovalForAll", "0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31"],
  ["SimpleGaugeVoterAbi", "GaugeCreated", "0xe72b86315c30bd1bf352c4cf97594ba793f3e31b74bc874ce47ede0df6920ae9"],
  ["SimpleGaugeVoterAbi", "GaugeDeactivated", "0x4a6f8353ec8700967336a2982804d34c6a35d417d5cb457ac11caa9eb917f0d4"],
  ["SimpleGaugeVoterAbi", "GaugeActivated", "0x34521f8891f6149b4baf837b8eea01eeefc28708be34ac8e705484dd34dde818"],
  ["SimpleGaugeVoterAbi", "GaugeMetadataUpdated", "0x98c22290de5c8f771a9b53bc6833b5ad1b69539ef5fdd73a0ebf36fba1cdab6b"],
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
  ["ClockAbi", "event SeasonStarted(uint16 seasonIndex, uint48 startTimestamp)"],
  ["LockAbi", "event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)"],
  ["LockAbi", "event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)"],
  ["LockAbi", "event ApprovalForAll(address indexed owner, address indexed operator, bool approved)"],
  ["LockAbi", "event WhitelistSet(address indexed account, bool status)"],
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

  it("no ve ABI still carries the devnet-only events of the old contracts", () => {
    const names = (abi: AnyAbi) => abi.filter((i) => i.type === "event").map((i) => i.name);
    expect(names(abis.VotingEscrowAbi)).not.toContain("SeasonStarted");
    expect(names(abis.ClockAbi)).toEqual(["SeasonStarted"]);
  });

  it.each(Object.keys(GENERATED_ABIS))("abis/%sAbi.ts is what `npm run compile -- --abis` writes", async (name) => {
    const artifacts = await compileContracts();
    const file = readFileSync(join(__dirname, "..", "..", "abis", `${name}Abi.ts`), "utf8");
    expect(file).toBe(abiSource(name, artifacts[name]!, GENERATED_ABIS[name]!));
  });
});

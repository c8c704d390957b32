/**
 * Events of the ve-governance contracts that ve-lens needs beyond each contract's own ABI: the
 * season clock's announcement, the proxies' upgrades, and the events of later versions that
 * ve-lens does not support (seen only if a deployment changes under it; each stops the indexer).
 * topic0 of each is checked against the fact sheet in test/abis/abis.test.ts.
 */
import { parseAbi } from "viem";

/** `ClockSeason`: `SeasonStarted(uint16 seasonIndex, uint48 startTimestamp)`, no indexed fields. */
export const SeasonClockEventsAbi = parseAbi(["event SeasonStarted(uint16 seasonIndex, uint48 startTimestamp)"]);

/** ERC-1967 proxies: `Upgraded(address indexed implementation)`. */
export const ProxyEventsAbi = parseAbi(["event Upgraded(address indexed implementation)"]);

/** v1.2.0+ escrow: merge and split (not supported). */
export const UnsupportedEscrowEventsAbi = parseAbi([
  "event Merged(address indexed _sender, uint256 indexed _from, uint256 indexed _to, uint208 _amountFrom, uint208 _amountTo, uint208 _amountFinal)",
  "event Split(uint256 indexed _from, uint256 indexed newTokenId, address _sender, uint208 _splitAmount1, uint208 _splitAmount2)",
]);

/** Dynamic exit queue and cancellable exits (not supported). */
export const UnsupportedQueueEventsAbi = parseAbi([
  "event ExitQueuedV2(uint256 indexed tokenId, address indexed holder, uint48 queuedAt)",
  "event ExitCancelled(uint256 indexed tokenId, address indexed holder)",
]);

/** The voter view ve-lens reads to follow a replaced voter, and the curve's pure coefficients. */
export const VeViewsAbi = parseAbi([
  "function voter() view returns (address)",
  "function getCoefficients(uint256 amount) pure returns (int256[3])",
]);

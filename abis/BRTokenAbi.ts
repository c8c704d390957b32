import { Erc20Abi } from "./Erc20Abi";

/** BR ("Bedrock"), ERC-20 with 18 decimals. */
export const BRTokenAbi = Erc20Abi;

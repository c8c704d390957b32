import { Erc20Abi } from "./Erc20Abi";

/** Mock BTCB ("Bitcoin"/"BTCB"), 8 decimals; the owner mints. */
export const MockBTCAbi = [
  ...Erc20Abi,
  {
    name: "owner",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "address"
      }
    ]
  },
  {
    name: "mint",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "to"
      },
      {
        type: "uint256",
        name: "amount"
      }
    ],
    outputs: []
  }
] as const;

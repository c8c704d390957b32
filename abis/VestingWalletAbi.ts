/** Vesting wallet: TGE unlock at start, then linear from start + cliff to start + duration. */
export const VestingWalletAbi = [
  {
    name: "ERC20Released",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "token",
        indexed: true
      },
      {
        type: "uint256",
        name: "amount"
      }
    ]
  },
  {
    name: "release",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "token"
      }
    ],
    outputs: []
  },
  {
    name: "beneficiary",
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
    name: "start",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "cliffDuration",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "duration",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "end",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "tgeBps",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "released",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "token"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "releasable",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "token"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "vestedAmount",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "token"
      },
      {
        type: "uint64",
        name: "timestamp"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  }
] as const;

/** ERC-20 events and functions: shared by BR, MockBTC and the brBTC vaults' shares. */
export const Erc20Abi = [
  {
    name: "Transfer",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "from",
        indexed: true
      },
      {
        type: "address",
        name: "to",
        indexed: true
      },
      {
        type: "uint256",
        name: "value"
      }
    ]
  },
  {
    name: "Approval",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "owner",
        indexed: true
      },
      {
        type: "address",
        name: "spender",
        indexed: true
      },
      {
        type: "uint256",
        name: "value"
      }
    ]
  },
  {
    name: "name",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "string"
      }
    ]
  },
  {
    name: "symbol",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "string"
      }
    ]
  },
  {
    name: "decimals",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint8"
      }
    ]
  },
  {
    name: "totalSupply",
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
    name: "balanceOf",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "account"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "allowance",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "owner"
      },
      {
        type: "address",
        name: "spender"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "transfer",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "to"
      },
      {
        type: "uint256",
        name: "value"
      }
    ],
    outputs: [
      {
        type: "bool"
      }
    ]
  },
  {
    name: "approve",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "spender"
      },
      {
        type: "uint256",
        name: "value"
      }
    ],
    outputs: [
      {
        type: "bool"
      }
    ]
  },
  {
    name: "transferFrom",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "from"
      },
      {
        type: "address",
        name: "to"
      },
      {
        type: "uint256",
        name: "value"
      }
    ],
    outputs: [
      {
        type: "bool"
      }
    ]
  }
] as const;

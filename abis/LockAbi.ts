/** The veNFT (ERC-721). Mint, burn and transfers only by the escrow. */
export const LockAbi = [
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
        name: "tokenId",
        indexed: true
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
    name: "escrow",
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
        name: "owner"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "ownerOf",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      }
    ],
    outputs: [
      {
        type: "address"
      }
    ]
  },
  {
    name: "tokensOf",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "owner"
      }
    ],
    outputs: [
      {
        type: "uint256[]"
      }
    ]
  },
  {
    name: "supportsInterface",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "bytes4",
        name: "interfaceId"
      }
    ],
    outputs: [
      {
        type: "bool"
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
        name: "tokenId"
      }
    ],
    outputs: []
  },
  {
    name: "burn",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      }
    ],
    outputs: []
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
        name: "tokenId"
      }
    ],
    outputs: []
  }
] as const;

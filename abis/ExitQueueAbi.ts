/** Exit queue: minimum lock before exit, cooldown, exit fee (bps). */
export const ExitQueueAbi = [
  {
    name: "ExitQueued",
    type: "event",
    inputs: [
      {
        type: "uint256",
        name: "tokenId",
        indexed: true
      },
      {
        type: "address",
        name: "holder",
        indexed: true
      },
      {
        type: "uint256",
        name: "exitDate"
      }
    ]
  },
  {
    name: "Exit",
    type: "event",
    inputs: [
      {
        type: "uint256",
        name: "tokenId",
        indexed: true
      },
      {
        type: "uint256",
        name: "fee"
      }
    ]
  },
  {
    name: "CooldownSet",
    type: "event",
    inputs: [
      {
        type: "uint48",
        name: "cooldown"
      }
    ]
  },
  {
    name: "MinLockSet",
    type: "event",
    inputs: [
      {
        type: "uint48",
        name: "minLock"
      }
    ]
  },
  {
    name: "FeePercentSet",
    type: "event",
    inputs: [
      {
        type: "uint256",
        name: "feePercent"
      }
    ]
  },
  {
    name: "queueExit",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      },
      {
        type: "address",
        name: "holder"
      }
    ],
    outputs: []
  },
  {
    name: "exit",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      }
    ],
    outputs: [
      {
        type: "uint256",
        name: "fee"
      }
    ]
  },
  {
    name: "setCooldown",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint48",
        name: "cooldown"
      }
    ],
    outputs: []
  },
  {
    name: "setMinLock",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint48",
        name: "minLock"
      }
    ],
    outputs: []
  },
  {
    name: "setFeePercent",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "feePercent"
      }
    ],
    outputs: []
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
    name: "cooldown",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint48"
      }
    ]
  },
  {
    name: "minLock",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint48"
      }
    ]
  },
  {
    name: "feePercent",
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
    name: "queue",
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
        type: "address",
        name: "holder"
      },
      {
        type: "uint256",
        name: "exitDate"
      }
    ]
  },
  {
    name: "canExit",
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
        type: "bool"
      }
    ]
  },
  {
    name: "calculateFee",
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
        type: "uint256"
      }
    ]
  }
] as const;

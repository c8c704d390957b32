/** veBR VotingEscrow: locks BR into veNFTs. Events are byte-identical to the BNB Chain escrow; `SeasonStarted` exists on the devnet only. */
export const VotingEscrowAbi = [
  {
    name: "Deposit",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "depositor",
        indexed: true
      },
      {
        type: "uint256",
        name: "tokenId",
        indexed: true
      },
      {
        type: "uint256",
        name: "startTs",
        indexed: true
      },
      {
        type: "uint256",
        name: "value"
      },
      {
        type: "uint256",
        name: "newTotalLocked"
      }
    ]
  },
  {
    name: "Withdraw",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "depositor",
        indexed: true
      },
      {
        type: "uint256",
        name: "tokenId",
        indexed: true
      },
      {
        type: "uint256",
        name: "value"
      },
      {
        type: "uint256",
        name: "ts"
      },
      {
        type: "uint256",
        name: "newTotalLocked"
      }
    ]
  },
  {
    name: "MinDepositSet",
    type: "event",
    inputs: [
      {
        type: "uint256",
        name: "minDeposit"
      }
    ]
  },
  {
    name: "SeasonStarted",
    type: "event",
    inputs: [
      {
        type: "uint256",
        name: "season",
        indexed: true
      },
      {
        type: "uint256",
        name: "startTs"
      }
    ]
  },
  {
    name: "createLock",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "value"
      }
    ],
    outputs: [
      {
        type: "uint256",
        name: "tokenId"
      }
    ]
  },
  {
    name: "createLockFor",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "value"
      },
      {
        type: "address",
        name: "to"
      }
    ],
    outputs: [
      {
        type: "uint256",
        name: "tokenId"
      }
    ]
  },
  {
    name: "beginWithdrawal",
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
    name: "withdraw",
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
    name: "startSeason",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [],
    outputs: [
      {
        type: "uint256",
        name: "season"
      }
    ]
  },
  {
    name: "setMinDeposit",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "minDeposit"
      }
    ],
    outputs: []
  },
  {
    name: "setCompanions",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "lockNFT"
      },
      {
        type: "address",
        name: "queue"
      },
      {
        type: "address",
        name: "voter"
      },
      {
        type: "address",
        name: "curve"
      },
      {
        type: "address",
        name: "clock"
      }
    ],
    outputs: []
  },
  {
    name: "token",
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
    name: "lockNFT",
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
    name: "queue",
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
    name: "voter",
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
    name: "curve",
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
    name: "clock",
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
    name: "minDeposit",
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
    name: "totalLocked",
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
    name: "lastLockId",
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
    name: "locked",
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
        type: "tuple",
        components: [
          {
            type: "uint208",
            name: "amount"
          },
          {
            type: "uint48",
            name: "start"
          }
        ]
      }
    ]
  },
  {
    name: "exitQueuedAt",
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
  },
  {
    name: "votingPower",
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
  },
  {
    name: "votingPowerAt",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      },
      {
        type: "uint256",
        name: "ts"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "isVoting",
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
    name: "ownedTokens",
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
        type: "uint256[]"
      }
    ]
  },
  {
    name: "seasonCount",
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
    name: "seasonStart",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "uint256",
        name: "season"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "seasonAnchor",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "uint256",
        name: "ts"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  }
] as const;

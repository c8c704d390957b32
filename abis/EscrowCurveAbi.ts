/** Linear voting-power curve with warmup, cap and season restarts (see docs/ARCHITECTURE.md). */
export const EscrowCurveAbi = [
  {
    name: "WarmupSet",
    type: "event",
    inputs: [
      {
        type: "uint48",
        name: "warmup"
      }
    ]
  },
  {
    name: "setWarmup",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint48",
        name: "warmup"
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
    name: "maxMultiplierBps",
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
    name: "growthPeriod",
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
    name: "warmupPeriod",
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
    name: "votingPowerAt",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "uint256",
        name: "amount"
      },
      {
        type: "uint256",
        name: "start"
      },
      {
        type: "uint256",
        name: "exitQueuedAt"
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
  }
] as const;

/** Epoch clock: 2-week epochs, voting window [start + 1h, start + 1w - 1h). */
export const ClockAbi = [
  {
    name: "EPOCH_DURATION",
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
    name: "VOTE_WINDOW_OFFSET",
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
    name: "VOTE_DURATION",
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
    name: "currentEpoch",
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
    name: "epochOf",
    type: "function",
    stateMutability: "pure",
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
  },
  {
    name: "epochStartTs",
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
    name: "votingActive",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "bool"
      }
    ]
  },
  {
    name: "epochVoteStartTs",
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
    name: "epochVoteEndTs",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "uint256"
      }
    ]
  }
] as const;

/** Gauge voter: splits a veNFT's voting power over gauges by relative weights. */
export const SimpleGaugeVoterAbi = [
  {
    name: "Voted",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "voter",
        indexed: true
      },
      {
        type: "address",
        name: "gauge",
        indexed: true
      },
      {
        type: "uint256",
        name: "epoch",
        indexed: true
      },
      {
        type: "uint256",
        name: "tokenId"
      },
      {
        type: "uint256",
        name: "votingPowerCastForGauge"
      },
      {
        type: "uint256",
        name: "totalVotingPowerInGauge"
      },
      {
        type: "uint256",
        name: "totalVotingPowerInContract"
      },
      {
        type: "uint256",
        name: "timestamp"
      }
    ]
  },
  {
    name: "Reset",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "voter",
        indexed: true
      },
      {
        type: "address",
        name: "gauge",
        indexed: true
      },
      {
        type: "uint256",
        name: "epoch",
        indexed: true
      },
      {
        type: "uint256",
        name: "tokenId"
      },
      {
        type: "uint256",
        name: "votingPowerRemovedFromGauge"
      },
      {
        type: "uint256",
        name: "totalVotingPowerInGauge"
      },
      {
        type: "uint256",
        name: "totalVotingPowerInContract"
      },
      {
        type: "uint256",
        name: "timestamp"
      }
    ]
  },
  {
    name: "GaugeCreated",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "gauge",
        indexed: true
      },
      {
        type: "address",
        name: "creator",
        indexed: true
      },
      {
        type: "string",
        name: "metadataURI"
      }
    ]
  },
  {
    name: "GaugeDeactivated",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "gauge",
        indexed: true
      }
    ]
  },
  {
    name: "GaugeActivated",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "gauge",
        indexed: true
      }
    ]
  },
  {
    name: "GaugeMetadataUpdated",
    type: "event",
    inputs: [
      {
        type: "address",
        name: "gauge",
        indexed: true
      },
      {
        type: "string",
        name: "metadataURI"
      }
    ]
  },
  {
    name: "createGauge",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "gauge"
      },
      {
        type: "string",
        name: "metadataURI"
      }
    ],
    outputs: [
      {
        type: "address"
      }
    ]
  },
  {
    name: "activateGauge",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "gauge"
      }
    ],
    outputs: []
  },
  {
    name: "deactivateGauge",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "gauge"
      }
    ],
    outputs: []
  },
  {
    name: "updateGaugeMetadata",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "address",
        name: "gauge"
      },
      {
        type: "string",
        name: "metadataURI"
      }
    ],
    outputs: []
  },
  {
    name: "vote",
    type: "function",
    stateMutability: "nonpayable",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      },
      {
        type: "tuple[]",
        name: "votes",
        components: [
          {
            type: "uint256",
            name: "weight"
          },
          {
            type: "address",
            name: "gauge"
          }
        ]
      }
    ],
    outputs: []
  },
  {
    name: "reset",
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
    name: "votes",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "uint256",
        name: "tokenId"
      },
      {
        type: "address",
        name: "gauge"
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
    name: "votedGauges",
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
        type: "address[]"
      }
    ]
  },
  {
    name: "usedVotingPower",
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
    name: "gaugeVotes",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "gauge"
      }
    ],
    outputs: [
      {
        type: "uint256"
      }
    ]
  },
  {
    name: "totalVotingPowerCast",
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
    name: "gaugeExists",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "gauge"
      }
    ],
    outputs: [
      {
        type: "bool"
      }
    ]
  },
  {
    name: "isActive",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "gauge"
      }
    ],
    outputs: [
      {
        type: "bool"
      }
    ]
  },
  {
    name: "gaugeMetadata",
    type: "function",
    stateMutability: "view",
    inputs: [
      {
        type: "address",
        name: "gauge"
      }
    ],
    outputs: [
      {
        type: "string"
      }
    ]
  },
  {
    name: "getAllGauges",
    type: "function",
    stateMutability: "view",
    inputs: [],
    outputs: [
      {
        type: "address[]"
      }
    ]
  }
] as const;

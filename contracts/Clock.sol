// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Epoch clock. Epoch e spans [e * 2 weeks, (e + 1) * 2 weeks); its voting window is
///         [epochStart + 1 hour, epochStart + 1 week - 1 hour). All "epoch*Ts" views refer to
///         the current epoch (not the next one).
contract Clock {
    uint256 public constant EPOCH_DURATION = 2 weeks;
    uint256 public constant VOTE_WINDOW_OFFSET = 1 hours;
    uint256 public constant VOTE_DURATION = 1 weeks;

    function epochOf(uint256 ts) public pure returns (uint256) {
        return ts / EPOCH_DURATION;
    }

    function currentEpoch() public view returns (uint256) {
        return epochOf(block.timestamp);
    }

    /// @notice Start of the current epoch.
    function epochStartTs() public view returns (uint256) {
        return currentEpoch() * EPOCH_DURATION;
    }

    /// @notice First second of the current epoch's voting window.
    function epochVoteStartTs() public view returns (uint256) {
        return epochStartTs() + VOTE_WINDOW_OFFSET;
    }

    /// @notice First second after the current epoch's voting window (exclusive end).
    function epochVoteEndTs() public view returns (uint256) {
        return epochStartTs() + VOTE_DURATION - VOTE_WINDOW_OFFSET;
    }

    function votingActive() external view returns (bool) {
        return block.timestamp >= epochVoteStartTs() && block.timestamp < epochVoteEndTs();
    }
}

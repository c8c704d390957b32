// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";

/// @notice Epoch and season clock with the semantics of Aragon's ClockSeason.
///         - Epoch e spans [e * 2 weeks, (e + 1) * 2 weeks); checkpoints are the multiples of 1 week
///           (Thursdays 00:00 UTC). Voting is active while (ts mod 2 weeks) is in [1 hour, 1 week - 1 hour).
///         - The "next" views are strictly in the future: on a checkpoint the next checkpoint is one
///           week later; `epochStartTs` is the start of the next epoch unless ts is exactly on one.
///         - Seasons: `newSeason()` schedules a season starting at the next checkpoint (at least
///           2 weeks after the previous start). Season 0 starts at time 0; season i >= 1 at the
///           i-th recorded start. The season of a timestamp is the number of starts <= it.
contract Clock is Owned {
    uint256 internal constant EPOCH_DURATION = 2 weeks;
    uint256 internal constant CHECKPOINT_INTERVAL = 1 weeks;
    uint256 internal constant VOTE_DURATION = 1 weeks;
    uint256 internal constant VOTE_WINDOW_BUFFER = 1 hours;

    uint48[] private _seasonStarts;

    event SeasonStarted(uint16 seasonIndex, uint48 startTimestamp);

    error SeasonNotFound();
    error SeasonTooShort();

    // ------------------------------------------------------------------ constants

    function epochDuration() external pure returns (uint256) {
        return EPOCH_DURATION;
    }

    function checkpointInterval() external pure returns (uint256) {
        return CHECKPOINT_INTERVAL;
    }

    function voteDuration() external pure returns (uint256) {
        return VOTE_DURATION;
    }

    function voteWindowBuffer() external pure returns (uint256) {
        return VOTE_WINDOW_BUFFER;
    }

    // ------------------------------------------------------------------ epochs

    function currentEpoch() external view returns (uint256) {
        return resolveEpoch(block.timestamp);
    }

    function resolveEpoch(uint256 ts) public pure returns (uint256) {
        return ts / EPOCH_DURATION;
    }

    function elapsedInEpoch() external view returns (uint256) {
        return resolveElapsedInEpoch(block.timestamp);
    }

    function resolveElapsedInEpoch(uint256 ts) public pure returns (uint256) {
        return ts % EPOCH_DURATION;
    }

    function epochStartsIn() external view returns (uint256) {
        return resolveEpochStartsIn(block.timestamp);
    }

    /// @notice Seconds until the next epoch start; 0 exactly on an epoch start.
    function resolveEpochStartsIn(uint256 ts) public pure returns (uint256) {
        uint256 elapsed = ts % EPOCH_DURATION;
        return elapsed == 0 ? 0 : EPOCH_DURATION - elapsed;
    }

    function epochStartTs() external view returns (uint256) {
        return resolveEpochStartTs(block.timestamp);
    }

    /// @notice The next epoch start (ts itself when ts is an epoch start).
    function resolveEpochStartTs(uint256 ts) public pure returns (uint256) {
        return ts + resolveEpochStartsIn(ts);
    }

    // ------------------------------------------------------------------ voting window

    function votingActive() external view returns (bool) {
        return resolveVotingActive(block.timestamp);
    }

    function resolveVotingActive(uint256 ts) public pure returns (bool) {
        uint256 elapsed = ts % EPOCH_DURATION;
        return elapsed >= VOTE_WINDOW_BUFFER && elapsed < VOTE_DURATION - VOTE_WINDOW_BUFFER;
    }

    function epochVoteStartsIn() external view returns (uint256) {
        return resolveEpochVoteStartsIn(block.timestamp);
    }

    /// @notice Seconds until the voting window opens; 0 while it is open.
    function resolveEpochVoteStartsIn(uint256 ts) public pure returns (uint256) {
        uint256 elapsed = ts % EPOCH_DURATION;
        if (elapsed < VOTE_WINDOW_BUFFER) return VOTE_WINDOW_BUFFER - elapsed;
        if (elapsed < VOTE_DURATION - VOTE_WINDOW_BUFFER) return 0;
        return resolveEpochStartsIn(ts) + VOTE_WINDOW_BUFFER;
    }

    function epochVoteStartTs() external view returns (uint256) {
        return resolveEpochVoteStartTs(block.timestamp);
    }

    function resolveEpochVoteStartTs(uint256 ts) public pure returns (uint256) {
        return ts + resolveEpochVoteStartsIn(ts);
    }

    function epochVoteEndsIn() external view returns (uint256) {
        return resolveEpochVoteEndsIn(block.timestamp);
    }

    /// @notice Seconds until this epoch's voting window closes; 0 once it has closed.
    function resolveEpochVoteEndsIn(uint256 ts) public pure returns (uint256) {
        uint256 elapsed = ts % EPOCH_DURATION;
        uint256 windowEnd = VOTE_DURATION - VOTE_WINDOW_BUFFER;
        return elapsed >= windowEnd ? 0 : windowEnd - elapsed;
    }

    function epochVoteEndTs() external view returns (uint256) {
        return resolveEpochVoteEndTs(block.timestamp);
    }

    function resolveEpochVoteEndTs(uint256 ts) public pure returns (uint256) {
        return ts + resolveEpochVoteEndsIn(ts);
    }

    // ------------------------------------------------------------------ checkpoints

    function epochNextCheckpointIn() external view returns (uint256) {
        return resolveEpochNextCheckpointIn(block.timestamp);
    }

    /// @notice Seconds until the next weekly checkpoint, in (0, 1 week]: a full week on a checkpoint.
    function resolveEpochNextCheckpointIn(uint256 ts) public pure returns (uint256) {
        return CHECKPOINT_INTERVAL - (ts % CHECKPOINT_INTERVAL);
    }

    function epochNextCheckpointTs() external view returns (uint256) {
        return resolveEpochNextCheckpointTs(block.timestamp);
    }

    /// @notice The first weekly checkpoint strictly after `ts`.
    function resolveEpochNextCheckpointTs(uint256 ts) public pure returns (uint256) {
        return ts + resolveEpochNextCheckpointIn(ts);
    }

    // ------------------------------------------------------------------ seasons

    /// @notice Schedules a new season at the next checkpoint; returns its start and 1-based index.
    function newSeason() external onlyOwner returns (uint48 startTimestamp, uint16 seasonIndex) {
        uint256 start = resolveEpochNextCheckpointTs(block.timestamp);
        uint256 n = _seasonStarts.length;
        if (n > 0 && start < uint256(_seasonStarts[n - 1]) + EPOCH_DURATION) revert SeasonTooShort();
        _seasonStarts.push(uint48(start));
        startTimestamp = uint48(start);
        seasonIndex = uint16(n + 1);
        emit SeasonStarted(seasonIndex, startTimestamp);
    }

    function currentSeasonIndex() external view returns (uint16) {
        return seasonIndexAt(uint48(block.timestamp));
    }

    function currentSeasonTs() external view returns (uint48 startTimestamp, uint48 endTimestamp) {
        return seasonTsAt(uint48(block.timestamp));
    }

    /// @notice Number of season starts <= ts.
    function seasonIndexAt(uint48 ts) public view returns (uint16) {
        for (uint256 i = _seasonStarts.length; i > 0; --i) {
            if (ts >= _seasonStarts[i - 1]) return uint16(i);
        }
        return 0;
    }

    /// @notice Start (0 for season 0) and end (0 while no later season is recorded) of a season.
    function seasonTs(uint16 seasonIndex) public view returns (uint48 startTimestamp, uint48 endTimestamp) {
        uint256 n = _seasonStarts.length;
        if (seasonIndex > n) revert SeasonNotFound();
        startTimestamp = seasonIndex == 0 ? 0 : _seasonStarts[seasonIndex - 1];
        endTimestamp = seasonIndex < n ? _seasonStarts[seasonIndex] : 0;
    }

    function seasonTsAt(uint48 ts) public view returns (uint48 startTimestamp, uint48 endTimestamp) {
        return seasonTs(seasonIndexAt(ts));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {GaugeVote, IClock, IEscrow} from "./Interfaces.sol";

/// @notice Gauge voting with the semantics of Aragon's SimpleGaugeVoterSeason.
///         - Every tally is kept per season: the clock's `currentSeasonIndex()` at tx time. The
///           plain views (gaugeVotes, totalVotingPowerCast, votes, usedVotingPower, isVoting,
///           gaugesVotedFor) read the current season only, so votes of an earlier season stop
///           counting when a season starts, until the token votes again.
///         - vote: votesForGauge = floor(weight * votingPower(token, now) / sum of weights), frozen
///           (no growth with the curve); it first resets the token's current-season votes (Reset
///           events), then emits Voted per gauge. vote and reset need the voting window.
contract SimpleGaugeVoter is Owned {
    struct Gauge {
        bool active;
        uint256 created;
        string metadataURI;
    }

    struct TokenVoteData {
        mapping(address => uint256) votes;
        address[] gaugesVotedFor;
        uint256 usedVotingPower;
        uint256 lastVoted;
    }

    address public immutable escrow;
    address public immutable clock;

    mapping(uint16 => uint256) public seasonTotalVotingPowerCast;
    mapping(uint16 => mapping(address => uint256)) public seasonGaugeVotes;
    address[] public gaugeList;
    mapping(address => Gauge) public gauges;
    mapping(uint16 => mapping(uint256 => TokenVoteData)) private _tokenVotes;

    event Voted(
        address indexed voter,
        address indexed gauge,
        uint256 indexed epoch,
        uint256 tokenId,
        uint256 votingPowerCastForGauge,
        uint256 totalVotingPowerInGauge,
        uint256 totalVotingPowerInContract,
        uint256 timestamp
    );
    event Reset(
        address indexed voter,
        address indexed gauge,
        uint256 indexed epoch,
        uint256 tokenId,
        uint256 votingPowerRemovedFromGauge,
        uint256 totalVotingPowerInGauge,
        uint256 totalVotingPowerInContract,
        uint256 timestamp
    );
    event GaugeCreated(address indexed gauge, address indexed creator, string metadataURI);
    event GaugeDeactivated(address indexed gauge);
    event GaugeActivated(address indexed gauge);
    event GaugeMetadataUpdated(address indexed gauge, string metadataURI);

    error ZeroGauge();
    error GaugeExists();
    error GaugeDoesNotExist(address gauge);
    error GaugeActivationUnchanged();
    error GaugeInactive(address gauge);
    error VotingInactive();
    error NotApprovedOrOwner();
    error NoVotingPower();
    error NoVotes();
    error DoubleVote();
    error NotCurrentlyVoting();

    modifier whenVotingActive() {
        if (!votingActive()) revert VotingInactive();
        _;
    }

    constructor(address escrow_, address clock_) {
        escrow = escrow_;
        clock = clock_;
    }

    // ------------------------------------------------------------------ gauges (owner)

    function createGauge(address gauge, string calldata metadataURI) external onlyOwner returns (address) {
        if (gauge == address(0)) revert ZeroGauge();
        if (gaugeExists(gauge)) revert GaugeExists();
        gauges[gauge] = Gauge(true, block.timestamp, metadataURI);
        gaugeList.push(gauge);
        emit GaugeCreated(gauge, msg.sender, metadataURI);
        return gauge;
    }

    function deactivateGauge(address gauge) external onlyOwner {
        if (!gaugeExists(gauge)) revert GaugeDoesNotExist(gauge);
        if (!gauges[gauge].active) revert GaugeActivationUnchanged();
        gauges[gauge].active = false;
        emit GaugeDeactivated(gauge);
    }

    function activateGauge(address gauge) external onlyOwner {
        if (!gaugeExists(gauge)) revert GaugeDoesNotExist(gauge);
        if (gauges[gauge].active) revert GaugeActivationUnchanged();
        gauges[gauge].active = true;
        emit GaugeActivated(gauge);
    }

    function updateGaugeMetadata(address gauge, string calldata metadataURI) external onlyOwner {
        if (!gaugeExists(gauge)) revert GaugeDoesNotExist(gauge);
        gauges[gauge].metadataURI = metadataURI;
        emit GaugeMetadataUpdated(gauge, metadataURI);
    }

    // ------------------------------------------------------------------ voting

    function vote(uint256 tokenId, GaugeVote[] calldata votes_) external whenVotingActive {
        _vote(tokenId, votes_);
    }

    /// @notice The same split for each token.
    function voteMultiple(uint256[] calldata tokenIds, GaugeVote[] calldata votes_) external whenVotingActive {
        for (uint256 i; i < tokenIds.length; ++i) {
            _vote(tokenIds[i], votes_);
        }
    }

    /// @notice Removes the token's votes of the current season (reverts when it has none).
    function reset(uint256 tokenId) external whenVotingActive {
        if (!IEscrow(escrow).isApprovedOrOwner(msg.sender, tokenId)) revert NotApprovedOrOwner();
        if (!isVoting(tokenId)) revert NotCurrentlyVoting();
        _reset(tokenId);
    }

    function _vote(uint256 tokenId, GaugeVote[] calldata votes_) private {
        if (!IEscrow(escrow).isApprovedOrOwner(msg.sender, tokenId)) revert NotApprovedOrOwner();
        uint256 power = IEscrow(escrow).votingPower(tokenId);
        if (power == 0) revert NoVotingPower();
        uint256 n = votes_.length;
        if (n == 0) revert NoVotes();
        if (isVoting(tokenId)) _reset(tokenId);

        uint16 season = _season();
        TokenVoteData storage data = _tokenVotes[season][tokenId];
        uint256 sumOfWeights;
        for (uint256 i; i < n; ++i) {
            sumOfWeights += votes_[i].weight;
        }
        if (sumOfWeights == 0) revert NoVotes();

        for (uint256 i; i < n; ++i) {
            _cast(season, tokenId, votes_[i].gauge, (votes_[i].weight * power) / sumOfWeights, data);
        }
        data.lastVoted = block.timestamp;
    }

    /// @dev Records `amount` votes of `tokenId` for `gauge` in `season`.
    function _cast(uint16 season, uint256 tokenId, address gauge, uint256 amount, TokenVoteData storage data)
        private
    {
        if (!gaugeExists(gauge)) revert GaugeDoesNotExist(gauge);
        if (!gauges[gauge].active) revert GaugeInactive(gauge);
        if (data.votes[gauge] != 0) revert DoubleVote();
        if (amount == 0) revert NoVotes();
        data.gaugesVotedFor.push(gauge);
        data.votes[gauge] = amount;
        data.usedVotingPower += amount;
        uint256 gaugeTotal = seasonGaugeVotes[season][gauge] + amount;
        seasonGaugeVotes[season][gauge] = gaugeTotal;
        uint256 total = seasonTotalVotingPowerCast[season] + amount;
        seasonTotalVotingPowerCast[season] = total;
        emit Voted(msg.sender, gauge, epochId(), tokenId, amount, gaugeTotal, total, block.timestamp);
    }

    function _reset(uint256 tokenId) private {
        uint16 season = _season();
        TokenVoteData storage data = _tokenVotes[season][tokenId];
        data.usedVotingPower = 0;
        data.lastVoted = 0;
        uint256 epoch = epochId();
        address[] storage voted = data.gaugesVotedFor;
        for (uint256 i; i < voted.length; ++i) {
            address gauge = voted[i];
            uint256 amount = data.votes[gauge];
            uint256 gaugeTotal = seasonGaugeVotes[season][gauge] - amount;
            seasonGaugeVotes[season][gauge] = gaugeTotal;
            uint256 total = seasonTotalVotingPowerCast[season] - amount;
            seasonTotalVotingPowerCast[season] = total;
            delete data.votes[gauge];
            emit Reset(msg.sender, gauge, epoch, tokenId, amount, gaugeTotal, total, block.timestamp);
        }
        delete data.gaugesVotedFor;
    }

    // ------------------------------------------------------------------ views

    function _season() private view returns (uint16) {
        return IClock(clock).currentSeasonIndex();
    }

    function epochId() public view returns (uint256) {
        return IClock(clock).currentEpoch();
    }

    function votingActive() public view returns (bool) {
        return IClock(clock).votingActive();
    }

    function epochStart() external view returns (uint256) {
        return IClock(clock).epochStartTs();
    }

    function epochVoteStart() external view returns (uint256) {
        return IClock(clock).epochVoteStartTs();
    }

    function epochVoteEnd() external view returns (uint256) {
        return IClock(clock).epochVoteEndTs();
    }

    function gaugeExists(address gauge) public view returns (bool) {
        return gauges[gauge].created > 0;
    }

    function isActive(address gauge) external view returns (bool) {
        return gauges[gauge].active;
    }

    function getGauge(address gauge) external view returns (Gauge memory) {
        return gauges[gauge];
    }

    function getAllGauges() external view returns (address[] memory) {
        return gaugeList;
    }

    function isVoting(uint256 tokenId) public view returns (bool) {
        return _tokenVotes[_season()][tokenId].lastVoted > 0;
    }

    function votes(uint256 tokenId, address gauge) external view returns (uint256) {
        return _tokenVotes[_season()][tokenId].votes[gauge];
    }

    function gaugesVotedFor(uint256 tokenId) external view returns (address[] memory) {
        return _tokenVotes[_season()][tokenId].gaugesVotedFor;
    }

    function usedVotingPower(uint256 tokenId) external view returns (uint256) {
        return _tokenVotes[_season()][tokenId].usedVotingPower;
    }

    function totalVotingPowerCast() external view returns (uint256) {
        return seasonTotalVotingPowerCast[_season()];
    }

    function gaugeVotes(address gauge) external view returns (uint256) {
        return seasonGaugeVotes[_season()][gauge];
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {IEscrowView, ILockNFT, IClock} from "./Interfaces.sol";

/// @notice Splits a veNFT's voting power over gauges by relative weights:
///         `votesForGauge = weight * power / sumOfWeights` (floor), frozen at the vote.
///         Votes persist across epochs until reset or re-vote. All vote state is kept per season
///         (the escrow's `seasonCount()`), so votes of an earlier season stop counting at a
///         season start without any event.
contract SimpleGaugeVoter is Owned {
    struct GaugeVote {
        uint256 weight;
        address gauge;
    }

    /// @dev One storage slot per voted gauge (uint96 holds 7.9e28, above 8x the BR supply).
    struct TokenVote {
        address gauge;
        uint96 amount;
    }

    struct Gauge {
        bool exists;
        bool active;
        string metadataURI;
    }

    address public immutable escrow;
    address public immutable clock;

    mapping(address => Gauge) private _gauges;
    address[] private _gaugeList;

    /// season => gauge => total votes
    mapping(uint256 => mapping(address => uint256)) private _gaugeTotals;
    /// season => total votes cast
    mapping(uint256 => uint256) private _totalCast;
    /// tokenId => votes in vote order (valid only while _voteSeason[tokenId] is the current season)
    mapping(uint256 => TokenVote[]) private _tokenVotes;
    mapping(uint256 => uint256) private _voteSeason;

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

    error ZeroAddress();
    error GaugeAlreadyExists(address gauge);
    error GaugeDoesNotExist(address gauge);
    error GaugeAlreadyActive(address gauge);
    error GaugeAlreadyInactive(address gauge);
    error GaugeInactive(address gauge);
    error VotingInactive();
    error NotTokenOwner(uint256 tokenId, address caller);
    error NoVotes();
    error ZeroWeight(address gauge);
    error DuplicateGauge(address gauge);
    error NoVotingPower(uint256 tokenId);
    error NotVoting(uint256 tokenId);
    error VoteTooLarge(uint256 amount);

    constructor(address escrow_, address clock_) {
        if (escrow_ == address(0) || clock_ == address(0)) revert ZeroAddress();
        escrow = escrow_;
        clock = clock_;
    }

    // ---------------------------------------------------------------- gauges (owner)

    function createGauge(address gauge, string calldata metadataURI) external onlyOwner returns (address) {
        if (gauge == address(0)) revert ZeroAddress();
        if (_gauges[gauge].exists) revert GaugeAlreadyExists(gauge);
        _gauges[gauge] = Gauge(true, true, metadataURI);
        _gaugeList.push(gauge);
        emit GaugeCreated(gauge, msg.sender, metadataURI);
        return gauge;
    }

    function activateGauge(address gauge) external onlyOwner {
        Gauge storage g = _existing(gauge);
        if (g.active) revert GaugeAlreadyActive(gauge);
        g.active = true;
        emit GaugeActivated(gauge);
    }

    function deactivateGauge(address gauge) external onlyOwner {
        Gauge storage g = _existing(gauge);
        if (!g.active) revert GaugeAlreadyInactive(gauge);
        g.active = false;
        emit GaugeDeactivated(gauge);
    }

    function updateGaugeMetadata(address gauge, string calldata metadataURI) external onlyOwner {
        _existing(gauge).metadataURI = metadataURI;
        emit GaugeMetadataUpdated(gauge, metadataURI);
    }

    // ---------------------------------------------------------------- voting

    /// @notice Replaces the token's standing votes of this season (emitting `Reset` for each,
    ///         in vote order) with a split of its current voting power by `votes[i].weight`.
    function vote(uint256 tokenId, GaugeVote[] calldata votes) external {
        _checkCanVote(tokenId);
        uint256 n = votes.length;
        if (n == 0) revert NoVotes();

        uint256 sumWeights;
        for (uint256 i; i < n; ++i) {
            GaugeVote calldata v = votes[i];
            if (v.weight == 0) revert ZeroWeight(v.gauge);
            if (!_gauges[v.gauge].active) revert GaugeInactive(v.gauge);
            for (uint256 j; j < i; ++j) {
                if (votes[j].gauge == v.gauge) revert DuplicateGauge(v.gauge);
            }
            sumWeights += v.weight;
        }

        uint256 season = _season();
        uint256 epoch = IClock(clock).currentEpoch();
        if (_voteSeason[tokenId] == season) {
            _reset(tokenId, season, epoch);
        } else {
            delete _tokenVotes[tokenId]; // votes of an earlier season: dropped without events
            _voteSeason[tokenId] = season;
        }

        uint256 power = IEscrowView(escrow).votingPower(tokenId);
        if (power == 0) revert NoVotingPower(tokenId);

        uint256 total = _totalCast[season];
        for (uint256 i; i < n; ++i) {
            total = _cast(season, epoch, tokenId, votes[i].gauge, (votes[i].weight * power) / sumWeights, total);
        }
        _totalCast[season] = total;
    }

    /// @notice Removes all of the token's standing votes of this season.
    function reset(uint256 tokenId) external {
        _checkCanVote(tokenId);
        if (!isVoting(tokenId)) revert NotVoting(tokenId);
        _reset(tokenId, _season(), IClock(clock).currentEpoch());
    }

    // ---------------------------------------------------------------- views

    function lockNFT() public view returns (address) {
        return IEscrowView(escrow).lockNFT();
    }

    function votes(uint256 tokenId, address gauge) external view returns (uint256) {
        if (_voteSeason[tokenId] != _season()) return 0;
        TokenVote[] storage list = _tokenVotes[tokenId];
        for (uint256 i; i < list.length; ++i) {
            if (list[i].gauge == gauge) return list[i].amount;
        }
        return 0;
    }

    function isVoting(uint256 tokenId) public view returns (bool) {
        return _voteSeason[tokenId] == _season() && _tokenVotes[tokenId].length != 0;
    }

    function votedGauges(uint256 tokenId) external view returns (address[] memory gauges) {
        if (_voteSeason[tokenId] != _season()) return new address[](0);
        TokenVote[] storage list = _tokenVotes[tokenId];
        gauges = new address[](list.length);
        for (uint256 i; i < list.length; ++i) {
            gauges[i] = list[i].gauge;
        }
    }

    function usedVotingPower(uint256 tokenId) external view returns (uint256 used) {
        if (_voteSeason[tokenId] != _season()) return 0;
        TokenVote[] storage list = _tokenVotes[tokenId];
        for (uint256 i; i < list.length; ++i) {
            used += list[i].amount;
        }
    }

    function gaugeVotes(address gauge) external view returns (uint256) {
        return _gaugeTotals[_season()][gauge];
    }

    function totalVotingPowerCast() external view returns (uint256) {
        return _totalCast[_season()];
    }

    function gaugeExists(address gauge) external view returns (bool) {
        return _gauges[gauge].exists;
    }

    function isActive(address gauge) external view returns (bool) {
        return _gauges[gauge].active;
    }

    function gaugeMetadata(address gauge) external view returns (string memory) {
        return _gauges[gauge].metadataURI;
    }

    function getAllGauges() external view returns (address[] memory) {
        return _gaugeList;
    }

    // ---------------------------------------------------------------- internals

    function _season() private view returns (uint256) {
        return IEscrowView(escrow).seasonCount();
    }

    function _existing(address gauge) private view returns (Gauge storage g) {
        g = _gauges[gauge];
        if (!g.exists) revert GaugeDoesNotExist(gauge);
    }

    function _checkCanVote(uint256 tokenId) private view {
        if (!IClock(clock).votingActive()) revert VotingInactive();
        if (ILockNFT(lockNFT()).ownerOf(tokenId) != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
    }

    /// @dev Records `amount` votes of `tokenId` for `gauge`; returns the contract total after it.
    function _cast(uint256 season, uint256 epoch, uint256 tokenId, address gauge, uint256 amount, uint256 total)
        private
        returns (uint256)
    {
        if (amount > type(uint96).max) revert VoteTooLarge(amount);
        _tokenVotes[tokenId].push(TokenVote(gauge, uint96(amount)));
        uint256 gaugeTotal = _gaugeTotals[season][gauge] + amount;
        _gaugeTotals[season][gauge] = gaugeTotal;
        total += amount;
        emit Voted(msg.sender, gauge, epoch, tokenId, amount, gaugeTotal, total, block.timestamp);
        return total;
    }

    function _reset(uint256 tokenId, uint256 season, uint256 epoch) private {
        TokenVote[] storage list = _tokenVotes[tokenId];
        uint256 n = list.length;
        if (n == 0) return;
        uint256 total = _totalCast[season];
        for (uint256 i; i < n; ++i) {
            TokenVote memory v = list[i];
            (address gauge, uint256 amount) = (v.gauge, v.amount);
            uint256 gaugeTotal = _gaugeTotals[season][gauge] - amount;
            _gaugeTotals[season][gauge] = gaugeTotal;
            total -= amount;
            emit Reset(msg.sender, gauge, epoch, tokenId, amount, gaugeTotal, total, block.timestamp);
        }
        _totalCast[season] = total;
        delete _tokenVotes[tokenId];
    }
}

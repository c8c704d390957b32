// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {IClock, LockedBalance, TokenPoint} from "./Interfaces.sol";

/// @notice Voting-power curve with the semantics of Aragon's QuadraticIncreasingCurveSeason.
///         - A lock of amount A has power floor(A * (C + L*T + Q*T^2) / 1e18), T = seconds since its
///           anchor, capped at MAX_TIME = clock.epochDuration() * MAX_EPOCHS.
///         - The anchor is the point's checkpointTs, or the start of the season in force at the
///           queried time when that is later (every season restarts older locks at 1x).
///         - Per token, points are written by the escrow: (checkpointTs = the lock's aligned start
///           or, on exit, the next checkpoint; writtenTs = block time). The point in force at t is
///           the last one with checkpointTs <= t.
///         - Warmup: a point counts only when block.timestamp (now, not t) > writtenTs + warmup.
contract EscrowCurve is Owned {
    int256 private constant WAD = 1e18;

    address public immutable escrow;
    address public immutable clock;
    /// @notice Curve constants (1e18 fixed point) and the number of epochs until the cap.
    int256 public immutable constantCoefficient;
    int256 public immutable linearCoefficient;
    int256 public immutable quadraticCoefficient;
    uint256 public immutable maxEpochs;

    uint48 public warmupPeriod;
    /// @notice Number of points written for a token (points are 1-based; 0 = none).
    mapping(uint256 => uint256) public tokenPointIntervals;
    mapping(uint256 => mapping(uint256 => TokenPoint)) private _points;

    event WarmupSet(uint48 warmup);

    error OnlyEscrow();
    error InvalidTokenId();
    error InvalidCheckpoint();
    error InvalidCurve();

    /// @dev Sets the warmup without an event, like the real `initialize`.
    constructor(address escrow_, address clock_, int256 c, int256 l, int256 q, uint256 maxEpochs_, uint48 warmup) {
        if (c <= 0 || l < 0 || q < 0 || maxEpochs_ == 0) revert InvalidCurve();
        escrow = escrow_;
        clock = clock_;
        constantCoefficient = c;
        linearCoefficient = l;
        quadraticCoefficient = q;
        maxEpochs = maxEpochs_;
        warmupPeriod = warmup;
    }

    function setWarmupPeriod(uint48 warmup) external onlyOwner {
        warmupPeriod = warmup;
        emit WarmupSet(warmup);
    }

    // ------------------------------------------------------------------ math

    /// @notice Fixed-point coefficients for `amount`: [A*C, A*L, A*Q] (each wad-scaled).
    function _getCoefficients(uint256 amount) public view returns (int256[3] memory) {
        int256 a = _toInt(amount);
        return [a * constantCoefficient, a * linearCoefficient, a * quadraticCoefficient];
    }

    /// @notice [floor(A*C/1e18), floor(A*L/1e18), floor(A*Q/1e18)]; with amount = 1e18 this is [C, L, Q].
    function getCoefficients(uint256 amount) external view returns (int256[3] memory) {
        int256[3] memory k = _getCoefficients(amount);
        return [k[0] / WAD, k[1] / WAD, k[2] / WAD];
    }

    /// @notice Power of `amount` after `timeElapsed` seconds on the curve (capped at MAX_TIME).
    function getBias(uint256 timeElapsed, uint256 amount) public view returns (uint256) {
        return _bias(timeElapsed, _getCoefficients(amount));
    }

    function previewMaxBias(uint256 amount) external view returns (uint256) {
        return getBias(_maxTime(), amount);
    }

    function _maxTime() private view returns (uint256) {
        return IClock(clock).epochDuration() * maxEpochs;
    }

    /// @dev floor((c + l*T + q*T^2) / 1e18) with the coefficients already multiplied by the amount.
    function _bias(uint256 timeElapsed, int256[3] memory k) private view returns (uint256) {
        uint256 maxTime = _maxTime();
        int256 t = _toInt(timeElapsed > maxTime ? maxTime : timeElapsed);
        int256 bias = k[0] + k[1] * t + k[2] * t * t;
        return bias < 0 ? 0 : uint256(bias / WAD);
    }

    function _toInt(uint256 x) private pure returns (int256) {
        require(x <= uint256(type(int256).max), "int256 overflow");
        return int256(x);
    }

    // ------------------------------------------------------------------ points

    function tokenPointHistory(uint256 tokenId, uint256 interval) external view returns (TokenPoint memory) {
        return _points[tokenId][interval];
    }

    /// @notice Writes a token's point; only the escrow. A point with the same checkpointTs as the
    ///         last one replaces it; an earlier checkpointTs reverts.
    function checkpoint(uint256 tokenId, LockedBalance memory, LockedBalance memory newLocked) external {
        if (msg.sender != escrow) revert OnlyEscrow();
        if (tokenId == 0) revert InvalidTokenId();
        TokenPoint memory p;
        if (newLocked.amount != 0) {
            p.coefficients = _getCoefficients(newLocked.amount);
            p.bias = _bias(0, p.coefficients);
        }
        p.checkpointTs = uint128(newLocked.start);
        p.writtenTs = uint128(block.timestamp);

        uint256 n = tokenPointIntervals[tokenId];
        if (n == 0) {
            n = 1;
            tokenPointIntervals[tokenId] = 1;
        } else {
            uint128 lastTs = _points[tokenId][n].checkpointTs;
            if (lastTs > p.checkpointTs) revert InvalidCheckpoint();
            if (lastTs != p.checkpointTs) tokenPointIntervals[tokenId] = ++n;
        }
        _points[tokenId][n] = p;
    }

    /// @dev Index of the last point with checkpointTs <= t (0 when none).
    function _pointAt(uint256 tokenId, uint256 t) private view returns (uint256) {
        uint256 n = tokenPointIntervals[tokenId];
        if (n == 0) return 0;
        if (_points[tokenId][n].checkpointTs <= t) return n;
        if (_points[tokenId][1].checkpointTs > t) return 0;
        uint256 lo = 1;
        uint256 hi = n - 1;
        while (lo < hi) {
            uint256 mid = hi - (hi - lo) / 2;
            if (_points[tokenId][mid].checkpointTs <= t) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    function _isWarm(TokenPoint memory p) private view returns (bool) {
        return block.timestamp > uint256(p.writtenTs) + warmupPeriod;
    }

    /// @notice Whether the point in force now has power and is past its warmup.
    function isWarm(uint256 tokenId) external view returns (bool) {
        TokenPoint memory p = _points[tokenId][_pointAt(tokenId, block.timestamp)];
        return p.bias != 0 && _isWarm(p);
    }

    function votingPowerAt(uint256 tokenId, uint256 t) external view returns (uint256) {
        uint256 i = _pointAt(tokenId, t);
        if (i == 0) return 0;
        TokenPoint memory p = _points[tokenId][i];
        if (!_isWarm(p)) return 0;
        (uint48 seasonStart,) = IClock(clock).seasonTsAt(uint48(t));
        uint256 anchor = p.checkpointTs < seasonStart ? seasonStart : p.checkpointTs;
        return _bias(t - anchor, p.coefficients);
    }

    /// @notice Total supply is not tracked (as in the real curve).
    function supplyAt(uint256) external pure returns (uint256) {
        revert("Supply Not Implemented");
    }
}

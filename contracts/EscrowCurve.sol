// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {IEscrowView} from "./Interfaces.sol";

/// @notice Linear voting-power curve: 1x at the anchor, growing to maxMultiplierBps/10000 over
///         growthPeriod, zero during the warmup after the lock start and once the exit began.
///         The anchor is the later of the lock start and the latest season start (read from the
///         escrow), so every season restarts the multiplier at 1x.
contract EscrowCurve is Owned {
    uint256 private constant BPS = 10_000;

    address public immutable escrow;
    uint256 public immutable maxMultiplierBps;
    uint256 public immutable growthPeriod;
    uint48 public warmupPeriod;

    event WarmupSet(uint48 warmup);

    error InvalidCurve(uint256 maxMultiplierBps, uint256 growthPeriod);

    constructor(address escrow_, uint256 maxMultiplierBps_, uint256 growthPeriod_, uint48 warmup_) {
        if (maxMultiplierBps_ < BPS || growthPeriod_ == 0) revert InvalidCurve(maxMultiplierBps_, growthPeriod_);
        escrow = escrow_;
        maxMultiplierBps = maxMultiplierBps_;
        growthPeriod = growthPeriod_;
        warmupPeriod = warmup_;
        emit WarmupSet(warmup_);
    }

    function setWarmup(uint48 warmup) external onlyOwner {
        warmupPeriod = warmup;
        emit WarmupSet(warmup);
    }

    function votingPowerAt(uint256 amount, uint256 start, uint256 exitQueuedAt, uint256 ts)
        external
        view
        returns (uint256)
    {
        if (amount == 0 || ts < start + warmupPeriod) return 0;
        if (exitQueuedAt != 0 && ts >= exitQueuedAt) return 0;
        uint256 anchor = start;
        uint256 season = IEscrowView(escrow).seasonAnchor(ts);
        if (season > anchor) anchor = season;
        uint256 elapsed = ts - anchor;
        if (elapsed > growthPeriod) elapsed = growthPeriod;
        return amount + (amount * (maxMultiplierBps - BPS) * elapsed) / (growthPeriod * BPS);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Like} from "./Interfaces.sol";

/// @notice Vesting wallet for one allocation. With `total = balance + released`:
///         vested(t) = 0 before `start`; `total * tgeBps / 10000` from `start` until
///         `start + cliffDuration`; then linear up to `total` at `start + duration`.
///         Anyone may call `release`; tokens always go to the beneficiary.
contract VestingWallet {
    uint256 private constant BPS = 10_000;

    address public immutable beneficiary;
    uint256 public immutable start;
    uint256 public immutable cliffDuration;
    uint256 public immutable duration;
    uint256 public immutable tgeBps;

    mapping(address => uint256) public released;

    event ERC20Released(address indexed token, uint256 amount);

    error ZeroAddress();
    error InvalidSchedule(uint256 cliffDuration, uint256 duration, uint256 tgeBps);
    error TokenTransferFailed();

    constructor(address beneficiary_, uint64 start_, uint64 cliffDuration_, uint64 duration_, uint256 tgeBps_) {
        if (beneficiary_ == address(0)) revert ZeroAddress();
        if (cliffDuration_ > duration_ || tgeBps_ > BPS) revert InvalidSchedule(cliffDuration_, duration_, tgeBps_);
        beneficiary = beneficiary_;
        start = start_;
        cliffDuration = cliffDuration_;
        duration = duration_;
        tgeBps = tgeBps_;
    }

    function end() public view returns (uint256) {
        return start + duration;
    }

    function vestedAmount(address token, uint64 timestamp) public view returns (uint256) {
        return _vested(IERC20Like(token).balanceOf(address(this)) + released[token], timestamp);
    }

    function releasable(address token) public view returns (uint256) {
        return vestedAmount(token, uint64(block.timestamp)) - released[token];
    }

    /// @notice Sends the releasable amount of `token` to the beneficiary (emits even when 0).
    function release(address token) external {
        uint256 amount = releasable(token);
        released[token] += amount;
        emit ERC20Released(token, amount);
        if (!IERC20Like(token).transfer(beneficiary, amount)) revert TokenTransferFailed();
    }

    function _vested(uint256 total, uint256 ts) private view returns (uint256) {
        if (ts < start) return 0;
        if (ts >= start + duration) return total;
        uint256 tge = (total * tgeBps) / BPS;
        uint256 cliffEnd = start + cliffDuration;
        if (ts < cliffEnd) return tge;
        return tge + ((total - tge) * (ts - cliffEnd)) / (duration - cliffDuration);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {IEscrowView} from "./Interfaces.sol";

/// @notice Exit queue of the escrow: a lock may enter the queue `minLock` seconds after its start,
///         leaves it `cooldown` seconds later (at `exitDate` or after) and pays `feePercent` bps.
contract ExitQueue is Owned {
    uint256 private constant BPS = 10_000;

    struct Ticket {
        address holder;
        uint256 exitDate;
    }

    address public immutable escrow;
    uint48 public cooldown;
    uint48 public minLock;
    uint256 public feePercent;
    mapping(uint256 => Ticket) public queue;

    event ExitQueued(uint256 indexed tokenId, address indexed holder, uint256 exitDate);
    event Exit(uint256 indexed tokenId, uint256 fee);
    event CooldownSet(uint48 cooldown);
    event MinLockSet(uint48 minLock);
    event FeePercentSet(uint256 feePercent);

    error NotEscrow(address caller);
    error AlreadyQueued(uint256 tokenId);
    error NotQueued(uint256 tokenId);
    error MinLockNotReached(uint256 tokenId, uint256 earliest);
    error CooldownNotElapsed(uint256 tokenId, uint256 exitDate);
    error FeeTooHigh(uint256 feePercent);

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert NotEscrow(msg.sender);
        _;
    }

    constructor(address escrow_, uint48 minLock_, uint48 cooldown_, uint256 feePercent_) {
        escrow = escrow_;
        _setMinLock(minLock_);
        _setCooldown(cooldown_);
        _setFeePercent(feePercent_);
    }

    function setCooldown(uint48 cooldown_) external onlyOwner {
        _setCooldown(cooldown_);
    }

    function setMinLock(uint48 minLock_) external onlyOwner {
        _setMinLock(minLock_);
    }

    function setFeePercent(uint256 feePercent_) external onlyOwner {
        _setFeePercent(feePercent_);
    }

    function queueExit(uint256 tokenId, address holder) external onlyEscrow {
        if (queue[tokenId].holder != address(0)) revert AlreadyQueued(tokenId);
        uint256 earliest = uint256(IEscrowView(escrow).locked(tokenId).start) + minLock;
        if (block.timestamp < earliest) revert MinLockNotReached(tokenId, earliest);
        uint256 exitDate = block.timestamp + cooldown;
        queue[tokenId] = Ticket(holder, exitDate);
        emit ExitQueued(tokenId, holder, exitDate);
    }

    function exit(uint256 tokenId) external onlyEscrow returns (uint256 fee) {
        Ticket memory ticket = queue[tokenId];
        if (ticket.holder == address(0)) revert NotQueued(tokenId);
        if (block.timestamp < ticket.exitDate) revert CooldownNotElapsed(tokenId, ticket.exitDate);
        fee = calculateFee(tokenId);
        delete queue[tokenId];
        emit Exit(tokenId, fee);
    }

    function canExit(uint256 tokenId) external view returns (bool) {
        Ticket memory ticket = queue[tokenId];
        return ticket.holder != address(0) && block.timestamp >= ticket.exitDate;
    }

    function calculateFee(uint256 tokenId) public view returns (uint256) {
        return (uint256(IEscrowView(escrow).locked(tokenId).amount) * feePercent) / BPS;
    }

    function _setCooldown(uint48 cooldown_) private {
        cooldown = cooldown_;
        emit CooldownSet(cooldown_);
    }

    function _setMinLock(uint48 minLock_) private {
        minLock = minLock_;
        emit MinLockSet(minLock_);
    }

    function _setFeePercent(uint256 feePercent_) private {
        if (feePercent_ > BPS) revert FeeTooHigh(feePercent_);
        feePercent = feePercent_;
        emit FeePercentSet(feePercent_);
    }
}

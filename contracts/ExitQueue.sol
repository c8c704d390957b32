// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {IClock, IEscrow, IERC20Like, Ticket} from "./Interfaces.sol";

/// @notice Exit queue of the escrow, with the semantics of Aragon's v1.0.0 ExitQueue.
///         - queueExit (escrow only): allowed once lock.start + minLock <= now (start is the aligned
///           lock start); exitDate = max(next weekly checkpoint, now + cooldown).
///         - canExit: now > exitDate (strict). exit charges floor(amount * feePercent / 10000).
contract ExitQueue is Owned {
    uint256 public constant MAX_FEE_PERCENT = 10_000;

    address public immutable escrow;
    address public immutable clock;
    uint48 public cooldown;
    uint48 public minLock;
    /// @notice Exit fee in basis points of 10000.
    uint256 public feePercent;

    mapping(uint256 => Ticket) private _queue;

    event ExitQueued(uint256 indexed tokenId, address indexed holder, uint256 exitDate);
    event Exit(uint256 indexed tokenId, uint256 fee);
    event FeePercentSet(uint256 feePercent);
    event CooldownSet(uint48 cooldown);
    event MinLockSet(uint48 minLock);

    error OnlyEscrow();
    error ZeroAddress();
    error AlreadyQueued();
    error MinLockNotReached(uint256 tokenId, uint48 minLock, uint48 earliestExitDate);
    error CannotExit();
    error NoLockBalance();
    error FeeTooHigh(uint256 maxFee);
    error MinLockOutOfBounds();

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert OnlyEscrow();
        _;
    }

    /// @dev Emits MinLockSet, FeePercentSet, CooldownSet in that order, like the real `initialize`.
    constructor(address escrow_, uint48 cooldown_, uint256 feePercent_, address clock_, uint48 minLock_) {
        escrow = escrow_;
        clock = clock_;
        _setMinLock(minLock_);
        _setFeePercent(feePercent_);
        _setCooldown(cooldown_);
    }

    // ------------------------------------------------------------------ admin

    function setCooldown(uint48 cooldown_) external onlyOwner {
        _setCooldown(cooldown_);
    }

    function setMinLock(uint48 minLock_) external onlyOwner {
        _setMinLock(minLock_);
    }

    function setFeePercent(uint256 feePercent_) external onlyOwner {
        _setFeePercent(feePercent_);
    }

    /// @notice Sends collected fees to the owner (no event, as the real queue).
    function withdraw(uint256 amount) external onlyOwner {
        IERC20Like(IEscrow(escrow).token()).transfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ queue

    function queueExit(uint256 tokenId, address ticketHolder_) external onlyEscrow {
        if (ticketHolder_ == address(0)) revert ZeroAddress();
        if (_queue[tokenId].holder != address(0)) revert AlreadyQueued();
        uint48 earliest = timeToMinLock(tokenId);
        if (earliest > block.timestamp) revert MinLockNotReached(tokenId, minLock, earliest);
        uint256 exitDate = nextExitDate();
        _queue[tokenId] = Ticket(ticketHolder_, exitDate);
        emit ExitQueued(tokenId, ticketHolder_, exitDate);
    }

    function exit(uint256 tokenId) external onlyEscrow returns (uint256 fee) {
        if (!canExit(tokenId)) revert CannotExit();
        delete _queue[tokenId];
        fee = calculateFee(tokenId);
        emit Exit(tokenId, fee);
    }

    // ------------------------------------------------------------------ views

    /// @notice max(next weekly checkpoint, now + cooldown).
    function nextExitDate() public view returns (uint256) {
        uint256 nextCheckpoint = IClock(clock).epochNextCheckpointTs();
        uint256 cooled = block.timestamp + cooldown;
        return nextCheckpoint > cooled ? nextCheckpoint : cooled;
    }

    function calculateFee(uint256 tokenId) public view returns (uint256) {
        if (feePercent == 0) return 0;
        uint256 amount = IEscrow(escrow).locked(tokenId).amount;
        if (amount == 0) revert NoLockBalance();
        return (amount * feePercent) / MAX_FEE_PERCENT;
    }

    function canExit(uint256 tokenId) public view returns (bool) {
        Ticket memory ticket = _queue[tokenId];
        return ticket.holder != address(0) && block.timestamp > ticket.exitDate;
    }

    function ticketHolder(uint256 tokenId) external view returns (address) {
        return _queue[tokenId].holder;
    }

    function queue(uint256 tokenId) external view returns (Ticket memory) {
        return _queue[tokenId];
    }

    /// @notice lock.start + minLock: the first time the token may enter the queue.
    function timeToMinLock(uint256 tokenId) public view returns (uint48) {
        return uint48(IEscrow(escrow).locked(tokenId).start + minLock);
    }

    // ------------------------------------------------------------------ internals

    function _setCooldown(uint48 cooldown_) private {
        cooldown = cooldown_;
        emit CooldownSet(cooldown_);
    }

    function _setMinLock(uint48 minLock_) private {
        if (minLock_ == 0) revert MinLockOutOfBounds();
        minLock = minLock_;
        emit MinLockSet(minLock_);
    }

    function _setFeePercent(uint256 feePercent_) private {
        if (feePercent_ > MAX_FEE_PERCENT) revert FeeTooHigh(MAX_FEE_PERCENT);
        feePercent = feePercent_;
        emit FeePercentSet(feePercent_);
    }
}

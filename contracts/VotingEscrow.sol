// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {IERC20Like, IEscrowView, ILockNFT, IExitQueue, IEscrowCurve, IGaugeVoter} from "./Interfaces.sol";

/// @notice Locks BR into veNFTs. A lock keeps its amount, start and exit time after withdrawal so
///         that `votingPowerAt` answers for any past timestamp. Seasons (1-based) are started by
///         the owner; the curve restarts every lock's multiplier at a season start.
contract VotingEscrow is Owned {
    address public immutable token;
    address public lockNFT;
    address public queue;
    address public voter;
    address public curve;
    address public clock;

    uint256 public minDeposit;
    uint256 public totalLocked;
    uint256 public lastLockId;

    mapping(uint256 => IEscrowView.LockedBalance) private _locked;
    mapping(uint256 => uint256) public exitQueuedAt;
    uint256[] private _seasonStarts;

    event Deposit(
        address indexed depositor, uint256 indexed tokenId, uint256 indexed startTs, uint256 value, uint256 newTotalLocked
    );
    event Withdraw(address indexed depositor, uint256 indexed tokenId, uint256 value, uint256 ts, uint256 newTotalLocked);
    event MinDepositSet(uint256 minDeposit);
    event SeasonStarted(uint256 indexed season, uint256 startTs);

    error CompanionsAlreadySet();
    error CompanionsNotSet();
    error ZeroAddress();
    error DepositTooSmall(uint256 value, uint256 minDeposit);
    error DepositTooLarge(uint256 value);
    error NotTokenOwner(uint256 tokenId, address caller);
    error TokenIsVoting(uint256 tokenId);
    error NotQueuedHolder(uint256 tokenId, address caller);
    error TokenTransferFailed();
    error SeasonAlreadyStarted(uint256 ts);
    error UnknownSeason(uint256 season);

    constructor(address token_) {
        if (token_ == address(0)) revert ZeroAddress();
        token = token_;
    }

    /// @notice One-time wiring of the companion contracts (they are deployed after the escrow).
    function setCompanions(address lockNFT_, address queue_, address voter_, address curve_, address clock_)
        external
        onlyOwner
    {
        if (lockNFT != address(0)) revert CompanionsAlreadySet();
        if (
            lockNFT_ == address(0) || queue_ == address(0) || voter_ == address(0) || curve_ == address(0)
                || clock_ == address(0)
        ) revert ZeroAddress();
        lockNFT = lockNFT_;
        queue = queue_;
        voter = voter_;
        curve = curve_;
        clock = clock_;
    }

    function setMinDeposit(uint256 minDeposit_) external onlyOwner {
        minDeposit = minDeposit_;
        emit MinDepositSet(minDeposit_);
    }

    /// @notice Starts season `seasonCount() + 1` now.
    function startSeason() external onlyOwner returns (uint256 season) {
        uint256 count = _seasonStarts.length;
        if (count != 0 && _seasonStarts[count - 1] >= block.timestamp) revert SeasonAlreadyStarted(block.timestamp);
        _seasonStarts.push(block.timestamp);
        season = count + 1;
        emit SeasonStarted(season, block.timestamp);
    }

    function createLock(uint256 value) external returns (uint256 tokenId) {
        return _createLock(value, msg.sender);
    }

    function createLockFor(uint256 value, address to) external returns (uint256 tokenId) {
        return _createLock(value, to);
    }

    /// @notice Moves the veNFT into the escrow and queues its exit; voting power ends now.
    function beginWithdrawal(uint256 tokenId) external {
        address holder = ILockNFT(lockNFT).ownerOf(tokenId);
        if (holder != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
        if (IGaugeVoter(voter).isVoting(tokenId)) revert TokenIsVoting(tokenId);
        ILockNFT(lockNFT).transferFrom(holder, address(this), tokenId);
        exitQueuedAt[tokenId] = block.timestamp;
        IExitQueue(queue).queueExit(tokenId, holder);
    }

    /// @notice Ends a queued exit: burns the veNFT, pays the holder the amount minus the exit fee.
    function withdraw(uint256 tokenId) external {
        (address holder,) = IExitQueue(queue).queue(tokenId);
        if (holder == address(0) || holder != msg.sender) revert NotQueuedHolder(tokenId, msg.sender);
        uint256 fee = IExitQueue(queue).exit(tokenId);
        uint256 amount = _locked[tokenId].amount;
        ILockNFT(lockNFT).burn(tokenId);
        totalLocked -= amount;
        _send(holder, amount - fee);
        if (fee != 0) _send(queue, fee);
        emit Withdraw(holder, tokenId, amount - fee, block.timestamp, totalLocked);
    }

    function locked(uint256 tokenId) external view returns (IEscrowView.LockedBalance memory) {
        return _locked[tokenId];
    }

    function votingPower(uint256 tokenId) external view returns (uint256) {
        return votingPowerAt(tokenId, block.timestamp);
    }

    function votingPowerAt(uint256 tokenId, uint256 ts) public view returns (uint256) {
        IEscrowView.LockedBalance memory lock = _locked[tokenId];
        return IEscrowCurve(curve).votingPowerAt(lock.amount, lock.start, exitQueuedAt[tokenId], ts);
    }

    function isVoting(uint256 tokenId) external view returns (bool) {
        return IGaugeVoter(voter).isVoting(tokenId);
    }

    function ownedTokens(address account) external view returns (uint256[] memory) {
        return ILockNFT(lockNFT).tokensOf(account);
    }

    function seasonCount() external view returns (uint256) {
        return _seasonStarts.length;
    }

    /// @notice Start timestamp of season `season` (1-based).
    function seasonStart(uint256 season) external view returns (uint256) {
        if (season == 0 || season > _seasonStarts.length) revert UnknownSeason(season);
        return _seasonStarts[season - 1];
    }

    /// @notice The latest season start at or before `ts`, 0 if none.
    function seasonAnchor(uint256 ts) external view returns (uint256) {
        for (uint256 i = _seasonStarts.length; i > 0; --i) {
            uint256 start = _seasonStarts[i - 1];
            if (start <= ts) return start;
        }
        return 0;
    }

    function _createLock(uint256 value, address to) private returns (uint256 tokenId) {
        if (lockNFT == address(0)) revert CompanionsNotSet();
        if (to == address(0)) revert ZeroAddress();
        if (value == 0 || value < minDeposit) revert DepositTooSmall(value, minDeposit);
        if (value > type(uint208).max) revert DepositTooLarge(value);
        tokenId = ++lastLockId;
        _locked[tokenId] = IEscrowView.LockedBalance(uint208(value), uint48(block.timestamp));
        totalLocked += value;
        if (!IERC20Like(token).transferFrom(msg.sender, address(this), value)) revert TokenTransferFailed();
        ILockNFT(lockNFT).mint(to, tokenId);
        emit Deposit(to, tokenId, block.timestamp, value, totalLocked);
    }

    function _send(address to, uint256 value) private {
        if (!IERC20Like(token).transfer(to, value)) revert TokenTransferFailed();
    }
}

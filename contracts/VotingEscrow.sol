// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";
import {
    IERC20Like, IClock, IEscrowCurve, IExitQueue, IGaugeVoter, ILockNFT, LockedBalance
} from "./Interfaces.sol";

/// @notice Locks the token into veNFTs, with the semantics of Aragon's v1.0.0 VotingEscrow.
///         - A lock starts at the clock's next weekly checkpoint (strictly after the deposit);
///           the curve gets a point (start, amount) written at the deposit time.
///         - beginWithdrawal: only when the token is not voting (current season) and has power;
///           writes a zero point at the next checkpoint (power lasts until then), moves the NFT
///           into the escrow (the owner must have approved the escrow on the Lock) and queues the
///           exit. withdraw: only the ticket holder, once the queue allows it; pays amount - fee.
///         - Companions are set after deployment (setCurve, setQueue, setVoter, setLockNFT once).
contract VotingEscrow is Owned {
    uint8 public constant decimals = 18;

    address public immutable token;
    address public clock;
    address public curve;
    address public queue;
    address public voter;
    address public lockNFT;

    uint256 public minDeposit;
    uint256 public lastLockId;
    uint256 public totalLocked;

    mapping(uint256 => LockedBalance) private _locked;

    event Deposit(
        address indexed depositor, uint256 indexed tokenId, uint256 indexed startTs, uint256 value, uint256 newTotalLocked
    );
    event Withdraw(address indexed depositor, uint256 indexed tokenId, uint256 value, uint256 ts, uint256 newTotalLocked);
    event MinDepositSet(uint256 minDeposit);

    error MustBe18Decimals();
    error ZeroAmount();
    error AmountTooSmall();
    error LockNFTAlreadySet();
    error CannotExit();
    error NotTicketHolder();
    error TransferBalanceIncorrect();
    error TokenTransferFailed();
    error Reentrant();

    bool private _entered;

    modifier nonReentrant() {
        if (_entered) revert Reentrant();
        _entered = true;
        _;
        _entered = false;
    }

    constructor(address token_, address clock_, uint256 minDeposit_) {
        if (IERC20Like(token_).decimals() != 18) revert MustBe18Decimals();
        token = token_;
        clock = clock_;
        minDeposit = minDeposit_;
        emit MinDepositSet(minDeposit_);
    }

    // ------------------------------------------------------------------ admin

    function setCurve(address curve_) external onlyOwner {
        curve = curve_;
    }

    function setVoter(address voter_) external onlyOwner {
        voter = voter_;
    }

    function setQueue(address queue_) external onlyOwner {
        queue = queue_;
    }

    function setClock(address clock_) external onlyOwner {
        clock = clock_;
    }

    /// @notice The NFT can be set once.
    function setLockNFT(address lockNFT_) external onlyOwner {
        if (lockNFT != address(0)) revert LockNFTAlreadySet();
        lockNFT = lockNFT_;
    }

    function setMinDeposit(uint256 minDeposit_) external onlyOwner {
        minDeposit = minDeposit_;
        emit MinDepositSet(minDeposit_);
    }

    // ------------------------------------------------------------------ views

    function isApprovedOrOwner(address spender, uint256 tokenId) public view returns (bool) {
        return ILockNFT(lockNFT).isApprovedOrOwner(spender, tokenId);
    }

    /// @notice The tokens of `owner_` in the Lock's enumeration order.
    function ownedTokens(address owner_) public view returns (uint256[] memory tokenIds) {
        ILockNFT nft = ILockNFT(lockNFT);
        tokenIds = new uint256[](nft.balanceOf(owner_));
        for (uint256 i; i < tokenIds.length; ++i) {
            tokenIds[i] = nft.tokenOfOwnerByIndex(owner_, i);
        }
    }

    function votingPower(uint256 tokenId) public view returns (uint256) {
        return votingPowerAt(tokenId, block.timestamp);
    }

    function votingPowerAt(uint256 tokenId, uint256 t) public view returns (uint256) {
        return IEscrowCurve(curve).votingPowerAt(tokenId, t);
    }

    /// @notice Sum of the current power of the tokens `account` holds (queued tokens are not held).
    function votingPowerForAccount(address account) external view returns (uint256 accountVotingPower) {
        uint256[] memory ids = ownedTokens(account);
        for (uint256 i; i < ids.length; ++i) {
            accountVotingPower += votingPowerAt(ids[i], block.timestamp);
        }
    }

    /// @notice Reverts, as the real escrow does: the curve keeps no supply.
    function totalVotingPower() external view returns (uint256) {
        return totalVotingPowerAt(block.timestamp);
    }

    function totalVotingPowerAt(uint256 ts) public view returns (uint256) {
        return IEscrowCurve(curve).supplyAt(ts);
    }

    function locked(uint256 tokenId) external view returns (LockedBalance memory) {
        return _locked[tokenId];
    }

    function isVoting(uint256 tokenId) public view returns (bool) {
        return IGaugeVoter(voter).isVoting(tokenId);
    }

    // ------------------------------------------------------------------ locks

    function createLock(uint256 value) external nonReentrant returns (uint256) {
        return _createLockFor(value, msg.sender);
    }

    function createLockFor(uint256 value, address to) external nonReentrant returns (uint256) {
        return _createLockFor(value, to);
    }

    function _createLockFor(uint256 value, address to) private returns (uint256 tokenId) {
        if (value == 0) revert ZeroAmount();
        if (value < minDeposit) revert AmountTooSmall();
        uint256 start = IClock(clock).epochNextCheckpointTs();
        totalLocked += value;
        tokenId = ++lastLockId;
        LockedBalance memory lock = LockedBalance(_toUint208(value), uint48(start));
        _locked[tokenId] = lock;
        IEscrowCurve(curve).checkpoint(tokenId, LockedBalance(0, 0), lock);

        uint256 before = IERC20Like(token).balanceOf(address(this));
        if (!IERC20Like(token).transferFrom(msg.sender, address(this), value)) revert TokenTransferFailed();
        if (IERC20Like(token).balanceOf(address(this)) != before + value) revert TransferBalanceIncorrect();

        ILockNFT(lockNFT).mint(to, tokenId);
        emit Deposit(to, tokenId, start, value, totalLocked);
    }

    // ------------------------------------------------------------------ exits

    /// @notice Resets the token's votes (the escrow must be approved for the token), then begins
    ///         the withdrawal.
    function resetVotesAndBeginWithdrawal(uint256 tokenId) external {
        IGaugeVoter(voter).reset(tokenId);
        beginWithdrawal(tokenId);
    }

    function beginWithdrawal(uint256 tokenId) public nonReentrant {
        if (isVoting(tokenId)) revert CannotExit();
        if (votingPower(tokenId) == 0) revert CannotExit();
        address holder = ILockNFT(lockNFT).ownerOf(tokenId);
        LockedBalance memory lock = _locked[tokenId];
        uint48 clearAt = uint48(IClock(clock).epochNextCheckpointTs());
        IEscrowCurve(curve).checkpoint(tokenId, lock, LockedBalance(0, clearAt));
        ILockNFT(lockNFT).transferFrom(msg.sender, address(this), tokenId);
        IExitQueue(queue).queueExit(tokenId, holder);
    }

    function withdraw(uint256 tokenId) external nonReentrant {
        if (IExitQueue(queue).ticketHolder(tokenId) != msg.sender) revert NotTicketHolder();
        if (!IExitQueue(queue).canExit(tokenId)) revert CannotExit();
        uint256 value = _locked[tokenId].amount;
        uint256 fee = IExitQueue(queue).exit(tokenId);
        if (fee > 0) _send(queue, fee);
        delete _locked[tokenId];
        totalLocked -= value;
        ILockNFT(lockNFT).burn(tokenId);
        _send(msg.sender, value - fee);
        emit Withdraw(msg.sender, tokenId, value - fee, block.timestamp, totalLocked);
    }

    function _send(address to, uint256 value) private {
        if (!IERC20Like(token).transfer(to, value)) revert TokenTransferFailed();
    }

    function _toUint208(uint256 x) private pure returns (uint208) {
        require(x <= type(uint208).max, "uint208 overflow");
        return uint208(x);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The slices of each contract that the others call, with the real Aragon ve-governance
///         signatures (v1.0.0 escrow, lock and queue; Season clock, curve and voter).
interface IERC20Like {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
    function decimals() external view returns (uint8);
}

/// @notice A lock: `amount` of the escrowed token, counting from `start` (a weekly checkpoint).
struct LockedBalance {
    uint208 amount;
    uint48 start;
}

/// @notice One curve point of a token: written at `writtenTs`, in force from `checkpointTs`.
///         `coefficients` are 1e18 fixed point [constant, linear, quadratic]; `bias` is the value at
///         elapsed 0 (a plain integer).
struct TokenPoint {
    uint256 bias;
    uint128 checkpointTs;
    uint128 writtenTs;
    int256[3] coefficients;
}

/// @notice One entry of a gauge vote: a relative `weight` for `gauge`.
struct GaugeVote {
    uint256 weight;
    address gauge;
}

/// @notice An exit-queue ticket: who may withdraw, and the time after which they may.
struct Ticket {
    address holder;
    uint256 exitDate;
}

interface IEscrow {
    function locked(uint256 tokenId) external view returns (LockedBalance memory);
    function token() external view returns (address);
    function votingPower(uint256 tokenId) external view returns (uint256);
    function isApprovedOrOwner(address spender, uint256 tokenId) external view returns (bool);
}

interface ILockNFT {
    function ownerOf(uint256 tokenId) external view returns (address);
    function balanceOf(address owner) external view returns (uint256);
    function tokenOfOwnerByIndex(address owner, uint256 index) external view returns (uint256);
    function isApprovedOrOwner(address spender, uint256 tokenId) external view returns (bool);
    function mint(address to, uint256 tokenId) external;
    function burn(uint256 tokenId) external;
    function transferFrom(address from, address to, uint256 tokenId) external;
}

interface IExitQueue {
    function queueExit(uint256 tokenId, address ticketHolder) external;
    function exit(uint256 tokenId) external returns (uint256 fee);
    function ticketHolder(uint256 tokenId) external view returns (address);
    function canExit(uint256 tokenId) external view returns (bool);
}

interface IEscrowCurve {
    function checkpoint(uint256 tokenId, LockedBalance memory oldLocked, LockedBalance memory newLocked) external;
    function votingPowerAt(uint256 tokenId, uint256 t) external view returns (uint256);
    function supplyAt(uint256 t) external view returns (uint256);
}

interface IGaugeVoter {
    function isVoting(uint256 tokenId) external view returns (bool);
    function reset(uint256 tokenId) external;
}

interface IClock {
    function epochDuration() external view returns (uint256);
    function currentEpoch() external view returns (uint256);
    function votingActive() external view returns (bool);
    function epochStartTs() external view returns (uint256);
    function epochVoteStartTs() external view returns (uint256);
    function epochVoteEndTs() external view returns (uint256);
    function epochNextCheckpointTs() external view returns (uint256);
    function currentSeasonIndex() external view returns (uint16);
    function seasonTsAt(uint48 ts) external view returns (uint48 startTimestamp, uint48 endTimestamp);
}

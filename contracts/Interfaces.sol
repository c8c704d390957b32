// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The slices of each contract that the others call.
interface IERC20Like {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
    function decimals() external view returns (uint8);
}

interface IEscrowView {
    struct LockedBalance {
        uint208 amount;
        uint48 start;
    }

    function locked(uint256 tokenId) external view returns (LockedBalance memory);
    function lockNFT() external view returns (address);
    function votingPower(uint256 tokenId) external view returns (uint256);
    function seasonCount() external view returns (uint256);
    function seasonAnchor(uint256 ts) external view returns (uint256);
}

interface ILockNFT {
    function ownerOf(uint256 tokenId) external view returns (address);
    function tokensOf(address owner) external view returns (uint256[] memory);
    function mint(address to, uint256 tokenId) external;
    function burn(uint256 tokenId) external;
    function transferFrom(address from, address to, uint256 tokenId) external;
}

interface IExitQueue {
    function queue(uint256 tokenId) external view returns (address holder, uint256 exitDate);
    function queueExit(uint256 tokenId, address holder) external;
    function exit(uint256 tokenId) external returns (uint256 fee);
}

interface IEscrowCurve {
    function votingPowerAt(uint256 amount, uint256 start, uint256 exitQueuedAt, uint256 ts)
        external
        view
        returns (uint256);
}

interface IGaugeVoter {
    function isVoting(uint256 tokenId) external view returns (bool);
}

interface IClock {
    function currentEpoch() external view returns (uint256);
    function votingActive() external view returns (bool);
}

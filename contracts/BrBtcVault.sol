// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "./ERC20.sol";
import {IERC20Like} from "./Interfaces.sol";

/// @notice brBTC vault: ERC-4626 over MockBTC. Share price follows `totalAssets()` (the asset
///         balance, so a plain asset transfer to the vault is yield). Conversions use one virtual
///         share and one virtual asset: shares = assets * (supply + 1) / (totalAssets + 1).
///         Deposits and redemptions round down, mints and withdrawals round up (vault-favouring).
contract BrBtcVault is ERC20 {
    address public immutable asset;

    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
    event Withdraw(
        address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares
    );

    error ZeroShares();
    error ZeroAssets();
    error ExceedsMax(uint256 requested, uint256 max);
    error TokenTransferFailed();

    constructor(address asset_, string memory name_, string memory symbol_)
        ERC20(name_, symbol_, IERC20Like(asset_).decimals())
    {
        asset = asset_;
    }

    function totalAssets() public view returns (uint256) {
        return IERC20Like(asset).balanceOf(address(this));
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        return _toShares(assets, false);
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        return _toAssets(shares, false);
    }

    function maxDeposit(address) external pure returns (uint256) {
        return type(uint256).max;
    }

    function maxMint(address) external pure returns (uint256) {
        return type(uint256).max;
    }

    function maxWithdraw(address holder) public view returns (uint256) {
        return _toAssets(balanceOf[holder], false);
    }

    function maxRedeem(address holder) public view returns (uint256) {
        return balanceOf[holder];
    }

    function previewDeposit(uint256 assets) public view returns (uint256) {
        return _toShares(assets, false);
    }

    function previewMint(uint256 shares) public view returns (uint256) {
        return _toAssets(shares, true);
    }

    function previewWithdraw(uint256 assets) public view returns (uint256) {
        return _toShares(assets, true);
    }

    function previewRedeem(uint256 shares) public view returns (uint256) {
        return _toAssets(shares, false);
    }

    function deposit(uint256 assets, address receiver) external returns (uint256 shares) {
        shares = previewDeposit(assets);
        if (shares == 0) revert ZeroShares();
        _enter(receiver, assets, shares);
    }

    function mint(uint256 shares, address receiver) external returns (uint256 assets) {
        if (shares == 0) revert ZeroShares();
        assets = previewMint(shares);
        _enter(receiver, assets, shares);
    }

    function withdraw(uint256 assets, address receiver, address holder) external returns (uint256 shares) {
        uint256 max = maxWithdraw(holder);
        if (assets > max) revert ExceedsMax(assets, max);
        if (assets == 0) revert ZeroAssets();
        shares = previewWithdraw(assets);
        _leave(receiver, holder, assets, shares);
    }

    function redeem(uint256 shares, address receiver, address holder) external returns (uint256 assets) {
        uint256 max = maxRedeem(holder);
        if (shares > max) revert ExceedsMax(shares, max);
        assets = previewRedeem(shares);
        if (assets == 0) revert ZeroAssets();
        _leave(receiver, holder, assets, shares);
    }

    function _enter(address receiver, uint256 assets, uint256 shares) private {
        if (!IERC20Like(asset).transferFrom(msg.sender, address(this), assets)) revert TokenTransferFailed();
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    function _leave(address receiver, address holder, uint256 assets, uint256 shares) private {
        if (msg.sender != holder) _useAllowance(holder, msg.sender, shares);
        _burn(holder, shares);
        if (!IERC20Like(asset).transfer(receiver, assets)) revert TokenTransferFailed();
        emit Withdraw(msg.sender, receiver, holder, assets, shares);
    }

    function _toShares(uint256 assets, bool roundUp) private view returns (uint256) {
        return _divide(assets * (totalSupply + 1), totalAssets() + 1, roundUp);
    }

    function _toAssets(uint256 shares, bool roundUp) private view returns (uint256) {
        return _divide(shares * (totalAssets() + 1), totalSupply + 1, roundUp);
    }

    function _divide(uint256 a, uint256 b, bool roundUp) private pure returns (uint256) {
        uint256 q = a / b;
        return roundUp && q * b != a ? q + 1 : q;
    }
}

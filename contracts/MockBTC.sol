// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "./ERC20.sol";
import {Owned} from "./Owned.sol";

/// @notice Mock BTCB ("Bitcoin"/"BTCB"), 8 decimals; the owner mints.
contract MockBTC is ERC20, Owned {
    constructor() ERC20("Bitcoin", "BTCB", 8) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}

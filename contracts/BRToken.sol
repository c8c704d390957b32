// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "./ERC20.sol";

/// @notice BR ("Bedrock"), 18 decimals; the whole supply is minted to the deployer.
contract BRToken is ERC20 {
    constructor(uint256 supply) ERC20("Bedrock", "BR", 18) {
        _mint(msg.sender, supply);
    }
}

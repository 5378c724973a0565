// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A plain ERC20, as OpenZeppelin's docs write one: what the viem, ethers and Hardhat
///         scripts deploy through the gateway.
contract GLDToken is ERC20 {
    constructor(uint256 initialSupply) ERC20("Gold", "GLD") {
        _mint(msg.sender, initialSupply);
    }
}

/// @notice An ERC20 whose balances are private, as contracts on Obscuro keep them: a balance is
///         read by its holder only. `eth_call` runs as the gateway's authenticated account, so
///         another user cannot pass for the holder.
contract PrivateToken is ERC20 {
    error PrivateToken_NotYourBalance(address caller, address account);

    /// @dev A secret kept in storage: readable through neither a view nor `eth_getStorageAt`.
    uint256 private secret;

    constructor(uint256 initialSupply, uint256 secret_) ERC20("Private", "PRV") {
        _mint(msg.sender, initialSupply);
        secret = secret_;
    }

    function balanceOf(address account) public view override returns (uint256) {
        if (msg.sender != account) revert PrivateToken_NotYourBalance(msg.sender, account);
        return super.balanceOf(account);
    }
}

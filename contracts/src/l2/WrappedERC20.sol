// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { IWrappedToken } from "../interfaces/l2/IWrappedToken.sol";

/// @title WrappedERC20
/// @notice An L1 ERC20 on L2. Amounts are the L1 token's base units; the bridge does not carry
///         the L1 token's metadata, so name and symbol are generic and `decimals` is ERC20's
///         default (wallets read the L1 token's through `L1_TOKEN`).
/// @dev Deployed by the L2 bridge with CREATE2 (salt: the L1 token address). Mint and burn emit
///      `Transfer` from/to the zero address; the ledger of exit mode follows those events.
contract WrappedERC20 is ERC20, IWrappedToken {
    // ─────────────────────────────────────────────────────────────── immutables

    /// @inheritdoc IWrappedToken
    address public immutable BRIDGE;

    /// @inheritdoc IWrappedToken
    address public immutable L1_TOKEN;

    // ─────────────────────────────────────────────────────────────── constructor

    /// @param _l1Token The L1 token; the deployer is the bridge.
    constructor(address _l1Token) ERC20("Obscuro Bridged ERC20", "oERC20") {
        BRIDGE = msg.sender;
        L1_TOKEN = _l1Token;
    }

    // ─────────────────────────────────────────────────────────────── external

    /// @inheritdoc IWrappedToken
    function mint(address _to, uint256 _amount) external {
        _onlyBridge();
        _mint(_to, _amount);
    }

    /// @inheritdoc IWrappedToken
    function burn(address _from, uint256 _amount) external {
        _onlyBridge();
        _burn(_from, _amount);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IWrappedToken
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── private

    function _onlyBridge() private view {
        if (msg.sender != BRIDGE) revert WrappedToken_NotBridge(msg.sender);
    }
}

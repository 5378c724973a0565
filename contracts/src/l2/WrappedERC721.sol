// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import { IWrappedToken } from "../interfaces/l2/IWrappedToken.sol";

/// @title WrappedERC721
/// @notice An L1 ERC721 on L2: the same token ids, owned on L2. The bridge does not carry the L1
///         token's metadata (name, symbol, URIs): wallets read the L1 token's through `L1_TOKEN`.
/// @dev Deployed by the L2 bridge with CREATE2 (salt: the L1 token address). Mint is ERC721's
///      plain `_mint` (no `onERC721Received` hook, so a deposit to a contract cannot fail); mint
///      and burn emit `Transfer` from/to the zero address, which the exit-mode ledger follows.
contract WrappedERC721 is ERC721, IWrappedToken {
    // ─────────────────────────────────────────────────────────────── errors

    /// @notice A withdrawal of a token the account does not own.
    error WrappedERC721_NotOwner(address account, uint256 tokenId);

    // ─────────────────────────────────────────────────────────────── immutables

    /// @inheritdoc IWrappedToken
    address public immutable BRIDGE;

    /// @inheritdoc IWrappedToken
    address public immutable L1_TOKEN;

    // ─────────────────────────────────────────────────────────────── constructor

    /// @param _l1Token The L1 token; the deployer is the bridge.
    constructor(address _l1Token) ERC721("Obscuro Bridged ERC721", "oERC721") {
        BRIDGE = msg.sender;
        L1_TOKEN = _l1Token;
    }

    // ─────────────────────────────────────────────────────────────── external

    /// @inheritdoc IWrappedToken
    function mint(address _to, uint256 _tokenId) external {
        _onlyBridge();
        _mint(_to, _tokenId);
    }

    /// @inheritdoc IWrappedToken
    function burn(address _from, uint256 _tokenId) external {
        _onlyBridge();
        if (_ownerOf(_tokenId) != _from) revert WrappedERC721_NotOwner(_from, _tokenId);
        _burn(_tokenId);
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

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Create2 } from "@openzeppelin/contracts/utils/Create2.sol";
import { IL2Bridge } from "../interfaces/l2/IL2Bridge.sol";
import { IWrappedToken } from "../interfaces/l2/IWrappedToken.sol";
import { WrappedERC20 } from "./WrappedERC20.sol";
import { WrappedERC721 } from "./WrappedERC721.sol";

/// @title L2Bridge
/// @notice The L2 side of the Obscuro bridge: credits L1 deposits (system calls) and burns what
///         L2 accounts withdraw (docs/l2-chain.md).
/// @dev A predeploy: the L2 genesis places this runtime code at a fixed address without running a
///      constructor, so the contract has no immutables and its state starts at zero. State lives
///      in an ERC-7201 namespace, so a later chain upgrade can replace the code and keep it.
///      Withdrawn ETH stays here, outside every balance of the exit-mode ledger: it is burned.
contract L2Bridge is IL2Bridge {
    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc IL2Bridge
    address public constant SYSTEM_ADDRESS = 0xffffFFFfFFffffffffffffffFfFFFfffFFFfFFfE;

    // ─────────────────────────────────────────────────────────────── storage

    /// @custom:storage-location erc7201:obscuro.storage.L2Bridge
    struct L2BridgeStorage {
        /// The id the next withdrawal gets.
        uint256 nextWithdrawalId;
        /// Deposits of the L1 queue processed so far.
        uint256 depositCount;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.L2Bridge")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant L2_BRIDGE_STORAGE = 0xd034182ed2de8b7f6327bde35a0b5b697219a0e0c65a13609684a631f85be800;

    // ─────────────────────────────────────────────────────────────── external

    /// @notice Refuses plain ETH: use `withdrawEth`, which records where the ETH goes on L1.
    receive() external payable {
        revert L2Bridge_UseWithdrawEth();
    }

    /// @inheritdoc IL2Bridge
    function finalizeDeposit(
        uint256 _index,
        address _from,
        address _to,
        AssetKind _kind,
        address _l1Token,
        uint256 _amountOrId
    ) external {
        if (msg.sender != SYSTEM_ADDRESS) revert L2Bridge_NotSystem(msg.sender);
        _storage().depositCount = _index + 1;
        if (_kind == AssetKind.Eth || _mintWrapped(_kind, _l1Token, _to, _amountOrId)) {
            emit DepositFinalized(_index, _from, _to, _kind, _l1Token, _amountOrId);
        } else {
            emit DepositNotCredited(_index, _from, _to, _kind, _l1Token, _amountOrId);
        }
    }

    /// @inheritdoc IL2Bridge
    function withdrawEth(address _l1Recipient) external payable returns (uint256 id_) {
        if (msg.value == 0) revert L2Bridge_ZeroAmount();
        id_ = _recordWithdrawal(_l1Recipient, AssetKind.Eth, address(0), msg.value);
    }

    /// @inheritdoc IL2Bridge
    function withdrawErc20(address _l1Token, uint256 _amount, address _l1Recipient) external returns (uint256 id_) {
        if (_amount == 0) revert L2Bridge_ZeroAmount();
        IWrappedToken(_existingWrapped(AssetKind.Erc20, _l1Token)).burn(msg.sender, _amount);
        id_ = _recordWithdrawal(_l1Recipient, AssetKind.Erc20, _l1Token, _amount);
    }

    /// @inheritdoc IL2Bridge
    function withdrawErc721(address _l1Token, uint256 _tokenId, address _l1Recipient) external returns (uint256 id_) {
        IWrappedToken(_existingWrapped(AssetKind.Erc721, _l1Token)).burn(msg.sender, _tokenId);
        id_ = _recordWithdrawal(_l1Recipient, AssetKind.Erc721, _l1Token, _tokenId);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IL2Bridge
    function nextWithdrawalId() external view returns (uint256) {
        return _storage().nextWithdrawalId;
    }

    /// @inheritdoc IL2Bridge
    function depositCount() external view returns (uint256) {
        return _storage().depositCount;
    }

    /// @inheritdoc IL2Bridge
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IL2Bridge
    function wrappedToken(AssetKind _kind, address _l1Token) public view returns (address) {
        return Create2.computeAddress(_salt(_l1Token), keccak256(_initCode(_kind, _l1Token)));
    }

    // ─────────────────────────────────────────────────────────────── private

    /// @dev Mints a deposit's wrapped asset, deploying the token first if needed. Returns false
    ///      instead of reverting when the mint is impossible (see `DepositNotCredited`).
    function _mintWrapped(AssetKind _kind, address _l1Token, address _to, uint256 _amountOrId) private returns (bool) {
        address wrapped = wrappedToken(_kind, _l1Token);
        if (wrapped.code.length == 0) {
            Create2.deploy(0, _salt(_l1Token), _initCode(_kind, _l1Token));
            emit WrappedTokenDeployed(_l1Token, _kind, wrapped);
        }
        try IWrappedToken(wrapped).mint(_to, _amountOrId) {
            return true;
        } catch {
            return false;
        }
    }

    function _recordWithdrawal(
        address _l1Recipient,
        AssetKind _kind,
        address _l1Token,
        uint256 _amountOrId
    ) private returns (uint256 id_) {
        if (_l1Recipient == address(0)) revert L2Bridge_ZeroRecipient();
        L2BridgeStorage storage $ = _storage();
        id_ = $.nextWithdrawalId++;
        emit WithdrawalInitiated(id_, msg.sender, _l1Recipient, _kind, _l1Token, _amountOrId);
    }

    function _existingWrapped(AssetKind _kind, address _l1Token) private view returns (address wrapped_) {
        wrapped_ = wrappedToken(_kind, _l1Token);
        if (wrapped_.code.length == 0) revert L2Bridge_UnknownToken(_kind, _l1Token);
    }

    function _initCode(AssetKind _kind, address _l1Token) private pure returns (bytes memory) {
        if (_kind == AssetKind.Erc20) return abi.encodePacked(type(WrappedERC20).creationCode, abi.encode(_l1Token));
        if (_kind == AssetKind.Erc721) return abi.encodePacked(type(WrappedERC721).creationCode, abi.encode(_l1Token));
        revert L2Bridge_NotAToken(_kind);
    }

    function _salt(address _l1Token) private pure returns (bytes32) {
        return bytes32(uint256(uint160(_l1Token)));
    }

    function _storage() private pure returns (L2BridgeStorage storage $) {
        assembly {
            $.slot := L2_BRIDGE_STORAGE
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import { IERC721Receiver } from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { GovernedModule } from "../common/GovernedModule.sol";
import { IBridgeManagement } from "../interfaces/bridge/IBridgeManagement.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";
import { DepositQueue } from "./libraries/DepositQueue.sol";

/// @title BridgeManagement
/// @notice Holds every asset bridged to Obscuro and keeps the deposit queue that rollups consume.
/// @dev Deposits: ETH (`depositETH`, or plain ETH sent here, credited to the sender), ERC20
///      (credited by balance difference, so fee-on-transfer tokens work; SafeERC20, so tokens that
///      return no bool work) and ERC721 (`depositERC721`, or `safeTransferFrom` to this contract).
///      Withdrawals and exit mode are added by the withdrawal module of this contract.
contract BridgeManagement is GovernedModule, ReentrancyGuardTransient, IERC721Receiver, IBridgeManagement {
    using SafeERC20 for IERC20;
    using DepositQueue for DepositQueue.Queue;

    // ─────────────────────────────────────────────────────────────── storage

    /// @custom:storage-location erc7201:obscuro.storage.BridgeManagement
    struct BridgeStorage {
        DepositQueue.Queue queue;
        /// ERC721 tokens the bridge holds for L2 owners, so a direct `onERC721Received` call cannot
        /// credit a token twice.
        mapping(address token => mapping(uint256 tokenId => bool)) erc721Held;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.BridgeManagement")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BRIDGE_STORAGE = 0x2ef2d288a957280cbb810ffb6f95ca53ba0e772e6a14ad42582c1ccb81fe9e00;

    /// @notice The RollupManagement proxy whose rollups consume the queue and commit withdrawals.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address public immutable ROLLUP_MANAGEMENT;

    // ─────────────────────────────────────────────────────────────── constructor / initializer

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address _rollupManagement) {
        ROLLUP_MANAGEMENT = _rollupManagement;
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param _governance Sets parameters and upgrades (the Timelock).
    /// @param _council Emergency powers (pause, freeze).
    function initialize(address _governance, address _council) external initializer {
        __GovernedModule_init(_governance, _council);
    }

    // ─────────────────────────────────────────────────────────────── deposits

    /// @notice Plain ETH sent to the bridge is deposited to the sender's own L2 account.
    receive() external payable nonReentrant {
        _depositETH(msg.sender);
    }

    /// @inheritdoc IBridgeManagement
    function depositETH(address _to) external payable nonReentrant {
        _depositETH(_to);
    }

    /// @inheritdoc IBridgeManagement
    function depositERC20(address _token, uint256 _amount, address _to) external nonReentrant {
        DepositQueue.Queue storage queue = _bridgeStorage().queue;
        _requireOpen(queue, _to);
        if (_amount == 0) revert BridgeManagement_ZeroAmount();
        if (_token.code.length == 0) revert BridgeManagement_InvalidToken(_token);
        IERC20 token = IERC20(_token);
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), _amount);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received == 0) revert BridgeManagement_ZeroAmount();
        _enqueue(queue, AssetKind.Erc20, msg.sender, _to, _token, received);
    }

    /// @inheritdoc IBridgeManagement
    function depositERC721(address _token, uint256 _tokenId, address _to) external nonReentrant {
        BridgeStorage storage $ = _bridgeStorage();
        _requireOpen($.queue, _to);
        if (_token.code.length == 0) revert BridgeManagement_InvalidToken(_token);
        IERC721(_token).transferFrom(msg.sender, address(this), _tokenId);
        _creditErc721($, _token, _tokenId, msg.sender, _to);
    }

    /// @notice An ERC721 sent with `safeTransferFrom` is deposited to `from`'s L2 account, or to the
    ///         address abi-encoded in `data` when 32 bytes are given.
    /// @dev Anyone can call this directly, so the bridge checks that it owns the token and has not
    ///      credited it already.
    function onERC721Received(
        address,
        address _from,
        uint256 _tokenId,
        bytes calldata _data
    ) external nonReentrant returns (bytes4) {
        BridgeStorage storage $ = _bridgeStorage();
        address to = _data.length == 32 ? abi.decode(_data, (address)) : _from;
        _requireOpen($.queue, to);
        _creditErc721($, msg.sender, _tokenId, _from, to);
        return IERC721Receiver.onERC721Received.selector;
    }

    // ─────────────────────────────────────────────────────────────── rollup checks

    /// @inheritdoc IBridgeManagement
    function checkDepositsConsumed(
        uint64 _l1BlockNumber,
        uint64 _depositCount,
        bytes32 _depositAcc,
        DepositCheckpoint calldata _checkpoint
    ) external view {
        _bridgeStorage().queue.checkConsumed(_l1BlockNumber, _depositCount, _depositAcc, _checkpoint);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IBridgeManagement
    function depositQueue()
        external
        view
        returns (uint64 count_, bytes32 acc_, uint64 lastBlock_, uint64 checkpointCount_)
    {
        DepositQueue.Queue storage queue = _bridgeStorage().queue;
        return (queue.count, queue.acc, queue.lastBlock, queue.checkpointCount);
    }

    /// @inheritdoc IBridgeManagement
    function depositCheckpoint(uint256 _seq) external view returns (bytes32) {
        return _bridgeStorage().queue.checkpoints[_seq];
    }

    /// @inheritdoc IBridgeManagement
    function depositAccumulatorStep(
        bytes32 _acc,
        uint64 _index,
        AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) external pure returns (bytes32) {
        return DepositQueue.step(_acc, _index, _kind, _from, _to, _token, _amountOrId);
    }

    /// @notice Whether the bridge holds ERC721 `_token` #`_tokenId` for an L2 owner.
    function isErc721Held(address _token, uint256 _tokenId) external view returns (bool) {
        return _bridgeStorage().erc721Held[_token][_tokenId];
    }

    /// @inheritdoc IGovernedModule
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── internal

    function _depositETH(address _to) internal {
        DepositQueue.Queue storage queue = _bridgeStorage().queue;
        _requireOpen(queue, _to);
        if (msg.value == 0) revert BridgeManagement_ZeroAmount();
        _enqueue(queue, AssetKind.Eth, msg.sender, _to, address(0), msg.value);
    }

    function _creditErc721(
        BridgeStorage storage $,
        address _token,
        uint256 _tokenId,
        address _from,
        address _to
    ) internal {
        if ($.erc721Held[_token][_tokenId] || IERC721(_token).ownerOf(_tokenId) != address(this)) {
            revert BridgeManagement_Erc721NotReceived(_token, _tokenId);
        }
        $.erc721Held[_token][_tokenId] = true;
        _enqueue($.queue, AssetKind.Erc721, _from, _to, _token, _tokenId);
    }

    function _enqueue(
        DepositQueue.Queue storage _queue,
        AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) internal {
        (uint64 index, bytes32 acc) = _queue.append(_kind, _from, _to, _token, _amountOrId);
        emit DepositQueued(index, _from, _to, _kind, _token, _amountOrId, acc);
    }

    function _requireOpen(DepositQueue.Queue storage _queue, address _to) internal view {
        if (_queue.frozen || block.timestamp < _queue.pausedUntil) revert BridgeManagement_DepositsClosed();
        if (_to == address(0)) revert BridgeManagement_ZeroRecipient();
    }

    function _bridgeStorage() private pure returns (BridgeStorage storage $) {
        assembly {
            $.slot := BRIDGE_STORAGE
        }
    }
}

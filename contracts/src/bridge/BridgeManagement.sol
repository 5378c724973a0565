// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import { IERC721Receiver } from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { BitMaps } from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import { MerkleProof } from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import { GovernedModule } from "../common/GovernedModule.sol";
import { IBridgeManagement } from "../interfaces/bridge/IBridgeManagement.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";
import { IRollupManagement } from "../interfaces/rollup/IRollupManagement.sol";
import { Hashing } from "../libraries/Hashing.sol";
import { Types } from "../libraries/Types.sol";
import { DepositQueue } from "./libraries/DepositQueue.sol";

/// @title BridgeManagement
/// @notice Holds every asset bridged to Obscuro and keeps the deposit queue that rollups consume.
/// @dev Deposits: ETH (`depositETH`, or plain ETH sent here, credited to the sender), ERC20
///      (credited by balance difference, so fee-on-transfer tokens work; SafeERC20, so tokens that
///      return no bool work) and ERC721 (`depositERC721`, or `safeTransferFrom` to this contract).
///      Withdrawals are paid from final rollups' `withdrawalRoot`s; in exit mode, from the frozen
///      ledger's `stateRoot`, with refunds of the deposits it did not consume. Nothing is paid
///      twice: withdrawals by id, exits by (account, asset) or token, refunds by deposit index.
contract BridgeManagement is GovernedModule, ReentrancyGuardTransient, IERC721Receiver, IBridgeManagement {
    using SafeERC20 for IERC20;
    using DepositQueue for DepositQueue.Queue;
    using BitMaps for BitMaps.BitMap;

    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc IBridgeManagement
    uint256 public constant MAX_PAUSE = 30 days;

    /// @inheritdoc IBridgeManagement
    uint256 public constant PAUSE_COOLDOWN = 3 days;

    /// @inheritdoc IBridgeManagement
    uint64 public constant REFUND_POINT_INTERVAL = 32;

    /// @notice The RollupManagement proxy whose rollups consume the queue and commit withdrawals.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IRollupManagement internal immutable ROLLUPS;

    // ─────────────────────────────────────────────────────────────── storage

    /// @custom:storage-location erc7201:obscuro.storage.BridgeManagement
    struct BridgeStorage {
        DepositQueue.Queue queue;
        /// ERC721 tokens the bridge holds for L2 owners, so a direct `onERC721Received` call cannot
        /// credit a token twice.
        mapping(address token => mapping(uint256 tokenId => bool)) erc721Held;
        /// L2 withdrawal ids already paid.
        BitMaps.BitMap withdrawalsFinalized;
        /// When the last pause ends or ended.
        uint40 lastPauseEnd;
        /// Exit mode.
        FrozenLedger frozen;
        mapping(bytes32 exitKey => bool) exited;
        BitMaps.BitMap depositsRefunded;
        /// The frozen rollup's deposit accumulator: where refunds start from.
        bytes32 frozenDepositAcc;
        /// Exit mode: the queue's accumulator proven at these counts (`recordRefundPoints`).
        mapping(uint64 count => bytes32 acc) refundPoints;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.BridgeManagement")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BRIDGE_STORAGE = 0x2ef2d288a957280cbb810ffb6f95ca53ba0e772e6a14ad42582c1ccb81fe9e00;

    // ─────────────────────────────────────────────────────────────── constructor / initializer

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IRollupManagement _rollups) {
        ROLLUPS = _rollups;
        _disableInitializers();
    }

    /// @inheritdoc IBridgeManagement
    function initialize(address _governance, address _council) external initializer {
        __GovernedModule_init(_governance, _council);
        _bridgeStorage().queue.prepare();
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
        _enqueue(queue, Types.AssetKind.Erc20, msg.sender, _to, _token, received);
    }

    /// @inheritdoc IBridgeManagement
    function depositERC721(address _token, uint256 _tokenId, address _to) external nonReentrant {
        BridgeStorage storage $ = _bridgeStorage();
        _requireOpen($.queue, _to);
        if (_token.code.length == 0) revert BridgeManagement_InvalidToken(_token);
        IERC721(_token).transferFrom(msg.sender, address(this), _tokenId);
        _creditErc721($, _token, _tokenId, msg.sender, _to);
    }

    /// @inheritdoc IERC721Receiver
    /// @notice An ERC721 sent with `safeTransferFrom` is deposited to `from`'s L2 account when
    ///         `data` is empty, or to the address in `data` when it is exactly one ABI-encoded
    ///         address (32 bytes, the high 12 zero). Any other `data` is refused, so the token
    ///         never moves on a request whose recipient is unclear.
    /// @dev Anyone can call this directly, so the bridge checks that it owns the token and has not
    ///      credited it already.
    function onERC721Received(
        address,
        address _from,
        uint256 _tokenId,
        bytes calldata _data
    ) external nonReentrant returns (bytes4) {
        BridgeStorage storage $ = _bridgeStorage();
        address to = _erc721Recipient(_from, _data);
        _requireOpen($.queue, to);
        _creditErc721($, msg.sender, _tokenId, _from, to);
        return IERC721Receiver.onERC721Received.selector;
    }

    // ─────────────────────────────────────────────────────────────── withdrawals

    /// @inheritdoc IBridgeManagement
    function finalizeWithdrawal(
        Types.RollupHeader calldata _header,
        Types.Withdrawal calldata _withdrawal,
        bytes32[] calldata _proof
    ) external nonReentrant {
        BridgeStorage storage $ = _bridgeStorage();
        DepositQueue.Hot memory hot = $.queue.hot;
        if (block.timestamp < hot.pausedUntil) revert BridgeManagement_WithdrawalsPaused(hot.pausedUntil);
        (bytes32 rollupHash, uint64 number) = ROLLUPS.checkWithdrawable(_header);
        if (!MerkleProof.verifyCalldata(_proof, _header.withdrawalRoot, Hashing.hashWithdrawalLeaf(_withdrawal))) {
            revert BridgeManagement_InvalidProof();
        }
        if ($.withdrawalsFinalized.get(_withdrawal.id))
            revert BridgeManagement_WithdrawalAlreadyFinalized(_withdrawal.id);
        $.withdrawalsFinalized.set(_withdrawal.id);
        if (number > hot.newestWithdrawalRollup) $.queue.hot.newestWithdrawalRollup = uint48(number);
        _pay($, _withdrawal.recipient, _withdrawal.kind, _withdrawal.token, _withdrawal.amountOrId);
        emit WithdrawalFinalized(
            _withdrawal.id,
            rollupHash,
            _withdrawal.recipient,
            _withdrawal.kind,
            _withdrawal.token,
            _withdrawal.amountOrId,
            msg.sender
        );
    }

    // ─────────────────────────────────────────────────────────────── emergency

    /// @inheritdoc IBridgeManagement
    function pause(uint256 _duration) external onlyCouncil {
        BridgeStorage storage $ = _bridgeStorage();
        if (_duration == 0 || _duration > MAX_PAUSE) revert BridgeManagement_InvalidPauseDuration(_duration);
        uint40 pausedUntil_ = $.queue.hot.pausedUntil;
        if (block.timestamp < pausedUntil_) revert BridgeManagement_AlreadyPaused(pausedUntil_);
        uint256 availableAt = uint256($.lastPauseEnd) + PAUSE_COOLDOWN;
        if ($.lastPauseEnd != 0 && block.timestamp < availableAt) revert BridgeManagement_PauseCoolingDown(availableAt);
        uint40 until = uint40(block.timestamp + _duration);
        $.queue.hot.pausedUntil = until;
        $.lastPauseEnd = until;
        emit Paused(until, msg.sender);
    }

    /// @inheritdoc IBridgeManagement
    function unpause() external {
        if (msg.sender != council() && msg.sender != governance()) {
            revert BridgeManagement_NotCouncilOrGovernance(msg.sender);
        }
        BridgeStorage storage $ = _bridgeStorage();
        if (block.timestamp >= $.queue.hot.pausedUntil) revert BridgeManagement_NotPaused();
        $.queue.hot.pausedUntil = uint40(block.timestamp);
        $.lastPauseEnd = uint40(block.timestamp);
        emit Unpaused(msg.sender);
    }

    /// @inheritdoc IBridgeManagement
    function freeze(Types.RollupHeader calldata _header) external onlyCouncil {
        BridgeStorage storage $ = _bridgeStorage();
        DepositQueue.Hot memory hot = $.queue.hot;
        if (hot.frozen) revert BridgeManagement_AlreadyFrozen();
        (bytes32 rollupHash, uint64 number) = ROLLUPS.freezeOn(_header);
        if (number < hot.newestWithdrawalRollup) {
            revert BridgeManagement_FreezeBeforeWithdrawals(number, hot.newestWithdrawalRollup);
        }
        $.frozen = FrozenLedger({
            rollupHash: rollupHash,
            stateRoot: _header.stateRoot,
            number: number,
            depositCount: _header.depositCount
        });
        $.frozenDepositAcc = _header.depositAcc;
        $.queue.hot.frozen = true;
        emit Frozen(rollupHash, number, _header.stateRoot, _header.depositCount, _header.depositAcc);
    }

    /// @inheritdoc IBridgeManagement
    function exitWithBalanceProof(Types.BalanceLeaf calldata _leaf, bytes32[] calldata _proof) external nonReentrant {
        BridgeStorage storage $ = _bridgeStorage();
        _requireExitMode($);
        if (!MerkleProof.verifyCalldata(_proof, $.frozen.stateRoot, Hashing.hashBalanceLeaf(_leaf))) {
            revert BridgeManagement_InvalidProof();
        }
        bytes32 key = _exitKey(_leaf);
        if ($.exited[key]) revert BridgeManagement_AlreadyExited(key);
        $.exited[key] = true;
        _pay($, _leaf.account, _leaf.kind, _leaf.token, _leaf.amountOrId);
        emit BalanceExited(_leaf.account, _leaf.kind, _leaf.token, _leaf.amountOrId);
    }

    /// @inheritdoc IBridgeManagement
    function refundDeposit(uint256 _index, DepositRangeProof calldata _proof) external nonReentrant {
        BridgeStorage storage $ = _bridgeStorage();
        _requireExitMode($);
        uint64 consumed = $.frozen.depositCount;
        if (_index < consumed) revert BridgeManagement_DepositInLedger(_index, consumed);
        if ($.depositsRefunded.get(_index)) revert BridgeManagement_AlreadyRefunded(_index);
        _checkDepositRange($, _proof);
        uint64 start = _proof.start.count;
        uint64 end = start + uint64(_proof.deposits.length);
        if (_index < start || _index >= end) revert BridgeManagement_IndexOutOfRange(_index, start, end);
        Types.QueuedDeposit calldata deposit = _proof.deposits[_index - start];
        $.depositsRefunded.set(_index);
        _pay($, deposit.from, deposit.kind, deposit.token, deposit.amountOrId);
        emit DepositRefunded(_index, deposit.from, deposit.kind, deposit.token, deposit.amountOrId);
    }

    /// @inheritdoc IBridgeManagement
    function recordRefundPoints(
        uint64 _startCount,
        bytes32 _startAcc,
        Types.QueuedDeposit[] calldata _deposits,
        QueuePoint calldata _end
    ) external {
        BridgeStorage storage $ = _bridgeStorage();
        if (!$.queue.hot.frozen) revert BridgeManagement_NotFrozen();
        uint64 frozenCount = $.frozen.depositCount;
        if (_startCount < frozenCount || _deposits.length == 0) {
            revert BridgeManagement_InvalidRefundRange(_startCount, _deposits.length, frozenCount);
        }
        _requireEnd($, _end);
        if (uint256(_end.count) != uint256(_startCount) + _deposits.length) {
            revert BridgeManagement_InvalidDepositRange();
        }
        // Chain forward, remembering the accumulators to record; they are proven only once the
        // chain reaches `_end`, so nothing is stored before that.
        uint256 interval = REFUND_POINT_INTERVAL;
        bytes32[] memory points = new bytes32[]((_deposits.length + interval - 1) / interval + 1);
        uint256 n;
        points[n++] = _startAcc;
        bytes32 acc = _startAcc;
        for (uint256 i; i < _deposits.length; ++i) {
            uint64 index = _startCount + uint64(i);
            if (i != 0 && index % interval == 0) points[n++] = acc;
            acc = _step(acc, index, _deposits[i]);
        }
        if (acc != _end.acc) revert BridgeManagement_InvalidDepositRange();
        uint256 recorded = _storeRefundPoints($, _startCount, points, n);
        emit RefundPointsRecorded(_startCount, _end.count, recorded);
    }

    // ─────────────────────────────────────────────────────────────── rollup checks

    /// @inheritdoc IBridgeManagement
    function checkDepositsConsumed(
        uint64 _l1BlockNumber,
        uint64 _depositCount,
        bytes32 _depositAcc,
        Types.DepositCheckpoint calldata _checkpoint
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
        DepositQueue.Hot memory hot = queue.hot;
        return (hot.count, queue.acc, hot.lastBlock, hot.checkpointCount);
    }

    /// @inheritdoc IBridgeManagement
    function depositCheckpoint(uint256 _seq) external view returns (bytes32) {
        return _bridgeStorage().queue.checkpointAt(_seq);
    }

    /// @inheritdoc IBridgeManagement
    function frozenDepositAcc() external view returns (bytes32) {
        return _bridgeStorage().frozenDepositAcc;
    }

    /// @inheritdoc IBridgeManagement
    function refundPoint(uint64 _count) external view returns (bytes32) {
        return _bridgeStorage().refundPoints[_count];
    }

    /// @inheritdoc IBridgeManagement
    function isWithdrawalFinalized(uint256 _id) external view returns (bool) {
        return _bridgeStorage().withdrawalsFinalized.get(_id);
    }

    /// @inheritdoc IBridgeManagement
    function isDepositRefunded(uint256 _index) external view returns (bool) {
        return _bridgeStorage().depositsRefunded.get(_index);
    }

    /// @inheritdoc IBridgeManagement
    function isExited(bytes32 _key) external view returns (bool) {
        return _bridgeStorage().exited[_key];
    }

    /// @inheritdoc IBridgeManagement
    function exitKey(Types.BalanceLeaf calldata _leaf) external pure returns (bytes32) {
        return _exitKey(_leaf);
    }

    /// @inheritdoc IBridgeManagement
    function pausedUntil() external view returns (uint40) {
        return _bridgeStorage().queue.hot.pausedUntil;
    }

    /// @inheritdoc IBridgeManagement
    function frozenLedger() external view returns (FrozenLedger memory) {
        return _bridgeStorage().frozen;
    }

    /// @inheritdoc IBridgeManagement
    function withdrawalLeaf(Types.Withdrawal calldata _withdrawal) external pure returns (bytes32) {
        return Hashing.hashWithdrawalLeaf(_withdrawal);
    }

    /// @inheritdoc IBridgeManagement
    function balanceLeaf(Types.BalanceLeaf calldata _leaf) external pure returns (bytes32) {
        return Hashing.hashBalanceLeaf(_leaf);
    }

    /// @inheritdoc IBridgeManagement
    function depositAccumulatorStep(
        bytes32 _acc,
        uint64 _index,
        Types.AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) external pure returns (bytes32) {
        return Hashing.hashDeposit(_acc, _index, _kind, _from, _to, _token, _amountOrId);
    }

    /// @inheritdoc IBridgeManagement
    function isErc721Held(address _token, uint256 _tokenId) external view returns (bool) {
        return _bridgeStorage().erc721Held[_token][_tokenId];
    }

    /// @inheritdoc IBridgeManagement
    function rollups() external view returns (address) {
        return address(ROLLUPS);
    }

    /// @inheritdoc IGovernedModule
    function version() external pure returns (string memory) {
        return "1.1.0";
    }

    // ─────────────────────────────────────────────────────────────── internal

    function _depositETH(address _to) internal {
        DepositQueue.Queue storage queue = _bridgeStorage().queue;
        _requireOpen(queue, _to);
        if (msg.value == 0) revert BridgeManagement_ZeroAmount();
        _enqueue(queue, Types.AssetKind.Eth, msg.sender, _to, address(0), msg.value);
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
        _enqueue($.queue, Types.AssetKind.Erc721, _from, _to, _token, _tokenId);
    }

    function _enqueue(
        DepositQueue.Queue storage _queue,
        Types.AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) internal {
        (uint64 index, bytes32 acc) = _queue.append(_kind, _from, _to, _token, _amountOrId);
        emit DepositQueued(index, _from, _to, _kind, _token, _amountOrId, acc);
    }

    /// @dev Pays `_amountOrId` of an asset out of the vault. ERC721s go with `safeTransferFrom`, so a
    ///      contract recipient must accept them; a failed payment reverts and stays claimable.
    function _pay(
        BridgeStorage storage $,
        address _to,
        Types.AssetKind _kind,
        address _token,
        uint256 _amountOrId
    ) internal {
        if (_kind == Types.AssetKind.Eth) {
            (bool ok, ) = _to.call{ value: _amountOrId }("");
            if (!ok) revert BridgeManagement_PaymentFailed(_to);
        } else if (_kind == Types.AssetKind.Erc20) {
            IERC20(_token).safeTransfer(_to, _amountOrId);
        } else {
            $.erc721Held[_token][_amountOrId] = false;
            IERC721(_token).safeTransferFrom(address(this), _to, _amountOrId);
        }
    }

    /// @dev Reverts unless `_proof.deposits` chain from one known point of the queue to another. A
    ///      start is the frozen rollup's (count, acc), a checkpoint in the ring or a recorded point;
    ///      an end is a checkpoint in the ring, a recorded point or the queue's latest state.
    function _checkDepositRange(BridgeStorage storage $, DepositRangeProof calldata _proof) internal view {
        QueuePoint calldata start = _proof.start;
        QueuePoint calldata end = _proof.end;
        _requireStart($, start);
        _requireEnd($, end);
        if (uint256(end.count) != uint256(start.count) + _proof.deposits.length) {
            revert BridgeManagement_InvalidDepositRange();
        }
        bytes32 acc = start.acc;
        for (uint256 i; i < _proof.deposits.length; ++i) {
            acc = _step(acc, start.count + uint64(i), _proof.deposits[i]);
        }
        if (acc != end.acc) revert BridgeManagement_InvalidDepositRange();
    }

    /// @dev Reverts unless `_point` is a known place a deposit range may start from.
    function _requireStart(BridgeStorage storage $, QueuePoint calldata _point) internal view {
        bool known;
        if (_point.kind == QueuePointKind.Frozen) {
            known = _point.count == $.frozen.depositCount && _point.acc == $.frozenDepositAcc;
        } else if (_point.kind == QueuePointKind.Recorded) {
            known = _isRecorded($, _point);
        } else if (_point.kind == QueuePointKind.Checkpoint) {
            known = _isCheckpoint($.queue, _point);
        }
        if (!known) revert BridgeManagement_UnknownQueuePoint(_point.kind, _point.count);
    }

    /// @dev Reverts unless `_point` is a known place a deposit range may end at.
    function _requireEnd(BridgeStorage storage $, QueuePoint calldata _point) internal view {
        bool known;
        if (_point.kind == QueuePointKind.Latest) {
            known = _point.count == $.queue.hot.count && _point.acc == $.queue.acc;
        } else if (_point.kind == QueuePointKind.Recorded) {
            known = _isRecorded($, _point);
        } else if (_point.kind == QueuePointKind.Checkpoint) {
            known = _isCheckpoint($.queue, _point);
        }
        if (!known) revert BridgeManagement_UnknownQueuePoint(_point.kind, _point.count);
    }

    function _isRecorded(BridgeStorage storage $, QueuePoint calldata _point) internal view returns (bool) {
        bytes32 acc = $.refundPoints[_point.count];
        return acc != bytes32(0) && acc == _point.acc;
    }

    function _isCheckpoint(DepositQueue.Queue storage _queue, QueuePoint calldata _point) internal view returns (bool) {
        return
            _queue.isCheckpoint(
                _point.seq,
                DepositQueue.hashCheckpoint(_point.fromBlock, _point.untilBlock, _point.count, _point.acc)
            );
    }

    /// @dev Stores the proven accumulators of a chunk: `_points[0]` at `_startCount`, then one at
    ///      each multiple of `REFUND_POINT_INTERVAL` after it. Returns how many were new. The empty
    ///      queue's accumulator (zero, at count 0) is not stored: the frozen point stands for it.
    function _storeRefundPoints(
        BridgeStorage storage $,
        uint64 _startCount,
        bytes32[] memory _points,
        uint256 _n
    ) internal returns (uint256 recorded_) {
        uint64 count = _startCount;
        for (uint256 i; i < _n; ++i) {
            if (_points[i] != bytes32(0) && $.refundPoints[count] == bytes32(0)) {
                $.refundPoints[count] = _points[i];
                ++recorded_;
            }
            count = (count / REFUND_POINT_INTERVAL + 1) * REFUND_POINT_INTERVAL;
        }
    }

    function _step(bytes32 _acc, uint64 _index, Types.QueuedDeposit calldata _d) internal pure returns (bytes32) {
        return Hashing.hashDeposit(_acc, _index, _d.kind, _d.from, _d.to, _d.token, _d.amountOrId);
    }

    /// @dev The L2 recipient a `safeTransferFrom` names: `_from` for empty data, else the single
    ///      ABI-encoded address `_data` must be.
    function _erc721Recipient(address _from, bytes calldata _data) internal pure returns (address) {
        if (_data.length == 0) return _from;
        if (_data.length != 32 || uint256(bytes32(_data)) >> 160 != 0) {
            revert BridgeManagement_InvalidErc721Data(_data.length);
        }
        return address(uint160(uint256(bytes32(_data))));
    }

    function _requireExitMode(BridgeStorage storage $) internal view {
        DepositQueue.Hot memory hot = $.queue.hot;
        if (!hot.frozen) revert BridgeManagement_NotFrozen();
        if (block.timestamp < hot.pausedUntil) revert BridgeManagement_WithdrawalsPaused(hot.pausedUntil);
    }

    function _exitKey(Types.BalanceLeaf calldata _b) internal pure returns (bytes32) {
        return
            _b.kind == Types.AssetKind.Erc721
                ? keccak256(abi.encode(_b.kind, _b.token, _b.amountOrId))
                : keccak256(abi.encode(_b.kind, _b.token, _b.account));
    }

    function _requireOpen(DepositQueue.Queue storage _queue, address _to) internal view {
        DepositQueue.Hot storage hot = _queue.hot;
        if (hot.frozen || block.timestamp < hot.pausedUntil) revert BridgeManagement_DepositsClosed();
        if (_to == address(0)) revert BridgeManagement_ZeroRecipient();
    }

    function _bridgeStorage() private pure returns (BridgeStorage storage $) {
        assembly {
            $.slot := BRIDGE_STORAGE
        }
    }
}

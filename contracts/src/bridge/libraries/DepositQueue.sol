// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IBridgeManagement } from "../../interfaces/bridge/IBridgeManagement.sol";

/// @title DepositQueue
/// @notice The bridge's deposit queue: a hash-chain accumulator over every deposit, plus one
///         permanent checkpoint per L1 block that received deposits.
/// @dev `acc[n] = keccak256(abi.encode(acc[n-1], n-1, kind, from, to, token, amountOrId))`, with
///      `acc[0] = 0`. The checkpoint for deposit block B (written by the first deposit of the next
///      deposit block B') is `keccak256(abi.encode(B, B', countAfterB, accAfterB))`; the first one,
///      written by the first deposit ever, records the empty queue (`B = 0`). Only the first
///      deposit of an L1 block writes a new slot; later ones in the same block update two warm
///      slots (see docs/bridge.md for the gas reasoning).
library DepositQueue {
    /// @notice The bridge's hot slot: read by every deposit and every withdrawal.
    struct Hot {
        /// Deposits so far.
        uint64 count;
        /// L1 block of the latest deposit (0 before the first).
        uint40 lastBlock;
        /// Checkpoints written.
        uint48 checkpointCount;
        /// Deposits and withdrawals are paused until this timestamp.
        uint40 pausedUntil;
        /// Exit mode: the ledger is frozen on a rollup.
        bool frozen;
        /// The highest rollup number any withdrawal was finalized from.
        uint48 newestWithdrawalRollup;
    }

    /// @notice The queue state: the hot slot, the latest accumulator, and the checkpoints.
    struct Queue {
        Hot hot;
        bytes32 acc;
        mapping(uint256 seq => bytes32 checkpointHash) checkpoints;
    }

    /// @notice Appends a deposit and returns its index and the new accumulator.
    function append(
        Queue storage _queue,
        IBridgeManagement.AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) internal returns (uint64 index_, bytes32 acc_) {
        Hot memory hot = _queue.hot;
        index_ = hot.count;
        if (index_ == type(uint64).max) revert IBridgeManagement.BridgeManagement_QueueFull();
        bytes32 acc = _queue.acc;
        uint40 currentBlock = uint40(block.number);
        if (hot.lastBlock != currentBlock) {
            uint48 seq = hot.checkpointCount;
            _queue.checkpoints[seq] = hashCheckpoint(hot.lastBlock, currentBlock, index_, acc);
            emit IBridgeManagement.DepositCheckpointed(seq, hot.lastBlock, currentBlock, index_, acc);
            hot.checkpointCount = seq + 1;
            hot.lastBlock = currentBlock;
        }
        acc_ = step(acc, index_, _kind, _from, _to, _token, _amountOrId);
        _queue.acc = acc_;
        hot.count = index_ + 1;
        _queue.hot = hot;
    }

    /// @notice Reverts unless (`_count`, `_acc`) is the queue's state at the end of L1 block
    ///         `_l1Block`, using `_checkpoint` when deposits arrived after `_l1Block`.
    function checkConsumed(
        Queue storage _queue,
        uint64 _l1Block,
        uint64 _count,
        bytes32 _acc,
        IBridgeManagement.DepositCheckpoint calldata _checkpoint
    ) internal view {
        Hot storage hot = _queue.hot;
        if (hot.lastBlock <= _l1Block) {
            if (_count != hot.count || _acc != _queue.acc) {
                revert IBridgeManagement.BridgeManagement_DepositMismatch(_l1Block, _count, _acc);
            }
            return;
        }
        if (_checkpoint.fromBlock > _l1Block || _l1Block >= _checkpoint.untilBlock) {
            revert IBridgeManagement.BridgeManagement_CheckpointOutOfRange(
                _checkpoint.seq,
                _checkpoint.fromBlock,
                _checkpoint.untilBlock,
                _l1Block
            );
        }
        bytes32 expected = hashCheckpoint(_checkpoint.fromBlock, _checkpoint.untilBlock, _count, _acc);
        if (_queue.checkpoints[_checkpoint.seq] != expected) {
            revert IBridgeManagement.BridgeManagement_DepositMismatch(_l1Block, _count, _acc);
        }
    }

    /// @notice One accumulator step.
    function step(
        bytes32 _acc,
        uint64 _index,
        IBridgeManagement.AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(_acc, _index, _kind, _from, _to, _token, _amountOrId));
    }

    /// @notice The stored form of a checkpoint.
    function hashCheckpoint(
        uint64 _fromBlock,
        uint64 _untilBlock,
        uint64 _count,
        bytes32 _acc
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(_fromBlock, _untilBlock, _count, _acc));
    }
}

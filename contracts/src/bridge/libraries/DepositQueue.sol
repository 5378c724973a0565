// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IBridgeManagement } from "../../interfaces/bridge/IBridgeManagement.sol";
import { Hashing } from "../../libraries/Hashing.sol";
import { Types } from "../../libraries/Types.sol";

/// @title DepositQueue
/// @notice The bridge's deposit queue: a hash-chain accumulator over every deposit, plus a
///         checkpoint per L1 block that received deposits, kept in a ring of 256 slots.
/// @dev `acc[n] = keccak256(abi.encode(acc[n-1], n-1, kind, from, to, token, amountOrId))`, with
///      `acc[0] = 0` (`Hashing.hashDeposit`). The checkpoint for deposit block B (written by the
///      first deposit of the next deposit block B') is
///      `keccak256(abi.encode(B, B', countAfterB, accAfterB))`; the first one, written by the first
///      deposit ever, records the empty queue (`B = 0`). Checkpoint `seq` lives in slot
///      `seq % CHECKPOINT_SLOTS`.
///
///      Why 256 slots are enough: a rollup is built on an L1 block at most 256 blocks back (the
///      `blockhash` window), and the checkpoint covering it was written after it. Overwriting that
///      checkpoint takes 256 more deposit blocks, so by then the rollup's block is out of the
///      window and the rollup cannot land anyway. Exit-mode refunds start from the frozen rollup's
///      own (count, acc), so they need no old checkpoint either.
///
///      Why a ring: every slot is filled with a placeholder at initialization (`prepare`), so the
///      first deposit of an L1 block overwrites a nonzero slot (5,000 gas) instead of creating
///      one (22,100). The placeholder is not a keccak256 output, so it never matches a checkpoint.
///      Later deposits in the same block update two warm slots (docs/bridge.md, docs/gas.md).
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
        /// Checkpoint `seq` is in slot `seq % CHECKPOINT_SLOTS`.
        mapping(uint256 slot => bytes32 checkpointHash) checkpoints;
    }

    /// @notice Slots in the checkpoint ring: the `blockhash` window.
    uint256 internal constant CHECKPOINT_SLOTS = 256;

    /// @notice What an unused ring slot holds: nonzero, and never a keccak256 output in practice.
    bytes32 internal constant EMPTY_SLOT = bytes32(uint256(1));

    /// @notice Fills every ring slot with `EMPTY_SLOT` (about 5.7M gas, once, at initialization).
    function prepare(Queue storage _queue) internal {
        for (uint256 i; i < CHECKPOINT_SLOTS; ++i) {
            _queue.checkpoints[i] = EMPTY_SLOT;
        }
    }

    /// @notice Appends a deposit and returns its index and the new accumulator.
    function append(
        Queue storage _queue,
        Types.AssetKind _kind,
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
            _queue.checkpoints[seq % CHECKPOINT_SLOTS] = hashCheckpoint(hot.lastBlock, currentBlock, index_, acc);
            emit IBridgeManagement.DepositCheckpointed(seq, hot.lastBlock, currentBlock, index_, acc);
            hot.checkpointCount = seq + 1;
            hot.lastBlock = currentBlock;
        }
        acc_ = Hashing.hashDeposit(acc, index_, _kind, _from, _to, _token, _amountOrId);
        _queue.acc = acc_;
        hot.count = index_ + 1;
        _queue.hot = hot;
    }

    /// @notice Reverts unless (`_count`, `_acc`) is the queue's state at the end of L1 block
    ///         `_l1Block`, using `_checkpoint` when deposits arrived after `_l1Block`. A hint with
    ///         `untilBlock` 0 names the latest checkpoint (`Types.DepositCheckpoint`).
    function checkConsumed(
        Queue storage _queue,
        uint64 _l1Block,
        uint64 _count,
        bytes32 _acc,
        Types.DepositCheckpoint calldata _checkpoint
    ) internal view {
        Hot storage hot = _queue.hot;
        if (hot.lastBlock <= _l1Block) {
            if (_count != hot.count || _acc != _queue.acc) {
                revert IBridgeManagement.BridgeManagement_DepositMismatch(_l1Block, _count, _acc);
            }
            return;
        }
        uint64 untilBlock = _checkpoint.untilBlock;
        if (untilBlock == 0 && uint256(_checkpoint.seq) + 1 == hot.checkpointCount) {
            // The latest checkpoint was written by the first deposit of `lastBlock`.
            untilBlock = hot.lastBlock;
        }
        if (_checkpoint.fromBlock > _l1Block || _l1Block >= untilBlock) {
            revert IBridgeManagement.BridgeManagement_CheckpointOutOfRange(
                _checkpoint.seq,
                _checkpoint.fromBlock,
                untilBlock,
                _l1Block
            );
        }
        bytes32 expected = hashCheckpoint(_checkpoint.fromBlock, untilBlock, _count, _acc);
        if (!isCheckpoint(_queue, _checkpoint.seq, expected)) {
            revert IBridgeManagement.BridgeManagement_DepositMismatch(_l1Block, _count, _acc);
        }
    }

    /// @notice Whether checkpoint `_seq` is still in the ring and hashes to `_hash`.
    /// @dev A slot holds the latest checkpoint written to it; an older one with the same slot was
    ///      overwritten, a later one is not written yet. Either way the hashes differ, except for
    ///      two checkpoints with the same contents, which state the same fact.
    function isCheckpoint(Queue storage _queue, uint256 _seq, bytes32 _hash) internal view returns (bool) {
        return _queue.checkpoints[_seq % CHECKPOINT_SLOTS] == _hash;
    }

    /// @notice The stored hash of checkpoint `_seq`, or zero when it is not in the ring (not written
    ///         yet, or overwritten).
    function checkpointAt(Queue storage _queue, uint256 _seq) internal view returns (bytes32) {
        uint256 written = _queue.hot.checkpointCount;
        if (_seq >= written || _seq + CHECKPOINT_SLOTS < written) return bytes32(0);
        return _queue.checkpoints[_seq % CHECKPOINT_SLOTS];
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

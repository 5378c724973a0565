// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Types
/// @notice The data that crosses module boundaries: the rollup header (RollupManagement accepts
///         it, BridgeManagement pays withdrawals and freezes on it, RollupSlashing slashes its
///         publisher), the deposit checkpoint a header's deposit commitment is checked against, and
///         the bridge's deposits, withdrawals and ledger entries that rollups commit to. How each is
///         hashed is in `Hashing`. Module interfaces import these types, never each other.
library Types {
    /// @notice What a deposit, a withdrawal or a ledger entry moves.
    enum AssetKind {
        Eth,
        Erc20,
        Erc721
    }

    /// @notice A rollup header. Its EIP-712 digest (domain "Obscuro RollupManagement", "1"; struct
    ///         hash `Hashing.hashRollupHeader`) is the rollup's hash, signed by `enclaveId`.
    // Never stored: its layout is the EIP-712 encoding, not a storage layout.
    // solhint-disable-next-line gas-struct-packing
    struct RollupHeader {
        bytes32 parentHash;
        uint64 number;
        /// The L1 block the rollup is built on; it consumes every deposit up to this block.
        uint64 l1BlockNumber;
        bytes32 l1BlockHash;
        /// Deposits consumed (the bridge queue's length at the end of `l1BlockNumber`).
        uint64 depositCount;
        /// The bridge accumulator at `depositCount`.
        bytes32 depositAcc;
        bytes32 stateRoot;
        bytes32 withdrawalRoot;
        /// keccak256 of the blobs' versioned hashes, or of the calldata payload.
        bytes32 dataHash;
        uint32 keyEpoch;
        /// keccak256 of the epoch key on the first rollup of an epoch, zero otherwise.
        bytes32 keyCommitment;
        address enclaveId;
    }

    /// @notice Locates the bridge checkpoint a rollup's deposit commitment is checked against, when
    ///         deposits arrived after the rollup's L1 block; ignored otherwise.
    /// @dev A publisher that sees no deposit after its L1 block yet sends the checkpoint the next
    ///      deposit block will write: `seq` = the current `checkpointCount`, `fromBlock` = the
    ///      current `lastBlock`, `untilBlock` = 0. Zero means "the latest checkpoint", whose
    ///      `untilBlock` is the queue's `lastBlock`; so a deposit landing ahead of the rollup, even
    ///      in the same L1 block, cannot make it revert.
    struct DepositCheckpoint {
        /// Checkpoint sequence number.
        uint64 seq;
        /// The L1 block whose end state the checkpoint records (0 for the empty queue).
        uint64 fromBlock;
        /// The next L1 block that received deposits; 0 for the latest checkpoint.
        uint64 untilBlock;
    }

    /// @notice A deposit as the queue's accumulator hashes it (`Hashing.hashDeposit`); its index is
    ///         implied by its position in the queue.
    struct QueuedDeposit {
        AssetKind kind;
        address from;
        address to;
        address token;
        uint256 amountOrId;
    }

    /// @notice An L2 withdrawal, as a rollup's `withdrawalRoot` commits to it
    ///         (`Hashing.hashWithdrawal`). `id` is the L2's sequence number of the withdrawal, unique
    ///         along the canonical chain.
    struct Withdrawal {
        uint256 id;
        address recipient;
        AssetKind kind;
        address token;
        uint256 amountOrId;
    }

    /// @notice One entry of the L2 bridge ledger a rollup's `stateRoot` commits to
    ///         (`Hashing.hashBalanceLeaf`): an account's wrapped balance of a fungible asset, or its
    ///         ownership of one ERC721 token.
    struct BalanceLeaf {
        address account;
        AssetKind kind;
        address token;
        uint256 amountOrId;
    }
}

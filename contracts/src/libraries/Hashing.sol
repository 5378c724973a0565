// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Types } from "./Types.sol";

/// @title Hashing
/// @notice How the protocol hashes the data of `Types`: a rollup header's EIP-712 struct hash, the
///         deposit queue's accumulator, and the Merkle leaves of withdrawals and of the bridge
///         ledger. The SDK computes the same hashes (docs/bridge.md, docs/rollups.md); the committed
///         test vectors check that both agree.
library Hashing {
    /// @notice The EIP-712 type of a rollup header.
    bytes32 internal constant ROLLUP_HEADER_TYPEHASH = keccak256(
        "RollupHeader(bytes32 parentHash,uint64 number,uint64 l1BlockNumber,bytes32 l1BlockHash,uint64 depositCount,"
        "bytes32 depositAcc,bytes32 stateRoot,bytes32 withdrawalRoot,bytes32 dataHash,uint32 keyEpoch,"
        "bytes32 keyCommitment,address enclaveId)"
    );

    /// @notice The EIP-712 struct hash of a rollup header; its typed-data digest under
    ///         RollupManagement's domain is the rollup's hash.
    /// @param _header The header to hash.
    /// @return The struct hash `keccak256(abi.encode(ROLLUP_HEADER_TYPEHASH, header))`.
    function hashRollupHeader(Types.RollupHeader calldata _header) internal pure returns (bytes32) {
        return keccak256(abi.encode(ROLLUP_HEADER_TYPEHASH, _header));
    }

    /// @notice One step of the deposit queue's accumulator: the accumulator after appending the
    ///         deposit at `_index` to `_acc` (`acc[0] = 0`).
    /// @return `keccak256(abi.encode(acc, index, kind, from, to, token, amountOrId))`.
    function hashDeposit(
        bytes32 _acc,
        uint64 _index,
        Types.AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(_acc, _index, _kind, _from, _to, _token, _amountOrId));
    }

    /// @notice The Merkle leaf of a withdrawal in a rollup's `withdrawalRoot` (OpenZeppelin
    ///         StandardMerkleTree encoding).
    /// @return `keccak256(keccak256(abi.encode(id, recipient, kind, token, amountOrId)))`.
    function hashWithdrawalLeaf(Types.Withdrawal calldata _withdrawal) internal pure returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(
                        abi.encode(
                            _withdrawal.id,
                            _withdrawal.recipient,
                            _withdrawal.kind,
                            _withdrawal.token,
                            _withdrawal.amountOrId
                        )
                    )
                )
            );
    }

    /// @notice The Merkle leaf of a ledger entry in a rollup's `stateRoot` (OpenZeppelin
    ///         StandardMerkleTree encoding).
    /// @return `keccak256(keccak256(abi.encode(account, kind, token, amountOrId)))`.
    function hashBalanceLeaf(Types.BalanceLeaf calldata _leaf) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(_leaf.account, _leaf.kind, _leaf.token, _leaf.amountOrId))));
    }
}

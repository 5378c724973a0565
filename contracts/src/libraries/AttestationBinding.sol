// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title AttestationBinding
/// @notice What an enclave must put in the 64-byte report data of its attestation, so that a
///         report names its key and its operator and cannot be replayed later or by someone else.
/// @dev `reportData[0:32] = keccak256(abi.encode(enclavePublicKey, operator, l1BlockNumber,
///      l1BlockHash))` and `reportData[32:64] = 0`. `l1BlockHash` must be the hash of
///      `l1BlockNumber` on this L1, recent enough for `EnclavePolicy.checkFreshness`. See
///      docs/attestation.md, "Report data binding".
library AttestationBinding {
    /// @notice The report data length every verifier returns.
    uint256 internal constant REPORT_DATA_LENGTH = 64;

    /// @notice The first 32 bytes of the report data an enclave with `_enclavePublicKey`, run by
    ///         `_operator`, must attest to when it names L1 block `_l1BlockNumber`/`_l1BlockHash`.
    function commitment(
        bytes memory _enclavePublicKey,
        address _operator,
        uint256 _l1BlockNumber,
        bytes32 _l1BlockHash
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(_enclavePublicKey, _operator, _l1BlockNumber, _l1BlockHash));
    }

    /// @notice Whether `_reportData` is exactly the binding of the given key, operator and block:
    ///         64 bytes, the commitment first and 32 zero bytes after it.
    function matches(
        bytes memory _reportData,
        bytes memory _enclavePublicKey,
        address _operator,
        uint256 _l1BlockNumber,
        bytes32 _l1BlockHash
    ) internal pure returns (bool) {
        if (_reportData.length != REPORT_DATA_LENGTH) return false;
        bytes32 first;
        bytes32 second;
        assembly ("memory-safe") {
            first := mload(add(_reportData, 0x20))
            second := mload(add(_reportData, 0x40))
        }
        return second == bytes32(0) && first == commitment(_enclavePublicKey, _operator, _l1BlockNumber, _l1BlockHash);
    }
}

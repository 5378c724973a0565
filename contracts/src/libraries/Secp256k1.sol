// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Secp256k1
/// @notice Checks on secp256k1 public keys (the curve of Ethereum accounts and of enclave keys).
/// @dev Keys are 64 bytes: the affine coordinates `x ‖ y`, big-endian, without the `0x04` prefix of
///      the SEC 1 uncompressed encoding.
library Secp256k1 {
    /// @notice The field prime p = 2^256 - 2^32 - 977.
    uint256 internal constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;

    /// @notice The length of an uncompressed public key without its prefix.
    uint256 internal constant PUBLIC_KEY_LENGTH = 64;

    /// @notice Whether (`_x`, `_y`) is a point of the curve y² = x³ + 7 over the field of p.
    /// @dev Coordinates must be reduced (< p). The point at infinity has no affine encoding and
    ///      (0, 0) is not on the curve, so it is refused too. The curve's order is prime, so every
    ///      point on it generates the whole group: there is no small-subgroup case to refuse.
    function isOnCurve(uint256 _x, uint256 _y) internal pure returns (bool) {
        if (_x >= P || _y >= P) return false;
        return mulmod(_y, _y, P) == addmod(mulmod(mulmod(_x, _x, P), _x, P), 7, P);
    }

    /// @notice Whether `_key` is a 64-byte encoding of a point on the curve.
    function isValidPublicKey(bytes memory _key) internal pure returns (bool) {
        if (_key.length != PUBLIC_KEY_LENGTH) return false;
        uint256 x;
        uint256 y;
        assembly ("memory-safe") {
            x := mload(add(_key, 0x20))
            y := mload(add(_key, 0x40))
        }
        return isOnCurve(x, y);
    }

    /// @notice The Ethereum address of a 64-byte public key: the last 20 bytes of its keccak256.
    /// @dev This is also the protocol's `enclaveId` of an enclave key.
    function toAddress(bytes memory _key) internal pure returns (address) {
        return address(uint160(uint256(keccak256(_key))));
    }
}

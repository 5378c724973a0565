// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { P256 } from "@openzeppelin/contracts/utils/cryptography/P256.sol";

/// @title DcapSignature
/// @notice ECDSA P-256 verification for Intel's signatures, through OpenZeppelin's `P256`: the
///         precompile at 0x100 (EIP-7951, Osaka) where the chain has it, the Solidity fallback otherwise.
/// @dev Intel does not normalise `s`, and `P256.verify` refuses `s > n/2` (a malleability guard
///      for signatures used as identifiers, which these are not). Both (r, s) and (r, n - s) are
///      valid for the same message and key, so a high `s` is replaced by `n - s` first.
library DcapSignature {
    uint256 private constant HALF_N = P256.N / 2;

    /// @notice Whether (`_r`, `_s`) is a valid signature of `_digest` under the key (`_x`, `_y`).
    function verify(bytes32 _digest, bytes32 _r, bytes32 _s, bytes32 _x, bytes32 _y) internal view returns (bool) {
        uint256 s = uint256(_s);
        if (s > HALF_N && s < P256.N) s = P256.N - s;
        return P256.verify(_digest, _r, bytes32(s), _x, _y);
    }
}

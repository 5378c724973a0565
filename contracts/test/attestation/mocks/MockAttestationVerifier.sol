// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";

/// @notice Returns whatever result it was told to, for any report: stands in for a verifier of
///         another technology (DCAP results with TeeType.Sgx/Tdx) and for a faulty verifier.
contract MockAttestationVerifier is IAttestationVerifier {
    AttestationResult internal stored;

    function setResult(AttestationResult calldata _result) external {
        stored = _result;
    }

    function verify(bytes calldata) external view returns (AttestationResult memory) {
        return stored;
    }
}

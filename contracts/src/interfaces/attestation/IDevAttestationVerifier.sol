// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "./IAttestationVerifier.sol";

/// @title IDevAttestationVerifier
/// @notice A simulated TEE vendor for tests and devnets: a report is the fields of an SGX report
///         body, the enclave's public key and a TCB status, signed by a vendor secp256k1 key fixed
///         at deploy. It returns the same `AttestationResult` as the Intel DCAP verifier, so the
///         policy treats both alike. Never make it the verifier of a network that holds value:
///         whoever holds the vendor key can attest anything.
/// @dev Report layout (300 bytes; docs/attestation.md has it byte by byte):
///      `body (235 bytes) ‖ signature (65 bytes: r ‖ s ‖ v)`, where the signature is the vendor's
///      ECDSA signature of `keccak256(REPORT_DOMAIN ‖ body)`.
interface IDevAttestationVerifier is IAttestationVerifier {
    /// @notice The vendor given at deploy was the zero address.
    error DevAttestationVerifier_ZeroVendor();

    /// @notice The report is not exactly `REPORT_LENGTH` bytes long.
    error DevAttestationVerifier_InvalidLength(uint256 length);

    /// @notice The report's format version is not `FORMAT_VERSION`.
    error DevAttestationVerifier_UnsupportedFormat(uint16 format);

    /// @notice The signature is malformed: `v` not 27/28, `s` in the upper half of the curve order
    ///         (malleable), or no key recovers from it.
    error DevAttestationVerifier_InvalidSignature();

    /// @notice The report was signed by `signer`, not by the vendor.
    error DevAttestationVerifier_WrongSigner(address signer);

    /// @notice The TCB status byte names no `TcbStatus`.
    error DevAttestationVerifier_UnknownTcbStatus(uint8 status);

    /// @notice The enclave public key is not a point on secp256k1.
    error DevAttestationVerifier_InvalidEnclavePublicKey();

    /// @notice Emitted once, at deploy: the vendor whose signature every report must carry.
    event VendorFixed(address indexed vendor);

    /// @notice The format version this verifier reads (the report's first two bytes).
    function FORMAT_VERSION() external view returns (uint16);

    /// @notice The domain tag hashed in front of the body: keccak256("Obscuro.DevAttestationReport.v1").
    function REPORT_DOMAIN() external view returns (bytes32);

    /// @notice The length of a report: body and signature.
    function REPORT_LENGTH() external view returns (uint256);

    /// @notice The length of the signed body.
    function BODY_LENGTH() external view returns (uint256);

    /// @notice The address of the vendor key that signs reports, fixed at deploy.
    function vendorKey() external view returns (address);

    /// @notice The digest the vendor signs: `keccak256(REPORT_DOMAIN ‖ _body)`.
    /// @param _body The report without its signature (`BODY_LENGTH` bytes).
    function reportDigest(bytes calldata _body) external pure returns (bytes32);

    /// @notice The version of this contract.
    function version() external pure returns (string memory);
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IAttestationVerifier
/// @notice Turns a TEE attestation report into the facts the protocol's policy checks. One
///         implementation per attestation technology (`DevAttestationVerifier` for the simulated
///         TEE of tests and the devnet, `DcapAttestationVerifier` for Intel SGX/TDX DCAP quotes);
///         `EnclavePolicy` and `NetworkManagement` work with any of them unchanged.
/// @dev A verifier checks the report's authenticity (signatures, certificate chains,
///      collateral) and decodes it. It does not judge acceptability (measurement approved,
///      debug, TCB status, freshness): that is `EnclavePolicy`'s job, so governance can change
///      the rules without touching cryptography. `verify` reverts with a custom error on any
///      malformed, badly signed or unverifiable report; it never returns a partial result.
interface IAttestationVerifier {
    /// @notice The trusted execution technology that produced a report.
    enum TeeType {
        /// A simulated TEE whose vendor key is fixed at deploy (tests and devnets only).
        Simulated,
        /// Intel SGX enclave, DCAP quote v3.
        Sgx,
        /// Intel TDX trust domain, DCAP quote v4 or v5.
        Tdx
    }

    /// @notice The platform's trusted computing base status, as Intel's TCB info defines it.
    enum TcbStatus {
        UpToDate,
        SWHardeningNeeded,
        ConfigurationNeeded,
        ConfigurationAndSWHardeningNeeded,
        OutOfDate,
        OutOfDateConfigurationNeeded,
        Revoked,
        Unrecognized
    }

    /// @notice What a verified report says.
    struct AttestationResult {
        /// Which technology produced the report.
        TeeType teeType;
        /// The code identity that auditors approve: MRENCLAVE for SGX and the simulated TEE;
        /// for TDX a digest of MRTD and the RTMRs (see docs/attestation.md).
        bytes32 measurement;
        /// The identity of the code's signer: MRSIGNER for SGX and the simulated TEE.
        bytes32 signerMeasurement;
        /// ISV product id (SGX), zero where the technology has none.
        uint16 productId;
        /// ISV security version (SGX), zero where the technology has none.
        uint16 securityVersion;
        /// Whether the enclave runs in debug mode (its memory is readable by the host).
        bool debug;
        /// The platform's TCB status at verification time.
        TcbStatus tcbStatus;
        /// The enclave's secp256k1 public key, uncompressed without the 0x04 prefix (64 bytes).
        /// The report binds it through `reportData`; see `NetworkManagement`.
        bytes enclavePublicKey;
        /// The 64 bytes of user data the enclave put in its report.
        bytes reportData;
    }

    /// @notice Verifies and decodes an attestation report.
    /// @param _report The report in this verifier's envelope format (see docs/attestation.md).
    /// @return result_ The decoded facts; only returned when every check passed.
    function verify(bytes calldata _report) external view returns (AttestationResult memory result_);
}

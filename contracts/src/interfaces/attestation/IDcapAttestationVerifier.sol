// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "./IAttestationVerifier.sol";
import { IDcapCertificateRegistry } from "./IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "./IDcapCollateralRegistry.sol";

/// @title IDcapAttestationVerifier
/// @notice `IAttestationVerifier` for Intel SGX (quote v3) and TDX (quote v4, v5) DCAP quotes.
///         The report is `abi.encode(bytes quote, bytes enclavePublicKey)`: the quote proves the
///         enclave and its report data; the secp256k1 key, which a quote cannot carry, is returned
///         as given and is attested only through the report data binding that `EnclavePolicy`
///         checks. Verification uses the block time and the collateral held by the registries.
interface IDcapAttestationVerifier is IAttestationVerifier {
    // ───────────────────────────────────────── types

    /// @notice Which collateral item an error is about.
    enum CollateralKind {
        TcbInfo,
        QeIdentity
    }

    // ───────────────────────────────────────── errors

    /// @notice The report is not `abi.encode(bytes quote, bytes enclavePublicKey)`.
    error DcapAttestationVerifier_MalformedReport();
    /// @notice The report's enclave public key is not 64 bytes.
    error DcapAttestationVerifier_InvalidEnclavePublicKey(uint256 length);
    /// @notice The quote's signature does not verify under its attestation key.
    error DcapAttestationVerifier_InvalidQuoteSignature();
    /// @notice The QE report's signature does not verify under the PCK certificate's key.
    error DcapAttestationVerifier_InvalidQeReportSignature();
    /// @notice The QE report data is not `sha256(attestationKey ‖ qeAuthData) ‖ 0^32`.
    error DcapAttestationVerifier_QeReportDataMismatch();
    /// @notice The PCK certificate's signature does not verify under its PCK CA's key.
    error DcapAttestationVerifier_InvalidPckCertificateSignature();
    /// @notice The PCK certificate is outside its validity at the block time.
    error DcapAttestationVerifier_PckCertificateNotYetValid(uint64 notBefore);
    error DcapAttestationVerifier_PckCertificateExpired(uint64 notAfter);
    /// @notice The registry holds no `kind` collateral for the quote's platform (FMSPC) or QE.
    error DcapAttestationVerifier_CollateralMissing(CollateralKind kind);
    /// @notice The `kind` collateral is outside its validity at the block time.
    error DcapAttestationVerifier_CollateralNotYetValid(CollateralKind kind, uint64 issueDate);
    error DcapAttestationVerifier_CollateralExpired(CollateralKind kind, uint64 nextUpdate);
    /// @notice The TCB info's PCE-ID differs from the PCK certificate's.
    error DcapAttestationVerifier_PceIdMismatch(bytes2 pckPceId, bytes2 tcbInfoPceId);

    // ───────────────────────────────────────── views

    /// @notice The registry of Intel's CAs and CRLs this verifier trusts.
    function certificates() external view returns (IDcapCertificateRegistry certificates_);

    /// @notice The registry of Intel's TCB info and QE identities this verifier uses.
    function collateral() external view returns (IDcapCollateralRegistry collateral_);

    /// @notice The contract's version.
    function version() external pure returns (string memory version_);
}

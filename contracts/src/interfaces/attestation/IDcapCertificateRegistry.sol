// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IDcapCertificateRegistry
/// @notice Intel's SGX/TDX certificate authorities and revocation lists, on-chain. The Intel SGX
///         Root CA is pinned at deployment; anyone may submit the intermediate certificates it
///         issued (PCK Platform CA, PCK Processor CA, TCB Signing) and the CRLs (root CA CRL, PCK
///         CA CRLs). Each is accepted only if its signature chains to the pinned root, it is valid
///         at the block time, and it is newer than what the registry holds.
/// @dev There is no administrator: a different root means a different registry and verifier,
///      which governance would select in `EnclavePolicy`. See docs/attestation-dcap.md.
interface IDcapCertificateRegistry {
    // ───────────────────────────────────────── types

    /// @notice The certificates the registry keeps, one current certificate per role.
    enum CertificateRole {
        RootCa,
        PckPlatformCa,
        PckProcessorCa,
        TcbSigning
    }

    /// @notice A stored certificate.
    struct CertificateRecord {
        bytes32 publicKeyX;
        bytes32 publicKeyY;
        /// keccak256 of the subject Name DER (matched against children's issuer Name).
        bytes32 subjectHash;
        /// keccak256 of the serial number's INTEGER content (matched against CRL entries).
        bytes32 serialHash;
        uint64 notBefore;
        uint64 notAfter;
        /// keccak256 of the certificate's DER.
        bytes32 certificateHash;
    }

    /// @notice The current CRL of an issuer.
    struct CrlRecord {
        uint64 thisUpdate;
        uint64 nextUpdate;
        uint32 revokedCount;
        /// Increments with each accepted CRL; revocations are stored per generation.
        uint32 generation;
        /// keccak256 of the CRL's DER.
        bytes32 crlHash;
    }

    // ───────────────────────────────────────── errors

    /// @notice The pinned root is not a self-signed CA certificate valid at deployment.
    error DcapCertificateRegistry_InvalidRoot();
    /// @notice The certificate is not one of the roles the registry keeps (by common name).
    error DcapCertificateRegistry_UnknownCertificate(bytes32 commonNameHash);
    /// @notice The certificate or CRL names an issuer the registry does not hold.
    error DcapCertificateRegistry_UnknownIssuer(bytes32 issuerHash);
    /// @notice A PCK CA certificate without basicConstraints cA = TRUE.
    error DcapCertificateRegistry_NotACa();
    /// @notice The signature does not verify under the issuer's key.
    error DcapCertificateRegistry_InvalidSignature();
    /// @notice `role`'s certificate is outside its validity at the block time.
    error DcapCertificateRegistry_CertificateNotYetValid(CertificateRole role, uint64 notBefore);
    error DcapCertificateRegistry_CertificateExpired(CertificateRole role, uint64 notAfter);
    /// @notice No certificate is held for `role`.
    error DcapCertificateRegistry_CertificateMissing(CertificateRole role);
    /// @notice A certificate listed in its issuer's current CRL.
    error DcapCertificateRegistry_CertificateRevoked(CertificateRole issuer, bytes32 serialHash);
    /// @notice No CRL is held for `issuer`.
    error DcapCertificateRegistry_CrlMissing(CertificateRole issuer);
    /// @notice `issuer`'s CRL is outside its window at the block time.
    error DcapCertificateRegistry_CrlNotYetValid(CertificateRole issuer, uint64 thisUpdate);
    error DcapCertificateRegistry_CrlExpired(CertificateRole issuer, uint64 nextUpdate);
    /// @notice The CRL lists more than `MAX_CRL_ENTRIES` certificates.
    error DcapCertificateRegistry_TooManyCrlEntries();
    /// @notice The submission is not newer than the held certificate (notBefore) or CRL (thisUpdate).
    error DcapCertificateRegistry_NotNewer(uint64 held, uint64 submitted);

    // ───────────────────────────────────────── events

    /// @notice A certificate is now the registry's current one for its role.
    event CertificateUpdated(
        CertificateRole indexed role,
        bytes32 indexed serialHash,
        uint64 notBefore,
        uint64 notAfter,
        bytes32 certificateHash
    );

    /// @notice A CRL is now the registry's current one for its issuer.
    event CrlUpdated(
        CertificateRole indexed issuer,
        uint64 thisUpdate,
        uint64 nextUpdate,
        uint32 revokedCount,
        bytes32 crlHash
    );

    // ───────────────────────────────────────── submissions

    /// @notice Submits a certificate issued by the pinned root: the Intel SGX PCK Platform CA,
    ///         PCK Processor CA or TCB Signing certificate (told apart by subject common name).
    /// @dev Requires a current root CA CRL (submit it first) that does not list the certificate.
    /// @param _der The certificate, DER.
    function submitCertificate(bytes calldata _der) external;

    /// @notice Submits a CRL of the root CA or of a PCK CA already in the registry.
    /// @param _der The CRL, DER.
    function submitCrl(bytes calldata _der) external;

    // ───────────────────────────────────────── views

    /// @notice Upper bound of revoked entries per CRL (Intel's PCK Platform CA CRL lists ~40).
    function MAX_CRL_ENTRIES() external view returns (uint256);

    /// @notice keccak256 of the pinned Intel SGX Root CA certificate's DER.
    function rootCertificateHash() external view returns (bytes32 hash_);

    /// @notice The current certificate of `_role` (all zero if none).
    function certificate(CertificateRole _role) external view returns (CertificateRecord memory record_);

    /// @notice The current CRL of `_issuer` (all zero if none).
    function crl(CertificateRole _issuer) external view returns (CrlRecord memory record_);

    /// @notice Whether the current CRL of `_issuer` lists the serial number hashing to `_serialHash`.
    function isRevoked(CertificateRole _issuer, bytes32 _serialHash) external view returns (bool revoked_);

    /// @notice The key of the PCK CA that a PCK certificate names as issuer, after checking at the
    ///         block time that the CA is valid and unrevoked, both CRLs are current, and the PCK
    ///         certificate (by serial) is not revoked. Reverts otherwise.
    /// @param _issuerHash keccak256 of the PCK certificate's issuer Name DER.
    /// @param _pckSerialHash keccak256 of the PCK certificate's serial INTEGER content.
    function pckIssuerKey(bytes32 _issuerHash, bytes32 _pckSerialHash) external view returns (bytes32 x_, bytes32 y_);

    /// @notice The TCB Signing key, after checking at the block time that its certificate is
    ///         valid and unrevoked under a current root CA CRL. Reverts otherwise.
    function tcbSigningKey() external view returns (bytes32 x_, bytes32 y_);

    /// @notice The contract's version.
    function version() external pure returns (string memory version_);
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCertificateRegistry } from "../../interfaces/attestation/IDcapCertificateRegistry.sol";
import { DcapSignature } from "./lib/DcapSignature.sol";
import { X509 } from "./lib/X509.sol";

/// @title DcapCertificateRegistry
/// @notice Intel's SGX/TDX PKI on-chain, rooted in the Intel SGX Root CA pinned at deployment.
///         Anyone may submit the certificates the root issued and the CRLs; each is checked
///         cryptographically and against the block time, never trusted on the sender's word.
/// @dev Immutable and without an administrator (see docs/attestation-dcap.md). Revoked serials
///      are stored per CRL generation, so a newer CRL replaces the old list without clearing it.
contract DcapCertificateRegistry is IDcapCertificateRegistry {
    // ───────────────────────────────────────── constants and immutables

    /// @inheritdoc IDcapCertificateRegistry
    uint256 public constant MAX_CRL_ENTRIES = 512;

    bytes32 internal constant CN_PCK_PLATFORM_CA = keccak256("Intel SGX PCK Platform CA");
    bytes32 internal constant CN_PCK_PROCESSOR_CA = keccak256("Intel SGX PCK Processor CA");
    bytes32 internal constant CN_TCB_SIGNING = keccak256("Intel SGX TCB Signing");

    bytes32 internal immutable ROOT_KEY_X;
    bytes32 internal immutable ROOT_KEY_Y;
    bytes32 internal immutable ROOT_SUBJECT_HASH;
    bytes32 internal immutable ROOT_SERIAL_HASH;
    uint64 internal immutable ROOT_NOT_BEFORE;
    uint64 internal immutable ROOT_NOT_AFTER;
    /// @notice keccak256 of the pinned root certificate's DER.
    bytes32 internal immutable ROOT_CERTIFICATE_HASH;

    // ───────────────────────────────────────── storage

    mapping(CertificateRole role => CertificateRecord) internal _certificates;
    mapping(CertificateRole issuer => CrlRecord) internal _crls;
    mapping(CertificateRole issuer => mapping(uint256 generation => mapping(bytes32 serialHash => bool)))
        internal _revoked;

    // ───────────────────────────────────────── constructor

    /// @param _rootDer The Intel SGX Root CA certificate (DER); its SHA-256 is
    ///        44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3.
    constructor(bytes memory _rootDer) {
        X509.Certificate memory root = X509.parseCertificate(_rootDer);
        if (
            root.issuerHash != root.subjectHash ||
            !root.isCa ||
            block.timestamp > root.notAfter ||
            !DcapSignature.verify(root.tbsDigest, root.signatureR, root.signatureS, root.publicKeyX, root.publicKeyY)
        ) revert DcapCertificateRegistry_InvalidRoot();
        ROOT_KEY_X = root.publicKeyX;
        ROOT_KEY_Y = root.publicKeyY;
        ROOT_SUBJECT_HASH = root.subjectHash;
        ROOT_SERIAL_HASH = root.serialHash;
        ROOT_NOT_BEFORE = root.notBefore;
        ROOT_NOT_AFTER = root.notAfter;
        ROOT_CERTIFICATE_HASH = keccak256(_rootDer);
    }

    // ───────────────────────────────────────── submissions

    /// @inheritdoc IDcapCertificateRegistry
    function submitCertificate(bytes calldata _der) external {
        bytes memory der = _der;
        X509.Certificate memory cert = X509.parseCertificate(der);
        CertificateRole role;
        if (cert.commonNameHash == CN_PCK_PLATFORM_CA) role = CertificateRole.PckPlatformCa;
        else if (cert.commonNameHash == CN_PCK_PROCESSOR_CA) role = CertificateRole.PckProcessorCa;
        else if (cert.commonNameHash == CN_TCB_SIGNING) role = CertificateRole.TcbSigning;
        else revert DcapCertificateRegistry_UnknownCertificate(cert.commonNameHash);
        if (role != CertificateRole.TcbSigning && !cert.isCa) revert DcapCertificateRegistry_NotACa();
        if (cert.issuerHash != ROOT_SUBJECT_HASH) revert DcapCertificateRegistry_UnknownIssuer(cert.issuerHash);
        _checkRoot();
        if (!DcapSignature.verify(cert.tbsDigest, cert.signatureR, cert.signatureS, ROOT_KEY_X, ROOT_KEY_Y)) {
            revert DcapCertificateRegistry_InvalidSignature();
        }
        _checkValidity(role, cert.notBefore, cert.notAfter);
        _checkNotRevoked(CertificateRole.RootCa, cert.serialHash);
        uint64 held = _certificates[role].notBefore;
        if (cert.notBefore <= held) revert DcapCertificateRegistry_NotNewer(held, cert.notBefore);

        bytes32 certificateHash = keccak256(der);
        _certificates[role] = CertificateRecord({
            publicKeyX: cert.publicKeyX,
            publicKeyY: cert.publicKeyY,
            subjectHash: cert.subjectHash,
            serialHash: cert.serialHash,
            notBefore: cert.notBefore,
            notAfter: cert.notAfter,
            certificateHash: certificateHash
        });
        emit CertificateUpdated(role, cert.serialHash, cert.notBefore, cert.notAfter, certificateHash);
    }

    /// @inheritdoc IDcapCertificateRegistry
    function submitCrl(bytes calldata _der) external {
        bytes memory der = _der;
        X509.Crl memory list = X509.parseCrl(der);
        (CertificateRole issuer, bytes32 keyX, bytes32 keyY) = _crlIssuer(list.issuerHash);
        if (!DcapSignature.verify(list.tbsDigest, list.signatureR, list.signatureS, keyX, keyY)) {
            revert DcapCertificateRegistry_InvalidSignature();
        }
        if (block.timestamp < list.thisUpdate) revert DcapCertificateRegistry_CrlNotYetValid(issuer, list.thisUpdate);
        if (block.timestamp >= list.nextUpdate) revert DcapCertificateRegistry_CrlExpired(issuer, list.nextUpdate);
        CrlRecord storage record = _crls[issuer];
        if (list.thisUpdate <= record.thisUpdate)
            revert DcapCertificateRegistry_NotNewer(record.thisUpdate, list.thisUpdate);

        uint32 generation = record.generation + 1;
        mapping(bytes32 => bool) storage revoked = _revoked[issuer][generation];
        uint256 count;
        for (uint256 next = list.revokedStart; next < list.revokedEnd; ++count) {
            if (count == MAX_CRL_ENTRIES) revert DcapCertificateRegistry_TooManyCrlEntries();
            bytes32 serialHash;
            (serialHash, next) = X509.revokedSerialAt(der, next, list.revokedEnd);
            revoked[serialHash] = true;
        }
        bytes32 crlHash = keccak256(der);
        record.thisUpdate = list.thisUpdate;
        record.nextUpdate = list.nextUpdate;
        record.revokedCount = uint32(count);
        record.generation = generation;
        record.crlHash = crlHash;
        emit CrlUpdated(issuer, list.thisUpdate, list.nextUpdate, uint32(count), crlHash);
    }

    // ───────────────────────────────────────── views

    /// @inheritdoc IDcapCertificateRegistry
    function certificate(CertificateRole _role) external view returns (CertificateRecord memory record_) {
        if (_role != CertificateRole.RootCa) return _certificates[_role];
        record_ = CertificateRecord({
            publicKeyX: ROOT_KEY_X,
            publicKeyY: ROOT_KEY_Y,
            subjectHash: ROOT_SUBJECT_HASH,
            serialHash: ROOT_SERIAL_HASH,
            notBefore: ROOT_NOT_BEFORE,
            notAfter: ROOT_NOT_AFTER,
            certificateHash: ROOT_CERTIFICATE_HASH
        });
    }

    /// @inheritdoc IDcapCertificateRegistry
    function crl(CertificateRole _issuer) external view returns (CrlRecord memory record_) {
        return _crls[_issuer];
    }

    /// @inheritdoc IDcapCertificateRegistry
    function isRevoked(CertificateRole _issuer, bytes32 _serialHash) public view returns (bool revoked_) {
        CrlRecord storage record = _crls[_issuer];
        return record.generation != 0 && _revoked[_issuer][record.generation][_serialHash];
    }

    /// @inheritdoc IDcapCertificateRegistry
    function pckIssuerKey(bytes32 _issuerHash, bytes32 _pckSerialHash) external view returns (bytes32 x_, bytes32 y_) {
        CertificateRole role = _pckCaRole(_issuerHash);
        CertificateRecord storage ca = _currentCertificate(role);
        _checkCurrentCrl(role);
        _checkNotRevoked(role, _pckSerialHash);
        return (ca.publicKeyX, ca.publicKeyY);
    }

    /// @inheritdoc IDcapCertificateRegistry
    function tcbSigningKey() external view returns (bytes32 x_, bytes32 y_) {
        CertificateRecord storage signing = _currentCertificate(CertificateRole.TcbSigning);
        return (signing.publicKeyX, signing.publicKeyY);
    }

    /// @inheritdoc IDcapCertificateRegistry
    function rootCertificateHash() external view returns (bytes32 hash_) {
        return ROOT_CERTIFICATE_HASH;
    }

    /// @inheritdoc IDcapCertificateRegistry
    function version() external pure returns (string memory version_) {
        return "1.0.0";
    }

    // ───────────────────────────────────────── internal

    /// @dev A held certificate valid now, whose serial the current root CA CRL does not list.
    function _currentCertificate(CertificateRole _role) internal view returns (CertificateRecord storage record_) {
        record_ = _certificates[_role];
        if (record_.notBefore == 0) revert DcapCertificateRegistry_CertificateMissing(_role);
        _checkRoot();
        _checkValidity(_role, record_.notBefore, record_.notAfter);
        _checkNotRevoked(CertificateRole.RootCa, record_.serialHash);
    }

    /// @dev The root is valid now and has a current CRL.
    function _checkRoot() internal view {
        _checkValidity(CertificateRole.RootCa, ROOT_NOT_BEFORE, ROOT_NOT_AFTER);
        _checkCurrentCrl(CertificateRole.RootCa);
    }

    function _checkValidity(CertificateRole _role, uint64 _notBefore, uint64 _notAfter) internal view {
        if (block.timestamp < _notBefore) revert DcapCertificateRegistry_CertificateNotYetValid(_role, _notBefore);
        if (block.timestamp > _notAfter) revert DcapCertificateRegistry_CertificateExpired(_role, _notAfter);
    }

    function _checkCurrentCrl(CertificateRole _issuer) internal view {
        CrlRecord storage record = _crls[_issuer];
        if (record.generation == 0) revert DcapCertificateRegistry_CrlMissing(_issuer);
        if (block.timestamp < record.thisUpdate)
            revert DcapCertificateRegistry_CrlNotYetValid(_issuer, record.thisUpdate);
        if (block.timestamp >= record.nextUpdate) revert DcapCertificateRegistry_CrlExpired(_issuer, record.nextUpdate);
    }

    function _checkNotRevoked(CertificateRole _issuer, bytes32 _serialHash) internal view {
        if (isRevoked(_issuer, _serialHash)) revert DcapCertificateRegistry_CertificateRevoked(_issuer, _serialHash);
    }

    /// @dev The CRL's issuer (root, or a current PCK CA) and its key.
    function _crlIssuer(bytes32 _issuerHash) internal view returns (CertificateRole role_, bytes32 x_, bytes32 y_) {
        if (_issuerHash == ROOT_SUBJECT_HASH) {
            _checkValidity(CertificateRole.RootCa, ROOT_NOT_BEFORE, ROOT_NOT_AFTER);
            return (CertificateRole.RootCa, ROOT_KEY_X, ROOT_KEY_Y);
        }
        role_ = _pckCaRole(_issuerHash);
        CertificateRecord storage ca = _currentCertificate(role_);
        return (role_, ca.publicKeyX, ca.publicKeyY);
    }

    /// @dev The PCK CA whose subject is `_issuerHash` (only CAs the registry holds).
    function _pckCaRole(bytes32 _issuerHash) internal view returns (CertificateRole) {
        if (_issuerHash != bytes32(0)) {
            if (_issuerHash == _certificates[CertificateRole.PckPlatformCa].subjectHash) {
                return CertificateRole.PckPlatformCa;
            }
            if (_issuerHash == _certificates[CertificateRole.PckProcessorCa].subjectHash) {
                return CertificateRole.PckProcessorCa;
            }
        }
        revert DcapCertificateRegistry_UnknownIssuer(_issuerHash);
    }
}

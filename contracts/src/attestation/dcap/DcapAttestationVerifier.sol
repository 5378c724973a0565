// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "../../interfaces/attestation/IAttestationVerifier.sol";
import { IDcapAttestationVerifier } from "../../interfaces/attestation/IDcapAttestationVerifier.sol";
import { IDcapCertificateRegistry } from "../../interfaces/attestation/IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "../../interfaces/attestation/IDcapCollateralRegistry.sol";
import { Asn1Der } from "./lib/Asn1Der.sol";
import { DcapQuote } from "./lib/DcapQuote.sol";
import { DcapSignature } from "./lib/DcapSignature.sol";
import { DcapTcb } from "./lib/DcapTcb.sol";
import { X509 } from "./lib/X509.sol";

/// @title DcapAttestationVerifier
/// @notice Verifies Intel SGX and TDX DCAP quotes completely on-chain: the quote signature under
///         the attestation key, the QE report signature under the PCK key, the QE report data
///         binding of the attestation key, the PCK certificate up to the pinned Intel SGX Root CA
///         with revocation, and the TCB status from Intel-signed TCB info and QE identity, all at
///         the block time. It judges nothing: `EnclavePolicy` decides what is acceptable.
/// @dev Immutable: a verifier is the root of trust of attestation, so changing it is a governance
///      decision taken in `EnclavePolicy` (which verifier to use), under the Timelock like an
///      upgrade, but with the old and new code side by side and auditable. See
///      docs/attestation-dcap.md for the report envelope and the TDX measurement.
contract DcapAttestationVerifier is IDcapAttestationVerifier {
    // ───────────────────────────────────────── immutables

    /// @notice Intel's CAs and CRLs, rooted in the pinned Intel SGX Root CA.
    IDcapCertificateRegistry internal immutable CERTIFICATES;
    /// @notice Intel's TCB info and QE identities.
    IDcapCollateralRegistry internal immutable COLLATERAL;

    /// @dev What the quote and its PCK certificate say, gathered for the TCB evaluation.
    struct Verified {
        DcapQuote.Quote quote;
        X509.PckTcb pck;
    }

    // ───────────────────────────────────────── constructor

    constructor(IDcapCollateralRegistry _collateral) {
        COLLATERAL = _collateral;
        CERTIFICATES = _collateral.certificates();
    }

    // ───────────────────────────────────────── verification

    /// @inheritdoc IAttestationVerifier
    function verify(bytes calldata _report) external view returns (AttestationResult memory result_) {
        bytes memory quoteBytes = _envelopeField(_report, 0);
        bytes memory enclavePublicKey = _envelopeField(_report, 32);
        if (enclavePublicKey.length != 64) {
            revert DcapAttestationVerifier_InvalidEnclavePublicKey(enclavePublicKey.length);
        }
        Verified memory v;
        v.quote = DcapQuote.parse(quoteBytes);
        v.pck = _verifySignatures(quoteBytes, v.quote);
        TcbStatus status = _evaluateTcb(quoteBytes, v);
        result_ = _result(quoteBytes, v.quote, status);
        result_.enclavePublicKey = enclavePublicKey;
    }

    // ───────────────────────────────────────── views

    /// @inheritdoc IDcapAttestationVerifier
    function certificates() external view returns (IDcapCertificateRegistry certificates_) {
        return CERTIFICATES;
    }

    /// @inheritdoc IDcapAttestationVerifier
    function collateral() external view returns (IDcapCollateralRegistry collateral_) {
        return COLLATERAL;
    }

    /// @inheritdoc IDcapAttestationVerifier
    function version() external pure returns (string memory version_) {
        return "1.0.0";
    }

    // ───────────────────────────────────────── internal

    /// @dev Quote signature, PCK certificate (chain and revocation through the registry), QE
    ///      report signature and data binding. Returns the PCK certificate's platform TCB.
    function _verifySignatures(
        bytes memory _quote,
        DcapQuote.Quote memory _q
    ) internal view returns (X509.PckTcb memory pck_) {
        if (
            !DcapSignature.verify(
                _sha256(_quote, 0, _q.signedLength),
                _q.signatureR,
                _q.signatureS,
                _q.attestationKeyX,
                _q.attestationKeyY
            )
        ) revert DcapAttestationVerifier_InvalidQuoteSignature();

        bytes memory der = X509.firstPemCertificate(
            Asn1Der.slice(_quote, _q.certificationDataOffset, _q.certificationDataOffset + _q.certificationDataLength)
        );
        X509.Certificate memory cert = X509.parseCertificate(der);
        pck_ = X509.parsePckTcb(der, cert);

        if (
            !DcapSignature.verify(
                _sha256(_quote, _q.qeReportOffset, DcapQuote.SGX_REPORT_LENGTH),
                _q.qeReportSignatureR,
                _q.qeReportSignatureS,
                cert.publicKeyX,
                cert.publicKeyY
            )
        ) revert DcapAttestationVerifier_InvalidQeReportSignature();
        bytes32 binding = sha256(
            abi.encodePacked(
                _q.attestationKeyX,
                _q.attestationKeyY,
                Asn1Der.slice(_quote, _q.qeAuthDataOffset, _q.qeAuthDataOffset + _q.qeAuthDataLength)
            )
        );
        uint256 qeReportData = _q.qeReportOffset + DcapQuote.SGX_REPORT_DATA;
        if (Asn1Der.word(_quote, qeReportData) != binding || Asn1Der.word(_quote, qeReportData + 32) != 0) {
            revert DcapAttestationVerifier_QeReportDataMismatch();
        }

        (bytes32 caX, bytes32 caY) = CERTIFICATES.pckIssuerKey(cert.issuerHash, cert.serialHash);
        if (!DcapSignature.verify(cert.tbsDigest, cert.signatureR, cert.signatureS, caX, caY)) {
            revert DcapAttestationVerifier_InvalidPckCertificateSignature();
        }
        if (block.timestamp < cert.notBefore) revert DcapAttestationVerifier_PckCertificateNotYetValid(cert.notBefore);
        if (block.timestamp > cert.notAfter) revert DcapAttestationVerifier_PckCertificateExpired(cert.notAfter);
    }

    /// @dev QE identity, platform TCB level and (TDX) module identity, converged.
    function _evaluateTcb(bytes memory _quote, Verified memory _v) internal view returns (TcbStatus status_) {
        bool tdx = _v.quote.teeType == DcapQuote.TEE_TYPE_TDX;
        IDcapCollateralRegistry.TcbInfo memory info = COLLATERAL.tcbInfo(
            tdx ? IDcapCollateralRegistry.TcbId.Tdx : IDcapCollateralRegistry.TcbId.Sgx,
            _v.pck.fmspc
        );
        _checkWindow(CollateralKind.TcbInfo, info.issueDate, info.nextUpdate);
        IDcapCollateralRegistry.EnclaveIdentity memory identity = COLLATERAL.enclaveIdentity(
            tdx ? IDcapCollateralRegistry.QeId.TdQe : IDcapCollateralRegistry.QeId.Qe
        );
        _checkWindow(CollateralKind.QeIdentity, identity.issueDate, identity.nextUpdate);
        if (info.pceId != _v.pck.pceId) revert DcapAttestationVerifier_PceIdMismatch(_v.pck.pceId, info.pceId);

        TcbStatus qe = DcapTcb.qeStatus(_qeReport(_quote, _v.quote.qeReportOffset), identity);
        uint256 body = _v.quote.bodyOffset;
        bytes16 teeTcbSvn = tdx ? bytes16(Asn1Der.word(_quote, body + DcapQuote.TD_TEE_TCB_SVN)) : bytes16(0);
        status_ = DcapTcb.platformStatus(info, _v.pck.components, _v.pck.pceSvn, tdx, teeTcbSvn);
        if (tdx) {
            DcapTcb.TdTcb memory td = DcapTcb.TdTcb({
                teeTcbSvn: teeTcbSvn,
                mrSignerSeamHigh: Asn1Der.word(_quote, body + DcapQuote.TD_MR_SIGNER_SEAM),
                mrSignerSeamLow: bytes16(Asn1Der.word(_quote, body + DcapQuote.TD_MR_SIGNER_SEAM + 32)),
                seamAttributes: bytes8(Asn1Der.word(_quote, body + DcapQuote.TD_SEAM_ATTRIBUTES))
            });
            status_ = DcapTcb.converge(status_, DcapTcb.tdxModuleStatus(info, td));
        }
        status_ = DcapTcb.converge(status_, qe);
    }

    /// @dev The `AttestationResult` fields the quote body determines (see docs/attestation-dcap.md).
    function _result(
        bytes memory _quote,
        DcapQuote.Quote memory _q,
        TcbStatus _status
    ) internal pure returns (AttestationResult memory result_) {
        uint256 body = _q.bodyOffset;
        result_.tcbStatus = _status;
        if (_q.bodyType == DcapQuote.BODY_SGX) {
            result_.teeType = TeeType.Sgx;
            result_.measurement = Asn1Der.word(_quote, body + DcapQuote.SGX_MR_ENCLAVE);
            result_.signerMeasurement = Asn1Der.word(_quote, body + DcapQuote.SGX_MR_SIGNER);
            result_.productId = uint16(DcapQuote.le(_quote, body + DcapQuote.SGX_ISV_PROD_ID, 2));
            result_.securityVersion = uint16(DcapQuote.le(_quote, body + DcapQuote.SGX_ISV_SVN, 2));
            result_.debug = uint8(_quote[body + DcapQuote.SGX_ATTRIBUTES]) & 0x02 != 0; // flags bit 1: DEBUG
            result_.reportData = Asn1Der.slice(
                _quote,
                body + DcapQuote.SGX_REPORT_DATA,
                body + DcapQuote.SGX_REPORT_DATA + 64
            );
        } else {
            result_.teeType = TeeType.Tdx;
            result_.measurement = keccak256(
                abi.encodePacked(
                    Asn1Der.slice(_quote, body + DcapQuote.TD_MR_TD, body + DcapQuote.TD_MR_OWNER), // MRTD, MRCONFIGID
                    Asn1Der.slice(_quote, body + DcapQuote.TD_RTMR0, body + DcapQuote.TD_REPORT_DATA), // RTMR0..3
                    _q.bodyType == DcapQuote.BODY_TD15
                        ? Asn1Der.slice(
                            _quote,
                            body + DcapQuote.TD_MR_SERVICE_TD,
                            body + DcapQuote.TD_MR_SERVICE_TD + 48
                        )
                        : new bytes(48),
                    // TDATTRIBUTES, XFAM
                    Asn1Der.slice(_quote, body + DcapQuote.TD_ATTRIBUTES, body + DcapQuote.TD_MR_TD)
                )
            );
            result_.signerMeasurement = Asn1Der.hashRange(
                _quote,
                body + DcapQuote.TD_MR_OWNER,
                body + DcapQuote.TD_RTMR0
            );
            result_.debug = uint8(_quote[body + DcapQuote.TD_ATTRIBUTES]) != 0; // TUD bits 0-7 (DEBUG is bit 0)
            result_.reportData = Asn1Der.slice(
                _quote,
                body + DcapQuote.TD_REPORT_DATA,
                body + DcapQuote.TD_REPORT_DATA + 64
            );
        }
    }

    function _qeReport(bytes memory _quote, uint256 _offset) internal pure returns (DcapTcb.QeReport memory qe_) {
        qe_.miscSelect = bytes4(Asn1Der.word(_quote, _offset + DcapQuote.SGX_MISC_SELECT));
        qe_.attributes = bytes16(Asn1Der.word(_quote, _offset + DcapQuote.SGX_ATTRIBUTES));
        qe_.mrSigner = Asn1Der.word(_quote, _offset + DcapQuote.SGX_MR_SIGNER);
        qe_.isvProdId = uint16(DcapQuote.le(_quote, _offset + DcapQuote.SGX_ISV_PROD_ID, 2));
        qe_.isvSvn = uint16(DcapQuote.le(_quote, _offset + DcapQuote.SGX_ISV_SVN, 2));
    }

    function _checkWindow(CollateralKind _kind, uint64 _issueDate, uint64 _nextUpdate) internal view {
        if (_issueDate == 0) revert DcapAttestationVerifier_CollateralMissing(_kind);
        if (block.timestamp < _issueDate) revert DcapAttestationVerifier_CollateralNotYetValid(_kind, _issueDate);
        if (block.timestamp >= _nextUpdate) revert DcapAttestationVerifier_CollateralExpired(_kind, _nextUpdate);
    }

    /// @dev The `bytes` value whose ABI offset is at `_head` of `abi.encode(bytes, bytes)`, with every
    ///      offset and length checked against the report (`abi.decode` would revert without an error).
    function _envelopeField(bytes calldata _report, uint256 _head) internal pure returns (bytes memory field_) {
        uint256 length = _report.length;
        if (length < 64) revert DcapAttestationVerifier_MalformedReport();
        uint256 offset = uint256(bytes32(_report[_head:_head + 32]));
        if (offset > length || length - offset < 32) revert DcapAttestationVerifier_MalformedReport();
        uint256 size = uint256(bytes32(_report[offset:offset + 32]));
        if (size > length - offset - 32) revert DcapAttestationVerifier_MalformedReport();
        field_ = _report[offset + 32:offset + 32 + size];
    }

    /// @dev sha256 of `_data[_start:_start + _length]` through the precompile, without a copy.
    function _sha256(bytes memory _data, uint256 _start, uint256 _length) internal view returns (bytes32 digest_) {
        assembly ("memory-safe") {
            if iszero(staticcall(gas(), 0x02, add(add(_data, 0x20), _start), _length, 0x00, 0x20)) {
                revert(0, 0)
            }
            digest_ := mload(0x00)
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Asn1Der } from "./Asn1Der.sol";

/// @title DcapQuote
/// @notice Parses Intel DCAP quotes: SGX v3, v4 (SGX or TDX TD 1.0) and v5 (SGX, TD 1.0, TD 1.5),
///         ECDSA-256-with-P-256 attestation keys, certification data type 6 (QE report) wrapping
///         type 5 (PCK certificate chain). Every declared length is checked; only zero bytes may
///         follow the declared signature data (some quote generators pad).
/// @dev Fields are returned as offsets into the quote plus the small decoded values; the caller
///      reads identities directly from the quote bytes (no copies). Offsets match Intel's
///      "SGX/TDX ECDSA Quote Library API" layouts, see docs/attestation-dcap.md.
library DcapQuote {
    /// @notice The quote is shorter than a field or length it declares requires.
    error DcapQuote_Truncated(uint256 needed, uint256 length);
    /// @notice A declared length inside the quote does not match its contents.
    error DcapQuote_LengthMismatch(uint256 offset);
    /// @notice Non-zero bytes follow the declared signature data.
    error DcapQuote_TrailingData(uint256 offset);
    error DcapQuote_UnsupportedVersion(uint256 version);
    error DcapQuote_UnsupportedAttestationKeyType(uint256 keyType);
    error DcapQuote_UnsupportedTeeType(uint256 teeType);
    error DcapQuote_UnsupportedBodyType(uint256 bodyType);
    /// @notice The quote was not made by Intel's quoting enclave.
    error DcapQuote_UnsupportedQeVendor(bytes16 qeVendorId);
    /// @notice Certification data other than a QE report (v4/v5 outer, type 6) with a PCK chain (type 5).
    error DcapQuote_UnsupportedCertificationData(uint256 certificationDataType);

    uint256 internal constant HEADER_LENGTH = 48;
    uint256 internal constant SGX_REPORT_LENGTH = 384;
    uint256 internal constant TD10_REPORT_LENGTH = 584;
    uint256 internal constant TD15_REPORT_LENGTH = 648;
    uint256 internal constant TEE_TYPE_SGX = 0x00000000;
    uint256 internal constant TEE_TYPE_TDX = 0x00000081;
    uint256 internal constant ATTESTATION_KEY_TYPE_ECDSA_P256 = 2;
    bytes16 internal constant INTEL_QE_VENDOR_ID = 0x939a7233f79c4ca9940a0db3957f0607;
    uint256 internal constant CERT_DATA_PCK_CHAIN = 5;
    uint256 internal constant CERT_DATA_QE_REPORT = 6;
    uint256 internal constant BODY_SGX = 1;
    uint256 internal constant BODY_TD10 = 2;
    uint256 internal constant BODY_TD15 = 3;

    // Offsets inside an SGX enclave report (the ISV body of SGX quotes and every QE report).
    uint256 internal constant SGX_CPU_SVN = 0;
    uint256 internal constant SGX_MISC_SELECT = 16;
    uint256 internal constant SGX_ATTRIBUTES = 48;
    uint256 internal constant SGX_MR_ENCLAVE = 64;
    uint256 internal constant SGX_MR_SIGNER = 128;
    uint256 internal constant SGX_ISV_PROD_ID = 256;
    uint256 internal constant SGX_ISV_SVN = 258;
    uint256 internal constant SGX_REPORT_DATA = 320;
    // Offsets inside a TD report body.
    uint256 internal constant TD_TEE_TCB_SVN = 0;
    uint256 internal constant TD_MR_SEAM = 16;
    uint256 internal constant TD_MR_SIGNER_SEAM = 64;
    uint256 internal constant TD_SEAM_ATTRIBUTES = 112;
    uint256 internal constant TD_ATTRIBUTES = 120;
    uint256 internal constant TD_XFAM = 128;
    uint256 internal constant TD_MR_TD = 136;
    uint256 internal constant TD_MR_CONFIG_ID = 184;
    uint256 internal constant TD_MR_OWNER = 232;
    uint256 internal constant TD_MR_OWNER_CONFIG = 280;
    uint256 internal constant TD_RTMR0 = 328;
    uint256 internal constant TD_REPORT_DATA = 520;
    uint256 internal constant TD_TEE_TCB_SVN2 = 584;
    uint256 internal constant TD_MR_SERVICE_TD = 600;

    /// @notice A parsed quote: header values, where the body lies, and the signature data.
    struct Quote {
        uint16 version;
        uint32 teeType;
        /// 1 SGX, 2 TD 1.0, 3 TD 1.5 (v5 declares it; v3/v4 imply it from the TEE type).
        uint16 bodyType;
        uint256 bodyOffset;
        /// Length of the signed prefix: header and body (with the v5 body type and size).
        uint256 signedLength;
        uint256 signatureDataLength;
        bytes32 signatureR;
        bytes32 signatureS;
        bytes32 attestationKeyX;
        bytes32 attestationKeyY;
        uint256 qeReportOffset;
        bytes32 qeReportSignatureR;
        bytes32 qeReportSignatureS;
        uint256 qeAuthDataOffset;
        uint256 qeAuthDataLength;
        uint256 certificationDataOffset;
        uint256 certificationDataLength;
        /// Zero bytes after the signature data.
        uint256 paddingLength;
    }

    /// @notice Parses and length-checks a quote. Signatures are not checked here.
    function parse(bytes memory _quote) internal pure returns (Quote memory q_) {
        uint256 length = _quote.length;
        if (length < HEADER_LENGTH) revert DcapQuote_Truncated(HEADER_LENGTH, length);
        q_.version = uint16(le(_quote, 0, 2));
        uint256 keyType = le(_quote, 2, 2);
        q_.teeType = uint32(le(_quote, 4, 4));
        if (q_.version < 3 || q_.version > 5) revert DcapQuote_UnsupportedVersion(q_.version);
        if (keyType != ATTESTATION_KEY_TYPE_ECDSA_P256) revert DcapQuote_UnsupportedAttestationKeyType(keyType);
        if (q_.teeType != TEE_TYPE_SGX && (q_.teeType != TEE_TYPE_TDX || q_.version == 3)) {
            revert DcapQuote_UnsupportedTeeType(q_.teeType);
        }
        bytes16 vendor = bytes16(Asn1Der.word(_quote, 12));
        if (vendor != INTEL_QE_VENDOR_ID) revert DcapQuote_UnsupportedQeVendor(vendor);

        uint256 offset = HEADER_LENGTH;
        q_.bodyType = uint16(q_.teeType == TEE_TYPE_SGX ? BODY_SGX : BODY_TD10);
        if (q_.version == 5) {
            if (length < offset + 6) revert DcapQuote_Truncated(offset + 6, length);
            uint256 bodyType = le(_quote, offset, 2);
            bool fits =
                bodyType == BODY_SGX
                    ? q_.teeType == TEE_TYPE_SGX
                    : (bodyType == BODY_TD10 || bodyType == BODY_TD15) && q_.teeType == TEE_TYPE_TDX;
            if (!fits) revert DcapQuote_UnsupportedBodyType(bodyType);
            q_.bodyType = uint16(bodyType);
            if (le(_quote, offset + 2, 4) != bodyLength(bodyType)) revert DcapQuote_LengthMismatch(offset + 2);
            offset += 6;
        }
        q_.bodyOffset = offset;
        offset += bodyLength(q_.bodyType);
        if (length < offset + 4) revert DcapQuote_Truncated(offset + 4, length);
        q_.signedLength = offset;
        q_.signatureDataLength = le(_quote, offset, 4);
        offset += 4;
        uint256 end = offset + q_.signatureDataLength;
        if (length < end) revert DcapQuote_Truncated(end, length);
        _checkPadding(_quote, end);
        q_.paddingLength = length - end;
        _parseSignatureData(_quote, offset, end, q_);
    }

    /// @notice The length of a body of type 1 (SGX), 2 (TD 1.0) or 3 (TD 1.5).
    function bodyLength(uint256 _bodyType) internal pure returns (uint256) {
        if (_bodyType == BODY_SGX) return SGX_REPORT_LENGTH;
        if (_bodyType == BODY_TD10) return TD10_REPORT_LENGTH;
        return TD15_REPORT_LENGTH;
    }

    /// @notice Little-endian unsigned integer of `_size` (≤ 32) bytes at `_offset`.
    function le(bytes memory _data, uint256 _offset, uint256 _size) internal pure returns (uint256 value_) {
        uint256 w = uint256(Asn1Der.word(_data, _offset));
        for (uint256 i; i < _size; ++i) {
            value_ |= ((w >> (248 - 8 * i)) & 0xff) << (8 * i);
        }
    }

    function _checkPadding(bytes memory _quote, uint256 _end) private pure {
        uint256 length = _quote.length;
        for (uint256 i = _end; i < length; i += 32) {
            bytes32 w = Asn1Der.word(_quote, i);
            if (length - i < 32) w &= bytes32(type(uint256).max << (8 * (32 - (length - i))));
            if (w != 0) revert DcapQuote_TrailingData(i);
        }
    }

    function _parseSignatureData(bytes memory _quote, uint256 _offset, uint256 _end, Quote memory _q) private pure {
        uint256 p = _take(_offset, 128, _end);
        _q.signatureR = Asn1Der.word(_quote, _offset);
        _q.signatureS = Asn1Der.word(_quote, _offset + 32);
        _q.attestationKeyX = Asn1Der.word(_quote, _offset + 64);
        _q.attestationKeyY = Asn1Der.word(_quote, _offset + 96);
        if (_q.version >= 4) {
            uint256 outer = _take(p, 6, _end);
            uint256 outerType = le(_quote, p, 2);
            if (outerType != CERT_DATA_QE_REPORT) revert DcapQuote_UnsupportedCertificationData(outerType);
            if (outer + le(_quote, p + 2, 4) != _end) revert DcapQuote_LengthMismatch(p + 2);
            p = outer;
        }
        _q.qeReportOffset = p;
        p = _take(p, SGX_REPORT_LENGTH + 64 + 2, _end);
        _q.qeReportSignatureR = Asn1Der.word(_quote, p - 66);
        _q.qeReportSignatureS = Asn1Der.word(_quote, p - 34);
        _q.qeAuthDataLength = le(_quote, p - 2, 2);
        _q.qeAuthDataOffset = p;
        p = _take(p, _q.qeAuthDataLength + 6, _end);
        uint256 certType = le(_quote, p - 6, 2);
        _q.certificationDataLength = le(_quote, p - 4, 4);
        _q.certificationDataOffset = p;
        if (_take(p, _q.certificationDataLength, _end) != _end) revert DcapQuote_LengthMismatch(p - 4);
        if (certType != CERT_DATA_PCK_CHAIN) revert DcapQuote_UnsupportedCertificationData(certType);
    }

    /// @dev `_offset + _size`, refusing to pass `_end` (the declared end of the signature data).
    function _take(uint256 _offset, uint256 _size, uint256 _end) private pure returns (uint256 next_) {
        next_ = _offset + _size;
        if (next_ > _end) revert DcapQuote_LengthMismatch(_offset);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Asn1Der } from "./Asn1Der.sol";
import { DcapTime } from "./DcapTime.sol";

/// @title X509
/// @notice Parses the X.509 certificates and CRLs of Intel's SGX/TDX PKI: P-256 keys,
///         ecdsa-with-SHA256 signatures, the Intel SGX extension of PCK certificates, and the PEM
///         chain a quote carries. It decodes; callers check signatures, validity and revocation.
/// @dev Names are compared by the keccak256 of their whole DER (issuer of a child == subject of
///      its parent, byte for byte), serial numbers by the keccak256 of their INTEGER content.
library X509 {
    /// @notice The certificate or CRL is not the expected DER structure at `offset`.
    error X509_Malformed(uint256 offset);
    /// @notice A signature or key algorithm other than ecdsa-with-SHA256 / P-256.
    error X509_UnsupportedAlgorithm();
    /// @notice The PCK certificate lacks the Intel SGX extension or one of its required fields.
    error X509_MissingSgxExtension();
    /// @notice The PEM text does not start with a well-formed certificate block.
    error X509_MalformedPem();

    /// @notice What the contracts use of a certificate.
    struct Certificate {
        /// sha256 of the to-be-signed part (the signed message).
        bytes32 tbsDigest;
        /// keccak256 of the issuer / subject Name DER.
        bytes32 issuerHash;
        bytes32 subjectHash;
        /// keccak256 of the serial number's INTEGER content.
        bytes32 serialHash;
        /// keccak256 of the subject's first common name value (zero if none).
        bytes32 commonNameHash;
        uint64 notBefore;
        uint64 notAfter;
        /// basicConstraints cA = TRUE.
        bool isCa;
        bytes32 publicKeyX;
        bytes32 publicKeyY;
        bytes32 signatureR;
        bytes32 signatureS;
        /// Content range of the Intel SGX extension's OCTET STRING (both zero if absent).
        uint256 sgxExtensionStart;
        uint256 sgxExtensionEnd;
    }

    /// @notice The platform TCB a PCK certificate was issued for (Intel SGX extension).
    struct PckTcb {
        bytes6 fmspc;
        bytes2 pceId;
        /// The 16 SGX TCB component SVNs, component i in byte i.
        bytes16 components;
        uint16 pceSvn;
        bytes16 cpuSvn;
    }

    /// @notice What the contracts use of a CRL.
    struct Crl {
        bytes32 tbsDigest;
        bytes32 issuerHash;
        uint64 thisUpdate;
        uint64 nextUpdate;
        bytes32 signatureR;
        bytes32 signatureS;
        /// Content range of revokedCertificates (equal if the CRL lists none).
        uint256 revokedStart;
        uint256 revokedEnd;
    }

    bytes32 internal constant OID_ECDSA_WITH_SHA256 = hex"2a8648ce3d040302"; // 1.2.840.10045.4.3.2
    bytes32 internal constant OID_EC_PUBLIC_KEY = hex"2a8648ce3d0201"; // 1.2.840.10045.2.1
    bytes32 internal constant OID_PRIME256V1 = hex"2a8648ce3d030107"; // 1.2.840.10045.3.1.7
    bytes32 internal constant OID_COMMON_NAME = hex"550403"; // 2.5.4.3
    bytes32 internal constant OID_BASIC_CONSTRAINTS = hex"551d13"; // 2.5.29.19
    bytes32 internal constant OID_SGX_EXTENSION = hex"2a864886f84d010d01"; // 1.2.840.113741.1.13.1
    bytes32 internal constant OID_SGX_TCB = hex"2a864886f84d010d0102"; // .2
    bytes32 internal constant OID_SGX_PCE_ID = hex"2a864886f84d010d0103"; // .3
    bytes32 internal constant OID_SGX_FMSPC = hex"2a864886f84d010d0104"; // .4
    uint256 private constant SGX_TCB_OID_LENGTH = 10;
    /// Seen-mask of SGX TCB items 1..18 (16 components, PCESVN, CPUSVN).
    uint256 private constant ALL_TCB_ITEMS = ((1 << 18) - 1) << 1;

    bytes32 private constant PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    uint256 private constant PEM_BEGIN_LENGTH = 27;
    bytes32 private constant PEM_END = "-----END CERTIFICATE-----";
    uint256 private constant PEM_END_LENGTH = 25;
    /// Base64 character → value (0-63), 0x40 for "=", 0xff for anything else.
    bytes private constant BASE64_TABLE =
        hex"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        hex"ffffffffffffffffffffff3effffff3f3435363738393a3b3c3dffffff40ffff"
        hex"ff000102030405060708090a0b0c0d0e0f10111213141516171819ffffffffff"
        hex"ff1a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233ffffffffff"
        hex"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        hex"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        hex"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        hex"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    // ───────────────────────────────────────── certificates

    /// @notice Parses a DER X.509 v3 certificate with a P-256 key signed with ecdsa-with-SHA256.
    function parseCertificate(bytes memory _der) internal pure returns (Certificate memory cert_) {
        (uint256 start, uint256 end) = Asn1Der.expect(_der, 0, _der.length, Asn1Der.SEQUENCE);
        if (end != _der.length) revert X509_Malformed(end);
        (uint256 tbsStart, uint256 tbsEnd) = Asn1Der.expect(_der, start, end, Asn1Der.SEQUENCE);
        uint256 next = _expectEcdsaSha256(_der, tbsEnd, end);
        (cert_.signatureR, cert_.signatureS, next) = _signature(_der, next, end);
        if (next != end) revert X509_Malformed(next);
        cert_.tbsDigest = sha256(Asn1Der.slice(_der, start, tbsEnd));
        _parseTbs(_der, tbsStart, tbsEnd, cert_);
    }

    function _parseTbs(bytes memory _der, uint256 _start, uint256 _end, Certificate memory _cert) private pure {
        (uint256 versionStart, uint256 versionEnd) = Asn1Der.expect(_der, _start, _end, Asn1Der.CONTEXT_0);
        (uint256 vs, uint256 ve) = Asn1Der.expect(_der, versionStart, versionEnd, Asn1Der.INTEGER);
        if (ve != versionEnd || Asn1Der.uintValue(_der, vs, ve) != 2) revert X509_Malformed(versionStart);
        (uint256 serialStart, uint256 serialEnd) = Asn1Der.expect(_der, versionEnd, _end, Asn1Der.INTEGER);
        _cert.serialHash = Asn1Der.hashRange(_der, serialStart, serialEnd);
        uint256 next = _expectEcdsaSha256(_der, serialEnd, _end);
        (, uint256 issuerEnd) = Asn1Der.expect(_der, next, _end, Asn1Der.SEQUENCE);
        _cert.issuerHash = Asn1Der.hashRange(_der, next, issuerEnd);
        (uint256 validityStart, uint256 validityEnd) = Asn1Der.expect(_der, issuerEnd, _end, Asn1Der.SEQUENCE);
        (_cert.notBefore, next) = _time(_der, validityStart, validityEnd);
        (_cert.notAfter, next) = _time(_der, next, validityEnd);
        if (next != validityEnd) revert X509_Malformed(next);
        (uint256 subjectStart, uint256 subjectEnd) = Asn1Der.expect(_der, validityEnd, _end, Asn1Der.SEQUENCE);
        _cert.subjectHash = Asn1Der.hashRange(_der, validityEnd, subjectEnd);
        _cert.commonNameHash = _commonNameHash(_der, subjectStart, subjectEnd);
        next = _publicKey(_der, subjectEnd, _end, _cert);
        while (next < _end) {
            (uint256 tag, uint256 contentStart, uint256 fieldEnd) = Asn1Der.read(_der, next, _end);
            if (tag == Asn1Der.CONTEXT_3) _extensions(_der, contentStart, fieldEnd, _cert);
            next = fieldEnd; // issuerUniqueID [1] and subjectUniqueID [2] are skipped
        }
    }

    function _publicKey(
        bytes memory _der,
        uint256 _offset,
        uint256 _limit,
        Certificate memory _cert
    ) private pure returns (uint256 end_) {
        uint256 start;
        (start, end_) = Asn1Der.expect(_der, _offset, _limit, Asn1Der.SEQUENCE);
        (uint256 algStart, uint256 algEnd) = Asn1Der.expect(_der, start, end_, Asn1Der.SEQUENCE);
        (uint256 typeStart, uint256 typeEnd) = Asn1Der.expect(_der, algStart, algEnd, Asn1Der.OID);
        (uint256 curveStart, uint256 curveEnd) = Asn1Der.expect(_der, typeEnd, algEnd, Asn1Der.OID);
        if (
            curveEnd != algEnd ||
            !Asn1Der.equals(_der, typeStart, typeEnd, OID_EC_PUBLIC_KEY) ||
            typeEnd - typeStart != 7 ||
            !Asn1Der.equals(_der, curveStart, curveEnd, OID_PRIME256V1) ||
            curveEnd - curveStart != 8
        ) revert X509_UnsupportedAlgorithm();
        (uint256 keyStart, uint256 keyEnd) = Asn1Der.expect(_der, algEnd, end_, Asn1Der.BIT_STRING);
        // 0x00 unused bits, 0x04 uncompressed point, x, y
        if (keyEnd != end_ || keyEnd - keyStart != 66 || Asn1Der.word(_der, keyStart) >> 240 != bytes32(uint256(4))) {
            revert X509_UnsupportedAlgorithm();
        }
        _cert.publicKeyX = Asn1Der.word(_der, keyStart + 2);
        _cert.publicKeyY = Asn1Der.word(_der, keyStart + 34);
    }

    function _extensions(bytes memory _der, uint256 _start, uint256 _end, Certificate memory _cert) private pure {
        (uint256 next, uint256 end) = Asn1Der.expect(_der, _start, _end, Asn1Der.SEQUENCE);
        if (end != _end) revert X509_Malformed(end);
        while (next < end) {
            (uint256 extStart, uint256 extEnd) = Asn1Der.expect(_der, next, end, Asn1Der.SEQUENCE);
            (uint256 oidStart, uint256 oidEnd) = Asn1Der.expect(_der, extStart, extEnd, Asn1Der.OID);
            (uint256 tag, uint256 valueStart, uint256 valueEnd) = Asn1Der.read(_der, oidEnd, extEnd);
            if (tag == Asn1Der.BOOLEAN) (tag, valueStart, valueEnd) = Asn1Der.read(_der, valueEnd, extEnd);
            if (tag != Asn1Der.OCTET_STRING || valueEnd != extEnd) revert X509_Malformed(extStart);
            uint256 oidLength = oidEnd - oidStart;
            if (oidLength == 3 && Asn1Der.equals(_der, oidStart, oidEnd, OID_BASIC_CONSTRAINTS)) {
                (uint256 bcStart, uint256 bcEnd) = Asn1Der.expect(_der, valueStart, valueEnd, Asn1Der.SEQUENCE);
                if (bcStart < bcEnd) {
                    (uint256 bcTag, uint256 caStart, uint256 caEnd) = Asn1Der.read(_der, bcStart, bcEnd);
                    _cert.isCa = bcTag == Asn1Der.BOOLEAN && caEnd == caStart + 1 && _der[caStart] != 0;
                }
            } else if (oidLength == 9 && Asn1Der.equals(_der, oidStart, oidEnd, OID_SGX_EXTENSION)) {
                _cert.sgxExtensionStart = valueStart;
                _cert.sgxExtensionEnd = valueEnd;
            }
            next = extEnd;
        }
    }

    /// @notice Decodes the Intel SGX extension of a PCK certificate parsed with `parseCertificate`.
    function parsePckTcb(bytes memory _der, Certificate memory _cert) internal pure returns (PckTcb memory tcb_) {
        if (_cert.sgxExtensionEnd == 0) revert X509_MissingSgxExtension();
        (uint256 next, uint256 end) = Asn1Der.expect(
            _der,
            _cert.sgxExtensionStart,
            _cert.sgxExtensionEnd,
            Asn1Der.SEQUENCE
        );
        uint256 seen;
        while (next < end) {
            (uint256 itemStart, uint256 itemEnd) = Asn1Der.expect(_der, next, end, Asn1Der.SEQUENCE);
            (uint256 oidStart, uint256 oidEnd) = Asn1Der.expect(_der, itemStart, itemEnd, Asn1Der.OID);
            (uint256 tag, uint256 valueStart, uint256 valueEnd) = Asn1Der.read(_der, oidEnd, itemEnd);
            if (valueEnd != itemEnd) revert X509_Malformed(itemStart);
            if (oidEnd - oidStart == SGX_TCB_OID_LENGTH) {
                if (Asn1Der.equals(_der, oidStart, oidEnd, OID_SGX_TCB) && tag == Asn1Der.SEQUENCE) {
                    _pckTcbComponents(_der, valueStart, valueEnd, tcb_);
                    seen |= 1;
                } else if (
                    Asn1Der.equals(_der, oidStart, oidEnd, OID_SGX_PCE_ID) &&
                    tag == Asn1Der.OCTET_STRING &&
                    valueEnd - valueStart == 2
                ) {
                    tcb_.pceId = bytes2(Asn1Der.word(_der, valueStart));
                    seen |= 2;
                } else if (
                    Asn1Der.equals(_der, oidStart, oidEnd, OID_SGX_FMSPC) &&
                    tag == Asn1Der.OCTET_STRING &&
                    valueEnd - valueStart == 6
                ) {
                    tcb_.fmspc = bytes6(Asn1Der.word(_der, valueStart));
                    seen |= 4;
                }
            }
            next = itemEnd;
        }
        if (seen != 7) revert X509_MissingSgxExtension();
    }

    function _pckTcbComponents(bytes memory _der, uint256 _start, uint256 _end, PckTcb memory _tcb) private pure {
        uint256 seen;
        uint256 next = _start;
        uint128 components;
        while (next < _end) {
            (uint256 itemStart, uint256 itemEnd) = Asn1Der.expect(_der, next, _end, Asn1Der.SEQUENCE);
            (uint256 oidStart, uint256 oidEnd) = Asn1Der.expect(_der, itemStart, itemEnd, Asn1Der.OID);
            (uint256 tag, uint256 valueStart, uint256 valueEnd) = Asn1Der.read(_der, oidEnd, itemEnd);
            if (
                valueEnd != itemEnd ||
                oidEnd - oidStart != SGX_TCB_OID_LENGTH + 1 ||
                !Asn1Der.equals(_der, oidStart, oidStart + SGX_TCB_OID_LENGTH, OID_SGX_TCB)
            ) revert X509_MissingSgxExtension();
            uint256 item = uint8(_der[oidStart + SGX_TCB_OID_LENGTH]);
            if (item >= 1 && item <= 16 && tag == Asn1Der.INTEGER) {
                uint256 svn = Asn1Der.uintValue(_der, valueStart, valueEnd);
                if (svn > type(uint8).max) revert X509_MissingSgxExtension();
                components |= uint128(svn << (8 * (16 - item)));
            } else if (item == 17 && tag == Asn1Der.INTEGER) {
                uint256 pceSvn = Asn1Der.uintValue(_der, valueStart, valueEnd);
                if (pceSvn > type(uint16).max) revert X509_MissingSgxExtension();
                _tcb.pceSvn = uint16(pceSvn);
            } else if (item == 18 && tag == Asn1Der.OCTET_STRING && valueEnd - valueStart == 16) {
                _tcb.cpuSvn = bytes16(Asn1Der.word(_der, valueStart));
            } else {
                revert X509_MissingSgxExtension();
            }
            seen |= 1 << item;
            next = itemEnd;
        }
        if (seen != ALL_TCB_ITEMS) revert X509_MissingSgxExtension();
        _tcb.components = bytes16(components);
    }

    // ───────────────────────────────────────── CRLs

    /// @notice Parses a DER X.509 v2 CRL signed with ecdsa-with-SHA256; nextUpdate is required.
    function parseCrl(bytes memory _der) internal pure returns (Crl memory crl_) {
        (uint256 start, uint256 end) = Asn1Der.expect(_der, 0, _der.length, Asn1Der.SEQUENCE);
        if (end != _der.length) revert X509_Malformed(end);
        (uint256 tbsStart, uint256 tbsEnd) = Asn1Der.expect(_der, start, end, Asn1Der.SEQUENCE);
        uint256 next = _expectEcdsaSha256(_der, tbsEnd, end);
        (crl_.signatureR, crl_.signatureS, next) = _signature(_der, next, end);
        if (next != end) revert X509_Malformed(next);
        crl_.tbsDigest = sha256(Asn1Der.slice(_der, start, tbsEnd));

        next = tbsStart;
        (uint256 tag, uint256 contentStart, uint256 fieldEnd) = Asn1Der.read(_der, next, tbsEnd);
        if (tag == Asn1Der.INTEGER) {
            if (Asn1Der.uintValue(_der, contentStart, fieldEnd) != 1) revert X509_Malformed(next);
            next = fieldEnd;
        }
        next = _expectEcdsaSha256(_der, next, tbsEnd);
        (, uint256 issuerEnd) = Asn1Der.expect(_der, next, tbsEnd, Asn1Der.SEQUENCE);
        crl_.issuerHash = Asn1Der.hashRange(_der, next, issuerEnd);
        (crl_.thisUpdate, next) = _time(_der, issuerEnd, tbsEnd);
        (crl_.nextUpdate, next) = _time(_der, next, tbsEnd);
        crl_.revokedStart = next;
        crl_.revokedEnd = next;
        if (next < tbsEnd) {
            (tag, contentStart, fieldEnd) = Asn1Der.read(_der, next, tbsEnd);
            if (tag == Asn1Der.SEQUENCE) {
                crl_.revokedStart = contentStart;
                crl_.revokedEnd = fieldEnd;
                next = fieldEnd;
            }
        }
        if (next < tbsEnd) {
            (tag, , fieldEnd) = Asn1Der.read(_der, next, tbsEnd);
            if (tag != Asn1Der.CONTEXT_0 || fieldEnd != tbsEnd) revert X509_Malformed(next);
        }
    }

    /// @notice The serial hash of the revoked-certificate entry at `_offset` and the next entry's offset.
    function revokedSerialAt(
        bytes memory _der,
        uint256 _offset,
        uint256 _end
    ) internal pure returns (bytes32 serialHash_, uint256 next_) {
        uint256 entryStart;
        (entryStart, next_) = Asn1Der.expect(_der, _offset, _end, Asn1Der.SEQUENCE);
        (uint256 serialStart, uint256 serialEnd) = Asn1Der.expect(_der, entryStart, next_, Asn1Der.INTEGER);
        serialHash_ = Asn1Der.hashRange(_der, serialStart, serialEnd);
    }

    // ───────────────────────────────────────── PEM

    /// @notice The DER of the first certificate of a PEM text (a quote's PCK chain starts with the leaf).
    /// @dev The text must start with `-----BEGIN CERTIFICATE-----`; line breaks (LF, CR) between
    ///      4-character groups are skipped; padding (`=`) may only end the last group; the block
    ///      must end with `-----END CERTIFICATE-----`. Decodes a group per iteration (~30 gas a character).
    ///      One assembly loop on purpose (gas), hence longer than the usual function.
    // solhint-disable-next-line function-max-lines
    function firstPemCertificate(bytes memory _pem) internal pure returns (bytes memory der_) {
        uint256 length = _pem.length;
        if (length < PEM_BEGIN_LENGTH + PEM_END_LENGTH || !Asn1Der.equals(_pem, 0, PEM_BEGIN_LENGTH, PEM_BEGIN)) {
            revert X509_MalformedPem();
        }
        bytes memory table = BASE64_TABLE;
        der_ = new bytes((length / 4) * 3 + 32); // room for the last 32-byte store
        uint256 marker;
        bool bad;
        assembly ("memory-safe") {
            let src := add(_pem, 0x20)
            let lookup := add(table, 0x20)
            let start := add(der_, 0x20)
            let dst := start
            let padded := 0
            for {
                let i := PEM_BEGIN_LENGTH
            } 1 {} {
                if gt(add(i, 4), length) {
                    bad := 1
                    break
                }
                let w := mload(add(src, i))
                let c := byte(0, w)
                if or(eq(c, 0x0a), eq(c, 0x0d)) {
                    i := add(i, 1)
                    continue
                }
                if eq(c, 0x2d) {
                    marker := i
                    break
                }
                if padded {
                    bad := 1
                    break
                }
                let a := byte(0, mload(add(lookup, c)))
                let b := byte(0, mload(add(lookup, byte(1, w))))
                let d := byte(0, mload(add(lookup, byte(2, w))))
                let e := byte(0, mload(add(lookup, byte(3, w))))
                let group := or(or(shl(18, a), shl(12, b)), or(shl(6, and(d, 63)), and(e, 63)))
                let all := or(or(a, b), or(d, e))
                if gt(all, 0x7f) {
                    bad := 1
                    break
                }
                mstore(dst, shl(232, group))
                switch and(all, 0x40)
                case 0 {
                    dst := add(dst, 3)
                }
                default {
                    // "xx==" or "xxx=": must be the last group
                    if or(and(or(a, b), 0x40), and(eq(d, 0x40), iszero(eq(e, 0x40)))) {
                        bad := 1
                        break
                    }
                    padded := 1
                    dst := add(dst, sub(3, add(eq(d, 0x40), eq(e, 0x40))))
                }
                i := add(i, 4)
            }
            mstore(der_, sub(dst, start))
        }
        if (
            bad || marker + PEM_END_LENGTH > length || !Asn1Der.equals(_pem, marker, marker + PEM_END_LENGTH, PEM_END)
        ) {
            revert X509_MalformedPem();
        }
    }

    // ───────────────────────────────────────── shared pieces

    /// @dev Reads an AlgorithmIdentifier at `_offset`, requires ecdsa-with-SHA256, returns its end.
    function _expectEcdsaSha256(bytes memory _der, uint256 _offset, uint256 _limit) private pure returns (uint256) {
        (uint256 start, uint256 end) = Asn1Der.expect(_der, _offset, _limit, Asn1Der.SEQUENCE);
        (uint256 oidStart, uint256 oidEnd) = Asn1Der.expect(_der, start, end, Asn1Der.OID);
        if (oidEnd != end || oidEnd - oidStart != 8 || !Asn1Der.equals(_der, oidStart, oidEnd, OID_ECDSA_WITH_SHA256)) {
            revert X509_UnsupportedAlgorithm();
        }
        return end;
    }

    /// @dev Reads the BIT STRING ECDSA-Sig-Value at `_offset`: (r, s, end).
    function _signature(
        bytes memory _der,
        uint256 _offset,
        uint256 _limit
    ) private pure returns (bytes32 r_, bytes32 s_, uint256 end_) {
        uint256 start;
        (start, end_) = Asn1Der.expect(_der, _offset, _limit, Asn1Der.BIT_STRING);
        if (start == end_ || _der[start] != 0) revert X509_Malformed(_offset);
        (uint256 seqStart, uint256 seqEnd) = Asn1Der.expect(_der, start + 1, end_, Asn1Der.SEQUENCE);
        (uint256 rStart, uint256 rEnd) = Asn1Der.expect(_der, seqStart, seqEnd, Asn1Der.INTEGER);
        (uint256 sStart, uint256 sEnd) = Asn1Der.expect(_der, rEnd, seqEnd, Asn1Der.INTEGER);
        if (seqEnd != end_ || sEnd != seqEnd) revert X509_Malformed(_offset);
        r_ = _scalar(_der, rStart, rEnd);
        s_ = _scalar(_der, sStart, sEnd);
    }

    function _scalar(bytes memory _der, uint256 _start, uint256 _end) private pure returns (bytes32) {
        uint256 length = _end - _start;
        if (length == 33 && _der[_start] == 0) {
            ++_start;
            --length;
        }
        if (length == 0 || length > 32) revert X509_Malformed(_start);
        return bytes32(uint256(Asn1Der.word(_der, _start)) >> (256 - 8 * length));
    }

    /// @dev Reads a UTCTime or GeneralizedTime at `_offset`: (unix time, end).
    function _time(bytes memory _der, uint256 _offset, uint256 _limit) private pure returns (uint64 time_, uint256) {
        (uint256 tag, uint256 start, uint256 end) = Asn1Der.read(_der, _offset, _limit);
        if (tag == Asn1Der.UTC_TIME) time_ = DcapTime.asn1Time(_der, start, end, false);
        else if (tag == Asn1Der.GENERALIZED_TIME) time_ = DcapTime.asn1Time(_der, start, end, true);
        else revert X509_Malformed(_offset);
        return (time_, end);
    }

    /// @dev keccak256 of the first commonName value in a Name's content range.
    function _commonNameHash(bytes memory _der, uint256 _start, uint256 _end) private pure returns (bytes32) {
        uint256 next = _start;
        while (next < _end) {
            (uint256 setStart, uint256 setEnd) = Asn1Der.expect(_der, next, _end, Asn1Der.SET);
            uint256 inner = setStart;
            while (inner < setEnd) {
                (uint256 attrStart, uint256 attrEnd) = Asn1Der.expect(_der, inner, setEnd, Asn1Der.SEQUENCE);
                (uint256 oidStart, uint256 oidEnd) = Asn1Der.expect(_der, attrStart, attrEnd, Asn1Der.OID);
                if (oidEnd - oidStart == 3 && Asn1Der.equals(_der, oidStart, oidEnd, OID_COMMON_NAME)) {
                    (, uint256 valueStart, uint256 valueEnd) = Asn1Der.read(_der, oidEnd, attrEnd);
                    return Asn1Der.hashRange(_der, valueStart, valueEnd);
                }
                inner = attrEnd;
            }
            next = setEnd;
        }
        return bytes32(0);
    }
}

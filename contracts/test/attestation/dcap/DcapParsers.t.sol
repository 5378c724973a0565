// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Asn1Der } from "../../../src/attestation/dcap/lib/Asn1Der.sol";
import { DcapTime } from "../../../src/attestation/dcap/lib/DcapTime.sol";
import { JsonReader } from "../../../src/attestation/dcap/lib/JsonReader.sol";
import { X509 } from "../../../src/attestation/dcap/lib/X509.sol";
import { DcapTestBase } from "./DcapTestBase.sol";

/// @notice The small parsers under the DCAP contracts: timestamps (against an independent
///         civil-from-days implementation), DER framing and the JSON reader's refusals.
contract DcapParsersTest is DcapTestBase {
    // ───────────────────────────────────────── time

    function testFuzz_isoTime_roundTrip_succeeds(uint64 _t) public view {
        _t = uint64(bound(_t, 0, 253_402_300_799)); // 1970 .. 9999-12-31T23:59:59Z
        (uint256 y, uint256 m, uint256 d, uint256 hh, uint256 mm, uint256 ss) = _civil(_t);
        bytes memory text = bytes(
            string.concat(
                _pad(y, 4),
                "-",
                _pad(m, 2),
                "-",
                _pad(d, 2),
                "T",
                _pad(hh, 2),
                ":",
                _pad(mm, 2),
                ":",
                _pad(ss, 2),
                "Z"
            )
        );
        assertEq(harness.isoTime(text), _t);
    }

    function testFuzz_asn1Time_roundTrip_succeeds(uint64 _t) public view {
        _t = uint64(bound(_t, 0, 2_524_607_999)); // UTCTime covers 1950..2049; we accept from 1970
        (uint256 y, uint256 m, uint256 d, uint256 hh, uint256 mm, uint256 ss) = _civil(_t);
        string memory rest = string.concat(_pad(m, 2), _pad(d, 2), _pad(hh, 2), _pad(mm, 2), _pad(ss, 2), "Z");
        assertEq(harness.asn1Time(bytes(string.concat(_pad(y, 4), rest)), true), _t);
        assertEq(harness.asn1Time(bytes(string.concat(_pad(y % 100, 2), rest)), false), _t);
    }

    function test_isoTime_knownDates_succeeds() public view {
        assertEq(harness.isoTime("1970-01-01T00:00:00Z"), 0);
        assertEq(harness.isoTime("2025-08-15T05:45:00Z"), 1_755_236_700); // INDEX.md S1
        assertEq(harness.isoTime("2024-02-29T23:59:59Z"), 1_709_251_199);
        assertEq(harness.asn1Time("491231235959Z", false), 2_524_607_999); // Intel root notAfter
    }

    function test_isoTime_invalid_reverts() public {
        string[7] memory bad = [
            "2025-02-29T00:00:00Z", // not a leap year
            "2025-13-01T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T00:60:00Z",
            "2025-01-01T00:00:00+",
            "2025-0a-01T00:00:00Z"
        ];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectPartialRevert(DcapTime.DcapTime_Malformed.selector);
            harness.isoTime(bytes(bad[i]));
        }
        vm.expectRevert(abi.encodeWithSelector(DcapTime.DcapTime_Malformed.selector, 0));
        harness.isoTime("1969-12-31T23:59:59Z");
        vm.expectRevert(abi.encodeWithSelector(DcapTime.DcapTime_Malformed.selector, 0));
        harness.asn1Time("20250101000000Z", false); // GeneralizedTime text as UTCTime
    }

    // ───────────────────────────────────────── DER framing

    function test_parseCertificate_truncated_reverts() public {
        bytes memory der = _file("certs/intel-sgx-root-ca.der");
        assembly ("memory-safe") {
            mstore(der, 300)
        }
        vm.expectRevert(abi.encodeWithSelector(Asn1Der.Asn1Der_Malformed.selector, 0));
        harness.parseCertificate(der);
    }

    function test_parseCertificate_trailingBytes_reverts() public {
        bytes memory der = bytes.concat(_file("certs/intel-sgx-root-ca.der"), hex"00");
        vm.expectRevert(abi.encodeWithSelector(X509.X509_Malformed.selector, der.length - 1));
        harness.parseCertificate(der);
    }

    function test_parseCertificate_nonMinimalLength_reverts() public {
        // 30 81 05 …: a long-form length below 128 is not DER.
        vm.expectRevert(abi.encodeWithSelector(Asn1Der.Asn1Der_Malformed.selector, 0));
        harness.parseCertificate(hex"3081050000000000");
    }

    function test_parseCertificate_indefiniteLength_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Asn1Der.Asn1Der_Malformed.selector, 0));
        harness.parseCertificate(hex"308000000000");
    }

    function test_parseCertificate_wrongSignatureAlgorithm_reverts() public {
        bytes memory der = _file("certs/intel-sgx-pck-platform-ca.der");
        // The outer ecdsa-with-SHA256 OID (the one followed by the signature BIT STRING, tag 03)
        // becomes ecdsa-with-SHA384 (…04 03 02 → …04 03 03).
        uint256 pos = _find(der, hex"06082a8648ce3d04030203", 0);
        der[pos + 9] = 0x03;
        vm.expectRevert(X509.X509_UnsupportedAlgorithm.selector);
        harness.parseCertificate(der);
    }

    function testFuzz_parseCertificate_anyFlippedByte_neverAcceptsAnotherIssuer(uint256 _at, uint8 _mask) public view {
        // Whatever single byte changes, parsing either fails or yields a different signed digest.
        bytes memory der = _file("certs/intel-sgx-pck-platform-ca.der");
        _at = bound(_at, 0, der.length - 1);
        vm.assume(_mask != 0);
        bytes32 original = harness.parseCertificate(der).tbsDigest;
        der[_at] = bytes1(uint8(der[_at]) ^ _mask);
        try harness.parseCertificate(der) returns (X509.Certificate memory cert) {
            // Only a change to the signature itself keeps the signed part.
            // (The Platform CA's to-be-signed part spans bytes 4..583.)
            if (cert.tbsDigest == original) assertGe(_at, 584);
        } catch {}
    }

    // ───────────────────────────────────────── JSON reader

    function test_parseEnclaveIdentity_escapedString_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(JsonReader.JsonReader_Malformed.selector, 8));
        // solhint-disable-next-line quotes
        harness.parseEnclaveIdentity(bytes('{"id":"Q\\u0045"}'));
    }

    function test_parseEnclaveIdentity_trailingGarbage_reverts() public {
        (bytes memory body, ) = _pcs("collateral/automata-2025-08/qe-identity-sgx-qe.json");
        bytes memory extended = bytes.concat(body, " x");
        vm.expectRevert(abi.encodeWithSelector(JsonReader.JsonReader_Malformed.selector, body.length + 1));
        harness.parseEnclaveIdentity(extended);
    }

    function test_parseEnclaveIdentity_truncated_reverts() public {
        (bytes memory body, ) = _pcs("collateral/automata-2025-08/qe-identity-sgx-qe.json");
        assembly ("memory-safe") {
            mstore(body, sub(mload(body), 2))
        }
        vm.expectPartialRevert(JsonReader.JsonReader_Malformed.selector);
        harness.parseEnclaveIdentity(body);
    }

    function test_parseEnclaveIdentity_fractionalNumber_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(JsonReader.JsonReader_Malformed.selector, 12));
        // solhint-disable-next-line quotes
        harness.parseEnclaveIdentity(bytes('{"version":2.0}'));
    }

    // ───────────────────────────────────────── helpers

    /// @dev civil_from_days (H. Hinnant), the inverse of what DcapTime implements.
    function _civil(
        uint256 _t
    ) internal pure returns (uint256 y, uint256 m, uint256 d, uint256 hh, uint256 mm, uint256 ss) {
        uint256 z = _t / 86_400 + 719_468;
        uint256 era = z / 146_097;
        uint256 doe = z - era * 146_097;
        uint256 yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        uint256 mp = (5 * doy + 2) / 153;
        d = doy - (153 * mp + 2) / 5 + 1;
        m = mp < 10 ? mp + 3 : mp - 9;
        y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        uint256 s = _t % 86_400;
        (hh, mm, ss) = (s / 3600, (s % 3600) / 60, s % 60);
    }

    function _pad(uint256 _v, uint256 _width) internal pure returns (string memory) {
        bytes memory out = new bytes(_width);
        for (uint256 i = _width; i > 0; --i) {
            out[i - 1] = bytes1(uint8(48 + (_v % 10)));
            _v /= 10;
        }
        return string(out);
    }

    function _find(bytes memory _data, bytes memory _needle, uint256 _from) internal pure returns (uint256) {
        for (uint256 i = _from; i + _needle.length <= _data.length; ++i) {
            bool hit = true;
            for (uint256 j; j < _needle.length && hit; ++j) hit = _data[i + j] == _needle[j];
            if (hit) return i;
        }
        revert("not found");
    }
}

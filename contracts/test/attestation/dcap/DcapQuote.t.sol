// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { DcapQuote } from "../../../src/attestation/dcap/lib/DcapQuote.sol";
import { X509 } from "../../../src/attestation/dcap/lib/X509.sol";
import { DcapTestBase } from "./DcapTestBase.sol";

/// @notice The on-chain quote and PCK certificate parsers against every fixture quote, field by
///         field, with the values of INDEX.md §4 (test-fixtures/dcap-derived/quote-fields.json,
///         which a TypeScript test keeps equal to INDEX.md); and malformed quotes.
contract DcapQuoteTest is DcapTestBase {
    string internal constant FIELDS = "../test-fixtures/dcap-derived/quote-fields.json";
    string internal json;

    function setUp() public override {
        super.setUp();
        json = vm.readFile(FIELDS);
    }

    // ───────────────────────────────────────── every fixture quote (INDEX.md §4 order)

    function test_parse_sgxV3Automata_succeeds() public view {
        _check(0);
    }

    function test_parse_tdxV4AutomataPadded_succeeds() public view {
        _check(1);
    }

    function test_parse_tdxV5Alibaba_succeeds() public view {
        _check(2);
    }

    function test_parse_tdxV5Automata2_succeeds() public view {
        _check(3);
    }

    function test_parse_sgxV3Debug_succeeds() public view {
        _check(4);
    }

    function test_parse_tdxV4GoSdk_succeeds() public view {
        _check(5);
    }

    function test_parse_sgxV3Phala_succeeds() public view {
        _check(6);
    }

    function test_parse_tdxV4Phala_succeeds() public view {
        _check(7);
    }

    function test_parse_tdxV5PhalaOutdated_succeeds() public view {
        _check(8);
    }

    function test_parse_tdxV4PhalaNear_succeeds() public view {
        _check(9);
    }

    function test_parse_sgxV3Taiko1_succeeds() public view {
        _check(10);
    }

    function test_parse_sgxV3Taiko2_succeeds() public view {
        _check(11);
    }

    function test_parse_sgxV3Taiko3_succeeds() public view {
        _check(12);
    }

    function test_parse_sgxV3Taiko4_succeeds() public view {
        _check(13);
    }

    function test_parse_fieldsFileCoversAllQuotes_succeeds() public view {
        assertEq(vm.parseJsonKeys(json, ".quotes[13]").length, vm.parseJsonKeys(json, ".quotes[0]").length);
        vm.assertFalse(vm.keyExistsJson(json, ".quotes[14]"));
    }

    // ───────────────────────────────────────── malformed quotes

    function test_parse_truncatedHeader_reverts() public {
        bytes memory quote = _truncate(_quote("sgx-v3-quote-automata-00606a"), 47);
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_Truncated.selector, 48, 47));
        harness.parseQuote(quote);
    }

    function test_parse_truncatedBody_reverts() public {
        bytes memory quote = _truncate(_quote("tdx-v4-quote-automata-00806f05"), 600);
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_Truncated.selector, 636, 600));
        harness.parseQuote(quote);
    }

    function test_parse_truncatedSignatureData_reverts() public {
        bytes memory quote = _truncate(_quote("tdx-v5-quote-automata-alibaba-90c06f"), 5005);
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_Truncated.selector, 5006, 5005));
        harness.parseQuote(quote);
    }

    function testFuzz_parse_truncated_reverts(uint256 _length) public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        _length = bound(_length, 0, quote.length - 1);
        quote = _truncate(quote, _length);
        try harness.parseQuote(quote) {
            revert("a truncated quote parsed");
        } catch (bytes memory reason) {
            assertEq(bytes4(reason), DcapQuote.DcapQuote_Truncated.selector);
        }
    }

    function test_parse_paddingCut_succeeds() public view {
        // Zero padding is not part of the quote: cutting it off changes nothing that is signed.
        bytes memory quote = _truncate(_quote("tdx-v4-quote-automata-00806f05"), 636 + 4299);
        DcapQuote.Quote memory q = harness.parseQuote(quote);
        assertEq(q.paddingLength, 0);
        assertEq(q.signatureDataLength, 4299);
    }

    function test_parse_nonZeroPadding_reverts() public {
        bytes memory quote = _quote("tdx-v4-quote-phala-b0c06f"); // 70 zero bytes after the signature data
        quote[quote.length - 70] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_TrailingData.selector, quote.length - 70));
        harness.parseQuote(quote);
    }

    function test_parse_signatureDataLengthOneShort_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[432] = bytes1(uint8(quote[432]) - 1); // 4298 → 4297 (little-endian low byte)
        // The PCK chain's declared size now overruns the signature data.
        vm.expectRevert(
            abi.encodeWithSelector(DcapQuote.DcapQuote_LengthMismatch.selector, 436 + 128 + 384 + 64 + 2 + 32 + 6)
        );
        harness.parseQuote(quote);
    }

    function test_parse_signatureDataLengthOneLong_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[432] = bytes1(uint8(quote[432]) + 1);
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_Truncated.selector, 4735, 4734));
        harness.parseQuote(quote);
    }

    function test_parse_signatureDataLengthOneLongOnPaddedQuote_reverts() public {
        bytes memory quote = _quote("tdx-v4-quote-automata-00806f05");
        quote[632] = bytes1(uint8(quote[632]) + 1); // 4299 → 4300: one padding byte claimed
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_LengthMismatch.selector, 636 + 128 + 2));
        harness.parseQuote(quote);
    }

    function test_parse_unsupportedVersion_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[0] = 0x02;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_UnsupportedVersion.selector, 2));
        harness.parseQuote(quote);
    }

    function test_parse_unsupportedAttestationKeyType_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[2] = 0x03;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_UnsupportedAttestationKeyType.selector, 3));
        harness.parseQuote(quote);
    }

    function test_parse_tdxTeeTypeInV3_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[4] = 0x81;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_UnsupportedTeeType.selector, 0x81));
        harness.parseQuote(quote);
    }

    function test_parse_foreignQeVendor_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[12] = 0x00;
        vm.expectRevert(
            abi.encodeWithSelector(
                DcapQuote.DcapQuote_UnsupportedQeVendor.selector,
                bytes16(0x009a7233f79c4ca9940a0db3957f0607)
            )
        );
        harness.parseQuote(quote);
    }

    function test_parse_v5SgxBodyTypeWithTdxTee_reverts() public {
        bytes memory quote = _quote("tdx-v5-quote-automata-alibaba-90c06f");
        quote[48] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_UnsupportedBodyType.selector, 1));
        harness.parseQuote(quote);
    }

    function test_parse_v5WrongBodySize_reverts() public {
        bytes memory quote = _quote("tdx-v5-quote-automata-alibaba-90c06f");
        quote[50] = bytes1(uint8(quote[50]) + 1);
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_LengthMismatch.selector, 50));
        harness.parseQuote(quote);
    }

    function test_parse_outerCertificationDataType_reverts() public {
        bytes memory quote = _quote("tdx-v4-quote-phala-b0c06f");
        quote[636 + 128] = 0x07;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_UnsupportedCertificationData.selector, 7));
        harness.parseQuote(quote);
    }

    function test_parse_pckChainCertificationDataType_reverts() public {
        bytes memory quote = _quote("sgx-v3-quote-automata-00606a");
        quote[436 + 128 + 384 + 64 + 2 + 32] = 0x03; // PCK chain (5) → 3
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_UnsupportedCertificationData.selector, 3));
        harness.parseQuote(quote);
    }

    function test_firstPemCertificate_malformed_reverts() public {
        vm.expectRevert(X509.X509_MalformedPem.selector);
        harness.firstPemCertificate(bytes("-----BEGIN CERTIFICATE-----\nMIIB\n"));
    }

    // ───────────────────────────────────────── helpers

    function _check(uint256 _i) internal view {
        string memory p = string.concat(".quotes[", vm.toString(_i), "]");
        bytes memory quote = _file(string.concat("quotes/", vm.parseJsonString(json, string.concat(p, ".file"))));
        assertEq(quote.length, _uint(p, ".size"), "size");
        assertEq(sha256(quote), vm.parseJsonBytes32(json, string.concat(p, ".sha256")), "sha256");

        DcapQuote.Quote memory q = harness.parseQuote(quote);
        assertEq(q.version, _uint(p, ".version"), "version");
        assertEq(harness.le(quote, 2, 2), _uint(p, ".attestationKeyType"), "attestation key type");
        assertEq(q.teeType, _uint(p, ".teeType"), "tee type");
        assertEq(harness.le(quote, 8, 2), _uint(p, ".qeSvn"), "header qeSvn");
        assertEq(harness.le(quote, 10, 2), _uint(p, ".pceSvn"), "header pceSvn");
        assertEq(_slice(quote, 12, 16), _bytes(p, ".qeVendorId"), "QE vendor id");
        assertEq(_slice(quote, 28, 20), _bytes(p, ".userData"), "user data");
        if (q.version == 5) {
            assertEq(q.bodyType, _uint(p, ".v5BodyType"), "v5 body type");
            assertEq(harness.le(quote, 50, 4), _uint(p, ".v5BodySize"), "v5 body size");
        }
        uint256 b = q.bodyOffset;
        if (q.teeType == DcapQuote.TEE_TYPE_SGX) {
            assertEq(_slice(quote, b + DcapQuote.SGX_CPU_SVN, 16), _bytes(p, ".cpuSvn"), "cpuSvn");
            assertEq(_slice(quote, b + DcapQuote.SGX_MISC_SELECT, 4), _bytes(p, ".miscSelect"), "miscSelect");
            assertEq(_slice(quote, b + DcapQuote.SGX_ATTRIBUTES, 16), _bytes(p, ".attributes"), "attributes");
            assertEq(_slice(quote, b + DcapQuote.SGX_MR_ENCLAVE, 32), _bytes(p, ".mrEnclave"), "MRENCLAVE");
            assertEq(_slice(quote, b + DcapQuote.SGX_MR_SIGNER, 32), _bytes(p, ".mrSigner"), "MRSIGNER");
            assertEq(harness.le(quote, b + DcapQuote.SGX_ISV_PROD_ID, 2), _uint(p, ".isvProdId"), "isvProdId");
            assertEq(harness.le(quote, b + DcapQuote.SGX_ISV_SVN, 2), _uint(p, ".isvSvn"), "isvSvn");
            assertEq(_slice(quote, b + DcapQuote.SGX_REPORT_DATA, 64), _bytes(p, ".reportData"), "reportData");
            assertEq(
                uint8(quote[b + DcapQuote.SGX_ATTRIBUTES]) & 0x02 != 0,
                vm.parseJsonBool(json, string.concat(p, ".debug"))
            );
        } else {
            _checkTd(quote, q, p);
        }
        assertEq(q.signatureDataLength, _uint(p, ".signatureDataLength"), "signature data length");
        if (q.version >= 4) {
            assertEq(harness.le(quote, q.qeReportOffset - 4, 4), _uint(p, ".outerCertificationDataSize"), "outer");
        }
        uint256 qe = q.qeReportOffset;
        assertEq(_slice(quote, qe + DcapQuote.SGX_MR_SIGNER, 32), _bytes(p, ".qeMrSigner"), "QE MRSIGNER");
        assertEq(harness.le(quote, qe + DcapQuote.SGX_ISV_PROD_ID, 2), _uint(p, ".qeIsvProdId"), "QE prod id");
        assertEq(harness.le(quote, qe + DcapQuote.SGX_ISV_SVN, 2), _uint(p, ".qeIsvSvn"), "QE isvSvn");
        assertEq(q.qeAuthDataLength, _uint(p, ".qeAuthDataLength"), "QE auth data length");
        assertEq(_slice(quote, q.qeAuthDataOffset, 8), _bytes(p, ".qeAuthDataPrefix"), "QE auth data");
        assertEq(harness.le(quote, q.certificationDataOffset - 6, 2), _uint(p, ".certificationDataType"), "cert type");
        assertEq(q.certificationDataLength, _uint(p, ".certificationDataSize"), "cert data size");
        assertEq(q.paddingLength, _uint(p, ".paddingLength"), "padding");
        _checkPck(quote, q, p);
    }

    function _checkTd(bytes memory _quote, DcapQuote.Quote memory _q, string memory _p) internal view {
        uint256 b = _q.bodyOffset;
        assertEq(_slice(_quote, b + DcapQuote.TD_TEE_TCB_SVN, 16), _bytes(_p, ".teeTcbSvn"), "teeTcbSvn");
        assertEq(_slice(_quote, b + DcapQuote.TD_MR_SEAM, 48), _bytes(_p, ".mrSeam"), "mrSeam");
        assertEq(_slice(_quote, b + DcapQuote.TD_MR_SIGNER_SEAM, 48), _bytes(_p, ".mrSignerSeam"), "mrSignerSeam");
        assertEq(_slice(_quote, b + DcapQuote.TD_SEAM_ATTRIBUTES, 8), _bytes(_p, ".seamAttributes"), "seamAttr");
        assertEq(_slice(_quote, b + DcapQuote.TD_ATTRIBUTES, 8), _bytes(_p, ".tdAttributes"), "tdAttributes");
        assertEq(_slice(_quote, b + DcapQuote.TD_XFAM, 8), _bytes(_p, ".xfam"), "xfam");
        assertEq(_slice(_quote, b + DcapQuote.TD_MR_TD, 48), _bytes(_p, ".mrTd"), "mrTd");
        assertEq(_slice(_quote, b + DcapQuote.TD_MR_CONFIG_ID, 48), _bytes(_p, ".mrConfigId"), "mrConfigId");
        assertEq(_slice(_quote, b + DcapQuote.TD_MR_OWNER, 48), _bytes(_p, ".mrOwner"), "mrOwner");
        assertEq(_slice(_quote, b + DcapQuote.TD_MR_OWNER_CONFIG, 48), _bytes(_p, ".mrOwnerConfig"), "mrOwnerConfig");
        assertEq(_slice(_quote, b + DcapQuote.TD_RTMR0, 48), _bytes(_p, ".rtmr0"), "rtmr0");
        assertEq(_slice(_quote, b + DcapQuote.TD_RTMR0 + 48, 48), _bytes(_p, ".rtmr1"), "rtmr1");
        assertEq(_slice(_quote, b + DcapQuote.TD_RTMR0 + 96, 48), _bytes(_p, ".rtmr2"), "rtmr2");
        assertEq(_slice(_quote, b + DcapQuote.TD_RTMR0 + 144, 48), _bytes(_p, ".rtmr3"), "rtmr3");
        assertEq(_slice(_quote, b + DcapQuote.TD_REPORT_DATA, 64), _bytes(_p, ".reportData"), "reportData");
        if (_q.bodyType == DcapQuote.BODY_TD15) {
            assertEq(_slice(_quote, b + DcapQuote.TD_TEE_TCB_SVN2, 16), _bytes(_p, ".teeTcbSvn2"), "teeTcbSvn2");
            assertEq(_slice(_quote, b + DcapQuote.TD_MR_SERVICE_TD, 48), _bytes(_p, ".mrServiceTd"), "mrServiceTd");
        }
        assertEq(
            uint8(_quote[b + DcapQuote.TD_ATTRIBUTES]) != 0,
            vm.parseJsonBool(json, string.concat(_p, ".debug")),
            "debug"
        );
    }

    function _checkPck(bytes memory _quote, DcapQuote.Quote memory _q, string memory _p) internal view {
        bytes memory der = harness.firstPemCertificate(
            _slice(_quote, _q.certificationDataOffset, _q.certificationDataLength)
        );
        X509.Certificate memory cert = harness.parseCertificate(der);
        X509.PckTcb memory tcb = harness.parsePckTcb(der);
        assertEq(bytes.concat(tcb.fmspc), _bytes(_p, ".fmspc"), "FMSPC");
        assertEq(bytes.concat(tcb.pceId), _bytes(_p, ".pceId"), "PCE-ID");
        uint256[] memory components = vm.parseJsonUintArray(json, string.concat(_p, ".tcbComponents"));
        assertEq(components.length, 16);
        for (uint256 i; i < 16; ++i) assertEq(uint8(tcb.components[i]), components[i], "TCB component");
        assertEq(tcb.pceSvn, _uint(_p, ".pckPceSvn"), "PCESVN");
        assertEq(cert.notBefore, _uint(_p, ".pckNotBefore"), "notBefore");
        assertEq(cert.notAfter, _uint(_p, ".pckNotAfter"), "notAfter");
        // The issuer CA by name: the subject of the Platform CA certificate, or of the Processor CA
        // certificate in Phala's bundle.
        bytes32 platform = harness.parseCertificate(_file("certs/intel-sgx-pck-platform-ca.der")).subjectHash;
        bytes32 processor = harness.parseCertificate(_bundle("sgx-v3-quote-phala-00a067").pckCa).subjectHash;
        bytes32 expected =
            keccak256(bytes(vm.parseJsonString(json, string.concat(_p, ".pckIssuer")))) ==
                keccak256("Intel SGX PCK Platform CA")
                ? platform
                : processor;
        assertEq(cert.issuerHash, expected, "issuer CA");
    }

    function _uint(string memory _p, string memory _key) internal view returns (uint256) {
        return vm.parseJsonUint(json, string.concat(_p, _key));
    }

    function _bytes(string memory _p, string memory _key) internal view returns (bytes memory) {
        return vm.parseJsonBytes(json, string.concat(_p, _key));
    }

    function _slice(bytes memory _data, uint256 _start, uint256 _length) internal pure returns (bytes memory out_) {
        out_ = new bytes(_length);
        for (uint256 i; i < _length; ++i) out_[i] = _data[_start + i];
    }

    function _truncate(bytes memory _data, uint256 _length) internal pure returns (bytes memory) {
        return _slice(_data, 0, _length);
    }
}

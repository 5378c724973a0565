// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IDcapAttestationVerifier } from "../../../src/interfaces/attestation/IDcapAttestationVerifier.sol";
import { IDcapCertificateRegistry } from "../../../src/interfaces/attestation/IDcapCertificateRegistry.sol";
import { DcapQuote } from "../../../src/attestation/dcap/lib/DcapQuote.sol";
import { DcapTcb } from "../../../src/attestation/dcap/lib/DcapTcb.sol";
import { DcapTestBase } from "./DcapTestBase.sol";

/// @notice DcapAttestationVerifier against real Intel quotes and collateral: the verdicts of
///         INDEX.md §2 at their pinned times, the AttestationResult fields, and every corruption.
contract DcapAttestationVerifierTest is DcapTestBase {
    using { _status } for IAttestationVerifier.AttestationResult;

    string internal constant FIELDS = "../test-fixtures/dcap-derived/quote-fields.json";

    // ───────────────────────────────────────── INDEX.md §2 verdicts

    function test_verify_s1SgxAutomata_swHardeningNeeded_succeeds() public {
        Scenario memory s = _s1();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.SWHardeningNeeded));
    }

    function test_verify_s2TdxV4June_outOfDate_succeeds() public {
        Scenario memory s = _s2();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.OutOfDate));
    }

    function test_verify_s3TdxV4October_outOfDate_succeeds() public {
        Scenario memory s = _s3();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.OutOfDate));
    }

    function test_verify_s4TdxV4July_outOfDate_succeeds() public {
        Scenario memory s = _s4();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.OutOfDate));
    }

    function test_verify_s5TdxV5Td15_upToDate_succeeds() public {
        Scenario memory s = _s5();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.UpToDate));
    }

    function test_verify_s6SgxProcessorCa_configurationAndSwHardeningNeeded_succeeds() public {
        Scenario memory s = _s6();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded));
    }

    function test_verify_s7TdxV4Phala_upToDate_succeeds() public {
        Scenario memory s = _s7();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.UpToDate));
    }

    function test_verify_s8TdxV4Rtmr3AndConfigId_upToDate_succeeds() public {
        Scenario memory s = _s8();
        _install(s);
        assertEq(_verify(s)._status(), uint8(IAttestationVerifier.TcbStatus.UpToDate));
    }

    function test_verify_s9NoMatchingTcbLevel_reverts() public {
        Scenario memory s = _s9();
        _install(s);
        vm.expectRevert(DcapTcb.DcapTcb_TcbLevelNotFound.selector);
        _verify(s);
    }

    function test_verify_s10DebugEnclave_reportsDebug_succeeds() public {
        Scenario memory s = _s10();
        _install(s);
        IAttestationVerifier.AttestationResult memory result = _verify(s);
        assertTrue(result.debug, "the DEBUG attribute must come out");
        assertEq(result._status(), uint8(IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded));
        // The same platform's production enclave (S6) is not debug.
        assertFalse(verifier.verify(_report(_quote(_s6().quote))).debug);
    }

    function test_verify_s11TdxV5NoMatchingTcbLevel_reverts() public {
        _install(Scenario("tdx-v5-quote-automata-2-90c06f", _tdx90c06f2025(), 1_749_945_600));
        vm.expectRevert(DcapTcb.DcapTcb_TcbLevelNotFound.selector);
        verifier.verify(_report(_quote("tdx-v5-quote-automata-2-90c06f")));
    }

    function test_verify_s11TdxV4GoSdkNoMatchingTcbLevel_reverts() public {
        _install(Scenario("tdx-v4-quote-automata-gosdk-90c06f", _tdx90c06f2025(), 1_749_945_600));
        vm.expectRevert(DcapTcb.DcapTcb_TcbLevelNotFound.selector);
        verifier.verify(_report(_quote("tdx-v4-quote-automata-gosdk-90c06f")));
    }

    // ───────────────────────────────────────── AttestationResult

    function test_verify_sgxResult_matchesIndexFields_succeeds() public {
        Scenario memory s = _s1();
        _install(s);
        IAttestationVerifier.AttestationResult memory result = _verify(s);
        string memory q = _fields(string.concat(s.quote, ".bin"));
        string memory json = vm.readFile(FIELDS);
        assertEq(uint8(result.teeType), uint8(IAttestationVerifier.TeeType.Sgx));
        assertEq(result.measurement, vm.parseJsonBytes32(json, string.concat(q, ".mrEnclave")));
        assertEq(result.signerMeasurement, vm.parseJsonBytes32(json, string.concat(q, ".mrSigner")));
        assertEq(result.productId, vm.parseJsonUint(json, string.concat(q, ".isvProdId")));
        assertEq(result.securityVersion, vm.parseJsonUint(json, string.concat(q, ".isvSvn")));
        assertEq(result.reportData, vm.parseJsonBytes(json, string.concat(q, ".reportData")));
        assertFalse(result.debug);
        assertEq(result.enclavePublicKey, _key(), "the key is returned as given");
    }

    function test_verify_tdxResult_measurementDigest_succeeds() public {
        Scenario memory s = _s8(); // non-zero RTMR3 and MRCONFIGID
        _install(s);
        IAttestationVerifier.AttestationResult memory result = _verify(s);
        string memory q = _fields(string.concat(s.quote, ".bin"));
        string memory json = vm.readFile(FIELDS);
        bytes memory preimage = bytes.concat(
            vm.parseJsonBytes(json, string.concat(q, ".mrTd")),
            vm.parseJsonBytes(json, string.concat(q, ".mrConfigId")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr0")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr1")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr2")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr3")),
            new bytes(48), // MRSERVICETD: none in a TD 1.0 quote
            vm.parseJsonBytes(json, string.concat(q, ".tdAttributes")),
            vm.parseJsonBytes(json, string.concat(q, ".xfam"))
        );
        assertEq(uint8(result.teeType), uint8(IAttestationVerifier.TeeType.Tdx));
        assertEq(result.measurement, keccak256(preimage));
        assertEq(
            result.signerMeasurement,
            keccak256(
                bytes.concat(
                    vm.parseJsonBytes(json, string.concat(q, ".mrOwner")),
                    vm.parseJsonBytes(json, string.concat(q, ".mrOwnerConfig"))
                )
            )
        );
        assertEq(result.productId, 0);
        assertEq(result.securityVersion, 0);
        assertFalse(result.debug);
        assertEq(result.reportData, vm.parseJsonBytes(json, string.concat(q, ".reportData")));
    }

    function test_verify_td15Result_includesServiceTd_succeeds() public {
        Scenario memory s = _s5();
        _install(s);
        string memory q = _fields(string.concat(s.quote, ".bin"));
        string memory json = vm.readFile(FIELDS);
        bytes memory preimage = bytes.concat(
            vm.parseJsonBytes(json, string.concat(q, ".mrTd")),
            vm.parseJsonBytes(json, string.concat(q, ".mrConfigId")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr0")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr1")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr2")),
            vm.parseJsonBytes(json, string.concat(q, ".rtmr3")),
            vm.parseJsonBytes(json, string.concat(q, ".mrServiceTd")),
            vm.parseJsonBytes(json, string.concat(q, ".tdAttributes")),
            vm.parseJsonBytes(json, string.concat(q, ".xfam"))
        );
        assertEq(_verify(s).measurement, keccak256(preimage));
    }

    function test_verify_invalidEnclavePublicKey_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapAttestationVerifier.DcapAttestationVerifier_InvalidEnclavePublicKey.selector,
                65
            )
        );
        verifier.verify(abi.encode(_quote(s.quote), new bytes(65)));
    }

    function test_verify_malformedEnvelope_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory report = _report(_quote(s.quote));
        bytes[4] memory bad = [
            bytes(""),
            abi.encodePacked(uint256(0x40)), // one word
            abi.encodePacked(uint256(0x40), uint256(0x1000000)), // offset past the end
            bytes.concat(report, hex"00")
        ];
        // the last one is fine (trailing bytes are tolerated, like abi.decode); lengths past the end are not
        assembly ("memory-safe") {
            mstore(add(report, 0x60), 0xffffff) // the quote's declared length
        }
        bad[3] = report;
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_MalformedReport.selector);
            verifier.verify(bad[i]);
        }
    }

    // ───────────────────────────────────────── corruptions

    function test_verify_flippedBodyBit_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory quote = _flip(_quote(s.quote), 48 + DcapQuote.SGX_MR_ENCLAVE, 0x01);
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_InvalidQuoteSignature.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_flippedTdBodyBit_reverts() public {
        Scenario memory s = _s2();
        _install(s);
        bytes memory quote = _flip(_quote(s.quote), 48 + DcapQuote.TD_RTMR0 + 7, 0x80);
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_InvalidQuoteSignature.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_flippedSignatureBit_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory quote = _flip(_quote(s.quote), 436 + 40, 0x04); // inside s of the quote signature
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_InvalidQuoteSignature.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_flippedQeReportBit_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory quote = _flip(_quote(s.quote), 436 + 128 + DcapQuote.SGX_ISV_SVN, 0x01);
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_InvalidQeReportSignature.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_flippedQeReportSignatureBit_reverts() public {
        Scenario memory s = _s2(); // TDX: the QE report sits inside certification data type 6
        _install(s);
        bytes memory quote = _flip(_quote(s.quote), 636 + 128 + 6 + 384 + 3, 0x10);
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_InvalidQeReportSignature.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_flippedQeAuthDataBit_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory quote = _flip(_quote(s.quote), 436 + 128 + 384 + 64 + 2 + 5, 0x01);
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_QeReportDataMismatch.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_flippedPckCertificateBit_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory quote = _quote(s.quote);
        DcapQuote.Quote memory q = harness.parseQuote(quote);
        // Base64 character 27 of the leaf holds the low 6 bits of DER byte 20 (inside the serial
        // number): give it the character whose value differs in bit 0.
        uint256 pos = q.certificationDataOffset + 28 + 27;
        quote[pos] = _base64Char(_base64Value(quote[pos]) ^ 1);
        vm.expectRevert(IDcapAttestationVerifier.DcapAttestationVerifier_InvalidPckCertificateSignature.selector);
        verifier.verify(_report(quote));
    }

    function test_verify_truncatedQuote_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        bytes memory quote = _quote(s.quote);
        assembly ("memory-safe") {
            mstore(quote, 4000)
        }
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_Truncated.selector, 436 + 4298, 4000));
        verifier.verify(_report(quote));
    }

    function test_verify_paddedQuoteWithNonZeroPadding_reverts() public {
        Scenario memory s = _s2(); // 3065 zero bytes of padding
        _install(s);
        bytes memory quote = _quote(s.quote);
        assertEq(uint8(_verify(s).tcbStatus), uint8(IAttestationVerifier.TcbStatus.OutOfDate));
        quote[7999] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(DcapQuote.DcapQuote_TrailingData.selector, 4935 + 95 * 32));
        verifier.verify(_report(quote));
    }

    function test_verify_expiredQeIdentity_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        uint64 nextUpdate = 1_757_824_606; // 2025-09-14T04:36:46Z
        vm.warp(nextUpdate - 1);
        _verify(s);
        vm.warp(nextUpdate);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapAttestationVerifier.DcapAttestationVerifier_CollateralExpired.selector,
                IDcapAttestationVerifier.CollateralKind.QeIdentity,
                nextUpdate
            )
        );
        _verify(s);
    }

    function test_verify_expiredTcbInfo_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        uint64 nextUpdate = 1_757_826_498; // 2025-09-14T05:08:18Z
        vm.warp(nextUpdate);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapAttestationVerifier.DcapAttestationVerifier_CollateralExpired.selector,
                IDcapAttestationVerifier.CollateralKind.TcbInfo,
                nextUpdate
            )
        );
        _verify(s);
    }

    function test_verify_expiredPckCrl_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        uint64 nextUpdate = 1_757_828_486; // 2025-09-14T05:41:26Z
        vm.warp(nextUpdate);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CrlExpired.selector,
                IDcapCertificateRegistry.CertificateRole.PckPlatformCa,
                nextUpdate
            )
        );
        _verify(s);
    }

    function test_verify_missingCollateral_reverts() public {
        Scenario memory s = _s1();
        _deploy();
        vm.warp(s.time);
        certificates.submitCrl(s.collateral.rootCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_UnknownIssuer.selector,
                _pckIssuerHash(_quote(s.quote))
            )
        );
        _verify(s);

        certificates.submitCertificate(s.collateral.pckCa);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CrlMissing.selector,
                IDcapCertificateRegistry.CertificateRole.PckPlatformCa
            )
        );
        _verify(s);

        certificates.submitCrl(s.collateral.pckCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapAttestationVerifier.DcapAttestationVerifier_CollateralMissing.selector,
                IDcapAttestationVerifier.CollateralKind.TcbInfo
            )
        );
        _verify(s);
    }

    function test_verify_revokedPck_reverts() public {
        Scenario memory s = _s1();
        _install(s);
        // Every serial the PCK Platform CA CRL lists is refused by the lookup the verifier makes.
        bytes32[] memory listed = harness.revokedSerialHashes(s.collateral.pckCrl);
        assertEq(listed.length, 44);
        bytes32 issuer = _pckIssuerHash(_quote(s.quote));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CertificateRevoked.selector,
                IDcapCertificateRegistry.CertificateRole.PckPlatformCa,
                listed[7]
            )
        );
        certificates.pckIssuerKey(issuer, listed[7]);
    }

    function test_verify_collateralForAnotherTee_reverts() public {
        // The SGX quote of S6 (PCK Processor CA) with only the TDX collateral of the same time
        // (S7, PCK Platform CA) installed.
        Scenario memory s6 = _s6();
        _install(_s7());
        vm.warp(s6.time - 100);
        bytes memory report = _report(_quote(s6.quote));
        bytes32 issuer = _pckIssuerHash(_quote(s6.quote));
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCertificateRegistry.DcapCertificateRegistry_UnknownIssuer.selector, issuer)
        );
        verifier.verify(report);
    }

    function test_verify_tcbInfoForAnotherTee_reverts() public {
        // S6's SGX platform with S7's TDX TCB info and TD_QE identity: no SGX TCB info for the FMSPC.
        Scenario memory s6 = _s6();
        Scenario memory s7 = _s7();
        _deploy();
        vm.warp(s6.time - 100);
        s6.collateral.tcbInfo = s7.collateral.tcbInfo;
        s6.collateral.tcbInfoSignature = s7.collateral.tcbInfoSignature;
        _submit(s6.collateral);
        bytes memory report = _report(_quote(s6.quote));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapAttestationVerifier.DcapAttestationVerifier_CollateralMissing.selector,
                IDcapAttestationVerifier.CollateralKind.TcbInfo
            )
        );
        verifier.verify(report);
    }

    // ───────────────────────────────────────── views

    function test_views_succeeds() public {
        _deploy();
        assertEq(address(verifier.certificates()), address(certificates));
        assertEq(address(verifier.collateral()), address(collateral));
        assertEq(verifier.version(), "1.0.0");
    }

    // ───────────────────────────────────────── helpers

    function _pckIssuerHash(bytes memory _quoteBytes) internal view returns (bytes32) {
        DcapQuote.Quote memory q = harness.parseQuote(_quoteBytes);
        bytes memory pem = new bytes(q.certificationDataLength);
        for (uint256 i; i < pem.length; ++i) pem[i] = _quoteBytes[q.certificationDataOffset + i];
        return harness.parseCertificate(harness.firstPemCertificate(pem)).issuerHash;
    }

    /// @dev The JSON path of a quote in quote-fields.json.
    function _fields(string memory _file) internal view returns (string memory) {
        string memory json = vm.readFile(FIELDS);
        for (uint256 i; i < 14; ++i) {
            string memory path = string.concat(".quotes[", vm.toString(i), "]");
            if (keccak256(bytes(vm.parseJsonString(json, string.concat(path, ".file")))) == keccak256(bytes(_file))) {
                return path;
            }
        }
        revert("no such quote");
    }

    function _base64Value(bytes1 _c) internal pure returns (uint8) {
        uint8 c = uint8(_c);
        if (c >= 0x41 && c <= 0x5a) return c - 0x41;
        if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
        if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
        return c == 0x2b ? 62 : 63;
    }

    function _base64Char(uint8 _v) internal pure returns (bytes1) {
        return bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")[_v];
    }
}

function _status(IAttestationVerifier.AttestationResult memory _result) pure returns (uint8) {
    return uint8(_result.tcbStatus);
}

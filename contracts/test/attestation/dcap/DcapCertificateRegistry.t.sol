// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCertificateRegistry } from "../../../src/interfaces/attestation/IDcapCertificateRegistry.sol";
import { DcapTestBase } from "./DcapTestBase.sol";

/// @notice DcapCertificateRegistry with Intel's real certificates and CRLs (times from
///         `openssl x509|crl -dates` of the fixture files).
contract DcapCertificateRegistryTest is DcapTestBase {
    uint64 internal constant ROOT_NOT_BEFORE = 1_526_899_510; // 2018-05-21T10:45:10Z
    uint64 internal constant ROOT_NOT_AFTER = 2_524_607_999; // 2049-12-31T23:59:59Z
    uint64 internal constant PLATFORM_CA_NOT_BEFORE = 1_526_899_810; // 2018-05-21T10:50:10Z
    uint64 internal constant PLATFORM_CA_NOT_AFTER = 2_000_285_410; // 2033-05-21T10:50:10Z
    uint64 internal constant SIGNING_2025_NOT_BEFORE = 1_746_523_500; // 2025-05-06T09:25:00Z
    uint64 internal constant SIGNING_2025_NOT_AFTER = 1_967_448_300; // 2032-05-06T09:25:00Z
    uint64 internal constant SIGNING_2018_NOT_AFTER = 1_747_824_610; // 2025-05-21T10:50:10Z
    uint64 internal constant ROOT_CRL_2024_THIS = 1_710_962_370; // 2024-03-20T19:19:30Z
    uint64 internal constant ROOT_CRL_2024_NEXT = 1_743_707_970; // 2025-04-03T19:19:30Z
    uint64 internal constant ROOT_CRL_2025_THIS = 1_742_469_717; // 2025-03-20T11:21:57Z
    uint64 internal constant ROOT_CRL_2025_NEXT = 1_775_215_317; // 2026-04-03T11:21:57Z
    uint64 internal constant PCK_CRL_0815_THIS = 1_755_236_486; // 2025-08-15T05:41:26Z
    uint64 internal constant PCK_CRL_0815_NEXT = 1_757_828_486; // 2025-09-14T05:41:26Z
    uint256 internal constant AUGUST = 1_755_236_700; // S1's pinned time

    bytes internal rootDer;
    bytes internal rootCrl;
    bytes internal platformCa;
    bytes internal signing2025;
    bytes internal pckCrl;

    function setUp() public override {
        super.setUp();
        rootDer = _file("certs/intel-sgx-root-ca.der");
        rootCrl = _file("crl/intel-root-ca-crl-2025-03-20.der");
        platformCa = _file("certs/intel-sgx-pck-platform-ca.der");
        signing2025 = _file("certs/intel-sgx-tcb-signing-2025.der");
        pckCrl = _file("crl/pck-platform-crl-2025-08-15.der");
        _deploy();
        vm.warp(AUGUST);
    }

    // ───────────────────────────────────────── constructor

    function test_constructor_pinsRoot_succeeds() public view {
        IDcapCertificateRegistry.CertificateRecord memory root = certificates.certificate(_role(0));
        assertEq(root.notBefore, ROOT_NOT_BEFORE);
        assertEq(root.notAfter, ROOT_NOT_AFTER);
        assertEq(root.certificateHash, keccak256(rootDer));
        assertEq(root.serialHash, keccak256(hex"22650cd65a9d3489f383b49552bf501b392706ac"));
        // The root's subject is the name every Intel CA certificate and CRL names as issuer.
        assertEq(root.subjectHash, harness.parseCertificate(platformCa).issuerHash);
        assertEq(root.subjectHash, harness.parseCrl(rootCrl).issuerHash);
        assertEq(sha256(rootDer), 0x44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3);
        assertEq(certificates.version(), "1.0.0");
    }

    function test_constructor_notSelfSigned_reverts() public {
        vm.expectRevert(IDcapCertificateRegistry.DcapCertificateRegistry_InvalidRoot.selector);
        this.createExternal("DcapCertificateRegistry", abi.encode(platformCa));
    }

    function test_constructor_tamperedRoot_reverts() public {
        // A flipped bit in the root's serial number: the self-signature no longer verifies.
        vm.expectRevert(IDcapCertificateRegistry.DcapCertificateRegistry_InvalidRoot.selector);
        this.createExternal("DcapCertificateRegistry", abi.encode(_flip(rootDer, 20, 0x01)));
    }

    // ───────────────────────────────────────── CRLs

    function test_submitCrl_root_succeeds() public {
        vm.expectEmit(address(certificates));
        emit IDcapCertificateRegistry.CrlUpdated(
            IDcapCertificateRegistry.CertificateRole.RootCa,
            ROOT_CRL_2025_THIS,
            ROOT_CRL_2025_NEXT,
            0,
            keccak256(rootCrl)
        );
        certificates.submitCrl(rootCrl);
        IDcapCertificateRegistry.CrlRecord memory record = certificates.crl(
            IDcapCertificateRegistry.CertificateRole.RootCa
        );
        assertEq(record.thisUpdate, ROOT_CRL_2025_THIS);
        assertEq(record.nextUpdate, ROOT_CRL_2025_NEXT);
        assertEq(record.revokedCount, 0);
        assertEq(record.generation, 1);
        assertEq(record.crlHash, keccak256(rootCrl));
    }

    function test_submitCrl_pckPlatform_storesEveryRevokedSerial_succeeds() public {
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(platformCa);
        vm.expectEmit(address(certificates));
        emit IDcapCertificateRegistry.CrlUpdated(
            IDcapCertificateRegistry.CertificateRole.PckPlatformCa,
            PCK_CRL_0815_THIS,
            PCK_CRL_0815_NEXT,
            44,
            keccak256(pckCrl)
        );
        certificates.submitCrl(pckCrl);
        bytes32[] memory listed = harness.revokedSerialHashes(pckCrl);
        assertEq(listed.length, 44);
        for (uint256 i; i < listed.length; ++i) {
            assertTrue(certificates.isRevoked(IDcapCertificateRegistry.CertificateRole.PckPlatformCa, listed[i]));
            assertFalse(certificates.isRevoked(IDcapCertificateRegistry.CertificateRole.PckProcessorCa, listed[i]));
        }
        // The PCK certificate of S1's quote is not listed.
        assertFalse(
            certificates.isRevoked(IDcapCertificateRegistry.CertificateRole.PckPlatformCa, _pckSerialHash(_s1().quote))
        );
    }

    function test_submitCrl_newerReplacesOlder_succeeds() public {
        vm.warp(1_742_860_800); // 2025-03-25: both root CRLs are current
        certificates.submitCrl(_file("crl/intel-root-ca-crl-2024-03-20-expired.der"));
        assertEq(certificates.crl(IDcapCertificateRegistry.CertificateRole.RootCa).thisUpdate, ROOT_CRL_2024_THIS);
        certificates.submitCrl(rootCrl);
        IDcapCertificateRegistry.CrlRecord memory record = certificates.crl(
            IDcapCertificateRegistry.CertificateRole.RootCa
        );
        assertEq(record.thisUpdate, ROOT_CRL_2025_THIS);
        assertEq(record.generation, 2);
    }

    function test_submitCrl_olderThanHeld_reverts() public {
        vm.warp(1_742_860_800);
        certificates.submitCrl(rootCrl);
        bytes memory older = _file("crl/intel-root-ca-crl-2024-03-20-expired.der");
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_NotNewer.selector,
                ROOT_CRL_2025_THIS,
                ROOT_CRL_2024_THIS
            )
        );
        certificates.submitCrl(older);
    }

    function test_submitCrl_sameTwice_reverts() public {
        certificates.submitCrl(rootCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_NotNewer.selector,
                ROOT_CRL_2025_THIS,
                ROOT_CRL_2025_THIS
            )
        );
        certificates.submitCrl(rootCrl);
    }

    function test_submitCrl_expired_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CrlExpired.selector,
                IDcapCertificateRegistry.CertificateRole.RootCa,
                ROOT_CRL_2024_NEXT
            )
        );
        certificates.submitCrl(_file("crl/intel-root-ca-crl-2024-03-20-expired.der"));
    }

    function test_submitCrl_notYetValid_reverts() public {
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(platformCa);
        vm.warp(PCK_CRL_0815_THIS - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CrlNotYetValid.selector,
                IDcapCertificateRegistry.CertificateRole.PckPlatformCa,
                PCK_CRL_0815_THIS
            )
        );
        certificates.submitCrl(pckCrl);
    }

    function test_submitCrl_flippedSignatureBit_reverts() public {
        // The last byte of the DER is the last byte of the signature's s.
        vm.expectRevert(IDcapCertificateRegistry.DcapCertificateRegistry_InvalidSignature.selector);
        certificates.submitCrl(_flip(rootCrl, rootCrl.length - 1, 0x01));
    }

    function test_submitCrl_flippedSignedBit_reverts() public {
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(platformCa);
        // A bit inside the first revoked serial number (the signed part).
        bytes memory flipped = _flip(pckCrl, harness.parseCrl(pckCrl).revokedStart + 6, 0x01);
        vm.expectRevert(IDcapCertificateRegistry.DcapCertificateRegistry_InvalidSignature.selector);
        certificates.submitCrl(flipped);
    }

    function test_submitCrl_unknownIssuer_reverts() public {
        certificates.submitCrl(rootCrl);
        bytes32 issuer = harness.parseCrl(pckCrl).issuerHash;
        // The PCK Platform CA is not registered yet.
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCertificateRegistry.DcapCertificateRegistry_UnknownIssuer.selector, issuer)
        );
        certificates.submitCrl(pckCrl);
    }

    // ───────────────────────────────────────── certificates

    function test_submitCertificate_platformCa_succeeds() public {
        certificates.submitCrl(rootCrl);
        vm.expectEmit(address(certificates));
        emit IDcapCertificateRegistry.CertificateUpdated(
            IDcapCertificateRegistry.CertificateRole.PckPlatformCa,
            keccak256(hex"00956f5dcdbd1be1e94049c9d4f433ce01570bde54"), // DER INTEGER: leading 00
            PLATFORM_CA_NOT_BEFORE,
            PLATFORM_CA_NOT_AFTER,
            keccak256(platformCa)
        );
        certificates.submitCertificate(platformCa);
        IDcapCertificateRegistry.CertificateRecord memory record = certificates.certificate(
            IDcapCertificateRegistry.CertificateRole.PckPlatformCa
        );
        assertEq(record.notAfter, PLATFORM_CA_NOT_AFTER);
        assertEq(record.subjectHash, harness.parseCrl(pckCrl).issuerHash);
    }

    function test_submitCertificate_tcbSigning_succeeds() public {
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(signing2025);
        IDcapCertificateRegistry.CertificateRecord memory record = certificates.certificate(
            IDcapCertificateRegistry.CertificateRole.TcbSigning
        );
        assertEq(record.notBefore, SIGNING_2025_NOT_BEFORE);
        assertEq(record.notAfter, SIGNING_2025_NOT_AFTER);
        (bytes32 x, bytes32 y) = certificates.tcbSigningKey();
        assertEq(x, record.publicKeyX);
        assertEq(y, record.publicKeyY);
    }

    function test_submitCertificate_processorCaFromBundle_succeeds() public {
        Scenario memory s6 = _s6();
        vm.warp(s6.time);
        certificates.submitCrl(s6.collateral.rootCrl);
        certificates.submitCertificate(s6.collateral.pckCa);
        assertEq(
            certificates.certificate(IDcapCertificateRegistry.CertificateRole.PckProcessorCa).certificateHash,
            keccak256(s6.collateral.pckCa)
        );
    }

    function test_submitCertificate_reissuedSigningCertificate_succeeds() public {
        vm.warp(1_746_835_200); // 2025-05-10: both issues of the TCB Signing certificate are valid
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(_file("certs/intel-sgx-tcb-signing-2018-expired.der"));
        assertEq(
            certificates.certificate(IDcapCertificateRegistry.CertificateRole.TcbSigning).notAfter,
            SIGNING_2018_NOT_AFTER
        );
        certificates.submitCertificate(signing2025);
        assertEq(
            certificates.certificate(IDcapCertificateRegistry.CertificateRole.TcbSigning).notAfter,
            SIGNING_2025_NOT_AFTER
        );
        // The older issue cannot come back.
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_NotNewer.selector,
                SIGNING_2025_NOT_BEFORE,
                PLATFORM_CA_NOT_BEFORE // the 2018 issue starts the same second as the Platform CA
            )
        );
        certificates.submitCertificate(_file("certs/intel-sgx-tcb-signing-2018-expired.der"));
    }

    function test_submitCertificate_sameTwice_reverts() public {
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(platformCa);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_NotNewer.selector,
                PLATFORM_CA_NOT_BEFORE,
                PLATFORM_CA_NOT_BEFORE
            )
        );
        certificates.submitCertificate(platformCa);
    }

    function test_submitCertificate_withoutRootCrl_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CrlMissing.selector,
                IDcapCertificateRegistry.CertificateRole.RootCa
            )
        );
        certificates.submitCertificate(platformCa);
    }

    function test_submitCertificate_expired_reverts() public {
        certificates.submitCrl(rootCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CertificateExpired.selector,
                IDcapCertificateRegistry.CertificateRole.TcbSigning,
                SIGNING_2018_NOT_AFTER
            )
        );
        certificates.submitCertificate(_file("certs/intel-sgx-tcb-signing-2018-expired.der"));
    }

    function test_submitCertificate_flippedBit_reverts() public {
        certificates.submitCrl(rootCrl);
        // Bit 0 of a serial-number byte: still well-formed, no longer what the root signed.
        vm.expectRevert(IDcapCertificateRegistry.DcapCertificateRegistry_InvalidSignature.selector);
        certificates.submitCertificate(_flip(platformCa, 20, 0x01));
    }

    function test_submitCertificate_rootItself_reverts() public {
        certificates.submitCrl(rootCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_UnknownCertificate.selector,
                keccak256("Intel SGX Root CA")
            )
        );
        certificates.submitCertificate(rootDer);
    }

    function test_submitCertificate_notIssuedByRoot_reverts() public {
        certificates.submitCrl(rootCrl);
        // A PCK leaf certificate: right family, but not a CA the registry keeps.
        bytes memory leaf = _pckLeaf(_s1().quote);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_UnknownCertificate.selector,
                keccak256("Intel SGX PCK Certificate")
            )
        );
        certificates.submitCertificate(leaf);
    }

    // ───────────────────────────────────────── checks used by the verifier

    function test_pckIssuerKey_current_succeeds() public {
        _submitAugust();
        (bytes32 x, bytes32 y) = certificates.pckIssuerKey(
            harness.parseCrl(pckCrl).issuerHash,
            _pckSerialHash(_s1().quote)
        );
        IDcapCertificateRegistry.CertificateRecord memory ca = certificates.certificate(
            IDcapCertificateRegistry.CertificateRole.PckPlatformCa
        );
        assertEq(x, ca.publicKeyX);
        assertEq(y, ca.publicKeyY);
    }

    function test_pckIssuerKey_revoked_reverts() public {
        _submitAugust();
        bytes32[] memory listed = harness.revokedSerialHashes(pckCrl);
        bytes32 issuer = harness.parseCrl(pckCrl).issuerHash;
        for (uint256 i; i < listed.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDcapCertificateRegistry.DcapCertificateRegistry_CertificateRevoked.selector,
                    IDcapCertificateRegistry.CertificateRole.PckPlatformCa,
                    listed[i]
                )
            );
            certificates.pckIssuerKey(issuer, listed[i]);
        }
    }

    function test_pckIssuerKey_unknownIssuer_reverts() public {
        _submitAugust();
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCertificateRegistry.DcapCertificateRegistry_UnknownIssuer.selector, bytes32(0))
        );
        certificates.pckIssuerKey(bytes32(0), bytes32(0));
    }

    function test_pckIssuerKey_rootCrlExpired_reverts() public {
        _submitAugust();
        bytes32 issuer = harness.parseCrl(pckCrl).issuerHash;
        vm.warp(ROOT_CRL_2025_NEXT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CrlExpired.selector,
                IDcapCertificateRegistry.CertificateRole.RootCa,
                ROOT_CRL_2025_NEXT
            )
        );
        certificates.pckIssuerKey(issuer, bytes32(0));
    }

    function test_tcbSigningKey_missing_reverts() public {
        certificates.submitCrl(rootCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CertificateMissing.selector,
                IDcapCertificateRegistry.CertificateRole.TcbSigning
            )
        );
        certificates.tcbSigningKey();
    }

    // ───────────────────────────────────────── helpers

    function _submitAugust() internal {
        certificates.submitCrl(rootCrl);
        certificates.submitCertificate(platformCa);
        certificates.submitCertificate(signing2025);
        certificates.submitCrl(pckCrl);
    }

    function _pckLeaf(string memory _quoteName) internal view returns (bytes memory) {
        bytes memory quote = _quote(_quoteName);
        uint256 offset = harness.parseQuote(quote).certificationDataOffset;
        uint256 length = harness.parseQuote(quote).certificationDataLength;
        bytes memory pem = new bytes(length);
        for (uint256 i; i < length; ++i) pem[i] = quote[offset + i];
        return harness.firstPemCertificate(pem);
    }

    function _pckSerialHash(string memory _quoteName) internal view returns (bytes32) {
        return harness.parseCertificate(_pckLeaf(_quoteName)).serialHash;
    }
}

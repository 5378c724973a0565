// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { DevAttestationVerifier } from "../../src/attestation/DevAttestationVerifier.sol";
import { IAttestationVerifier } from "../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IDevAttestationVerifier } from "../../src/interfaces/attestation/IDevAttestationVerifier.sol";
import { AttestationFixtures } from "./helpers/AttestationFixtures.sol";

contract DevAttestationVerifierTest is AttestationFixtures {
    uint256 internal constant SECP256K1_GX = 0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798;
    uint256 internal constant SECP256K1_GY = 0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8;
    uint256 internal constant SECP256K1_P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;

    DevAttestationVerifier internal verifier;

    function setUp() public {
        verifier = new DevAttestationVerifier(vm.addr(VENDOR_KEY));
    }

    // ───────────────────────────────────────── deploy

    function test_constructor_fixesVendor_succeeds() public {
        address vendor = vm.addr(VENDOR_KEY);
        vm.expectEmit(true, false, false, false);
        emit IDevAttestationVerifier.VendorFixed(vendor);
        DevAttestationVerifier fresh = new DevAttestationVerifier(vendor);
        assertEq(fresh.vendorKey(), vendor);
        assertEq(fresh.FORMAT_VERSION(), 1);
        assertEq(fresh.REPORT_LENGTH(), 300);
        assertEq(fresh.BODY_LENGTH(), 235);
        assertEq(fresh.REPORT_DOMAIN(), keccak256("Obscuro.DevAttestationReport.v1"));
        assertEq(fresh.version(), "1.0.0");
    }

    function test_constructor_zeroVendor_reverts() public {
        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_ZeroVendor.selector);
        new DevAttestationVerifier(address(0));
    }

    // ───────────────────────────────────────── accepted reports

    function test_verify_decodesEveryField_succeeds() public {
        DevReport memory r = _defaultReport();
        IAttestationVerifier.AttestationResult memory result = verifier.verify(_signedReport(r));
        assertEq(uint8(result.teeType), uint8(IAttestationVerifier.TeeType.Simulated));
        assertEq(result.measurement, MEASUREMENT);
        assertEq(result.signerMeasurement, SIGNER);
        // ISVPRODID 0x0102 and ISVSVN 0x0304 are little-endian in the report: 02 01 and 04 03.
        assertEq(result.productId, 0x0102);
        assertEq(result.securityVersion, 0x0304);
        assertFalse(result.debug);
        assertEq(uint8(result.tcbStatus), uint8(IAttestationVerifier.TcbStatus.UpToDate));
        assertEq(result.enclavePublicKey, ENCLAVE_PUBLIC_KEY);
        assertEq(result.reportData, r.reportData);
    }

    function test_verify_littleEndianIntegers_succeeds() public view {
        // A report assembled by hand, byte by byte from docs/attestation.md.
        bytes memory body = bytes.concat(
            hex"0001", // format version 1, big-endian
            new bytes(16), // CPUSVN
            hex"00000000", // MISCSELECT
            hex"0700000000000000", // ATTRIBUTES.flags = INIT | DEBUG | MODE64BIT, little-endian
            hex"0300000000000000", // ATTRIBUTES.xfrm
            bytes32(uint256(0xAA)), // MRENCLAVE
            bytes32(uint256(0xBB)), // MRSIGNER
            hex"3412", // ISVPRODID = 0x1234
            hex"0100", // ISVSVN = 1
            new bytes(64), // REPORTDATA
            abi.encodePacked(SECP256K1_GX, SECP256K1_GY), // the generator G as the enclave key
            hex"04" // TCB status OutOfDate
        );
        assertEq(body.length, 235);
        IAttestationVerifier.AttestationResult memory result = verifier.verify(_sign(body, VENDOR_KEY));
        assertEq(result.measurement, bytes32(uint256(0xAA)));
        assertEq(result.signerMeasurement, bytes32(uint256(0xBB)));
        assertEq(result.productId, 0x1234);
        assertEq(result.securityVersion, 1);
        assertTrue(result.debug);
        assertEq(uint8(result.tcbStatus), uint8(IAttestationVerifier.TcbStatus.OutOfDate));
    }

    function testFuzz_verify_anyWellFormedReport_succeeds(
        bytes32 _seed,
        bytes32 _mrEnclave,
        bytes32 _mrSigner,
        uint256 _enclaveKey,
        uint8 _tcbStatus
    ) public {
        _enclaveKey = bound(_enclaveKey, 1, SECP256K1_N - 1);
        _tcbStatus = uint8(bound(_tcbStatus, 0, uint8(type(IAttestationVerifier.TcbStatus).max)));
        DevReport memory r = _randomReport(_seed);
        r.mrEnclave = _mrEnclave;
        r.mrSigner = _mrSigner;
        r.publicKey = _publicKey(_enclaveKey);
        r.tcbStatus = _tcbStatus;
        IAttestationVerifier.AttestationResult memory result = verifier.verify(_signedReport(r));
        assertEq(result.measurement, _mrEnclave);
        assertEq(result.signerMeasurement, _mrSigner);
        assertEq(result.productId, r.isvProdId);
        assertEq(result.securityVersion, r.isvSvn);
        assertEq(result.debug, r.attributeFlags & SGX_FLAGS_DEBUG != 0);
        assertEq(uint8(result.tcbStatus), _tcbStatus);
        assertEq(result.enclavePublicKey, r.publicKey);
        assertEq(result.reportData, r.reportData);
    }

    function test_verify_debugBitOnly_succeeds() public {
        DevReport memory r = _defaultReport();
        r.attributeFlags = SGX_FLAGS_DEBUG;
        assertTrue(verifier.verify(_signedReport(r)).debug);
        // Every other flag leaves debug off.
        r.attributeFlags = type(uint64).max & ~SGX_FLAGS_DEBUG;
        r.xfrm = type(uint64).max;
        assertFalse(verifier.verify(_signedReport(r)).debug);
    }

    // ───────────────────────────────────────── refused reports

    function testFuzz_verify_randomBytes_reverts(bytes calldata _report) public {
        vm.assume(_report.length != 300);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevAttestationVerifier.DevAttestationVerifier_InvalidLength.selector,
                _report.length
            )
        );
        verifier.verify(_report);
    }

    function testFuzz_verify_random300Bytes_reverts(bytes32[10] memory _words) public {
        bytes memory report = abi.encodePacked(_words);
        // 320 random bytes cut to the report length.
        assembly ("memory-safe") {
            mstore(report, 300)
        }
        _assertRefused(report);
    }

    function testFuzz_verify_truncated_reverts(uint256 _length) public {
        bytes memory report = _signedReport(_defaultReport());
        _length = bound(_length, 0, report.length - 1);
        assembly ("memory-safe") {
            mstore(report, _length)
        }
        vm.expectRevert(
            abi.encodeWithSelector(IDevAttestationVerifier.DevAttestationVerifier_InvalidLength.selector, _length)
        );
        verifier.verify(report);
    }

    function testFuzz_verify_extended_reverts(bytes calldata _extra) public {
        vm.assume(_extra.length > 0);
        bytes memory report = bytes.concat(_signedReport(_defaultReport()), _extra);
        vm.expectRevert(
            abi.encodeWithSelector(IDevAttestationVerifier.DevAttestationVerifier_InvalidLength.selector, report.length)
        );
        verifier.verify(report);
    }

    function testFuzz_verify_otherFormatVersion_reverts(uint16 _format) public {
        vm.assume(_format != 1);
        bytes memory body = _body(_defaultReport());
        body[0] = bytes1(uint8(_format >> 8));
        body[1] = bytes1(uint8(_format));
        bytes memory report = _sign(body, VENDOR_KEY);
        vm.expectRevert(
            abi.encodeWithSelector(IDevAttestationVerifier.DevAttestationVerifier_UnsupportedFormat.selector, _format)
        );
        verifier.verify(report);
    }

    function testFuzz_verify_wrongSigner_reverts(uint256 _key) public {
        _key = bound(_key, 1, SECP256K1_N - 1);
        vm.assume(_key != VENDOR_KEY);
        bytes memory report = _sign(_body(_defaultReport()), _key);
        vm.expectRevert(
            abi.encodeWithSelector(IDevAttestationVerifier.DevAttestationVerifier_WrongSigner.selector, vm.addr(_key))
        );
        verifier.verify(report);
    }

    function testFuzz_verify_tamperedBody_reverts(uint256 _index, uint8 _xor) public {
        bytes memory report = _signedReport(_defaultReport());
        _index = bound(_index, 2, 234); // past the format version
        vm.assume(_xor != 0);
        report[_index] = bytes1(uint8(report[_index]) ^ _xor);
        _assertRefused(report);
    }

    function testFuzz_verify_tamperedSignature_reverts(uint256 _index, uint8 _xor) public {
        bytes memory report = _signedReport(_defaultReport());
        _index = bound(_index, 235, 299);
        vm.assume(_xor != 0);
        report[_index] = bytes1(uint8(report[_index]) ^ _xor);
        _assertRefused(report);
    }

    function test_verify_malleableSignature_reverts() public {
        bytes memory body = _body(_defaultReport());
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(VENDOR_KEY, keccak256(abi.encodePacked(REPORT_DOMAIN, body)));
        // (r, n - s, v ^ 1) recovers the same key: ecrecover accepts it, the verifier must not.
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        assertEq(ecrecover(keccak256(abi.encodePacked(REPORT_DOMAIN, body)), flippedV, r, highS), vm.addr(VENDOR_KEY));
        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_InvalidSignature.selector);
        verifier.verify(abi.encodePacked(body, r, highS, flippedV));
    }

    function testFuzz_verify_invalidV_reverts(uint8 _v) public {
        vm.assume(_v != 27 && _v != 28);
        bytes memory report = _signedReport(_defaultReport());
        report[299] = bytes1(_v);
        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_InvalidSignature.selector);
        verifier.verify(report);
    }

    function test_verify_zeroSignature_reverts() public {
        bytes memory report = bytes.concat(_body(_defaultReport()), new bytes(64), hex"1b");
        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_InvalidSignature.selector);
        verifier.verify(report);
    }

    function testFuzz_verify_unknownTcbStatus_reverts(uint8 _status) public {
        _status = uint8(bound(_status, uint8(type(IAttestationVerifier.TcbStatus).max) + 1, 255));
        DevReport memory r = _defaultReport();
        r.tcbStatus = _status;
        vm.expectRevert(
            abi.encodeWithSelector(IDevAttestationVerifier.DevAttestationVerifier_UnknownTcbStatus.selector, _status)
        );
        verifier.verify(_signedReport(r));
    }

    function testFuzz_verify_publicKeyOffCurve_reverts(uint256 _x, uint256 _y) public {
        vm.assume(
            _x >= SECP256K1_P ||
                _y >= SECP256K1_P ||
                mulmod(_y, _y, SECP256K1_P) !=
                    addmod(mulmod(mulmod(_x, _x, SECP256K1_P), _x, SECP256K1_P), 7, SECP256K1_P)
        );
        DevReport memory r = _defaultReport();
        r.publicKey = abi.encodePacked(_x, _y);
        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_InvalidEnclavePublicKey.selector);
        verifier.verify(_signedReport(r));
    }

    function test_verify_publicKeyUnreduced_reverts() public {
        // (1, y) is on the curve; (1 + p, y) reduces to it modulo p but is not a valid encoding.
        uint256 y = 0x4218f20ae6c646b363db68605822fb14264ca8d2587fdd6fbc750d587e76a7ee;
        DevReport memory r = _defaultReport();
        r.publicKey = abi.encodePacked(uint256(1) + SECP256K1_P, y);
        bytes memory unreduced = _signedReport(r);
        r.publicKey = abi.encodePacked(uint256(0), uint256(0));
        bytes memory origin = _signedReport(r);
        r.publicKey = abi.encodePacked(uint256(1), y);
        bytes memory reduced = _signedReport(r);

        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_InvalidEnclavePublicKey.selector);
        verifier.verify(unreduced);
        vm.expectRevert(IDevAttestationVerifier.DevAttestationVerifier_InvalidEnclavePublicKey.selector);
        verifier.verify(origin);
        assertEq(verifier.verify(reduced).enclavePublicKey, r.publicKey);
    }

    function test_publicKey_derivation_succeeds() public pure {
        assertEq(_publicKey(ENCLAVE_KEY), ENCLAVE_PUBLIC_KEY);
        assertEq(_publicKey(1), abi.encodePacked(SECP256K1_GX, SECP256K1_GY));
    }

    function test_reportDigest_isDomainTaggedKeccak_succeeds() public {
        bytes memory body = _body(_defaultReport());
        assertEq(
            verifier.reportDigest(body),
            keccak256(bytes.concat(keccak256("Obscuro.DevAttestationReport.v1"), body))
        );
    }

    // ───────────────────────────────────────── helpers

    /// @dev Every SGX field drawn from `_seed`.
    function _randomReport(bytes32 _seed) internal pure returns (DevReport memory r_) {
        uint256 a = uint256(keccak256(abi.encode(_seed, 0)));
        r_.cpuSvn = bytes16(bytes32(a));
        r_.miscSelect = uint32(a);
        r_.attributeFlags = uint64(a >> 32);
        r_.xfrm = uint64(a >> 96);
        r_.isvProdId = uint16(a >> 160);
        r_.isvSvn = uint16(a >> 176);
        r_.reportData = abi.encodePacked(keccak256(abi.encode(_seed, 1)), keccak256(abi.encode(_seed, 2)));
    }

    /// @dev The report must be refused with one of the verifier's own errors, never accepted.
    function _assertRefused(bytes memory _report) internal view {
        try verifier.verify(_report) returns (IAttestationVerifier.AttestationResult memory) {
            revert("a malformed report was accepted");
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == IDevAttestationVerifier.DevAttestationVerifier_UnsupportedFormat.selector ||
                    selector == IDevAttestationVerifier.DevAttestationVerifier_InvalidSignature.selector ||
                    selector == IDevAttestationVerifier.DevAttestationVerifier_WrongSigner.selector,
                "unexpected refusal"
            );
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { DevAttestationVerifier } from "../../src/attestation/DevAttestationVerifier.sol";
import { EnclavePolicy } from "../../src/attestation/EnclavePolicy.sol";
import { IAttestationVerifier } from "../../src/interfaces/attestation/IAttestationVerifier.sol";
import { AttestationBinding } from "../../src/libraries/AttestationBinding.sol";
import { Secp256k1 } from "../../src/libraries/Secp256k1.sol";

/// @notice Checks the contracts against the shared test vectors that the TypeScript SDK built
///         (test/attestation/vectors/dev-reports.json, from scripts/generate-attestation-vectors.ts):
///         the same bytes, digests, decoded fields, refusals, bindings and EIP-712 hashes.
contract DevReportVectorsTest is Test {
    string internal json;
    DevAttestationVerifier internal verifier;

    function setUp() public {
        json = vm.readFile("test/attestation/vectors/dev-reports.json");
        verifier = new DevAttestationVerifier(vm.parseJsonAddress(json, ".vendor.address"));
    }

    function test_vectors_vendorAndDomain_succeeds() public view {
        assertEq(vm.addr(vm.parseJsonUint(json, ".vendor.privateKey")), verifier.vendorKey());
        assertEq(vm.parseJsonBytes32(json, ".reportDomain"), verifier.REPORT_DOMAIN());
    }

    function test_vectors_validReports_succeeds() public view {
        uint256 count = _count(".valid");
        assertGt(count, 3);
        for (uint256 i; i < count; ++i) {
            string memory v = string.concat(".valid[", vm.toString(i), "]");
            bytes memory report = vm.parseJsonBytes(json, string.concat(v, ".report"));
            bytes memory body = vm.parseJsonBytes(json, string.concat(v, ".body"));
            assertEq(report.length, verifier.REPORT_LENGTH());
            assertEq(report, bytes.concat(body, vm.parseJsonBytes(json, string.concat(v, ".signature"))));
            assertEq(verifier.reportDigest(body), vm.parseJsonBytes32(json, string.concat(v, ".digest")));

            IAttestationVerifier.AttestationResult memory r = verifier.verify(report);
            string memory e = string.concat(v, ".result");
            assertEq(uint8(r.teeType), vm.parseJsonUint(json, string.concat(e, ".teeType")));
            assertEq(r.measurement, vm.parseJsonBytes32(json, string.concat(e, ".measurement")));
            assertEq(r.signerMeasurement, vm.parseJsonBytes32(json, string.concat(e, ".signerMeasurement")));
            assertEq(r.productId, vm.parseJsonUint(json, string.concat(e, ".productId")));
            assertEq(r.securityVersion, vm.parseJsonUint(json, string.concat(e, ".securityVersion")));
            assertEq(r.debug, vm.parseJsonBool(json, string.concat(e, ".debug")));
            assertEq(uint8(r.tcbStatus), vm.parseJsonUint(json, string.concat(e, ".tcbStatus")));
            assertEq(r.enclavePublicKey, vm.parseJsonBytes(json, string.concat(e, ".enclavePublicKey")));
            assertEq(r.reportData, vm.parseJsonBytes(json, string.concat(e, ".reportData")));
        }
    }

    function test_vectors_invalidReports_reverts() public {
        uint256 count = _count(".invalid");
        assertGt(count, 8);
        for (uint256 i; i < count; ++i) {
            string memory v = string.concat(".invalid[", vm.toString(i), "]");
            bytes memory report = vm.parseJsonBytes(json, string.concat(v, ".report"));
            bytes4 expected = bytes4(keccak256(bytes(vm.parseJsonString(json, string.concat(v, ".error")))));
            vm.expectPartialRevert(expected);
            verifier.verify(report);
        }
    }

    function test_vectors_bindings_succeeds() public view {
        uint256 count = _count(".bindings");
        assertGt(count, 0);
        for (uint256 i; i < count; ++i) {
            string memory v = string.concat(".bindings[", vm.toString(i), "]");
            bytes memory key = vm.parseJsonBytes(json, string.concat(v, ".enclavePublicKey"));
            address operator = vm.parseJsonAddress(json, string.concat(v, ".operator"));
            uint256 n = vm.parseJsonUint(json, string.concat(v, ".l1BlockNumber"));
            bytes32 hash = vm.parseJsonBytes32(json, string.concat(v, ".l1BlockHash"));
            bytes memory reportData = vm.parseJsonBytes(json, string.concat(v, ".reportData"));

            assertEq(
                AttestationBinding.commitment(key, operator, n, hash),
                vm.parseJsonBytes32(json, string.concat(v, ".commitment"))
            );
            assertTrue(AttestationBinding.matches(reportData, key, operator, n, hash));
            assertFalse(AttestationBinding.matches(reportData, key, operator, n + 1, hash));
            assertFalse(AttestationBinding.matches(reportData, key, address(uint160(operator) ^ 1), n, hash));
            assertEq(Secp256k1.toAddress(key), vm.parseJsonAddress(json, string.concat(v, ".enclaveId")));
            assertTrue(Secp256k1.isValidPublicKey(key));
        }
    }

    function test_vectors_auditorSignatures_succeeds() public {
        EnclavePolicy implementation = new EnclavePolicy();
        uint256 count = _count(".auditorSignatures");
        assertGt(count, 0);
        for (uint256 i; i < count; ++i) {
            string memory v = string.concat(".auditorSignatures[", vm.toString(i), "]");
            bytes32 typehash =
                keccak256(bytes(vm.parseJsonString(json, string.concat(v, ".statement")))) ==
                    keccak256("ApproveMeasurement")
                    ? implementation.APPROVE_MEASUREMENT_TYPEHASH()
                    : implementation.REVOKE_MEASUREMENT_TYPEHASH();
            bytes32 structHash = keccak256(
                abi.encode(
                    typehash,
                    vm.parseJsonBytes32(json, string.concat(v, ".measurement")),
                    vm.parseJsonUint(json, string.concat(v, ".policyVersion")),
                    vm.parseJsonUint(json, string.concat(v, ".deadline"))
                )
            );
            assertEq(structHash, vm.parseJsonBytes32(json, string.concat(v, ".structHash")));

            // The policy's domain, rebuilt for the vector's chain and proxy address.
            vm.chainId(vm.parseJsonUint(json, string.concat(v, ".chainId")));
            address proxy = vm.parseJsonAddress(json, string.concat(v, ".verifyingContract"));
            vm.etch(proxy, address(implementation).code);
            EnclavePolicy atProxy = EnclavePolicy(proxy);
            assertEq(atProxy.domainSeparator(), vm.parseJsonBytes32(json, string.concat(v, ".domainSeparator")));
            bytes32 digest = vm.parseJsonBytes32(json, string.concat(v, ".digest"));
            bytes32 expected = keccak256(abi.encodePacked("\x19\x01", atProxy.domainSeparator(), structHash));
            assertEq(digest, expected);

            bytes memory sig = vm.parseJsonBytes(json, string.concat(v, ".signature"));
            (bytes32 r, bytes32 s) = abi.decode(sig, (bytes32, bytes32));
            assertEq(ecrecover(digest, uint8(sig[64]), r, s), vm.parseJsonAddress(json, string.concat(v, ".signer")));
        }
    }

    function _count(string memory _array) internal view returns (uint256 n_) {
        while (vm.keyExistsJson(json, string.concat(_array, "[", vm.toString(n_), "]"))) ++n_;
    }
}

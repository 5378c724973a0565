// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { Initializable } from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import { DevAttestationVerifier } from "../../src/attestation/DevAttestationVerifier.sol";
import { EnclavePolicy } from "../../src/attestation/EnclavePolicy.sol";
import { IAttestationVerifier } from "../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IDevAttestationVerifier } from "../../src/interfaces/attestation/IDevAttestationVerifier.sol";
import { IEnclavePolicy } from "../../src/interfaces/attestation/IEnclavePolicy.sol";
import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { AttestationFixtures } from "./helpers/AttestationFixtures.sol";
import { MockAttestationVerifier } from "./mocks/MockAttestationVerifier.sol";

/// @notice A second implementation, to check that upgrades keep the policy.
contract EnclavePolicyV2 is EnclavePolicy {
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}

contract EnclavePolicyTest is AttestationFixtures {
    address internal governance = makeAddr("governance");
    address internal council = makeAddr("council");
    DevAttestationVerifier internal verifier;
    EnclavePolicy internal policy;

    /// @dev Auditor keys, sorted by address: auditorKeys[0] has the lowest address.
    uint256[] internal auditorKeys;
    uint256 internal constant OUTSIDER_KEY = 0xBAD;

    function setUp() public {
        verifier = new DevAttestationVerifier(vm.addr(VENDOR_KEY));
        auditorKeys = _sortKeysByAddress(_keyList(0xA11CE, 0xB0B, 0xCA401));
        policy = _deployPolicy(governance, council, verifier, _addresses(auditorKeys), 2);
    }

    // ───────────────────────────────────────── initialize

    function test_initialize_setsPolicy_succeeds() public view {
        assertEq(policy.governance(), governance);
        assertEq(policy.council(), council);
        assertEq(address(policy.verifier()), address(verifier));
        assertEq(policy.auditors(), _addresses(auditorKeys));
        for (uint256 i; i < auditorKeys.length; ++i) assertTrue(policy.isAuditor(vm.addr(auditorKeys[i])));
        assertFalse(policy.isAuditor(vm.addr(OUTSIDER_KEY)));
        assertEq(policy.threshold(), 2);
        assertEq(policy.policyVersion(), 1);
        assertEq(policy.acceptedTeeTypes(), 1);
        assertEq(policy.acceptedTcbStatuses(), 1);
        assertEq(policy.maxReportAge(), 64);
        assertEq(policy.keyLifetime(), 30 days);
        assertEq(policy.requiredSignerMeasurement(), bytes32(0));
        (bool enforced, uint16 productId) = policy.requiredProductId();
        assertFalse(enforced);
        assertEq(productId, 0);
        assertEq(policy.minSecurityVersion(), 0);
        assertEq(policy.version(), "1.0.0");
    }

    function test_initialize_emitsEveryChange_succeeds() public {
        EnclavePolicy implementation = new EnclavePolicy();
        IEnclavePolicy.InitParams memory initial = _initialPolicy(verifier, _addresses(auditorKeys), 2);
        vm.expectEmit(false, false, false, true);
        emit IEnclavePolicy.AuditorsChanged(_addresses(auditorKeys), 2, 1);
        vm.expectEmit(false, false, false, true);
        emit IEnclavePolicy.AcceptedTeeTypesSet(0, 1);
        vm.expectEmit(false, false, false, true);
        emit IEnclavePolicy.AcceptedTcbStatusesSet(0, 1);
        vm.expectEmit(false, false, false, true);
        emit IEnclavePolicy.MaxReportAgeSet(0, 64);
        vm.expectEmit(false, false, false, true);
        emit IEnclavePolicy.KeyLifetimeSet(0, 30 days);
        new ERC1967Proxy(
            address(implementation),
            abi.encodeCall(EnclavePolicy.initialize, (governance, council, initial))
        );
    }

    function test_initialize_twice_reverts() public {
        IEnclavePolicy.InitParams memory initial = _initialPolicy(verifier, _addresses(auditorKeys), 2);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        policy.initialize(governance, council, initial);
    }

    function test_initialize_implementationDirectly_reverts() public {
        EnclavePolicy implementation = new EnclavePolicy();
        IEnclavePolicy.InitParams memory initial = _initialPolicy(verifier, _addresses(auditorKeys), 2);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(governance, council, initial);
    }

    function test_initialize_invalidPolicy_reverts() public {
        address implementation = address(new EnclavePolicy());
        address[] memory auditors = _addresses(auditorKeys);

        IEnclavePolicy.InitParams memory p = _initialPolicy(IAttestationVerifier(address(0xDEAD)), auditors, 2);
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidVerifier.selector, address(0xDEAD))
        );
        p = _initialPolicy(verifier, new address[](0), 1);
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidAuditorCount.selector, 0)
        );
        p = _initialPolicy(verifier, auditors, 4);
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidThreshold.selector, 4, 3)
        );
    }

    function test_initialize_invalidRules_reverts() public {
        address implementation = address(new EnclavePolicy());
        address[] memory auditors = _addresses(auditorKeys);
        IEnclavePolicy.InitParams memory p = _initialPolicy(verifier, auditors, 2);
        p.acceptedTeeTypes = 0;
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidTeeTypeMask.selector, 0)
        );
        p = _initialPolicy(verifier, auditors, 2);
        p.acceptedTcbStatuses = 2;
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidTcbStatusMask.selector, 2)
        );
        p = _initialPolicy(verifier, auditors, 2);
        p.maxReportAge = 257;
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MaxReportAgeOutOfBounds.selector, 257)
        );
        p = _initialPolicy(verifier, auditors, 2);
        p.keyLifetime = 0;
        _expectInitRevert(
            implementation,
            p,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_KeyLifetimeOutOfBounds.selector, 0)
        );
        p = _initialPolicy(verifier, auditors, 2);
        vm.expectRevert(IGovernedModule.GovernedModule_ZeroAddress.selector);
        new ERC1967Proxy(implementation, abi.encodeCall(EnclavePolicy.initialize, (address(0), council, p)));
    }

    // ───────────────────────────────────────── approveMeasurement

    function test_approveMeasurement_twoOfThree_succeeds() public {
        uint256[] memory signers = _keyList(auditorKeys[0], auditorKeys[2]);
        bytes[] memory sigs = _signStatement(policy, APPROVE_TYPEHASH, MEASUREMENT, 1, block.timestamp, signers);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MeasurementApproved(MEASUREMENT, 1, _addresses(signers));
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        assertEq(uint8(policy.measurementStatus(MEASUREMENT)), uint8(IEnclavePolicy.MeasurementStatus.Approved));
        assertTrue(policy.isAcceptable(_result(MEASUREMENT)));
    }

    function test_approveMeasurement_allAuditors_succeeds() public {
        bytes[] memory sigs = _signStatement(policy, APPROVE_TYPEHASH, MEASUREMENT, 1, block.timestamp, auditorKeys);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        assertEq(uint8(policy.measurementStatus(MEASUREMENT)), uint8(IEnclavePolicy.MeasurementStatus.Approved));
    }

    function testFuzz_approveMeasurement_anyoneSubmits_succeeds(address _submitter, bytes32 _measurement) public {
        vm.assume(_measurement != bytes32(0));
        bytes[] memory sigs = _approvalSigs(_measurement, block.timestamp + 1 days);
        vm.prank(_submitter);
        policy.approveMeasurement(_measurement, block.timestamp + 1 days, sigs);
        assertEq(uint8(policy.measurementStatus(_measurement)), uint8(IEnclavePolicy.MeasurementStatus.Approved));
    }

    function test_approveMeasurement_tooFewSignatures_reverts() public {
        uint256[] memory one = new uint256[](1);
        one[0] = auditorKeys[1];
        bytes[] memory sigs = _signStatement(policy, APPROVE_TYPEHASH, MEASUREMENT, 1, block.timestamp, one);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InsufficientSignatures.selector, 1, 2));
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function testFuzz_approveMeasurement_expiredDeadline_reverts(uint256 _late) public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, deadline);
        _late = bound(_late, 1, 365 days);
        vm.warp(deadline + _late);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_SignaturesExpired.selector, deadline));
        policy.approveMeasurement(MEASUREMENT, deadline, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_atDeadline_succeeds() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, deadline);
        vm.warp(deadline);
        policy.approveMeasurement(MEASUREMENT, deadline, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Approved);
    }

    function test_approveMeasurement_duplicateSignature_reverts() public {
        uint256[] memory twice = _keyList(auditorKeys[1], auditorKeys[1]);
        bytes[] memory sigs = _signStatement(policy, APPROVE_TYPEHASH, MEASUREMENT, 1, block.timestamp, twice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_SignersNotAscending.selector,
                1,
                vm.addr(auditorKeys[1])
            )
        );
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_unsortedSignatures_reverts() public {
        uint256[] memory descending = _keyList(auditorKeys[2], auditorKeys[0]);
        bytes[] memory sigs = _signStatement(policy, APPROVE_TYPEHASH, MEASUREMENT, 1, block.timestamp, descending);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_SignersNotAscending.selector,
                1,
                vm.addr(auditorKeys[0])
            )
        );
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function testFuzz_approveMeasurement_outsiderSignature_reverts(uint256 _key) public {
        _key = bound(_key, 1, SECP256K1_N - 1);
        vm.assume(!policy.isAuditor(vm.addr(_key)));
        uint256[] memory keys = _sortKeysByAddress(_keyList(auditorKeys[0], _key));
        bytes[] memory sigs = _signStatement(policy, APPROVE_TYPEHASH, MEASUREMENT, 1, block.timestamp, keys);
        uint256 index = keys[0] == _key ? 0 : 1;
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_NotAuditor.selector, index, vm.addr(_key)));
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_replayedApproval_reverts() public {
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementAlreadyApproved.selector, MEASUREMENT)
        );
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
    }

    function test_approveMeasurement_signaturesForOtherMeasurement_reverts() public {
        bytes[] memory sigs = _approvalSigs(keccak256("another build"), block.timestamp);
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_signaturesForOldPolicyVersion_reverts() public {
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        vm.prank(governance);
        policy.setThreshold(2); // same threshold, new policy version: outstanding signatures die
        assertEq(policy.policyVersion(), 2);
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_revocationSignatures_reverts() public {
        bytes[] memory sigs = _signStatement(
            policy,
            REVOKE_TYPEHASH,
            MEASUREMENT,
            1,
            block.timestamp,
            _keyList(auditorKeys[0], auditorKeys[1])
        );
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
    }

    function test_approveMeasurement_otherChainOrContract_reverts() public {
        // Signed for the same policy address on another chain.
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        vm.chainId(block.chainid + 1);
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        vm.chainId(block.chainid - 1);

        // Signed for another policy with the same auditors.
        EnclavePolicy other = _deployPolicy(governance, council, verifier, _addresses(auditorKeys), 2);
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        other.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_malleableSignature_reverts() public {
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        bytes memory sig = sigs[0];
        bytes32 r;
        bytes32 s;
        assembly ("memory-safe") {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
        }
        uint8 v = uint8(sig[64]);
        // (r, n - s, v ^ 1) is the same signature to ecrecover; OpenZeppelin refuses the high-s form.
        sigs[0] = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidSignature.selector, 0));
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function testFuzz_approveMeasurement_malformedSignature_reverts(bytes calldata _garbage) public {
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        sigs[1] = _garbage;
        try policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs) {
            revert("a malformed signature was accepted");
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == IEnclavePolicy.EnclavePolicy_InvalidSignature.selector ||
                    selector == IEnclavePolicy.EnclavePolicy_SignersNotAscending.selector ||
                    selector == IEnclavePolicy.EnclavePolicy_NotAuditor.selector,
                "unexpected refusal"
            );
        }
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Unknown);
    }

    function test_approveMeasurement_shortSignature_reverts() public {
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        bytes memory sig = sigs[0];
        assembly ("memory-safe") {
            mstore(sig, 64)
        }
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidSignature.selector, 0));
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
    }

    function test_approveMeasurement_zeroMeasurement_reverts() public {
        bytes[] memory sigs = _approvalSigs(bytes32(0), block.timestamp);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_ZeroMeasurement.selector);
        policy.approveMeasurement(bytes32(0), block.timestamp, sigs);
    }

    function test_approveMeasurement_revoked_reverts() public {
        vm.prank(council);
        policy.revokeMeasurementByCouncil(MEASUREMENT);
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, MEASUREMENT));
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Revoked);
    }

    function test_approveMeasurement_removedAuditor_reverts() public {
        // Governance replaces auditor 0; signatures by the old set stop counting.
        uint256[] memory newKeys = _sortKeysByAddress(_keyList(auditorKeys[1], auditorKeys[2], 0xD00D));
        vm.prank(governance);
        policy.setAuditors(_addresses(newKeys), 2);
        bytes[] memory sigs = _signStatement(
            policy,
            APPROVE_TYPEHASH,
            MEASUREMENT,
            2,
            block.timestamp,
            _sortKeysByAddress(_keyList(auditorKeys[0], auditorKeys[1]))
        );
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);

        sigs = _signStatement(
            policy,
            APPROVE_TYPEHASH,
            MEASUREMENT,
            2,
            block.timestamp,
            _keyList(newKeys[0], newKeys[2])
        );
        policy.approveMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Approved);
    }

    // ───────────────────────────────────────── revocation

    function test_revokeMeasurement_byAuditors_succeeds() public {
        _approve(MEASUREMENT);
        assertTrue(policy.isAcceptable(_result(MEASUREMENT)));
        uint256[] memory signers = _keyList(auditorKeys[1], auditorKeys[2]);
        bytes[] memory sigs = _signStatement(policy, REVOKE_TYPEHASH, MEASUREMENT, 1, block.timestamp, signers);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MeasurementRevokedByAuditors(MEASUREMENT, 1, _addresses(signers));
        policy.revokeMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Revoked);
        assertFalse(policy.isAcceptable(_result(MEASUREMENT)));
    }

    function test_revokeMeasurement_neverApproved_succeeds() public {
        bytes[] memory sigs = _revocationSigs(MEASUREMENT, block.timestamp);
        policy.revokeMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Revoked);
    }

    function test_revokeMeasurement_twice_reverts() public {
        bytes[] memory sigs = _revocationSigs(MEASUREMENT, block.timestamp);
        policy.revokeMeasurement(MEASUREMENT, block.timestamp, sigs);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, MEASUREMENT));
        policy.revokeMeasurement(MEASUREMENT, block.timestamp, sigs);
    }

    function test_revokeMeasurement_approvalSignatures_reverts() public {
        bytes[] memory sigs = _approvalSigs(MEASUREMENT, block.timestamp);
        _approve(MEASUREMENT);
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_NotAuditor.selector);
        policy.revokeMeasurement(MEASUREMENT, block.timestamp, sigs);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Approved);
    }

    function test_revokeMeasurement_expiredOrTooFew_reverts() public {
        _approve(MEASUREMENT);
        uint256 deadline = block.timestamp;
        bytes[] memory sigs = _revocationSigs(MEASUREMENT, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_SignaturesExpired.selector, deadline));
        policy.revokeMeasurement(MEASUREMENT, deadline, sigs);

        bytes[] memory one = new bytes[](1);
        one[0] = _revocationSigs(MEASUREMENT, block.timestamp)[0];
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InsufficientSignatures.selector, 1, 2));
        policy.revokeMeasurement(MEASUREMENT, block.timestamp, one);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Approved);
    }

    function test_revokeMeasurement_zero_reverts() public {
        bytes[] memory sigs = _revocationSigs(bytes32(0), block.timestamp);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_ZeroMeasurement.selector);
        policy.revokeMeasurement(bytes32(0), block.timestamp, sigs);
        vm.prank(council);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_ZeroMeasurement.selector);
        policy.revokeMeasurementByCouncil(bytes32(0));
    }

    function test_revokeMeasurementByCouncil_approved_succeeds() public {
        _approve(MEASUREMENT);
        vm.prank(council);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MeasurementRevokedByCouncil(MEASUREMENT, council);
        policy.revokeMeasurementByCouncil(MEASUREMENT);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Revoked);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, MEASUREMENT));
        policy.validate(_result(MEASUREMENT));
    }

    function test_revokeMeasurementByCouncil_twice_reverts() public {
        vm.startPrank(council);
        policy.revokeMeasurementByCouncil(MEASUREMENT);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, MEASUREMENT));
        policy.revokeMeasurementByCouncil(MEASUREMENT);
        vm.stopPrank();
    }

    function testFuzz_revokeMeasurementByCouncil_notCouncil_reverts(address _caller) public {
        vm.assume(_caller != council);
        _approve(MEASUREMENT);
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotCouncil.selector, _caller));
        policy.revokeMeasurementByCouncil(MEASUREMENT);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Approved);
    }

    // ───────────────────────────────────────── validate / isAcceptable

    function test_validate_notApproved_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector, MEASUREMENT)
        );
        policy.validate(_result(MEASUREMENT));
        assertFalse(policy.isAcceptable(_result(MEASUREMENT)));
    }

    function test_validate_approved_succeeds() public {
        _approve(MEASUREMENT);
        policy.validate(_result(MEASUREMENT));
        assertTrue(policy.isAcceptable(_result(MEASUREMENT)));
    }

    function testFuzz_validate_teeType_succeedsOrReverts(uint8 _mask, uint8 _teeType) public {
        _approve(MEASUREMENT);
        _mask = uint8(bound(_mask, 1, 7));
        _teeType = uint8(bound(_teeType, 0, 2));
        vm.prank(governance);
        policy.setAcceptedTeeTypes(_mask);
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.teeType = IAttestationVerifier.TeeType(_teeType);
        bool accepted = _mask & (1 << _teeType) != 0;
        assertEq(policy.isAcceptable(r), accepted);
        if (!accepted) {
            vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_TeeTypeNotAccepted.selector, _teeType));
        }
        policy.validate(r);
    }

    function test_validate_debugEnclave_reverts() public {
        _approve(MEASUREMENT);
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.debug = true;
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_DebugEnclave.selector);
        policy.validate(r);
        assertFalse(policy.isAcceptable(r));
    }

    function testFuzz_validate_tcbStatus_succeedsOrReverts(uint8 _mask, uint8 _status) public {
        _approve(MEASUREMENT);
        _mask = uint8(bound(_mask, 0, 0x3F)) | 1; // a valid mask: UpToDate plus any of the next five
        _status = uint8(bound(_status, 0, 7));
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(_mask);
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.tcbStatus = IAttestationVerifier.TcbStatus(_status);
        bool accepted = _mask & (1 << _status) != 0;
        assertEq(policy.isAcceptable(r), accepted);
        if (!accepted) {
            vm.expectRevert(
                abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector, _status)
            );
        }
        policy.validate(r);
        // Revoked and Unrecognized platforms are never accepted, whatever the mask.
        if (_status >= 6) assertFalse(accepted);
    }

    function testFuzz_validate_signerMeasurement_succeedsOrReverts(bytes32 _required, bytes32 _signer) public {
        _approve(MEASUREMENT);
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.signerMeasurement = _signer;
        assertTrue(policy.isAcceptable(r), "no signer rule: any signer");

        vm.prank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredSignerMeasurementSet(bytes32(0), _required);
        policy.setRequiredSignerMeasurement(_required);
        bool accepted = _required == bytes32(0) || _required == _signer;
        assertEq(policy.isAcceptable(r), accepted);
        if (!accepted) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IEnclavePolicy.EnclavePolicy_SignerMeasurementMismatch.selector,
                    _signer,
                    _required
                )
            );
        }
        policy.validate(r);
    }

    function testFuzz_validate_productId_succeedsOrReverts(bool _enforced, uint16 _required, uint16 _productId) public {
        _approve(MEASUREMENT);
        vm.prank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredProductIdSet(_enforced, _enforced ? _required : 0);
        policy.setRequiredProductId(_enforced, _required);
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.productId = _productId;
        bool accepted = !_enforced || _productId == _required;
        assertEq(policy.isAcceptable(r), accepted);
        if (!accepted) {
            vm.expectRevert(
                abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_ProductIdMismatch.selector, _productId, _required)
            );
        }
        policy.validate(r);
    }

    function testFuzz_setRequiredProductId_emitsTheNewRule_succeeds(uint16 _first, uint16 _second) public {
        vm.startPrank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredProductIdSet(true, _first);
        policy.setRequiredProductId(true, _first);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredProductIdSet(true, _second);
        policy.setRequiredProductId(true, _second);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredProductIdSet(false, 0);
        policy.setRequiredProductId(false, _first);
        vm.stopPrank();
        (bool enforced, uint16 productId) = policy.requiredProductId();
        assertFalse(enforced);
        assertEq(productId, 0);
    }

    function test_setters_emitOldAndNew_succeeds() public {
        vm.startPrank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredSignerMeasurementSet(bytes32(0), bytes32(uint256(1)));
        policy.setRequiredSignerMeasurement(bytes32(uint256(1)));
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.RequiredSignerMeasurementSet(bytes32(uint256(1)), bytes32(uint256(2)));
        policy.setRequiredSignerMeasurement(bytes32(uint256(2)));
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MinSecurityVersionSet(0, 7);
        policy.setMinSecurityVersion(7);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MinSecurityVersionSet(7, 3);
        policy.setMinSecurityVersion(3);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.AcceptedTeeTypesSet(1, 3);
        policy.setAcceptedTeeTypes(3);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.AcceptedTcbStatusesSet(1, 3);
        policy.setAcceptedTcbStatuses(3);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MaxReportAgeSet(64, 128);
        policy.setMaxReportAge(128);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.KeyLifetimeSet(30 days, 60 days);
        policy.setKeyLifetime(60 days);
        vm.stopPrank();
    }

    function testFuzz_validate_securityVersion_succeedsOrReverts(uint16 _minimum, uint16 _svn) public {
        _approve(MEASUREMENT);
        vm.prank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.MinSecurityVersionSet(0, _minimum);
        policy.setMinSecurityVersion(_minimum);
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.securityVersion = _svn;
        bool accepted = _svn >= _minimum;
        assertEq(policy.isAcceptable(r), accepted);
        if (!accepted) {
            vm.expectRevert(
                abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_SecurityVersionTooLow.selector, _svn, _minimum)
            );
        }
        policy.validate(r);
    }

    function test_validate_reportsFirstBrokenRule_succeeds() public {
        _approve(MEASUREMENT);
        vm.startPrank(governance);
        policy.setRequiredSignerMeasurement(keccak256("someone else"));
        policy.setRequiredProductId(true, 99);
        policy.setMinSecurityVersion(100);
        vm.stopPrank();
        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.teeType = IAttestationVerifier.TeeType.Sgx;
        r.debug = true;
        r.tcbStatus = IAttestationVerifier.TcbStatus.OutOfDate;

        // Each fix uncovers the next rule, in the documented order.
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_TeeTypeNotAccepted.selector, 1));
        policy.validate(r);
        r.teeType = IAttestationVerifier.TeeType.Simulated;
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_DebugEnclave.selector);
        policy.validate(r);
        r.debug = false;
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector, 4));
        policy.validate(r);
        r.tcbStatus = IAttestationVerifier.TcbStatus.UpToDate;
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_SignerMeasurementMismatch.selector);
        policy.validate(r);
        r.signerMeasurement = keccak256("someone else");
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_ProductIdMismatch.selector);
        policy.validate(r);
        r.productId = 99;
        vm.expectPartialRevert(IEnclavePolicy.EnclavePolicy_SecurityVersionTooLow.selector);
        policy.validate(r);
        r.securityVersion = 100;
        policy.validate(r);
        assertTrue(policy.isAcceptable(r));
    }

    // ───────────────────────────────────────── verifyReport

    function test_verifyReport_devReport_succeeds() public {
        _approve(MEASUREMENT);
        DevReport memory report = _defaultReport();
        IAttestationVerifier.AttestationResult memory r = policy.verifyReport(_signedReport(report));
        assertEq(r.measurement, MEASUREMENT);
        assertEq(r.enclavePublicKey, report.publicKey);
        assertEq(r.reportData, report.reportData);
    }

    function test_verifyReport_notApproved_reverts() public {
        bytes memory report = _signedReport(_defaultReport());
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector, MEASUREMENT)
        );
        policy.verifyReport(report);
    }

    function test_verifyReport_debugReport_reverts() public {
        _approve(MEASUREMENT);
        DevReport memory r = _defaultReport();
        r.attributeFlags |= SGX_FLAGS_DEBUG;
        bytes memory report = _signedReport(r);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_DebugEnclave.selector);
        policy.verifyReport(report);
    }

    function test_verifyReport_verifierRefusal_reverts() public {
        _approve(MEASUREMENT);
        bytes memory report = _sign(_body(_defaultReport()), OUTSIDER_KEY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevAttestationVerifier.DevAttestationVerifier_WrongSigner.selector,
                vm.addr(OUTSIDER_KEY)
            )
        );
        policy.verifyReport(report);
    }

    function test_verifyReport_otherVerifierTechnology_succeeds() public {
        // A DCAP-like verifier returns TeeType.Sgx results: the same rules apply unchanged.
        MockAttestationVerifier dcap = new MockAttestationVerifier();
        IAttestationVerifier.AttestationResult memory sgx = _result(MEASUREMENT);
        sgx.teeType = IAttestationVerifier.TeeType.Sgx;
        dcap.setResult(sgx);
        _approve(MEASUREMENT);
        vm.prank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.VerifierSet(address(verifier), address(dcap));
        policy.setVerifier(dcap);

        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_TeeTypeNotAccepted.selector, 1));
        policy.verifyReport("quote");

        vm.prank(governance);
        policy.setAcceptedTeeTypes(uint8((1 << 1) | (1 << 2))); // Sgx and Tdx only: dev results retire
        assertEq(policy.verifyReport("quote").measurement, MEASUREMENT);
        assertFalse(policy.isAcceptable(_result(MEASUREMENT)), "a simulated result is no longer acceptable");
    }

    function test_verifyReport_malformedResult_reverts() public {
        MockAttestationVerifier faulty = new MockAttestationVerifier();
        vm.prank(governance);
        policy.setVerifier(faulty);
        _approve(MEASUREMENT);

        IAttestationVerifier.AttestationResult memory r = _result(MEASUREMENT);
        r.reportData = new bytes(63);
        faulty.setResult(r);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MalformedReportData.selector, 63));
        policy.verifyReport("x");

        r = _result(MEASUREMENT);
        r.enclavePublicKey = abi.encodePacked(uint256(1), uint256(1));
        faulty.setResult(r);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_InvalidEnclavePublicKey.selector);
        policy.verifyReport("x");

        r.enclavePublicKey = bytes.concat(hex"04", ENCLAVE_PUBLIC_KEY); // 65 bytes: prefixed
        faulty.setResult(r);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_InvalidEnclavePublicKey.selector);
        policy.verifyReport("x");
    }

    // ───────────────────────────────────────── checkFreshness

    function testFuzz_checkFreshness_recentBlock_succeeds(uint256 _age) public {
        vm.roll(1_000);
        _age = bound(_age, 1, policy.maxReportAge());
        uint256 n = block.number - _age;
        bytes32 hash = keccak256(abi.encode("block", n));
        vm.setBlockhash(n, hash);
        policy.checkFreshness(n, hash);
    }

    function testFuzz_checkFreshness_notInPast_reverts(uint256 _n) public {
        vm.roll(1_000);
        _n = bound(_n, block.number, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_ReportBlockNotInPast.selector, _n, block.number)
        );
        policy.checkFreshness(_n, bytes32(uint256(1)));
    }

    function testFuzz_checkFreshness_staleBlock_reverts(uint256 _age) public {
        vm.roll(10_000);
        _age = bound(_age, policy.maxReportAge() + 1, block.number);
        uint256 n = block.number - _age;
        vm.setBlockhash(n, keccak256("stale"));
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_ReportTooOld.selector, n, block.number, 64)
        );
        policy.checkFreshness(n, keccak256("stale"));
    }

    function test_checkFreshness_maxAgeBoundary_succeeds() public {
        vm.prank(governance);
        policy.setMaxReportAge(256);
        vm.roll(1_000);
        uint256 n = block.number - 256;
        vm.setBlockhash(n, keccak256("oldest"));
        policy.checkFreshness(n, keccak256("oldest"));
    }

    function testFuzz_checkFreshness_wrongHash_reverts(bytes32 _given) public {
        vm.roll(1_000);
        uint256 n = block.number - 1;
        bytes32 actual = keccak256("canonical");
        vm.assume(_given != actual);
        vm.setBlockhash(n, actual);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_BlockHashMismatch.selector, n, actual, _given)
        );
        policy.checkFreshness(n, _given);
    }

    function test_checkFreshness_unknownHashIsZero_reverts() public {
        vm.roll(1_000);
        uint256 n = block.number - 1;
        vm.setBlockhash(n, bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_BlockHashMismatch.selector, n, bytes32(0), bytes32(0))
        );
        policy.checkFreshness(n, bytes32(0));
    }

    // ───────────────────────────────────────── governance setters

    function test_setAuditors_replacesSet_succeeds() public {
        uint256[] memory newKeys = _sortKeysByAddress(_keyList(0x1, 0x2, 0x3));
        uint256[] memory five = new uint256[](5);
        for (uint256 i; i < 5; ++i) five[i] = i < 3 ? newKeys[i] : 0x100 + i;
        five = _sortKeysByAddress(five);
        vm.prank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.AuditorsChanged(_addresses(five), 3, 2);
        policy.setAuditors(_addresses(five), 3);
        assertEq(policy.auditors(), _addresses(five));
        assertEq(policy.threshold(), 3);
        assertEq(policy.policyVersion(), 2);
        for (uint256 i; i < auditorKeys.length; ++i) assertFalse(policy.isAuditor(vm.addr(auditorKeys[i])));
        for (uint256 i; i < five.length; ++i) assertTrue(policy.isAuditor(vm.addr(five[i])));
    }

    function testFuzz_setAuditors_notGovernance_reverts(address _caller) public {
        vm.assume(_caller != governance);
        address[] memory auditors = _addresses(auditorKeys);
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, _caller));
        policy.setAuditors(auditors, 1);
        assertEq(policy.threshold(), 2);
        assertEq(policy.policyVersion(), 1);
    }

    function test_setAuditors_invalidSet_reverts() public {
        address[] memory auditors = _addresses(auditorKeys);
        vm.startPrank(governance);

        address[] memory unsorted = new address[](3);
        (unsorted[0], unsorted[1], unsorted[2]) = (auditors[1], auditors[0], auditors[2]);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_AuditorsNotAscending.selector, 1, auditors[0])
        );
        policy.setAuditors(unsorted, 2);

        address[] memory duplicate = new address[](3);
        (duplicate[0], duplicate[1], duplicate[2]) = (auditors[0], auditors[1], auditors[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_AuditorsNotAscending.selector, 2, auditors[1])
        );
        policy.setAuditors(duplicate, 2);

        address[] memory withZero = new address[](2);
        withZero[1] = auditors[0];
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_AuditorsNotAscending.selector, 0, address(0))
        );
        policy.setAuditors(withZero, 1);

        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidAuditorCount.selector, 0));
        policy.setAuditors(new address[](0), 0);

        address[] memory tooMany = new address[](33);
        for (uint256 i; i < 33; ++i) tooMany[i] = address(uint160(i + 1));
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidAuditorCount.selector, 33));
        policy.setAuditors(tooMany, 1);

        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidThreshold.selector, 0, 3));
        policy.setAuditors(auditors, 0);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidThreshold.selector, 4, 3));
        policy.setAuditors(auditors, 4);
        vm.stopPrank();

        assertEq(policy.auditors(), auditors);
        assertEq(policy.policyVersion(), 1);
    }

    function test_setAuditors_maximumSet_succeeds() public {
        address[] memory most = new address[](32);
        for (uint256 i; i < 32; ++i) most[i] = address(uint160(i + 1));
        vm.prank(governance);
        policy.setAuditors(most, 32);
        assertEq(policy.auditors().length, 32);
        assertEq(policy.threshold(), 32);
    }

    function testFuzz_setThreshold_withinBounds_succeeds(uint256 _threshold) public {
        _threshold = bound(_threshold, 1, 3);
        vm.prank(governance);
        vm.expectEmit(address(policy));
        emit IEnclavePolicy.AuditorsChanged(_addresses(auditorKeys), _threshold, 2);
        policy.setThreshold(_threshold);
        assertEq(policy.threshold(), _threshold);
        assertEq(policy.policyVersion(), 2);
    }

    function testFuzz_setThreshold_outOfBounds_reverts(uint256 _threshold) public {
        vm.assume(_threshold == 0 || _threshold > 3);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidThreshold.selector, _threshold, 3));
        policy.setThreshold(_threshold);
        assertEq(policy.policyVersion(), 1);
    }

    function test_setVerifier_withoutCode_reverts() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidVerifier.selector, address(0)));
        policy.setVerifier(IAttestationVerifier(address(0)));
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidVerifier.selector, council));
        policy.setVerifier(IAttestationVerifier(council));
        vm.stopPrank();
        assertEq(address(policy.verifier()), address(verifier));
    }

    function testFuzz_setAcceptedTeeTypes_succeedsOrReverts(uint8 _mask) public {
        bool valid = _mask != 0 && _mask < 8;
        vm.prank(governance);
        if (valid) {
            vm.expectEmit(address(policy));
            emit IEnclavePolicy.AcceptedTeeTypesSet(1, _mask);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidTeeTypeMask.selector, _mask));
        }
        policy.setAcceptedTeeTypes(_mask);
        assertEq(policy.acceptedTeeTypes(), valid ? _mask : 1);
    }

    function testFuzz_setAcceptedTcbStatuses_succeedsOrReverts(uint8 _mask) public {
        // UpToDate required; Revoked (bit 6) and Unrecognized (bit 7) never accepted.
        bool valid = _mask & 1 == 1 && _mask & 0xC0 == 0;
        vm.prank(governance);
        if (valid) {
            vm.expectEmit(address(policy));
            emit IEnclavePolicy.AcceptedTcbStatusesSet(1, _mask);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_InvalidTcbStatusMask.selector, _mask));
        }
        policy.setAcceptedTcbStatuses(_mask);
        assertEq(policy.acceptedTcbStatuses(), valid ? _mask : 1);
    }

    function testFuzz_setMaxReportAge_succeedsOrReverts(uint256 _age) public {
        bool valid = _age >= 4 && _age <= 256;
        vm.prank(governance);
        if (valid) {
            vm.expectEmit(address(policy));
            emit IEnclavePolicy.MaxReportAgeSet(64, _age);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MaxReportAgeOutOfBounds.selector, _age)
            );
        }
        policy.setMaxReportAge(_age);
        assertEq(policy.maxReportAge(), valid ? _age : 64);
    }

    function test_setMaxReportAge_bounds_succeeds() public {
        vm.startPrank(governance);
        policy.setMaxReportAge(4);
        assertEq(policy.maxReportAge(), 4);
        policy.setMaxReportAge(256);
        assertEq(policy.maxReportAge(), 256);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MaxReportAgeOutOfBounds.selector, 3));
        policy.setMaxReportAge(3);
        vm.stopPrank();
    }

    function testFuzz_setKeyLifetime_succeedsOrReverts(uint256 _lifetime) public {
        bool valid = _lifetime >= 1 hours && _lifetime <= 365 days;
        vm.prank(governance);
        if (valid) {
            vm.expectEmit(address(policy));
            emit IEnclavePolicy.KeyLifetimeSet(30 days, _lifetime);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_KeyLifetimeOutOfBounds.selector, _lifetime)
            );
        }
        policy.setKeyLifetime(_lifetime);
        assertEq(policy.keyLifetime(), valid ? _lifetime : 30 days);
    }

    function testFuzz_governanceSetters_notGovernance_reverts(address _caller) public {
        vm.assume(_caller != governance);
        bytes memory notGovernance = abi.encodeWithSelector(
            IGovernedModule.GovernedModule_NotGovernance.selector,
            _caller
        );
        vm.startPrank(_caller);
        vm.expectRevert(notGovernance);
        policy.setVerifier(verifier);
        vm.expectRevert(notGovernance);
        policy.setThreshold(1);
        vm.expectRevert(notGovernance);
        policy.setAcceptedTeeTypes(7);
        vm.expectRevert(notGovernance);
        policy.setAcceptedTcbStatuses(3);
        vm.expectRevert(notGovernance);
        policy.setRequiredSignerMeasurement(SIGNER);
        vm.expectRevert(notGovernance);
        policy.setRequiredProductId(true, 1);
        vm.expectRevert(notGovernance);
        policy.setMinSecurityVersion(1);
        vm.expectRevert(notGovernance);
        policy.setMaxReportAge(100);
        vm.expectRevert(notGovernance);
        policy.setKeyLifetime(1 days);
        vm.stopPrank();
        assertEq(policy.threshold(), 2);
        assertEq(policy.acceptedTeeTypes(), 1);
        assertEq(policy.maxReportAge(), 64);
    }

    function test_setRequiredProductId_disableClearsValue_succeeds() public {
        vm.startPrank(governance);
        policy.setRequiredProductId(true, 7);
        (bool enforced, uint16 productId) = policy.requiredProductId();
        assertTrue(enforced);
        assertEq(productId, 7);
        policy.setRequiredProductId(false, 7);
        (enforced, productId) = policy.requiredProductId();
        assertFalse(enforced);
        assertEq(productId, 0);
        vm.stopPrank();
    }

    // ───────────────────────────────────────── EIP-712 and upgrades

    function test_hashes_matchEip712_succeeds() public view {
        bytes32 separator = _domainSeparator(address(policy), block.chainid);
        assertEq(policy.domainSeparator(), separator);
        assertEq(
            policy.hashApproveMeasurement(MEASUREMENT, 7, 99),
            keccak256(
                abi.encodePacked("\x19\x01", separator, keccak256(abi.encode(APPROVE_TYPEHASH, MEASUREMENT, 7, 99)))
            )
        );
        assertEq(
            policy.hashRevokeMeasurement(MEASUREMENT, 7, 99),
            keccak256(
                abi.encodePacked("\x19\x01", separator, keccak256(abi.encode(REVOKE_TYPEHASH, MEASUREMENT, 7, 99)))
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = policy
            .eip712Domain();
        assertEq(name, "Obscuro EnclavePolicy");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(policy));
    }

    function test_upgradeToAndCall_byGovernance_keepsPolicy_succeeds() public {
        _approve(MEASUREMENT);
        vm.prank(council);
        policy.revokeMeasurementByCouncil(keccak256("bad build"));
        EnclavePolicyV2 v2 = new EnclavePolicyV2();
        vm.prank(governance);
        policy.upgradeToAndCall(address(v2), "");
        assertEq(policy.version(), "2.0.0");
        assertEq(policy.auditors(), _addresses(auditorKeys));
        assertEq(policy.threshold(), 2);
        assertEq(policy.policyVersion(), 1);
        _assertStatus(MEASUREMENT, IEnclavePolicy.MeasurementStatus.Approved);
        _assertStatus(keccak256("bad build"), IEnclavePolicy.MeasurementStatus.Revoked);
        assertEq(policy.domainSeparator(), _domainSeparator(address(policy), block.chainid));
    }

    function testFuzz_upgradeToAndCall_notGovernance_reverts(address _caller) public {
        vm.assume(_caller != governance);
        EnclavePolicyV2 v2 = new EnclavePolicyV2();
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, _caller));
        policy.upgradeToAndCall(address(v2), "");
        assertEq(policy.version(), "1.0.0");
    }

    // ───────────────────────────────────────── helpers

    function _approvalSigs(bytes32 _measurement, uint256 _deadline) internal view returns (bytes[] memory) {
        return
            _signStatement(
                policy,
                APPROVE_TYPEHASH,
                _measurement,
                policy.policyVersion(),
                _deadline,
                _keyList(auditorKeys[0], auditorKeys[1])
            );
    }

    function _revocationSigs(bytes32 _measurement, uint256 _deadline) internal view returns (bytes[] memory) {
        return
            _signStatement(
                policy,
                REVOKE_TYPEHASH,
                _measurement,
                policy.policyVersion(),
                _deadline,
                _keyList(auditorKeys[0], auditorKeys[1])
            );
    }

    function _approve(bytes32 _measurement) internal {
        policy.approveMeasurement(_measurement, block.timestamp, _approvalSigs(_measurement, block.timestamp));
    }

    function _assertStatus(bytes32 _measurement, IEnclavePolicy.MeasurementStatus _status) internal view {
        assertEq(uint8(policy.measurementStatus(_measurement)), uint8(_status));
    }

    function _expectInitRevert(
        address _implementation,
        IEnclavePolicy.InitParams memory _policy,
        bytes memory _error
    ) internal {
        vm.expectRevert(_error);
        new ERC1967Proxy(_implementation, abi.encodeCall(EnclavePolicy.initialize, (governance, council, _policy)));
    }
}

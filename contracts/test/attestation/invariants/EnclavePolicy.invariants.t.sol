// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { DevAttestationVerifier } from "../../../src/attestation/DevAttestationVerifier.sol";
import { EnclavePolicy } from "../../../src/attestation/EnclavePolicy.sol";
import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IEnclavePolicy } from "../../../src/interfaces/attestation/IEnclavePolicy.sol";
import { AttestationFixtures } from "../helpers/AttestationFixtures.sol";
import { EnclavePolicyHandler } from "../handlers/EnclavePolicyHandler.sol";

/// @title EnclavePolicy invariants
/// @notice Properties that hold after any sequence of approvals, revocations, auditor-set and
///         threshold changes, stale-signature replays and time:
///         1. a revoked measurement stays revoked, is never acceptable and is never approved again;
///         2. `policyVersion` never decreases, and equals 1 + the number of auditor-set or
///            threshold changes;
///         3. signatures made for an older policy version never approve anything;
///         4. 1 ≤ threshold ≤ auditor count ≤ MAX_AUDITORS, auditors strictly ascending, each
///            flagged as an auditor;
///         5. an approved measurement that was not revoked stays approved, and acceptable while the
///            platform rules accept the result;
///         6. every parameter stays within its hard-coded bounds.
contract EnclavePolicyInvariants is AttestationFixtures {
    EnclavePolicy internal policy;
    EnclavePolicyHandler internal handler;

    function setUp() public {
        address governance = makeAddr("governance");
        address council = makeAddr("council");
        DevAttestationVerifier verifier = new DevAttestationVerifier(vm.addr(VENDOR_KEY));

        uint256[] memory pool = new uint256[](6);
        for (uint256 i; i < pool.length; ++i) pool[i] = 0xA0D1 + i;
        uint256[] memory initial = _sortKeysByAddress(_keyList(pool[0], pool[1], pool[2]));
        policy = _deployPolicy(governance, council, verifier, _addresses(initial), 2);

        bytes32[] memory measurements = new bytes32[](6);
        for (uint256 i; i < measurements.length; ++i) measurements[i] = keccak256(abi.encode("build", i));

        handler = new EnclavePolicyHandler(policy, governance, council, pool, initial, measurements);
        targetContract(address(handler));
    }

    function invariant_revokedStaysRevoked() public view {
        assertFalse(handler.ghostRevokedReapproved(), "a revoked measurement was approved again");
        for (uint256 i; i < handler.revokedCount(); ++i) {
            bytes32 m = handler.ghostRevoked(i);
            assertEq(uint8(policy.measurementStatus(m)), uint8(IEnclavePolicy.MeasurementStatus.Revoked));
            assertFalse(policy.isAcceptable(_result(m)));
        }
    }

    function invariant_policyVersionOnlyGrows() public view {
        assertFalse(handler.ghostVersionDecreased(), "policyVersion decreased");
        assertEq(policy.policyVersion(), 1 + handler.ghostAuditorChanges());
    }

    function invariant_staleSignaturesNeverCount() public view {
        assertFalse(handler.ghostStaleSignatureAccepted(), "a stale approval was accepted");
    }

    function invariant_thresholdWithinAuditorCount() public view {
        address[] memory auditors = policy.auditors();
        uint256 threshold = policy.threshold();
        assertGe(threshold, 1);
        assertLe(threshold, auditors.length);
        assertLe(auditors.length, policy.MAX_AUDITORS());
        for (uint256 i; i < auditors.length; ++i) {
            if (i > 0) assertGt(uint160(auditors[i]), uint160(auditors[i - 1]));
            assertTrue(policy.isAuditor(auditors[i]));
        }
    }

    function invariant_approvedStaysAcceptableUntilRevoked() public view {
        for (uint256 i; i < handler.approvedCount(); ++i) {
            bytes32 m = handler.ghostApproved(i);
            if (handler.ghostIsRevoked(m)) continue;
            assertEq(uint8(policy.measurementStatus(m)), uint8(IEnclavePolicy.MeasurementStatus.Approved));
            IAttestationVerifier.AttestationResult memory r = _result(m);
            bool platformAccepted =
                policy.acceptedTeeTypes() & (1 << uint8(r.teeType)) != 0 &&
                    policy.acceptedTcbStatuses() & (1 << uint8(r.tcbStatus)) != 0;
            assertEq(policy.isAcceptable(r), platformAccepted);
        }
    }

    function invariant_parametersWithinBounds() public view {
        uint8 teeTypes = policy.acceptedTeeTypes();
        assertTrue(teeTypes != 0 && teeTypes < 8, "accepted TEE types");
        uint8 tcb = policy.acceptedTcbStatuses();
        assertTrue(tcb & 1 == 1, "UpToDate always accepted");
        assertEq(tcb & 0xC0, 0, "Revoked and Unrecognized never accepted");
        assertGe(policy.maxReportAge(), policy.MIN_REPORT_AGE());
        assertLe(policy.maxReportAge(), policy.MAX_REPORT_AGE());
        assertGe(policy.keyLifetime(), policy.MIN_KEY_LIFETIME());
        assertLe(policy.keyLifetime(), policy.MAX_KEY_LIFETIME());
    }
}

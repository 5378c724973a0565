// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IEnclavePolicy } from "../../../src/interfaces/attestation/IEnclavePolicy.sol";
import { DcapPolicyTestBase } from "./DcapPolicyTestBase.sol";

/// @notice `EnclavePolicy`'s rules applied to real Intel quotes verified by `DcapAttestationVerifier`
///         at the pinned times of INDEX.md §2: DEBUG refused, measurements approved and revoked by
///         auditors, signer / product id / security version, TCB statuses, TEE types, enclave key.
///         Each refusal is checked three ways: `verifyReport` (verify and check) reverts with the
///         rule's error, `validate` of the verifier's result reverts with it, `isAcceptable` is false.
contract DcapPolicyTest is DcapPolicyTestBase {
    // ───────────────────────────────────────── DEBUG (INDEX.md S10)

    function test_verifyReport_s10DebugQuoteApproved_reverts() public {
        Scenario memory s = _s10();
        _installPolicy(s);
        bytes32 measurement = _expectedMeasurement(s.quote);
        _approve(measurement);
        // Every other rule passes: its TCB status accepted, no signer / product / version rules.
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(DEFAULT_TCB_STATUSES | CONFIG_AND_SW_HARDENING);

        IAttestationVerifier.AttestationResult memory result = verifier.verify(_policyReport(s));
        assertTrue(result.debug);
        assertEq(result.measurement, measurement);
        _assertRefused(s, abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_DebugEnclave.selector));
    }

    function test_verifyReport_s10DebugQuoteUnapproved_reverts() public {
        Scenario memory s = _s10();
        _installPolicy(s);
        bytes32 measurement = _expectedMeasurement(s.quote);
        _assertRefused(
            s,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector, measurement)
        );
    }

    /// @dev The same platform and collateral as S10, a production enclave: accepted by the same
    ///      policy, so the DEBUG bit alone is what refuses S10.
    function test_verifyReport_s6ProductionQuoteSamePlatform_succeeds() public {
        Scenario memory s = _s6();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(DEFAULT_TCB_STATUSES | CONFIG_AND_SW_HARDENING);
        IAttestationVerifier.AttestationResult memory result = _assertAccepted(s);
        assertFalse(result.debug);
        assertEq(uint8(result.tcbStatus), uint8(IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded));
    }

    // ───────────────────────────────────────── measurements (SGX MRENCLAVE, TDX digest)

    function test_verifyReport_sgxApprovedThenRevokedByAuditors_succeeds() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        bytes32 mrEnclave = _expectedMeasurement(s.quote);
        assertEq(mrEnclave, hex"a4f45c39dac622cb1dd32ddb35a52ec92db41d0fa88a1c911c49e59c534f61cd"); // INDEX.md §4
        _assertRefused(
            s,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector, mrEnclave)
        );

        _approve(mrEnclave);
        IAttestationVerifier.AttestationResult memory result = _assertAccepted(s);
        assertEq(uint8(result.teeType), uint8(IAttestationVerifier.TeeType.Sgx));
        assertEq(result.measurement, mrEnclave);
        assertEq(uint8(result.tcbStatus), uint8(IAttestationVerifier.TcbStatus.SWHardeningNeeded));
        assertEq(result.enclavePublicKey, ENCLAVE_PUBLIC_KEY);
        assertEq(result.reportData, _field(s.quote, "reportData"));

        _revoke(mrEnclave);
        _assertRefused(s, abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, mrEnclave));
    }

    function test_verifyReport_tdxApprovedThenRevokedByCouncil_succeeds() public {
        Scenario memory s = _s8(); // TDX v4 with non-zero RTMR3 and MRCONFIGID
        _installPolicy(s);
        bytes32 measurement = _expectedMeasurement(s.quote);
        _assertRefused(
            s,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector, measurement)
        );

        _approve(measurement);
        IAttestationVerifier.AttestationResult memory result = _assertAccepted(s);
        assertEq(uint8(result.teeType), uint8(IAttestationVerifier.TeeType.Tdx));
        assertEq(result.measurement, measurement);
        assertEq(uint8(result.tcbStatus), uint8(IAttestationVerifier.TcbStatus.UpToDate));

        vm.prank(council);
        policy.revokeMeasurementByCouncil(measurement);
        _assertRefused(
            s,
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, measurement)
        );
    }

    function test_verifyReport_td15ApprovedMeasurement_succeeds() public {
        Scenario memory s = _s5(); // TDX v5, TD 1.5: MRSERVICETD is part of the measurement
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        assertEq(_assertAccepted(s).measurement, _expectedMeasurement(s.quote));
    }

    /// @dev Approving MRTD alone, or the digest of another quote, does not approve a TD: only the
    ///      full digest of its MRTD, MRCONFIGID, RTMRs, MRSERVICETD, TDATTRIBUTES and XFAM does.
    function test_verifyReport_tdxPartialMeasurementApproved_reverts() public {
        Scenario memory s = _s7();
        _installPolicy(s);
        _approve(keccak256(_field(s.quote, "mrTd")));
        _approve(bytes32(_field(s.quote, "mrTd"))); // its first 32 bytes
        _approve(_expectedMeasurement(_s8().quote)); // another TD on another platform
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector,
                _expectedMeasurement(s.quote)
            )
        );
    }

    // ───────────────────────────────────────── signer, product id, security version

    function test_verifyReport_sgxRequiredSigner_succeeds() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        bytes32 mrSigner = _expectedSigner(s.quote);
        vm.prank(governance);
        policy.setRequiredSignerMeasurement(mrSigner);
        assertEq(_assertAccepted(s).signerMeasurement, mrSigner);
    }

    function test_verifyReport_sgxWrongSigner_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        bytes32 other = _expectedSigner("sgx-v3-quote-phala-00a067");
        assertTrue(other != _expectedSigner(s.quote));
        vm.prank(governance);
        policy.setRequiredSignerMeasurement(other);
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_SignerMeasurementMismatch.selector,
                _expectedSigner(s.quote),
                other
            )
        );
    }

    function test_verifyReport_tdxRequiredOwner_succeeds() public {
        Scenario memory s = _s7();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        bytes32 owner = _expectedSigner(s.quote); // keccak256(MROWNER ‖ MROWNERCONFIG), here all zero
        assertEq(owner, keccak256(new bytes(96)));
        vm.prank(governance);
        policy.setRequiredSignerMeasurement(owner);
        assertEq(_assertAccepted(s).signerMeasurement, owner);
    }

    /// @dev The signer rule applies to every accepted TEE type: pinning an SGX MRSIGNER refuses
    ///      TDX quotes (fail-safe; see docs/attestation-dcap.md, "Policy with real quotes").
    function test_verifyReport_tdxUnderSgxSigner_reverts() public {
        Scenario memory s = _s7();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        bytes32 mrSigner = _expectedSigner(_s1().quote);
        vm.prank(governance);
        policy.setRequiredSignerMeasurement(mrSigner);
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_SignerMeasurementMismatch.selector,
                keccak256(new bytes(96)),
                mrSigner
            )
        );
    }

    function test_verifyReport_sgxRequiredProductId_succeeds() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setRequiredProductId(true, 0); // INDEX.md §4: isvProdId 0
        assertEq(_assertAccepted(s).productId, 0);
    }

    function test_verifyReport_sgxWrongProductId_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setRequiredProductId(true, 1);
        _assertRefused(s, abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_ProductIdMismatch.selector, 0, 1));
        // Lifting the rule accepts it again.
        vm.prank(governance);
        policy.setRequiredProductId(false, 1);
        _assertAccepted(s);
    }

    function test_verifyReport_sgxMinSecurityVersion_succeeds() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setMinSecurityVersion(0); // INDEX.md §4: isvSvn 0
        assertEq(_assertAccepted(s).securityVersion, 0);
    }

    function test_verifyReport_sgxSecurityVersionTooLow_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setMinSecurityVersion(1);
        _assertRefused(s, abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_SecurityVersionTooLow.selector, 0, 1));
    }

    // ───────────────────────────────────────── TCB statuses

    function test_verifyReport_s2OutOfDate_refusedUntilAccepted_succeeds() public {
        Scenario memory s = _s2();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector,
                IAttestationVerifier.TcbStatus.OutOfDate
            )
        );
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(DEFAULT_TCB_STATUSES | OUT_OF_DATE);
        assertEq(uint8(_assertAccepted(s).tcbStatus), uint8(IAttestationVerifier.TcbStatus.OutOfDate));
    }

    function test_verifyReport_s6ConfigurationAndSwHardening_refusedUntilAccepted_succeeds() public {
        Scenario memory s = _s6();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector,
                IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded
            )
        );
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(DEFAULT_TCB_STATUSES | CONFIG_AND_SW_HARDENING);
        _assertAccepted(s);
    }

    /// @dev S1 is SWHardeningNeeded: accepted by the default set, refused once governance accepts
    ///      only UpToDate.
    function test_verifyReport_s1SwHardeningNarrowedToUpToDate_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        _assertAccepted(s);
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(UP_TO_DATE);
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector,
                IAttestationVerifier.TcbStatus.SWHardeningNeeded
            )
        );
    }

    /// @dev Any accepted set governance may choose: S6 (ConfigurationAndSWHardeningNeeded) is
    ///      accepted exactly when the set holds that status.
    /// hardhat-config: fuzz.runs = 24
    function testFuzz_verifyReport_tcbStatusMask_succeeds(uint8 _mask) public {
        // Every mask governance can set: UpToDate in, Revoked (6) and Unrecognized (7) out.
        uint8 mask = (_mask & 0x3f) | UP_TO_DATE;
        Scenario memory s = _s6();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(mask);
        if (mask & CONFIG_AND_SW_HARDENING != 0) {
            _assertAccepted(s);
        } else {
            _assertRefused(
                s,
                abi.encodeWithSelector(
                    IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector,
                    IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded
                )
            );
        }
    }

    // ───────────────────────────────────────── TEE types

    function test_verifyReport_tdxQuoteUnderSgxOnly_reverts() public {
        Scenario memory s = _s5();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setAcceptedTeeTypes(SGX);
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TeeTypeNotAccepted.selector,
                IAttestationVerifier.TeeType.Tdx
            )
        );
        vm.prank(governance);
        policy.setAcceptedTeeTypes(TDX);
        _assertAccepted(s);
    }

    function test_verifyReport_sgxQuoteUnderTdxOnly_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setAcceptedTeeTypes(TDX);
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TeeTypeNotAccepted.selector,
                IAttestationVerifier.TeeType.Sgx
            )
        );
        vm.prank(governance);
        policy.setAcceptedTeeTypes(SGX);
        _assertAccepted(s);
    }

    /// @dev The dev deployment's mask (Simulated only) refuses every real quote.
    function test_verifyReport_realQuotesUnderSimulatedOnly_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setAcceptedTeeTypes(SIMULATED);
        _assertRefused(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TeeTypeNotAccepted.selector,
                IAttestationVerifier.TeeType.Sgx
            )
        );
    }

    // ───────────────────────────────────────── enclave key and report data

    /// @dev The verifier returns the envelope's key as given (64 bytes); the policy refuses a key
    ///      that is not a secp256k1 point before any rule.
    function test_verifyReport_enclaveKeyNotOnCurve_reverts() public {
        Scenario memory s = _s1();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        bytes memory report = abi.encode(_quote(s.quote), _key());
        assertEq(verifier.verify(report).enclavePublicKey, _key());
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_InvalidEnclavePublicKey.selector);
        policy.verifyReport(report);
    }

    /// @dev `verifyReport` returns the quote's report data untouched, for NetworkManagement to
    ///      check the binding (see DcapRegistration.t.sol).
    function test_verifyReport_returnsQuoteReportData_succeeds() public {
        Scenario memory s = _s7();
        _installPolicy(s);
        _approve(_expectedMeasurement(s.quote));
        IAttestationVerifier.AttestationResult memory result = _assertAccepted(s);
        assertEq(result.reportData, _field(s.quote, "reportData"));
        assertEq(result.reportData.length, 64);
    }

    // ───────────────────────────────────────── helpers

    /// @dev `verifyReport` accepts `_s`, and `validate` / `isAcceptable` agree on the verifier's result.
    function _assertAccepted(Scenario memory _s) internal view returns (IAttestationVerifier.AttestationResult memory) {
        bytes memory report = _policyReport(_s);
        IAttestationVerifier.AttestationResult memory result = policy.verifyReport(report);
        IAttestationVerifier.AttestationResult memory direct = verifier.verify(report);
        assertEq(
            keccak256(abi.encode(result)),
            keccak256(abi.encode(direct)),
            "the policy returns the verifier's result"
        );
        assertTrue(policy.isAcceptable(direct));
        policy.validate(direct);
        return result;
    }

    /// @dev `verifyReport` reverts with `_error`, `validate` too, and `isAcceptable` is false.
    function _assertRefused(Scenario memory _s, bytes memory _error) internal {
        bytes memory report = _policyReport(_s);
        IAttestationVerifier.AttestationResult memory direct = verifier.verify(report);
        assertFalse(policy.isAcceptable(direct));
        vm.expectRevert(_error);
        policy.validate(direct);
        vm.expectRevert(_error);
        policy.verifyReport(report);
    }
}

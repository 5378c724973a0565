// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IDcapAttestationVerifier } from "../../../src/interfaces/attestation/IDcapAttestationVerifier.sol";
import { IEnclavePolicy } from "../../../src/interfaces/attestation/IEnclavePolicy.sol";
import { INetworkRegistry } from "../../../src/interfaces/network/INetworkRegistry.sol";
import { NetworkManagement } from "../../../src/network/NetworkManagement.sol";
import { ObscuroToken } from "../../../src/token/ObscuroToken.sol";
import { DcapPolicyTestBase } from "./DcapPolicyTestBase.sol";

/// @notice The whole registration path with real Intel quotes: `NetworkManagement.registerNode` →
///         `EnclavePolicy.checkFreshness` → `EnclavePolicy.verifyReport` → `DcapAttestationVerifier`
///         (signatures, PCK chain, collateral, TCB at the pinned block time) → the policy's rules →
///         the report data binding. The fixtures' report data was made by other projects and binds
///         no Obscuro operator or L1 block, so a real quote that passes every rule must still be
///         refused, for exactly that reason (`NetworkManagement_ReportDataMismatch`); each earlier
///         refusal surfaces with its own error. Nothing is recorded on any refusal.
contract DcapRegistrationTest is DcapPolicyTestBase {
    uint96 internal constant FEE = 0.01 ether;

    address internal operator = makeAddr("operator");
    address internal treasury = makeAddr("treasury");
    address internal slasher = makeAddr("slasher");
    NetworkManagement internal network;

    // ───────────────────────────────────────── the binding

    function test_registerNode_sgxQuotePassingThePolicy_reportDataMismatch_reverts() public {
        _assertBindingRefused(_s1());
    }

    function test_registerNode_tdxQuotePassingThePolicy_reportDataMismatch_reverts() public {
        _assertBindingRefused(_s7());
    }

    function test_registerNode_td15QuotePassingThePolicy_reportDataMismatch_reverts() public {
        _assertBindingRefused(_s5());
    }

    /// @dev What the binding expects differs from what the quote says, whichever recent block the
    ///      operator names: the quote's report data is fixed, the binding names operator and block.
    /// hardhat-config: fuzz.runs = 64
    function testFuzz_registerNode_anyRecentBlock_reportDataMismatch_reverts(uint256 _age) public {
        Scenario memory s = _s1();
        _deployStack(s);
        _approve(_expectedMeasurement(s.quote));
        uint256 n = block.number - bound(_age, 1, policy.maxReportAge());
        bytes memory report = _policyReport(s);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ReportDataMismatch.selector, vm.addr(ENCLAVE_KEY))
        );
        vm.prank(operator);
        network.registerNode{ value: FEE }(report, n);
        _assertNotRegistered();
    }

    // ───────────────────────────────────────── refusals before the binding

    function test_registerNode_debugQuote_reverts() public {
        Scenario memory s = _s10();
        _deployStack(s);
        _approve(_expectedMeasurement(s.quote));
        vm.prank(governance);
        policy.setAcceptedTcbStatuses(DEFAULT_TCB_STATUSES | CONFIG_AND_SW_HARDENING);
        _assertRegisterReverts(s, abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_DebugEnclave.selector));
    }

    function test_registerNode_unapprovedQuote_reverts() public {
        Scenario memory s = _s1();
        _deployStack(s);
        _assertRegisterReverts(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector,
                _expectedMeasurement(s.quote)
            )
        );
    }

    function test_registerNode_outOfDatePlatform_reverts() public {
        Scenario memory s = _s2();
        _deployStack(s);
        _approve(_expectedMeasurement(s.quote));
        _assertRegisterReverts(
            s,
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector,
                IAttestationVerifier.TcbStatus.OutOfDate
            )
        );
    }

    /// @dev Once the TCB info expires, verification stops until someone submits a newer one.
    function test_registerNode_expiredCollateral_reverts() public {
        Scenario memory s = _s1();
        _deployStack(s);
        _approve(_expectedMeasurement(s.quote));
        // automata-2025-08: the QE identity expires first (2025-09-14T04:36:46Z), the TCB info later.
        uint64 qeIdentityNextUpdate = 1_757_824_606;
        vm.warp(qeIdentityNextUpdate);
        _assertRegisterReverts(
            s,
            abi.encodeWithSelector(
                IDcapAttestationVerifier.DcapAttestationVerifier_CollateralExpired.selector,
                IDcapAttestationVerifier.CollateralKind.QeIdentity,
                qeIdentityNextUpdate
            )
        );
    }

    function test_registerNode_staleBlock_reverts() public {
        Scenario memory s = _s1();
        _deployStack(s);
        _approve(_expectedMeasurement(s.quote));
        uint256 maxAge = policy.maxReportAge();
        uint256 n = block.number - maxAge - 1;
        bytes memory report = _policyReport(s);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_ReportTooOld.selector, n, block.number, maxAge)
        );
        vm.prank(operator);
        network.registerNode{ value: FEE }(report, n);
        _assertNotRegistered();
    }

    // ───────────────────────────────────────── helpers

    /// @dev Installs `_s` with its policy, then the token and NetworkManagement over that policy, at
    ///      block 1,000 (earlier block hashes set), with a funded operator.
    function _deployStack(Scenario memory _s) internal {
        _installPolicy(_s);
        vm.roll(1_000);
        for (uint256 n = 1_000 - 300; n < 1_000; ++n) vm.setBlockhash(n, keccak256(abi.encode("block", n)));
        ObscuroToken token = new ObscuroToken(treasury, 1_000_000 ether);
        NetworkManagement implementation = new NetworkManagement(policy, IERC20(address(token)), slasher);
        INetworkRegistry.InitParams memory params = INetworkRegistry.InitParams({
            registrationFee: FEE,
            minStake: 1_000 ether,
            unbondingPeriod: 7 days,
            responseTimeout: 1 days,
            treasury: treasury
        });
        network = NetworkManagement(
            address(
                new ERC1967Proxy(
                    address(implementation),
                    abi.encodeCall(NetworkManagement.initialize, (governance, council, params))
                )
            )
        );
        vm.deal(operator, 1 ether);
    }

    /// @dev `_s`'s quote passes the verifier and every policy rule, and registration still refuses
    ///      it because its report data is not the binding of key, operator and block.
    function _assertBindingRefused(Scenario memory _s) internal {
        _deployStack(_s);
        bytes32 measurement = _expectedMeasurement(_s.quote);
        _approve(measurement);
        bytes memory report = _policyReport(_s);
        uint256 n = block.number - 1;

        IAttestationVerifier.AttestationResult memory result = policy.verifyReport(report);
        assertEq(result.measurement, measurement, "the policy accepts the quote");
        bytes32 binding = keccak256(abi.encode(ENCLAVE_PUBLIC_KEY, operator, n, blockhash(n)));
        assertTrue(
            keccak256(result.reportData) != keccak256(abi.encodePacked(binding, bytes32(0))),
            "a real quote cannot bind this operator and block"
        );

        _assertRegisterReverts(
            _s,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ReportDataMismatch.selector, vm.addr(ENCLAVE_KEY))
        );
    }

    function _assertRegisterReverts(Scenario memory _s, bytes memory _error) internal {
        bytes memory report = _policyReport(_s);
        uint256 balance = operator.balance;
        vm.expectRevert(_error);
        vm.prank(operator);
        network.registerNode{ value: FEE }(report, block.number - 1);
        assertEq(operator.balance, balance);
        _assertNotRegistered();
    }

    function _assertNotRegistered() internal view {
        INetworkRegistry.Node memory n = network.node(vm.addr(ENCLAVE_KEY));
        assertEq(uint8(n.status), uint8(INetworkRegistry.NodeStatus.None));
        assertEq(n.operator, address(0));
        assertEq(address(network).balance, 0);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { Initializable } from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import { IAttestationVerifier } from "../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IDevAttestationVerifier } from "../../src/interfaces/attestation/IDevAttestationVerifier.sol";
import { IEnclavePolicy } from "../../src/interfaces/attestation/IEnclavePolicy.sol";
import { INetworkRegistry } from "../../src/interfaces/network/INetworkRegistry.sol";
import { NetworkManagement } from "../../src/network/NetworkManagement.sol";
import { NetworkTestBase } from "./NetworkTestBase.sol";

/// @notice An operator account that refuses ETH (a contract without receive).
contract EthRefuser {
    function forward(address _target, bytes calldata _data) external payable returns (bytes memory) {
        (bool ok, bytes memory out) = _target.call{ value: msg.value }(_data);
        if (!ok) {
            assembly {
                revert(add(out, 0x20), mload(out))
            }
        }
        return out;
    }
}

/// @notice Node registration, the network secret, re-attestation, deregistration and the
///         rollup-facing checks.
contract NetworkManagementNodesTest is NetworkTestBase {
    bytes32 internal constant OTHER_MEASUREMENT = keccak256("obscuro enclave v1.1.0");

    // ───────────────────────────────────────── initialize

    function test_initialize_setsParameters_succeeds() public view {
        assertEq(network.governance(), governance);
        assertEq(network.council(), council);
        (uint256 fee, uint256 minimum, uint256 unbonding, uint256 timeout, address treasury_) = network.parameters();
        assertEq(fee, FEE);
        assertEq(minimum, MIN_STAKE);
        assertEq(unbonding, UNBONDING);
        assertEq(timeout, TIMEOUT);
        assertEq(treasury_, treasury);
        assertEq(network.registrationFee(), FEE);
        assertEq(network.minStake(), MIN_STAKE);
        assertEq(network.enclavePolicy(), address(policy));
        assertEq(network.stakeToken(), address(token));
        assertEq(network.rollupSlashing(), slasher);
        assertEq(network.networkKey(), address(0));
        assertEq(network.genesisEnclave(), address(0));
        assertEq(network.hostCount(), 0);
        assertEq(network.version(), "1.0.0");
    }

    function test_initialize_emitsEveryParameter_succeeds() public {
        NetworkManagement implementation = new NetworkManagement(policy, IERC20(address(token)), slasher);
        vm.expectEmit(false, false, false, true);
        emit INetworkRegistry.RegistrationFeeSet(0, FEE);
        vm.expectEmit(false, false, false, true);
        emit INetworkRegistry.MinStakeSet(0, MIN_STAKE);
        vm.expectEmit(false, false, false, true);
        emit INetworkRegistry.UnbondingPeriodSet(0, UNBONDING);
        vm.expectEmit(false, false, false, true);
        emit INetworkRegistry.ResponseTimeoutSet(0, TIMEOUT);
        vm.expectEmit(true, true, false, false);
        emit INetworkRegistry.TreasurySet(address(0), treasury);
        new ERC1967Proxy(
            address(implementation),
            abi.encodeCall(NetworkManagement.initialize, (governance, council, _defaultParams()))
        );
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        network.initialize(governance, council, _defaultParams());
    }

    function test_initialize_implementationDirectly_reverts() public {
        NetworkManagement implementation = new NetworkManagement(policy, IERC20(address(token)), slasher);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(governance, council, _defaultParams());
    }

    function test_initialize_parameterOutOfBounds_reverts() public {
        INetworkRegistry.InitParams memory p = _defaultParams();
        p.minStake = 0;
        _expectInitRevert(
            p,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ParameterOutOfBounds.selector, "minStake", 0)
        );
        p = _defaultParams();
        p.unbondingPeriod = 60;
        _expectInitRevert(
            p,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_ParameterOutOfBounds.selector,
                "unbondingPeriod",
                60
            )
        );
        p = _defaultParams();
        p.responseTimeout = 0;
        _expectInitRevert(
            p,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_ParameterOutOfBounds.selector,
                "responseTimeout",
                0
            )
        );
        p = _defaultParams();
        p.registrationFee = 11 ether;
        _expectInitRevert(
            p,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_ParameterOutOfBounds.selector,
                "registrationFee",
                11 ether
            )
        );
        p = _defaultParams();
        p.treasury = address(0);
        _expectInitRevert(p, abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ZeroAddress.selector));
    }

    function _expectInitRevert(INetworkRegistry.InitParams memory _p, bytes memory _error) internal {
        NetworkManagement implementation = new NetworkManagement(policy, IERC20(address(token)), slasher);
        vm.expectRevert(_error);
        new ERC1967Proxy(
            address(implementation),
            abi.encodeCall(NetworkManagement.initialize, (governance, council, _p))
        );
    }

    // ───────────────────────────────────────── registerNode

    function test_registerNode_recordsNodeAwaitingSecret_succeeds() public {
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        address expectedId = vm.addr(JOINER_KEY);
        uint256 expiresAt = block.timestamp + policy.keyLifetime();
        vm.expectEmit(true, true, false, true, address(network));
        emit INetworkRegistry.SecretRequested(
            expectedId,
            joinerOperator,
            _pub(JOINER_KEY),
            MEASUREMENT,
            FEE,
            expiresAt
        );
        vm.prank(joinerOperator);
        address enclaveId = network.registerNode{ value: FEE }(report, n);

        assertEq(enclaveId, expectedId);
        INetworkRegistry.Node memory node = network.node(enclaveId);
        assertEq(node.operator, joinerOperator);
        assertEq(uint8(node.status), uint8(INetworkRegistry.NodeStatus.AwaitingSecret));
        assertEq(node.expiresAt, expiresAt);
        assertEq(node.requestedAt, block.timestamp);
        assertEq(node.measurement, MEASUREMENT);
        assertEq(node.secretData, address(0));
        assertEq(node.fee, FEE);
        assertEq(address(network).balance, FEE, "the fee is held");
        assertEq(network.operatorOf(enclaveId), joinerOperator);
        assertFalse(network.isActive(enclaveId));
        assertEq(network.encryptedSecretOf(enclaveId).length, 0);
    }

    function test_registerNode_zeroFee_succeeds() public {
        vm.prank(governance);
        network.setRegistrationFee(0);
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        address enclaveId = network.registerNode(report, n);
        assertEq(network.node(enclaveId).fee, 0);
        assertEq(address(network).balance, 0);
    }

    function test_registerNode_noFee_reverts() public {
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        vm.expectRevert(abi.encodeWithSelector(INetworkRegistry.NetworkManagement_WrongFee.selector, 0, FEE));
        network.registerNode(report, n);
        assertEq(uint8(_nodeStatus(vm.addr(JOINER_KEY))), uint8(INetworkRegistry.NodeStatus.None));
    }

    function testFuzz_registerNode_wrongFee_reverts(uint256 _value) public {
        _value = bound(_value, 0, 10 ether);
        vm.assume(_value != FEE);
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        vm.expectRevert(abi.encodeWithSelector(INetworkRegistry.NetworkManagement_WrongFee.selector, _value, FEE));
        network.registerNode{ value: _value }(report, n);
        assertEq(address(network).balance, 0);
    }

    function test_registerNode_staleReport_reverts() public {
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.roll(block.number + policy.maxReportAge());
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_ReportTooOld.selector,
                n,
                block.number,
                policy.maxReportAge()
            )
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_currentBlock_reverts() public {
        bytes memory report = _report(JOINER_KEY, joinerOperator, block.number);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_ReportBlockNotInPast.selector,
                block.number,
                block.number
            )
        );
        network.registerNode{ value: FEE }(report, block.number);
    }

    function test_registerNode_reorgedBlock_reverts() public {
        // The enclave bound a block hash that is not this chain's hash of that block any more.
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.setBlockhash(n, keccak256("the other fork"));
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ReportDataMismatch.selector, vm.addr(JOINER_KEY))
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_reportOfAnotherOperator_reverts() public {
        // Someone replays the joiner's report: it binds joinerOperator, not the caller.
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joiner2Operator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ReportDataMismatch.selector, vm.addr(JOINER_KEY))
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_otherBlockNumber_reverts() public {
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.roll(block.number + 1);
        uint256 later = _recentBlock();
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ReportDataMismatch.selector, vm.addr(JOINER_KEY))
        );
        network.registerNode{ value: FEE }(report, later);
    }

    function test_registerNode_revokedMeasurement_reverts() public {
        _revokeMeasurement(MEASUREMENT);
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, MEASUREMENT));
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_unapprovedMeasurement_reverts() public {
        uint256 n = _recentBlock();
        bytes memory report = _reportFor(JOINER_KEY, joinerOperator, n, OTHER_MEASUREMENT);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementNotApproved.selector, OTHER_MEASUREMENT)
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_debugEnclave_reverts() public {
        uint256 n = _recentBlock();
        DevReport memory r = _defaultReport();
        r.attributeFlags = SGX_FLAGS_INIT_MODE64 | SGX_FLAGS_DEBUG;
        r.publicKey = _pub(JOINER_KEY);
        r.reportData = abi.encodePacked(
            keccak256(abi.encode(r.publicKey, joinerOperator, n, blockhash(n))),
            bytes32(0)
        );
        bytes memory report = _signedReport(r);
        vm.prank(joinerOperator);
        vm.expectRevert(IEnclavePolicy.EnclavePolicy_DebugEnclave.selector);
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_outOfDateTcb_reverts() public {
        uint256 n = _recentBlock();
        DevReport memory r = _defaultReport();
        r.tcbStatus = uint8(IAttestationVerifier.TcbStatus.OutOfDate);
        r.publicKey = _pub(JOINER_KEY);
        r.reportData = abi.encodePacked(
            keccak256(abi.encode(r.publicKey, joinerOperator, n, blockhash(n))),
            bytes32(0)
        );
        bytes memory report = _signedReport(r);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_TcbStatusNotAccepted.selector,
                IAttestationVerifier.TcbStatus.OutOfDate
            )
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_forgedReport_reverts() public {
        uint256 n = _recentBlock();
        DevReport memory r = _defaultReport();
        r.publicKey = _pub(JOINER_KEY);
        r.reportData = abi.encodePacked(
            keccak256(abi.encode(r.publicKey, joinerOperator, n, blockhash(n))),
            bytes32(0)
        );
        bytes memory report = _sign(_body(r), 0xBAD);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(IDevAttestationVerifier.DevAttestationVerifier_WrongSigner.selector, vm.addr(0xBAD))
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_alreadyRegistered_reverts() public {
        address enclaveId = _register(JOINER_KEY, joinerOperator);
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeAlreadyRegistered.selector,
                enclaveId,
                INetworkRegistry.NodeStatus.AwaitingSecret
            )
        );
        network.registerNode{ value: FEE }(report, n);
    }

    function test_registerNode_deregisteredKey_reverts() public {
        address genesis = _genesis();
        vm.prank(genesisOperator);
        network.deregisterNode(genesis);
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeAlreadyRegistered.selector,
                genesis,
                INetworkRegistry.NodeStatus.Deregistered
            )
        );
        network.registerNode{ value: FEE }(report, n);
    }

    // ───────────────────────────────────────── initializeNetwork

    function test_initializeNetwork_foundsTheNetwork_succeeds() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        uint256 balanceBefore = genesisOperator.balance;
        bytes memory c = _ciphertext(genesis);
        address key = vm.addr(NETWORK_KEY);
        bytes32 d = _initializeDigest(c, key);
        vm.expectEmit(true, true, false, true, address(network));
        emit INetworkRegistry.NetworkInitialized(genesis, genesisOperator, key);
        vm.prank(genesisOperator);
        network.initializeNetwork(genesis, c, key, _signDigest(GENESIS_KEY, d), _signDigest(NETWORK_KEY, d));

        assertEq(network.networkKey(), key);
        assertEq(network.genesisEnclave(), genesis);
        assertEq(uint8(_nodeStatus(genesis)), uint8(INetworkRegistry.NodeStatus.Active));
        assertTrue(network.isActive(genesis));
        assertEq(network.encryptedSecretOf(genesis), c);
        assertEq(network.node(genesis).fee, 0);
        assertEq(genesisOperator.balance, balanceBefore + FEE, "the genesis fee is refunded");
        assertEq(address(network).balance, 0);
    }

    function test_initializeNetwork_twice_reverts() public {
        _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _initializeDigest(c, vm.addr(0x999));
        vm.prank(joinerOperator);
        vm.expectRevert(INetworkRegistry.NetworkManagement_NetworkAlreadyInitialized.selector);
        network.initializeNetwork(joiner, c, vm.addr(0x999), _signDigest(JOINER_KEY, d), _signDigest(0x999, d));
        assertEq(network.networkKey(), vm.addr(NETWORK_KEY));
    }

    function test_initializeNetwork_notOperator_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_unregisteredEnclave_reverts() public {
        address genesis = vm.addr(GENESIS_KEY);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, genesisOperator)
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_zeroNetworkKey_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        bytes memory c = _ciphertext(genesis);
        vm.prank(genesisOperator);
        vm.expectRevert(INetworkRegistry.NetworkManagement_ZeroNetworkKey.selector);
        network.initializeNetwork(genesis, c, address(0), new bytes(65), new bytes(65));
    }

    function testFuzz_initializeNetwork_wrongCiphertextLength_reverts(uint256 _length) public {
        _length = bound(_length, 0, 1024);
        vm.assume(_length != 129);
        address genesis = _register(GENESIS_KEY, genesisOperator);
        bytes memory c = new bytes(_length);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidEncryptedSecretLength.selector, _length)
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_signedByAnotherEnclave_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(JOINER_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidEnclaveSignature.selector,
                genesis,
                vm.addr(JOINER_KEY)
            )
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_networkKeyNotHeld_reverts() public {
        // The enclave names a network key but cannot sign with it.
        address genesis = _register(GENESIS_KEY, genesisOperator);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(0x999, d);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidNetworkSignature.selector,
                vm.addr(NETWORK_KEY),
                vm.addr(0x999)
            )
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_signaturesOverOtherCiphertext_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        bytes memory signed = _ciphertext(genesis);
        bytes32 d = _initializeDigest(signed, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        bytes memory submitted = _ciphertext(address(1));
        bytes32 submittedDigest = _initializeDigest(submitted, vm.addr(NETWORK_KEY));
        (address recovered, , ) = _tryRecover(submittedDigest, enclaveSig);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidEnclaveSignature.selector,
                genesis,
                recovered
            )
        );
        network.initializeNetwork(genesis, submitted, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_revokedMeasurement_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        _revokeMeasurement(MEASUREMENT);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementNotApproved.selector,
                genesis,
                MEASUREMENT
            )
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_expiredKey_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        uint256 expiresAt = network.node(genesis).expiresAt;
        vm.warp(expiresAt);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory enclaveSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_KeyExpired.selector, genesis, expiresAt)
        );
        network.initializeNetwork(genesis, c, vm.addr(NETWORK_KEY), enclaveSig, networkSig);
    }

    function test_initializeNetwork_refundRefused_reverts() public {
        EthRefuser refuser = new EthRefuser();
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, address(refuser), n);
        refuser.forward{ value: FEE }(address(network), abi.encodeCall(NetworkManagement.registerNode, (report, n)));
        address genesis = vm.addr(GENESIS_KEY);
        bytes memory c = _ciphertext(genesis);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        bytes memory data = abi.encodeCall(
            NetworkManagement.initializeNetwork,
            (genesis, c, vm.addr(NETWORK_KEY), _signDigest(GENESIS_KEY, d), _signDigest(NETWORK_KEY, d))
        );
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_EthTransferFailed.selector, address(refuser), FEE)
        );
        refuser.forward(address(network), data);
        assertEq(network.networkKey(), address(0));
    }

    // ───────────────────────────────────────── respondSecret

    function test_respondSecret_firstResponseActivatesAndPays_succeeds() public {
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        uint256 responderBalance = genesisOperator.balance;
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        vm.expectEmit(true, true, true, true, address(network));
        emit INetworkRegistry.SecretResponded(joiner, genesis, genesisOperator, FEE);
        network.respondSecret(joiner, genesis, c, _signDigest(GENESIS_KEY, d), _signDigest(NETWORK_KEY, d));

        assertEq(uint8(_nodeStatus(joiner)), uint8(INetworkRegistry.NodeStatus.Active));
        assertTrue(network.isActive(joiner));
        assertEq(network.encryptedSecretOf(joiner), c);
        assertEq(network.node(joiner).fee, 0);
        assertEq(genesisOperator.balance, responderBalance + FEE, "the responder's operator is paid");
        assertEq(address(network).balance, 0);
    }

    function testFuzz_respondSecret_relayedByAnyone_paysResponderOperator_succeeds(address _relayer) public {
        vm.assume(_relayer != genesisOperator && _relayer != address(network));
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        uint256 relayerBalance = _relayer.balance;
        uint256 responderBalance = genesisOperator.balance;
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory responderSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.prank(_relayer);
        network.respondSecret(joiner, genesis, c, responderSig, networkSig);
        assertEq(genesisOperator.balance, responderBalance + FEE);
        assertEq(_relayer.balance, relayerBalance);
    }

    function test_respondSecret_joinerRespondsToNextJoiner_succeeds() public {
        _genesis();
        address joiner = _join(JOINER_KEY, joinerOperator);
        address joiner2 = _register(JOINER2_KEY, joiner2Operator);
        uint256 before = joinerOperator.balance;
        _respond(joiner2, JOINER_KEY);
        assertTrue(network.isActive(joiner2));
        assertEq(joinerOperator.balance, before + FEE);
        assertEq(network.encryptedSecretOf(joiner), _ciphertext(joiner));
        assertEq(network.encryptedSecretOf(joiner2), _ciphertext(joiner2));
    }

    function test_respondSecret_secondResponse_reverts() public {
        _genesis();
        address joiner = _join(JOINER_KEY, joinerOperator);
        address joiner2 = _register(JOINER2_KEY, joiner2Operator);
        _respond(joiner2, GENESIS_KEY);
        // joiner's response to joiner2 comes second: refused, and the stored ciphertext stays.
        bytes memory c = hex"04";
        c = bytes.concat(c, new bytes(128));
        bytes32 d = _responseDigest(joiner2, joiner, c);
        bytes memory responderSig = _signDigest(JOINER_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NotAwaitingSecret.selector,
                joiner2,
                INetworkRegistry.NodeStatus.Active
            )
        );
        network.respondSecret(joiner2, joiner, c, responderSig, networkSig);
        assertEq(network.encryptedSecretOf(joiner2), _ciphertext(joiner2));
    }

    function test_respondSecret_beforeInitialization_reverts() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        address joiner = _register(JOINER_KEY, joinerOperator);
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory responderSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.expectRevert(INetworkRegistry.NetworkManagement_NetworkNotInitialized.selector);
        network.respondSecret(joiner, genesis, c, responderSig, networkSig);
    }

    function test_respondSecret_wrongCiphertextLength_reverts() public {
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        bytes memory c = new bytes(128);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory responderSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidEncryptedSecretLength.selector, 128)
        );
        network.respondSecret(joiner, genesis, c, responderSig, networkSig);
    }

    function test_respondSecret_unknownRequester_reverts() public {
        address genesis = _genesis();
        address stranger = vm.addr(JOINER_KEY);
        bytes memory c = _ciphertext(stranger);
        bytes32 d = _responseDigest(stranger, genesis, c);
        bytes memory responderSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NotAwaitingSecret.selector,
                stranger,
                INetworkRegistry.NodeStatus.None
            )
        );
        network.respondSecret(stranger, genesis, c, responderSig, networkSig);
    }

    function test_respondSecret_responderAwaitingSecret_reverts() public {
        // A node without the secret (still awaiting it) cannot respond, even with a network-key
        // signature obtained elsewhere.
        _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        address joiner2 = _register(JOINER2_KEY, joiner2Operator);
        _expectResponseRevert(
            joiner2,
            JOINER_KEY,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                joiner,
                INetworkRegistry.NodeStatus.AwaitingSecret
            )
        );
    }

    function test_respondSecret_unknownResponder_reverts() public {
        _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        _expectResponseRevert(
            joiner,
            0xBAD,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                vm.addr(0xBAD),
                INetworkRegistry.NodeStatus.None
            )
        );
    }

    function test_respondSecret_deregisteredResponder_reverts() public {
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        vm.prank(genesisOperator);
        network.deregisterNode(genesis);
        _expectResponseRevert(
            joiner,
            GENESIS_KEY,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                genesis,
                INetworkRegistry.NodeStatus.Deregistered
            )
        );
    }

    function test_respondSecret_expiredResponder_reverts() public {
        address genesis = _genesis();
        uint256 expiresAt = network.node(genesis).expiresAt;
        vm.warp(expiresAt - 1 hours);
        address joiner = _register(JOINER_KEY, joinerOperator);
        vm.warp(expiresAt);
        _expectResponseRevert(
            joiner,
            GENESIS_KEY,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_KeyExpired.selector, genesis, expiresAt)
        );
    }

    function test_respondSecret_revokedResponder_reverts() public {
        address genesis = _genesis();
        _approveMeasurement(OTHER_MEASUREMENT);
        uint256 n = _recentBlock();
        bytes memory report = _reportFor(JOINER_KEY, joinerOperator, n, OTHER_MEASUREMENT);
        vm.prank(joinerOperator);
        address joiner = network.registerNode{ value: FEE }(report, n);
        _revokeMeasurement(MEASUREMENT);
        _expectResponseRevert(
            joiner,
            GENESIS_KEY,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementNotApproved.selector,
                genesis,
                MEASUREMENT
            )
        );
    }

    function test_respondSecret_revokedRequester_reverts() public {
        _genesis();
        _approveMeasurement(OTHER_MEASUREMENT);
        uint256 n = _recentBlock();
        bytes memory report = _reportFor(JOINER_KEY, joinerOperator, n, OTHER_MEASUREMENT);
        vm.prank(joinerOperator);
        address joiner = network.registerNode{ value: FEE }(report, n);
        _revokeMeasurement(OTHER_MEASUREMENT);
        _expectResponseRevert(
            joiner,
            GENESIS_KEY,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementNotApproved.selector,
                joiner,
                OTHER_MEASUREMENT
            )
        );
    }

    function test_respondSecret_expiredRequester_reverts() public {
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        uint256 expiresAt = network.node(joiner).expiresAt;
        vm.warp(expiresAt);
        // the responder re-attests so that only the requester is expired
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(genesisOperator);
        network.reattest(report, n);
        assertTrue(network.isActive(genesis));
        _expectResponseRevert(
            joiner,
            GENESIS_KEY,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_KeyExpired.selector, joiner, expiresAt)
        );
    }

    function test_respondSecret_withoutKnowledgeOfTheSecret_reverts() public {
        // An active responder whose enclave signs, but without the network key: refused.
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory responderSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(0x999, d);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidNetworkSignature.selector,
                vm.addr(NETWORK_KEY),
                vm.addr(0x999)
            )
        );
        network.respondSecret(joiner, genesis, c, responderSig, networkSig);
        assertEq(uint8(_nodeStatus(joiner)), uint8(INetworkRegistry.NodeStatus.AwaitingSecret));
    }

    function test_respondSecret_responderSignatureByOtherEnclave_reverts() public {
        // The network key alone (e.g. a leaked one) is not enough: the responder enclave must sign.
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory responderSig = _signDigest(JOINER2_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidEnclaveSignature.selector,
                genesis,
                vm.addr(JOINER2_KEY)
            )
        );
        network.respondSecret(joiner, genesis, c, responderSig, networkSig);
    }

    function test_respondSecret_signaturesForOtherRequester_reverts() public {
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        address joiner2 = _register(JOINER2_KEY, joiner2Operator);
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory responderSig = _signDigest(GENESIS_KEY, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        (address recovered, , ) = _tryRecover(_responseDigest(joiner2, genesis, c), responderSig);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidEnclaveSignature.selector,
                genesis,
                recovered
            )
        );
        network.respondSecret(joiner2, genesis, c, responderSig, networkSig);
    }

    function test_respondSecret_malformedSignature_reverts() public {
        address genesis = _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        bytes memory c = _ciphertext(joiner);
        bytes32 d = _responseDigest(joiner, genesis, c);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        // 64 bytes instead of 65
        bytes memory shortSig = new bytes(64);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidEnclaveSignature.selector,
                genesis,
                address(0)
            )
        );
        network.respondSecret(joiner, genesis, c, shortSig, networkSig);
        // the malleable twin (s' = n - s) of a valid signature
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(GENESIS_KEY, d);
        bytes memory highS = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InvalidEnclaveSignature.selector,
                genesis,
                address(0)
            )
        );
        network.respondSecret(joiner, genesis, c, highS, networkSig);
    }

    function test_respondSecret_feeRefused_reverts() public {
        // A responder whose operator refuses ETH cannot be paid; the response fails, others can respond.
        EthRefuser refuser = new EthRefuser();
        _genesis();
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, address(refuser), n);
        refuser.forward{ value: FEE }(address(network), abi.encodeCall(NetworkManagement.registerNode, (report, n)));
        address refuserNode = vm.addr(JOINER_KEY);
        _respond(refuserNode, GENESIS_KEY);
        address joiner2 = _register(JOINER2_KEY, joiner2Operator);
        _expectResponseRevert(
            joiner2,
            JOINER_KEY,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_EthTransferFailed.selector, address(refuser), FEE)
        );
        _respond(joiner2, GENESIS_KEY);
        assertTrue(network.isActive(joiner2));
    }

    function test_respondSecret_zeroFee_succeeds() public {
        vm.prank(governance);
        network.setRegistrationFee(0);
        _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        uint256 before = genesisOperator.balance;
        _respond(joiner, GENESIS_KEY);
        assertTrue(network.isActive(joiner));
        assertEq(genesisOperator.balance, before);
    }

    function test_respondSecret_feeFixedAtRegistration_succeeds() public {
        _genesis();
        address joiner = _register(JOINER_KEY, joinerOperator);
        vm.prank(governance);
        network.setRegistrationFee(1 ether);
        uint256 before = genesisOperator.balance;
        _respond(joiner, GENESIS_KEY);
        assertEq(genesisOperator.balance, before + FEE, "the fee paid, not the new one");
    }

    function _expectResponseRevert(address _requester, uint256 _responderKey, bytes memory _error) internal {
        address responder = vm.addr(_responderKey);
        bytes memory c = _ciphertext(_requester);
        bytes32 d = _responseDigest(_requester, responder, c);
        bytes memory responderSig = _signDigest(_responderKey, d);
        bytes memory networkSig = _signDigest(NETWORK_KEY, d);
        vm.expectRevert(_error);
        network.respondSecret(_requester, responder, c, responderSig, networkSig);
    }

    // ───────────────────────────────────────── cancelRegistration

    function test_cancelRegistration_afterTimeout_refundsAndForgets_succeeds() public {
        address joiner = _register(JOINER_KEY, joinerOperator);
        uint256 before = joinerOperator.balance;
        vm.warp(block.timestamp + TIMEOUT);
        vm.expectEmit(true, true, false, true, address(network));
        emit INetworkRegistry.RegistrationCancelled(joiner, joinerOperator, FEE);
        vm.prank(joinerOperator);
        network.cancelRegistration(joiner);
        assertEq(joinerOperator.balance, before + FEE);
        assertEq(address(network).balance, 0);
        assertEq(network.operatorOf(joiner), address(0));
        assertEq(uint8(_nodeStatus(joiner)), uint8(INetworkRegistry.NodeStatus.None));
        // the key may register again
        vm.roll(block.number + 1);
        assertEq(_register(JOINER_KEY, joinerOperator), joiner);
    }

    function test_cancelRegistration_beforeTimeout_reverts() public {
        address joiner = _register(JOINER_KEY, joinerOperator);
        uint256 cancellableAt = block.timestamp + TIMEOUT;
        vm.warp(cancellableAt - 1);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_ResponseTimeoutNotReached.selector,
                joiner,
                cancellableAt
            )
        );
        network.cancelRegistration(joiner);
    }

    function test_cancelRegistration_notOperator_reverts() public {
        address joiner = _register(JOINER_KEY, joinerOperator);
        vm.warp(block.timestamp + TIMEOUT);
        vm.prank(joiner2Operator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, joiner, joiner2Operator)
        );
        network.cancelRegistration(joiner);
    }

    function test_cancelRegistration_answered_reverts() public {
        _genesis();
        address joiner = _join(JOINER_KEY, joinerOperator);
        vm.warp(block.timestamp + TIMEOUT);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NotAwaitingSecret.selector,
                joiner,
                INetworkRegistry.NodeStatus.Active
            )
        );
        network.cancelRegistration(joiner);
    }

    // ───────────────────────────────────────── reattest

    function test_reattest_extendsExpiry_succeeds() public {
        address genesis = _genesis();
        vm.warp(block.timestamp + 20 days);
        vm.roll(block.number + 10);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        uint256 expiresAt = block.timestamp + policy.keyLifetime();
        vm.expectEmit(true, false, false, true, address(network));
        emit INetworkRegistry.NodeReattested(genesis, expiresAt);
        vm.prank(genesisOperator);
        assertEq(network.reattest(report, n), genesis);
        assertEq(network.node(genesis).expiresAt, expiresAt);
        assertEq(uint8(_nodeStatus(genesis)), uint8(INetworkRegistry.NodeStatus.Active));
        assertEq(address(network).balance, 0, "no fee");
    }

    function test_reattest_expiredNode_reactivates_succeeds() public {
        address genesis = _genesis();
        vm.warp(network.node(genesis).expiresAt);
        assertFalse(network.isActive(genesis));
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(genesisOperator);
        network.reattest(report, n);
        assertTrue(network.isActive(genesis));
    }

    function test_reattest_awaitingNode_succeeds() public {
        address joiner = _register(JOINER_KEY, joinerOperator);
        vm.warp(block.timestamp + 1 days);
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(JOINER_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        network.reattest(report, n);
        assertEq(uint8(_nodeStatus(joiner)), uint8(INetworkRegistry.NodeStatus.AwaitingSecret));
        assertEq(network.node(joiner).expiresAt, block.timestamp + policy.keyLifetime());
    }

    function test_reattest_otherMeasurement_reverts() public {
        address genesis = _genesis();
        _approveMeasurement(OTHER_MEASUREMENT);
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _reportFor(GENESIS_KEY, genesisOperator, n, OTHER_MEASUREMENT);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementChanged.selector,
                genesis,
                MEASUREMENT,
                OTHER_MEASUREMENT
            )
        );
        network.reattest(report, n);
    }

    function test_reattest_revokedMeasurement_reverts() public {
        _genesis();
        _revokeMeasurement(MEASUREMENT);
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(genesisOperator);
        vm.expectRevert(abi.encodeWithSelector(IEnclavePolicy.EnclavePolicy_MeasurementRevoked.selector, MEASUREMENT));
        network.reattest(report, n);
    }

    function test_reattest_staleReport_reverts() public {
        _genesis();
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.roll(block.number + policy.maxReportAge());
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnclavePolicy.EnclavePolicy_ReportTooOld.selector,
                n,
                block.number,
                policy.maxReportAge()
            )
        );
        network.reattest(report, n);
    }

    function test_reattest_notOperator_reverts() public {
        // Another operator's enclave cannot be re-attested by someone its report does not bind...
        address genesis = _genesis();
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory boundToGenesisOperator = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ReportDataMismatch.selector, genesis)
        );
        network.reattest(boundToGenesisOperator, n);
        // ...nor by a report that binds another operator than the node's.
        bytes memory boundToJoiner = _report(GENESIS_KEY, joinerOperator, n);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        network.reattest(boundToJoiner, n);
    }

    function test_reattest_deregistered_reverts() public {
        address genesis = _genesis();
        vm.prank(genesisOperator);
        network.deregisterNode(genesis);
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                genesis,
                INetworkRegistry.NodeStatus.Deregistered
            )
        );
        network.reattest(report, n);
    }

    // ───────────────────────────────────────── deregisterNode

    function test_deregisterNode_retiresTheNode_succeeds() public {
        address genesis = _genesis();
        vm.expectEmit(true, true, false, false, address(network));
        emit INetworkRegistry.NodeDeregistered(genesis, genesisOperator);
        vm.prank(genesisOperator);
        network.deregisterNode(genesis);
        assertEq(uint8(_nodeStatus(genesis)), uint8(INetworkRegistry.NodeStatus.Deregistered));
        assertFalse(network.isActive(genesis));
        assertEq(network.encryptedSecretOf(genesis), _ciphertext(genesis), "the ciphertext stays readable");
    }

    function test_deregisterNode_notOperator_reverts() public {
        address genesis = _genesis();
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        network.deregisterNode(genesis);
    }

    function test_deregisterNode_awaitingSecret_reverts() public {
        address joiner = _register(JOINER_KEY, joinerOperator);
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                joiner,
                INetworkRegistry.NodeStatus.AwaitingSecret
            )
        );
        network.deregisterNode(joiner);
    }

    // ───────────────────────────────────────── isActive and checkPublisher

    function test_isActive_followsTheLifecycle_succeeds() public {
        address genesis = _register(GENESIS_KEY, genesisOperator);
        assertFalse(network.isActive(genesis), "awaiting the secret");
        _initialize(GENESIS_KEY, genesisOperator);
        assertTrue(network.isActive(genesis), "active");
        uint256 expiresAt = network.node(genesis).expiresAt;
        vm.warp(expiresAt - 1);
        assertTrue(network.isActive(genesis), "a second before expiry");
        vm.warp(expiresAt);
        assertFalse(network.isActive(genesis), "expired");
        vm.roll(block.number + 1);
        uint256 n = _recentBlock();
        bytes memory report = _report(GENESIS_KEY, genesisOperator, n);
        vm.prank(genesisOperator);
        network.reattest(report, n);
        assertTrue(network.isActive(genesis), "re-attested");
        _revokeMeasurement(MEASUREMENT);
        assertFalse(network.isActive(genesis), "revoked: at once");
        assertFalse(network.isActive(address(0x1234)), "unknown");
    }

    function test_checkPublisher_stakedActiveNode_succeeds() public {
        address genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        network.checkPublisher(genesis, genesisOperator);
        assertTrue(network.isAggregator(genesisOperator));
    }

    function test_checkPublisher_wrongOperator_reverts() public {
        address genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        network.checkPublisher(genesis, joinerOperator);
    }

    function test_checkPublisher_unknownNode_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NotOperator.selector,
                address(0x1234),
                joinerOperator
            )
        );
        network.checkPublisher(address(0x1234), joinerOperator);
    }

    function test_checkPublisher_nodeWithoutSecret_reverts() public {
        address genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        // a second enclave of the same staked operator, still awaiting the secret
        address second = _register(JOINER_KEY, genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                second,
                INetworkRegistry.NodeStatus.AwaitingSecret
            )
        );
        network.checkPublisher(second, genesisOperator);
        _respond(second, GENESIS_KEY);
        network.checkPublisher(second, genesisOperator);
    }

    function test_checkPublisher_expiredKey_reverts() public {
        address genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        uint256 expiresAt = network.node(genesis).expiresAt;
        vm.warp(expiresAt);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_KeyExpired.selector, genesis, expiresAt)
        );
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_checkPublisher_revokedMeasurement_reverts() public {
        address genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        _revokeMeasurement(MEASUREMENT);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementNotApproved.selector,
                genesis,
                MEASUREMENT
            )
        );
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_checkPublisher_noStake_reverts() public {
        address genesis = _genesis();
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InsufficientStake.selector,
                genesisOperator,
                0,
                MIN_STAKE
            )
        );
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_checkPublisher_minStakeRaised_reverts() public {
        address genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(governance);
        network.setMinStake(MIN_STAKE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InsufficientStake.selector,
                genesisOperator,
                MIN_STAKE,
                MIN_STAKE + 1
            )
        );
        network.checkPublisher(genesis, genesisOperator);
        assertFalse(network.isAggregator(genesisOperator));
    }

    // ───────────────────────────────────────── EIP-712

    function test_hashes_matchHandBuiltEip712_succeeds() public view {
        bytes memory c = _ciphertext(address(7));
        assertEq(network.domainSeparator(), _networkDomain());
        assertEq(network.hashInitializeNetwork(keccak256(c), address(9)), _initializeDigest(c, address(9)));
        assertEq(
            network.hashSecretResponse(address(1), address(2), keccak256(c)),
            _responseDigest(address(1), address(2), c)
        );
        (, string memory name, string memory version_, uint256 chainId, address verifyingContract, , ) = network
            .eip712Domain();
        assertEq(name, "Obscuro NetworkManagement");
        assertEq(version_, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(network));
    }

    function _tryRecover(bytes32 _d, bytes memory _sig) internal pure returns (address, bytes32, bytes32) {
        (bytes32 r, bytes32 s) = abi.decode(_sig, (bytes32, bytes32));
        uint8 v = uint8(_sig[64]);
        return (ecrecover(_d, v, r, s), r, s);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { Initializable } from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { INetworkManagement } from "../../src/interfaces/network/INetworkManagement.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupManagement } from "../../src/rollup/RollupManagement.sol";
import { MockNetworkManagement } from "./mocks/MockNetworkManagement.sol";
import { RollupTestBase } from "./RollupTestBase.sol";

contract RollupManagementTest is RollupTestBase {
    bytes32 internal genesis;

    function setUp() public override {
        super.setUp();
        genesis = rollups.genesisHash();
    }

    // ─────────────────────────────────────────────────────────────── initialization

    function test_initialize_plantsGenesis_succeeds() public view {
        (bytes32 head, uint64 number) = rollups.canonicalHead();
        assertEq(head, genesis);
        assertEq(number, 0);
        assertTrue(rollups.isCanonical(genesis));
        assertTrue(rollups.isFinal(genesis));
        assertEq(rollups.canonicalPath().length, 1);
        (uint40 delay, uint40 expiry) = rollups.parameters();
        assertEq(delay, FINALITY_DELAY);
        assertEq(expiry, FORK_EXPIRY);
        (uint40 rotation, uint40 disclosure) = rollups.keyParameters();
        assertEq(rotation, KEY_ROTATION_PERIOD);
        assertEq(disclosure, DISCLOSURE_DELAY);
        assertEq(rollups.rollupSlashing(), address(slashing));
        assertEq(rollups.version(), "1.0.0");
        assertEq(rollups.networkManagement(), address(network));
        assertEq(rollups.bridgeManagement(), address(bridge));
    }

    function test_initialize_twice_reverts() public {
        IRollupManagement.InitParams memory params = IRollupManagement.InitParams(
            IRollupManagement.TreeParams(1, 1),
            1 days,
            1 days
        );
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        rollups.initialize(governance, council, params);
    }

    function test_initialize_parameterOutOfBounds_reverts() public {
        RollupManagement impl = new RollupManagement(
            INetworkManagement(address(network)),
            IBridgeManagement(address(bridge)),
            address(slashing)
        );
        IRollupManagement.InitParams memory params = IRollupManagement.InitParams(
            IRollupManagement.TreeParams(0, 1),
            1 days,
            1 days
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_ParameterOutOfBounds.selector,
                bytes32("finalityDelay"),
                0
            )
        );
        new ERC1967Proxy(address(impl), abi.encodeCall(RollupManagement.initialize, (governance, council, params)));
    }

    // ─────────────────────────────────────────────────────────────── acceptance

    function test_submitRollup_onGenesis_succeeds() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 hash = rollups.hashHeader(h);
        bytes memory sig = _sign(h, ENCLAVE_A_KEY);

        vm.expectEmit(address(rollups));
        emit IRollupManagement.RollupSubmitted(hash, genesis, 1, h, operatorA, 0, false);
        vm.prank(operatorA);
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());

        IRollupManagement.RollupRecord memory r = rollups.rollup(hash);
        assertEq(r.number, 1);
        assertEq(r.branch, 0);
        assertEq(r.includedAt, block.number);
        assertEq(r.finalAt, block.number + FINALITY_DELAY);
        assertEq(r.l1BlockNumber, h.l1BlockNumber);
        (bytes32 head, uint64 number) = rollups.canonicalHead();
        assertEq(head, hash);
        assertEq(number, 1);
        assertTrue(rollups.isCanonical(hash));
        assertFalse(rollups.isFinal(hash));
        assertEq(rollups.epochKey(0).commitment, _epochCommitment(0));
        assertEq(rollups.epochKey(0).committedAt, block.timestamp);
    }

    function test_isFinal_afterFinalityDelay_succeeds() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        uint256 included = block.number;
        vm.roll(included + FINALITY_DELAY - 1);
        assertFalse(rollups.isFinal(r1));
        vm.roll(included + FINALITY_DELAY);
        assertTrue(rollups.isFinal(r1));
    }

    function test_submitRollup_chainOfRollups_succeeds() public {
        bytes32 head = _extendCanonical(5);
        (bytes32 canonical, uint64 number) = rollups.canonicalHead();
        assertEq(canonical, head);
        assertEq(number, 5);
        assertEq(rollups.branch(0).tip, head);
    }

    function test_submitRollup_newKeyEpochWithCommitment_succeeds() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(r1, enclaveA);
        h.keyEpoch = 3;
        h.keyCommitment = _epochCommitment(3);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.KeyCommitted(3, _epochCommitment(3), rollups.hashHeader(h));
        _submit(h, _noHints());
        assertEq(rollups.epochKey(3).commitment, _epochCommitment(3));
    }

    function test_submitRollup_consumesDeposits_succeeds() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        vm.deal(address(this), 2 ether);
        bridge.depositETH{ value: 1 ether }(address(0xBEEF));
        bridge.depositETH{ value: 1 ether }(address(0xBEEF));
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(r1, enclaveA);
        assertEq(h.depositCount, 2);
        bytes32 r2 = _submit(h, _noHints());
        assertTrue(rollups.isCanonical(r2));
    }

    // ─────────────────────────────────────────────────────────────── refusals

    function test_submitRollup_replayed_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 hash = _submit(h, _noHints());
        _expectRevertWith(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_AlreadySubmitted.selector, hash),
            h
        );
    }

    function test_submitRollup_wrongSigner_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorA);
        vm.expectRevert(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_InvalidSignature.selector, enclaveA, enclaveB)
        );
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function testFuzz_submitRollup_garbageSignature_reverts(bytes calldata _sig) public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        vm.prank(operatorA);
        vm.expectPartialRevert(IRollupManagement.RollupManagement_InvalidSignature.selector);
        rollups.submitRollup(h, _sig, PAYLOAD, _noHints());
    }

    function test_submitRollup_notTheEnclavesOperator_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes memory sig = _sign(h, ENCLAVE_A_KEY);
        vm.prank(operatorB);
        vm.expectRevert(
            abi.encodeWithSelector(MockNetworkManagement.MockNetwork_NotPublisher.selector, enclaveA, operatorB)
        );
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function test_submitRollup_unstakedAggregator_reverts() public {
        network.setPublisher(enclaveA, operatorA, 0);
        vm.roll(block.number + 1);
        _expectRevertWith(
            abi.encodeWithSelector(MockNetworkManagement.MockNetwork_NotPublisher.selector, enclaveA, operatorA),
            _header(genesis, enclaveA)
        );
    }

    function test_submitRollup_revokedEnclave_reverts() public {
        network.setActive(enclaveA, false);
        vm.roll(block.number + 1);
        _expectRevertWith(
            abi.encodeWithSelector(MockNetworkManagement.MockNetwork_NotPublisher.selector, enclaveA, operatorA),
            _header(genesis, enclaveA)
        );
    }

    function test_submitRollup_reorgedL1Block_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.l1BlockHash = keccak256("a block that was reorged away");
        _expectRevertWith(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_L1BlockMismatch.selector,
                h.l1BlockNumber,
                h.l1BlockHash
            ),
            h
        );
    }

    function test_submitRollup_l1BlockOutOfBlockhashWindow_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        vm.roll(block.number + 300);
        _expectRevertWith(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_L1BlockMismatch.selector,
                h.l1BlockNumber,
                h.l1BlockHash
            ),
            h
        );
    }

    function test_submitRollup_currentL1Block_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.l1BlockNumber = uint64(block.number);
        h.l1BlockHash = keccak256("the current block has no hash yet");
        _expectRevertWith(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_L1BlockMismatch.selector,
                h.l1BlockNumber,
                h.l1BlockHash
            ),
            h
        );
    }

    function test_submitRollup_unknownParent_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.parentHash = keccak256("nobody's rollup");
        _expectRevertWith(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_UnknownParent.selector, h.parentHash),
            h
        );
    }

    function testFuzz_submitRollup_wrongNumber_reverts(uint64 _number) public {
        vm.assume(_number != 1);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.number = _number;
        _expectRevertWith(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_WrongNumber.selector, 1, _number),
            h
        );
    }

    function test_submitRollup_l1BlockBeforeParent_reverts() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        IRollupManagement.RollupRecord memory parent = rollups.rollup(r1);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(r1, enclaveA);
        h.l1BlockNumber = parent.l1BlockNumber - 1;
        h.l1BlockHash = blockhash(h.l1BlockNumber);
        _expectRevertWith(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_L1BlockBeforeParent.selector,
                parent.l1BlockNumber,
                h.l1BlockNumber
            ),
            h
        );
    }

    function test_submitRollup_depositAccumulatorMismatch_reverts() public {
        vm.deal(address(this), 1 ether);
        bridge.depositETH{ value: 1 ether }(address(0xBEEF));
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.depositAcc = keccak256("a deposit that never happened");
        _expectRevertWith(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_DepositMismatch.selector,
                h.l1BlockNumber,
                1,
                h.depositAcc
            ),
            h
        );
    }

    function test_submitRollup_skipsDeposits_reverts() public {
        vm.deal(address(this), 1 ether);
        bridge.depositETH{ value: 1 ether }(address(0xBEEF));
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.depositCount = 0;
        h.depositAcc = bytes32(0);
        _expectRevertWith(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_DepositMismatch.selector, h.l1BlockNumber, 0, 0),
            h
        );
    }

    function test_submitRollup_dataHashMismatch_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.dataHash = keccak256("other data");
        _expectRevertWith(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_DataHashMismatch.selector,
                h.dataHash,
                keccak256(PAYLOAD)
            ),
            h
        );
    }

    function test_submitRollup_noData_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes memory sig = _sign(h, ENCLAVE_A_KEY);
        vm.prank(operatorA);
        vm.expectRevert(IRollupManagement.RollupManagement_NoData.selector);
        rollups.submitRollup(h, sig, "", _noHints());
    }

    function test_submitRollup_versionedHashesAsCalldata_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes memory fakeData = abi.encodePacked(bytes32((uint256(1) << 248) | 0xabc));
        h.dataHash = keccak256(fakeData);
        bytes memory sig = _sign(h, ENCLAVE_A_KEY);
        vm.prank(operatorA);
        vm.expectRevert(IRollupManagement.RollupManagement_CalldataLooksLikeVersionedHashes.selector);
        rollups.submitRollup(h, sig, fakeData, _noHints());
    }

    function test_submitRollup_firstRollupWithoutKeyCommitment_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        h.keyCommitment = bytes32(0);
        _expectRevertWith(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_MissingKeyCommitment.selector, 0),
            h
        );
    }

    function test_submitRollup_commitmentWithinEpoch_reverts() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(r1, enclaveA);
        h.keyCommitment = keccak256("again");
        _expectRevertWith(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_UnexpectedKeyCommitment.selector, 0),
            h
        );
    }

    function test_submitRollup_keyEpochGoesBack_reverts() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(r1, enclaveA);
        h.keyEpoch = 2;
        h.keyCommitment = _epochCommitment(2);
        bytes32 r2 = _submit(h, _noHints());
        vm.roll(block.number + 1);
        h = _header(r2, enclaveA);
        h.keyEpoch = 1;
        _expectRevertWith(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_KeyEpochBeforeParent.selector, 2, 1),
            h
        );
    }

    function test_submitRollup_conflictingKeyCommitment_reverts() public {
        bytes32 r1 = _extend(genesis, enclaveA);
        bytes32 r2 = _extend(r1, enclaveA);
        // a fork at genesis commits a different key for epoch 0
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveB);
        h.keyCommitment = keccak256("a different key");
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_KeyCommitmentMismatch.selector,
                0,
                _epochCommitment(0),
                h.keyCommitment
            )
        );
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(r1));
        assertTrue(rollups.isCanonical(r2));
    }

    // ─────────────────────────────────────────────────────────────── forks

    function test_fork_oneDeep_keepsFirstIncludedCanonicalAndFinalityRuns_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory forkHeader = _header(genesis, enclaveB);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.ForkCreated(1, 0, 0, rollups.hashHeader(forkHeader));
        bytes32 b1 = _submit(forkHeader, _siblingHint(a1));

        assertTrue(rollups.isCanonical(a1));
        assertFalse(rollups.isCanonical(b1));
        assertEq(rollups.rollup(b1).branch, 1);
        assertEq(rollups.forkStatus().length, 0, "a one-deep fork is no contest");

        bytes32 a2 = _extend(a1, enclaveA);
        vm.roll(block.number + FINALITY_DELAY);
        assertTrue(rollups.isFinal(a1));
        assertTrue(rollups.isFinal(a2));
        assertFalse(rollups.isFinal(b1));
    }

    function test_fork_twoDeep_suspendsFinalityUntilContenderDies_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.ContestOpened(1, 0);
        bytes32 b2 = _extendWith(b1, enclaveB, a1);
        IRollupManagement.ContestInfo[] memory contests = rollups.forkStatus();
        assertEq(contests.length, 1);
        assertEq(contests[0].branch, 1);
        assertEq(contests[0].depth, 2);
        assertEq(uint8(contests[0].state), uint8(IRollupManagement.ContestState.Open));

        // The canonical side keeps going; finality waits while the contender is alive.
        bytes32 a2 = _extend(a1, enclaveA);
        vm.roll(block.number + FINALITY_DELAY);
        assertFalse(rollups.isFinal(a1), "suspended while the contender lives");
        bytes32 a3 = _extend(a2, enclaveA);

        // The contender stops; once it has not been extended for forkExpiry blocks it is dead.
        uint256 b2At = rollups.rollup(b2).includedAt;
        vm.roll(b2At + FORK_EXPIRY + 1);
        assertEq(uint8(rollups.forkStatus()[0].state), uint8(IRollupManagement.ContestState.ContenderLost));
        assertTrue(rollups.isFinal(a1));
        assertTrue(rollups.isFinal(a2));
        assertFalse(rollups.isFinal(b2));

        // Settled contests are closed by the next call.
        vm.expectEmit(address(rollups));
        emit IRollupManagement.ContestClosed(1, IRollupManagement.ContestState.ContenderLost);
        rollups.resolveContests();
        assertEq(rollups.forkStatus().length, 0);
        assertTrue(rollups.isCanonical(a3));
    }

    function test_fork_deadContenderCannotBeExtended_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        _extend(a1, enclaveA);
        vm.roll(rollups.rollup(b1).includedAt + FORK_EXPIRY + 1);
        Types.RollupHeader memory h = _header(b1, enclaveB);
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_BranchDead.selector, 1));
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(a1));
    }

    function test_fork_canonicalSideDies_contenderBecomesCanonical_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 a2 = _extend(a1, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        bytes32 b2 = _extendWith(b1, enclaveB, a1);
        // A stops; B keeps going until A's last rollup is forkExpiry blocks old.
        uint256 a2At = rollups.rollup(a2).includedAt;
        bytes32 tip = b2;
        while (block.number < a2At + FORK_EXPIRY) {
            tip = _extendWith(tip, enclaveB, a1);
        }
        assertEq(uint8(rollups.forkStatus()[0].state), uint8(IRollupManagement.ContestState.Open));
        vm.roll(block.number + 1);
        assertEq(uint8(rollups.forkStatus()[0].state), uint8(IRollupManagement.ContestState.ContenderWins));
        assertFalse(rollups.isFinal(a1), "the losing side is never final");

        vm.expectEmit(address(rollups));
        emit IRollupManagement.CanonicalBranchSwitched(0, 1, 0);
        rollups.resolveContests();

        (bytes32 head, ) = rollups.canonicalHead();
        assertEq(head, tip);
        assertTrue(rollups.isCanonical(b1));
        assertTrue(rollups.isCanonical(b2));
        assertFalse(rollups.isCanonical(a1));
        assertFalse(rollups.isCanonical(a2));
        assertEq(rollups.canonicalPath().length, 2);
        assertEq(rollups.branch(0).canonicalEnd, 1, "branch 0 keeps only genesis");
        assertEq(rollups.branch(1).holdUntil, rollups.rollup(a2).finalAt, "held until the loser could be final");

        // The winner becomes final once its own delay and the loser's delay have passed.
        vm.roll(block.number + FINALITY_DELAY);
        assertTrue(rollups.isFinal(b1));
        assertTrue(rollups.isFinal(tip));
        assertFalse(rollups.isFinal(a1));
    }

    function test_fork_switchHappensOnNextSubmission_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        bytes32 b2 = _extendWith(b1, enclaveB, a1);
        vm.roll(rollups.rollup(a1).includedAt + FORK_EXPIRY);
        bytes32 b3 = _extendWith(b2, enclaveB, a1);
        // a1 is now dead and b3 is later: the next submission switches before attaching
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(b3, enclaveB);
        bytes32 b4 = _submit(h, _noHints());
        (bytes32 head, ) = rollups.canonicalHead();
        assertEq(head, b4);
        assertFalse(rollups.isCanonical(a1));
    }

    function test_fork_atFinalRollup_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 a2 = _extend(a1, enclaveA);
        vm.roll(block.number + FINALITY_DELAY);
        assertTrue(rollups.isFinal(a2));
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(a1, enclaveB);
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_ConflictsWithFinal.selector, a2));
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(a2));
    }

    function test_fork_extendingWhenSiblingFinal_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        // b1 is one deep (no contest), so a1 becomes final and b1 may never grow
        vm.roll(rollups.rollup(a1).finalAt);
        assertTrue(rollups.isFinal(a1));
        _extend(a1, enclaveA); // keep the canonical side alive
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(b1, enclaveB);
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_ConflictsWithFinal.selector, a1));
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(a1));
    }

    function test_fork_badSiblingHint_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 a2 = _extend(a1, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveB);
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_BadSiblingHint.selector, a2));
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(a2));
    }

    function test_fork_ofNonCanonicalRollup_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        _extendWith(b1, enclaveB, a1);
        // a second child of b1 (non-canonical) is a nested fork
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(b1, enclaveA);
        bytes memory sig = _sign(h, ENCLAVE_A_KEY);
        vm.prank(operatorA);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NestedFork.selector, b1));
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(a1));
    }

    function test_fork_orphanedBranchCannotGrow_reverts() public {
        // contest at genesis (branch 1) and a later fork at a1 (branch 2); branch 1 wins, which
        // orphans branch 2.
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 a2 = _extend(a1, enclaveA);
        bytes32 c2 = _extendWith(a1, enclaveB, a2); // branch 1, forks at a1
        bytes32 b1 = _extendWith(genesis, enclaveB, a1); // branch 2, forks at genesis
        bytes32 tip = _extendWith(b1, enclaveB, a1);
        uint256 deadline = rollups.rollup(c2).includedAt + FORK_EXPIRY;
        while (block.number <= deadline) {
            tip = _extendWith(tip, enclaveB, a1);
        }
        rollups.resolveContests();
        assertTrue(rollups.isCanonical(b1));
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(c2, enclaveB);
        bytes memory sig = _sign(h, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_BranchOrphaned.selector, 1));
        rollups.submitRollup(h, sig, PAYLOAD, _siblingHint(a2));
    }

    // ─────────────────────────────────────────────────────────────── governance

    function test_setFinalityDelay_appliesToNewRollupsOnly_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.prank(governance);
        rollups.setFinalityDelay(100);
        bytes32 a2 = _extend(a1, enclaveA);
        assertEq(rollups.rollup(a1).finalAt, rollups.rollup(a1).includedAt + FINALITY_DELAY);
        assertEq(rollups.rollup(a2).finalAt, rollups.rollup(a2).includedAt + 100);
        vm.roll(rollups.rollup(a1).finalAt);
        assertTrue(rollups.isFinal(a1));
        assertFalse(rollups.isFinal(a2));
    }

    function test_setFinalityDelay_lowered_childNeverFinalBeforeParent_succeeds() public {
        vm.prank(governance);
        rollups.setFinalityDelay(100);
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.prank(governance);
        rollups.setFinalityDelay(1);
        bytes32 a2 = _extend(a1, enclaveA);
        assertEq(rollups.rollup(a2).finalAt, rollups.rollup(a1).finalAt);
    }

    function test_setters_outOfBoundsOrNotGovernance_reverts() public {
        vm.startPrank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_ParameterOutOfBounds.selector,
                bytes32("finalityDelay"),
                50_401
            )
        );
        rollups.setFinalityDelay(50_401);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_ParameterOutOfBounds.selector,
                bytes32("forkExpiry"),
                0
            )
        );
        rollups.setForkExpiry(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_ParameterOutOfBounds.selector,
                bytes32("keyRotationPeriod"),
                59 minutes
            )
        );
        rollups.setKeyRotationPeriod(59 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_ParameterOutOfBounds.selector,
                bytes32("disclosureDelay"),
                3651 days
            )
        );
        rollups.setDisclosureDelay(3651 days);
        vm.stopPrank();

        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, council));
        rollups.setFinalityDelay(5);
        (uint40 delay, ) = rollups.parameters();
        assertEq(delay, FINALITY_DELAY);
    }

    function test_setters_withinBounds_emitTypedEvents_succeeds() public {
        vm.startPrank(governance);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.FinalityDelaySet(FINALITY_DELAY, 30);
        rollups.setFinalityDelay(30);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.ForkExpirySet(FORK_EXPIRY, 40);
        rollups.setForkExpiry(40);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.KeyRotationPeriodSet(KEY_ROTATION_PERIOD, 2 days);
        rollups.setKeyRotationPeriod(2 days);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.DisclosureDelaySet(DISCLOSURE_DELAY, 3 days);
        rollups.setDisclosureDelay(3 days);
        vm.stopPrank();
        (uint40 delay, uint40 expiry) = rollups.parameters();
        assertEq(delay, 30);
        assertEq(expiry, 40);
        (uint40 rotation, uint40 disclosure) = rollups.keyParameters();
        assertEq(rotation, 2 days);
        assertEq(disclosure, 3 days);
    }

    function testFuzz_setFinalityDelay_emitsOldAndNew_succeeds(uint40 _first, uint40 _second) public {
        _first = uint40(bound(_first, rollups.MIN_FINALITY_DELAY(), rollups.MAX_FINALITY_DELAY()));
        _second = uint40(bound(_second, rollups.MIN_FINALITY_DELAY(), rollups.MAX_FINALITY_DELAY()));
        vm.startPrank(governance);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.FinalityDelaySet(FINALITY_DELAY, _first);
        rollups.setFinalityDelay(_first);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.FinalityDelaySet(_first, _second);
        rollups.setFinalityDelay(_second);
        vm.stopPrank();
    }

    function test_initialize_emitsEveryParameter_succeeds() public {
        RollupManagement impl = new RollupManagement(
            INetworkManagement(address(network)),
            IBridgeManagement(address(bridge)),
            address(slashing)
        );
        IRollupManagement.InitParams memory params = IRollupManagement.InitParams(
            IRollupManagement.TreeParams(FINALITY_DELAY, FORK_EXPIRY),
            KEY_ROTATION_PERIOD,
            DISCLOSURE_DELAY
        );
        vm.expectEmit();
        emit IRollupManagement.FinalityDelaySet(0, FINALITY_DELAY);
        vm.expectEmit();
        emit IRollupManagement.ForkExpirySet(0, FORK_EXPIRY);
        vm.expectEmit();
        emit IRollupManagement.KeyRotationPeriodSet(0, KEY_ROTATION_PERIOD);
        vm.expectEmit();
        emit IRollupManagement.DisclosureDelaySet(0, DISCLOSURE_DELAY);
        new ERC1967Proxy(address(impl), abi.encodeCall(RollupManagement.initialize, (governance, council, params)));
    }

    function test_setForkExpiry_whileContestPending_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        _extendWith(b1, enclaveB, a1);
        vm.prank(governance);
        vm.expectRevert(IRollupManagement.RollupManagement_ContestsPending.selector);
        rollups.setForkExpiry(1000);
    }

    // ─────────────────────────────────────────────────────────────── EIP-712

    function test_hashHeader_matchesEip712_succeeds() public view {
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 structHash = keccak256(abi.encode(rollups.ROLLUP_HEADER_TYPEHASH(), h));
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Obscuro RollupManagement"),
                keccak256("1"),
                block.chainid,
                address(rollups)
            )
        );
        assertEq(rollups.hashHeader(h), keccak256(abi.encodePacked(hex"1901", domain, structHash)));
        assertEq(rollups.domainSeparator(), domain);
        assertEq(
            rollups.ROLLUP_HEADER_TYPEHASH(),
            keccak256(
                "RollupHeader(bytes32 parentHash,uint64 number,uint64 l1BlockNumber,bytes32 l1BlockHash,"
                "uint64 depositCount,bytes32 depositAcc,bytes32 stateRoot,bytes32 withdrawalRoot,bytes32 dataHash,"
                "uint32 keyEpoch,bytes32 keyCommitment,address enclaveId)"
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = rollups
            .eip712Domain();
        assertEq(name, "Obscuro RollupManagement");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(rollups));
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { INetworkManagement } from "../../src/interfaces/network/INetworkManagement.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { IRollupSlashing } from "../../src/interfaces/rollup/IRollupSlashing.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupSlashing } from "../../src/rollup/RollupSlashing.sol";
import { RollupTestBase } from "./RollupTestBase.sol";

contract RollupSlashingTest is RollupTestBase {
    bytes32 internal genesis;

    /// Witness enclaves (active, each run by its own operator), sorted by address in setUp.
    uint256[] internal witnessKeys;
    address internal witnessOperator = makeAddr("witnessOperator");

    function setUp() public override {
        super.setUp();
        genesis = rollups.genesisHash();
        uint256[3] memory keys = [uint256(0xC0FFEE), 0xBEEF, 0xFACADE];
        // insertion sort by enclave id
        for (uint256 i; i < keys.length; ++i) {
            uint256 k = keys[i];
            uint256 j = witnessKeys.length;
            witnessKeys.push(k);
            while (j > 0 && vm.addr(witnessKeys[j - 1]) > vm.addr(k)) {
                witnessKeys[j] = witnessKeys[j - 1];
                --j;
            }
            witnessKeys[j] = k;
        }
        for (uint256 i; i < witnessKeys.length; ++i) {
            network.setPublisher(vm.addr(witnessKeys[i]), witnessOperator, 1);
        }
    }

    function _testimony(bytes32 _rollupHash, uint256[] memory _keys) internal view returns (bytes[] memory sigs_) {
        bytes32 digest = slashing.hashInvalidRollup(_rollupHash);
        sigs_ = new bytes[](_keys.length);
        for (uint256 i; i < _keys.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[i], digest);
            sigs_[i] = abi.encodePacked(r, s, v);
        }
    }

    function _firstWitnesses(uint256 _n) internal view returns (uint256[] memory keys_) {
        keys_ = new uint256[](_n);
        for (uint256 i; i < _n; ++i) {
            keys_[i] = witnessKeys[i];
        }
    }

    // ─────────────────────────────────────────────────────────────── fork heuristic

    function test_slashForkPublisher_deadBranchAtSlashDepth_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h2 = _header(b1, enclaveB);
        bytes32 b2 = _submit(h2, _siblingHint(a1));
        bytes32 a2 = _extend(a1, enclaveA);
        vm.roll(rollups.rollup(b2).includedAt + FORK_EXPIRY + 1);
        _extend(a2, enclaveA);

        address reporter = makeAddr("reporter");
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.ForkPublisherSlashed(b2, operatorB, reporter, FORK_SLASH_AMOUNT);
        vm.prank(reporter);
        slashing.slashForkPublisher(h2);

        assertEq(network.stakeOf(operatorB), 1000 ether - FORK_SLASH_AMOUNT);
        assertEq(network.rewards(reporter), (FORK_SLASH_AMOUNT * REPORTER_SHARE_BPS) / 10_000);
        assertTrue(rollups.rollup(b2).forkSlashed);

        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotSlashable.selector, b2));
        slashing.slashForkPublisher(h2);
    }

    function test_slashForkPublisher_shallowOrAliveOrUnknown_reverts() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h1 = _header(genesis, enclaveB);
        bytes32 b1 = _submit(h1, _siblingHint(a1));
        vm.roll(block.number + 1);
        Types.RollupHeader memory h2 = _header(b1, enclaveB);
        bytes32 b2 = _submit(h2, _siblingHint(a1));

        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotSlashable.selector, b2));
        slashing.slashForkPublisher(h2); // alive

        bytes32 a2 = _extend(a1, enclaveA);
        vm.roll(rollups.rollup(b2).includedAt + FORK_EXPIRY + 1);
        _extend(a2, enclaveA);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotSlashable.selector, b1));
        slashing.slashForkPublisher(h1); // shallower than slashDepth

        Types.RollupHeader memory unknown = _header(genesis, enclaveA);
        unknown.l1BlockNumber = 0;
        bytes32 unknownHash = rollups.hashHeader(unknown);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotSlashable.selector, unknownHash));
        slashing.slashForkPublisher(unknown);
        assertEq(network.slashCount(), 0);
    }

    function test_slashForkPublisher_losingFirstIncludedSide_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory a2h = _header(a1, enclaveA);
        bytes32 a2 = _submit(a2h, _noHints());
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        bytes32 tip = _extendWith(b1, enclaveB, a1);
        uint256 deadline = rollups.rollup(a2).includedAt + FORK_EXPIRY;
        while (block.number <= deadline) {
            tip = _extendWith(tip, enclaveB, a1);
        }
        rollups.resolveContests();
        assertFalse(rollups.isCanonical(a2));
        slashing.slashForkPublisher(a2h);
        assertEq(network.stakeOf(operatorA), 1000 ether - FORK_SLASH_AMOUNT);
    }

    // ─────────────────────────────────────────────────────────────── invalid rollups

    function test_slashInvalidRollup_canonical_cutsChainAndSlashesWholeStake_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h2 = _header(a1, enclaveA);
        bytes32 a2 = _submit(h2, _noHints());
        bytes32 a3 = _extend(a2, enclaveA);
        vm.prank(governance);
        slashing.setInvalidRollupQuorum(2);
        address[] memory expectedWitnesses = new address[](2);
        expectedWitnesses[0] = vm.addr(witnessKeys[0]);
        expectedWitnesses[1] = vm.addr(witnessKeys[1]);

        vm.expectEmit(address(rollups));
        emit IRollupManagement.RollupInvalidated(a2, 2);
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.InvalidRollupSlashed(a2, operatorA, 1000 ether, expectedWitnesses);
        slashing.slashInvalidRollup(h2, _testimony(a2, _firstWitnesses(2)));

        assertEq(network.stakeOf(operatorA), 0, "the whole stake");
        assertEq(network.rewards(witnessOperator), (1000 ether * uint256(INVALID_ROLLUP_REWARD_BPS)) / 10_000);
        assertTrue(rollups.isInvalid(a2));
        assertTrue(rollups.isInvalid(a3), "descendants are invalid");
        assertFalse(rollups.isInvalid(a1));
        assertFalse(rollups.isCanonical(a2));
        assertFalse(rollups.isCanonical(a3));
        (bytes32 head, uint64 number) = rollups.canonicalHead();
        assertEq(head, a1);
        assertEq(number, 1);

        // the chain goes on from the parent, and the invalid branch can never grow
        bytes32 b2 = _extend(a1, enclaveB);
        assertTrue(rollups.isCanonical(b2));
        vm.roll(block.number + 1);
        Types.RollupHeader memory onInvalid = _header(a3, enclaveB);
        bytes memory sig = _sign(onInvalid, ENCLAVE_B_KEY);
        vm.prank(operatorB);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_InvalidParent.selector, a3));
        rollups.submitRollup(onInvalid, sig, PAYLOAD, _noHints());
        vm.roll(block.number + FINALITY_DELAY);
        assertTrue(rollups.isFinal(b2));
        assertFalse(rollups.isFinal(a2));
    }

    function test_slashInvalidRollup_contender_closesContest_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 b1 = _extendWith(genesis, enclaveB, a1);
        vm.roll(block.number + 1);
        Types.RollupHeader memory hb2 = _header(b1, enclaveB);
        bytes32 b2 = _submit(hb2, _siblingHint(a1));
        _extend(a1, enclaveA);
        vm.roll(rollups.rollup(a1).finalAt + 1);
        assertFalse(rollups.isFinal(a1), "held by the contest");

        slashing.slashInvalidRollup(hb2, _testimony(b2, _firstWitnesses(1)));
        assertTrue(rollups.isFinal(a1), "an invalid contender holds nothing back");
        assertEq(uint8(rollups.forkStatus()[0].state), uint8(IRollupManagement.ContestState.Orphaned));
        assertEq(network.stakeOf(operatorB), 0);
    }

    function test_slashInvalidRollup_continuationKeepsTheSwitchHold_succeeds() public {
        // branch 1 wins a contest: its rollups are held until the loser's last rollup is final
        bytes32 a1 = _extend(genesis, enclaveA);
        bytes32 a2 = _extend(a1, enclaveA);
        bytes32 tip = _extendWith(_extendWith(genesis, enclaveB, a1), enclaveB, a1);
        while (block.number < rollups.rollup(a2).includedAt + FORK_EXPIRY) {
            tip = _extendWith(tip, enclaveB, a1);
        }
        vm.roll(block.number + 1);
        Types.RollupHeader memory last = _header(tip, enclaveB);
        bytes32 invalid = _submit(last, _noHints()); // switches to branch 1 first, then extends it
        uint32[] memory path = rollups.canonicalPath();
        assertEq(path[path.length - 1], 1);
        uint40 hold = rollups.rollup(a2).finalAt;
        assertEq(rollups.branch(1).holdUntil, hold);

        // its tip is cut off as invalid: the chain continues on a new branch, under the same hold
        slashing.slashInvalidRollup(last, _testimony(invalid, _firstWitnesses(1)));
        path = rollups.canonicalPath();
        uint32 continuation = path[path.length - 1];
        assertTrue(continuation != 1);
        assertEq(rollups.branch(continuation).holdUntil, hold, "inherited from the path before it");
    }

    function test_slashInvalidRollup_clearsPoisonedKeyCommitment_succeeds() public {
        bytes32 a1 = _extend(genesis, enclaveA);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(a1, enclaveA);
        h.keyEpoch = 5;
        h.keyCommitment = keccak256("a wrong key");
        bytes32 bad = _submit(h, _noHints());
        assertEq(rollups.epochKey(5).commitment, h.keyCommitment);
        slashing.slashInvalidRollup(h, _testimony(bad, _firstWitnesses(1)));
        assertEq(rollups.epochKey(5).commitment, bytes32(0), "the honest chain can commit epoch 5 again");
    }

    function test_slashInvalidRollup_finalRollup_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        vm.roll(rollups.rollup(a1).finalAt);
        bytes[] memory sigs = _testimony(a1, _firstWitnesses(1));
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_FinalRollup.selector, a1));
        slashing.slashInvalidRollup(h, sigs);
    }

    function test_slashInvalidRollup_badTestimony_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        vm.prank(governance);
        slashing.setInvalidRollupQuorum(2);

        // too few
        bytes[] memory one = _testimony(a1, _firstWitnesses(1));
        vm.expectRevert(abi.encodeWithSelector(IRollupSlashing.RollupSlashing_NotEnoughWitnesses.selector, 1, 2));
        slashing.slashInvalidRollup(h, one);

        // unsorted
        uint256[] memory reversed = new uint256[](2);
        (reversed[0], reversed[1]) = (witnessKeys[1], witnessKeys[0]);
        bytes[] memory unsorted = _testimony(a1, reversed);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_WitnessesNotAscending.selector,
                1,
                vm.addr(witnessKeys[0])
            )
        );
        slashing.slashInvalidRollup(h, unsorted);

        // the same witness twice
        uint256[] memory twice = new uint256[](2);
        (twice[0], twice[1]) = (witnessKeys[0], witnessKeys[0]);
        bytes[] memory duplicated = _testimony(a1, twice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_WitnessesNotAscending.selector,
                1,
                vm.addr(witnessKeys[0])
            )
        );
        slashing.slashInvalidRollup(h, duplicated);

        // an inactive witness
        network.setActive(vm.addr(witnessKeys[1]), false);
        bytes[] memory inactive = _testimony(a1, _firstWitnesses(2));
        vm.expectRevert(
            abi.encodeWithSelector(IRollupSlashing.RollupSlashing_WitnessNotActive.selector, vm.addr(witnessKeys[1]))
        );
        slashing.slashInvalidRollup(h, inactive);

        assertFalse(rollups.isInvalid(a1));
        assertEq(network.slashCount(), 0);
    }

    function test_slashInvalidRollup_publisherAsWitness_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        uint256[] memory self = new uint256[](1);
        self[0] = ENCLAVE_A_KEY;
        bytes[] memory sigs = _testimony(a1, self);
        vm.expectRevert(abi.encodeWithSelector(IRollupSlashing.RollupSlashing_WitnessIsPublisher.selector, enclaveA));
        slashing.slashInvalidRollup(h, sigs);
    }

    function test_slashInvalidRollup_witnessRunByPublisherOperator_rewardsOnlyOthers_succeeds() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        vm.prank(governance);
        slashing.setInvalidRollupQuorum(2);
        // The publisher's operator also runs the first witness enclave: its testimony counts.
        network.setPublisher(vm.addr(witnessKeys[0]), operatorA, 1000 ether);
        address[] memory expectedWitnesses = new address[](2);
        expectedWitnesses[0] = vm.addr(witnessKeys[0]);
        expectedWitnesses[1] = vm.addr(witnessKeys[1]);

        vm.expectEmit(address(slashing));
        emit IRollupSlashing.InvalidRollupSlashed(a1, operatorA, 1000 ether, expectedWitnesses);
        slashing.slashInvalidRollup(h, _testimony(a1, _firstWitnesses(2)));

        uint256 share = (1000 ether * uint256(INVALID_ROLLUP_REWARD_BPS)) / 10_000 / 2;
        assertEq(network.stakeOf(operatorA), 0, "the whole stake");
        assertEq(network.rewards(operatorA), 0, "no one recovers part of its own slashed stake");
        assertEq(network.rewards(witnessOperator), share, "the other witness gets its usual share");
        assertEq(network.treasuryBalance(), 1000 ether - share, "the publisher's share goes to the treasury");
        assertTrue(rollups.isInvalid(a1));
    }

    function test_slashInvalidRollup_onlyPublisherOperatorWitnesses_allToTreasury_succeeds() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        network.setPublisher(vm.addr(witnessKeys[0]), operatorA, 1000 ether);

        slashing.slashInvalidRollup(h, _testimony(a1, _firstWitnesses(1)));

        assertEq(network.stakeOf(operatorA), 0);
        assertEq(network.rewards(operatorA), 0);
        assertEq(network.treasuryBalance(), 1000 ether);
        assertTrue(rollups.isInvalid(a1));
    }

    /// Whichever witnesses the publisher's operator runs: it gets nothing back, every other witness
    /// gets its share of `invalidRollupRewardBps` (to within one basis point of rounding), and the
    /// whole stake is split between the rewarded witnesses and the treasury.
    function testFuzz_slashInvalidRollup_publisherOperatorNeverRewarded(uint8 _ownedMask, uint96 _stake) public {
        uint256 stake = bound(_stake, 1 ether, 1_000_000 ether);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        vm.prank(governance);
        slashing.setInvalidRollupQuorum(3);
        uint256 kept;
        for (uint256 i; i < 3; ++i) {
            if ((_ownedMask >> i) & 1 == 1) network.setPublisher(vm.addr(witnessKeys[i]), operatorA, 0);
            else ++kept;
        }
        network.setPublisher(enclaveA, operatorA, stake);

        slashing.slashInvalidRollup(h, _testimony(a1, _firstWitnesses(3)));

        uint256 ideal = (kept * stake * INVALID_ROLLUP_REWARD_BPS) / 10_000 / 3;
        uint256 paid = network.rewards(witnessOperator);
        assertEq(network.rewards(operatorA), 0);
        assertLe(paid, ideal);
        assertGe(paid + (kept * stake) / 10_000 + kept, ideal, "within a basis point per witness");
        assertEq(paid + network.treasuryBalance(), stake);
        assertEq(network.stakeOf(operatorA), 0);
    }

    function test_slashInvalidRollup_twice_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        bytes[] memory sigs = _testimony(a1, _firstWitnesses(1));
        slashing.slashInvalidRollup(h, sigs);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_AlreadyInvalid.selector, a1));
        slashing.slashInvalidRollup(h, sigs);
    }

    function test_hooks_onlySlashingModule_reverts() public {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        bytes32 a1 = _submit(h, _noHints());
        vm.prank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_NotSlashingModule.selector, governance)
        );
        rollups.invalidate(h);
        vm.expectRevert(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_NotSlashingModule.selector, address(this))
        );
        rollups.markForkSlashed(a1, 2);
        assertFalse(rollups.isInvalid(a1));
    }

    // ─────────────────────────────────────────────────────────────── governance

    function test_setters_boundsAndGovernanceOnly_reverts() public {
        vm.startPrank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_ParameterOutOfBounds.selector,
                bytes32("slashDepth"),
                1
            )
        );
        slashing.setSlashDepth(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_ParameterOutOfBounds.selector,
                bytes32("reporterShareBps"),
                5001
            )
        );
        slashing.setReporterShareBps(5001);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_ParameterOutOfBounds.selector,
                bytes32("forkSlashAmount"),
                uint256(10_000_000 ether) + 1
            )
        );
        slashing.setForkSlashAmount(10_000_000 ether + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_ParameterOutOfBounds.selector,
                bytes32("invalidRollupQuorum"),
                33
            )
        );
        slashing.setInvalidRollupQuorum(33);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRollupSlashing.RollupSlashing_ParameterOutOfBounds.selector,
                bytes32("invalidRollupRewardBps"),
                10_001
            )
        );
        slashing.setInvalidRollupRewardBps(10_001);
        slashing.setSlashDepth(3);
        slashing.setReporterShareBps(0);
        slashing.setForkSlashAmount(1 ether);
        slashing.setInvalidRollupQuorum(4);
        slashing.setInvalidRollupRewardBps(0);
        vm.stopPrank();
        (uint16 depth, uint16 share, uint96 amount, uint8 quorum, uint16 bps) = slashing.parameters();
        assertEq(depth, 3);
        assertEq(share, 0);
        assertEq(amount, 1 ether);
        assertEq(quorum, 4);
        assertEq(bps, 0);

        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, council));
        slashing.setSlashDepth(5);
    }
    function test_setters_withinBounds_emitTypedEvents_succeeds() public {
        vm.startPrank(governance);
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.SlashDepthSet(SLASH_DEPTH, 3);
        slashing.setSlashDepth(3);
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.ReporterShareBpsSet(REPORTER_SHARE_BPS, 0);
        slashing.setReporterShareBps(0);
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.ForkSlashAmountSet(FORK_SLASH_AMOUNT, 1 ether);
        slashing.setForkSlashAmount(1 ether);
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.InvalidRollupQuorumSet(INVALID_ROLLUP_QUORUM, 4);
        slashing.setInvalidRollupQuorum(4);
        vm.expectEmit(address(slashing));
        emit IRollupSlashing.InvalidRollupRewardBpsSet(INVALID_ROLLUP_REWARD_BPS, 0);
        slashing.setInvalidRollupRewardBps(0);
        vm.stopPrank();
    }

    function test_initialize_emitsEveryParameter_succeeds() public {
        RollupSlashing impl = new RollupSlashing(
            IRollupManagement(address(rollups)),
            INetworkManagement(address(network))
        );
        IRollupSlashing.InitParams memory params = IRollupSlashing.InitParams({
            slashDepth: SLASH_DEPTH,
            reporterShareBps: REPORTER_SHARE_BPS,
            forkSlashAmount: FORK_SLASH_AMOUNT,
            invalidRollupQuorum: INVALID_ROLLUP_QUORUM,
            invalidRollupRewardBps: INVALID_ROLLUP_REWARD_BPS
        });
        vm.expectEmit();
        emit IRollupSlashing.SlashDepthSet(0, SLASH_DEPTH);
        vm.expectEmit();
        emit IRollupSlashing.ReporterShareBpsSet(0, REPORTER_SHARE_BPS);
        vm.expectEmit();
        emit IRollupSlashing.ForkSlashAmountSet(0, FORK_SLASH_AMOUNT);
        vm.expectEmit();
        emit IRollupSlashing.InvalidRollupQuorumSet(0, INVALID_ROLLUP_QUORUM);
        vm.expectEmit();
        emit IRollupSlashing.InvalidRollupRewardBpsSet(0, INVALID_ROLLUP_REWARD_BPS);
        new ERC1967Proxy(address(impl), abi.encodeCall(RollupSlashing.initialize, (governance, council, params)));
    }

    function test_dependencies_oneNameEach_succeeds() public view {
        assertEq(slashing.rollups(), address(rollups));
        assertEq(slashing.networkManagement(), address(network));
    }
}

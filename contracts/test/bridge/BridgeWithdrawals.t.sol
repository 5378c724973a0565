// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { Types } from "../../src/libraries/Types.sol";
import { MerkleTree } from "../helpers/MerkleTree.sol";
import { RollupTestBase } from "../rollup/RollupTestBase.sol";
import { TestERC20, TestERC721 } from "./mocks/TestTokens.sol";

/// @notice Rejects ETH: a withdrawal to it must fail and stay claimable.
contract EthRejecter {
    receive() external payable {
        revert("no ETH");
    }
}

contract BridgeWithdrawalsTest is RollupTestBase {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal relayer = makeAddr("relayer");
    TestERC20 internal token;
    TestERC721 internal nft;
    bytes32 internal genesis;

    function setUp() public override {
        super.setUp();
        genesis = rollups.genesisHash();
        token = new TestERC20();
        nft = new TestERC721();
        // Alice funds the bridge with every asset kind.
        vm.deal(alice, 100 ether);
        token.mint(alice, 1000);
        nft.mint(alice, 42);
        vm.startPrank(alice);
        bridge.depositETH{ value: 10 ether }(alice);
        token.approve(address(bridge), 1000);
        bridge.depositERC20(address(token), 1000, alice);
        nft.approve(address(bridge), 42);
        bridge.depositERC721(address(nft), 42, alice);
        vm.stopPrank();
    }

    // ─────────────────────────────────────────────────────────────── helpers

    function _withdrawals() internal view returns (Types.Withdrawal[] memory w_) {
        w_ = new Types.Withdrawal[](3);
        w_[0] = Types.Withdrawal(0, bob, Types.AssetKind.Eth, address(0), 3 ether);
        w_[1] = Types.Withdrawal(1, bob, Types.AssetKind.Erc20, address(token), 400);
        w_[2] = Types.Withdrawal(2, bob, Types.AssetKind.Erc721, address(nft), 42);
    }

    function _leaves(Types.Withdrawal[] memory _w) internal view returns (bytes32[] memory leaves_) {
        leaves_ = new bytes32[](_w.length);
        for (uint256 i; i < _w.length; ++i) {
            leaves_[i] = bridge.withdrawalLeaf(_w[i]);
        }
    }

    /// @notice Submits a rollup on `_parent` committing to `_w`; returns its header and hash.
    function _rollupWith(
        bytes32 _parent,
        address _enclave,
        Types.Withdrawal[] memory _w,
        bytes32 _sibling
    ) internal returns (Types.RollupHeader memory h_, bytes32 hash_) {
        vm.roll(block.number + 1);
        h_ = _header(_parent, _enclave);
        h_.withdrawalRoot = _w.length == 0 ? bytes32(0) : MerkleTree.root(_leaves(_w));
        hash_ = _submit(h_, _siblingHint(_sibling));
    }

    function _finalize(Types.RollupHeader memory _h, Types.Withdrawal[] memory _w, uint256 _i) internal {
        bytes32[] memory proof = MerkleTree.proof(_leaves(_w), _i);
        vm.prank(relayer);
        bridge.finalizeWithdrawal(_h, _w[_i], proof);
    }

    // ─────────────────────────────────────────────────────────────── withdrawals

    function test_finalizeWithdrawal_eachAssetKind_succeeds() public {
        Types.Withdrawal[] memory w = _withdrawals();
        (Types.RollupHeader memory h, bytes32 hash) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(hash).finalAt);

        vm.expectEmit(address(bridge));
        emit IBridgeManagement.WithdrawalFinalized(0, hash, bob, Types.AssetKind.Eth, address(0), 3 ether, relayer);
        _finalize(h, w, 0);
        _finalize(h, w, 1);
        _finalize(h, w, 2);

        assertEq(bob.balance, 3 ether);
        assertEq(token.balanceOf(bob), 400);
        assertEq(nft.ownerOf(42), bob);
        assertEq(address(bridge).balance, 7 ether);
        assertEq(token.balanceOf(address(bridge)), 600);
        assertFalse(bridge.isErc721Held(address(nft), 42));
        assertTrue(bridge.isWithdrawalFinalized(0));
        assertTrue(bridge.isWithdrawalFinalized(2));
    }

    function test_finalizeWithdrawal_beforeFinality_reverts() public {
        Types.Withdrawal[] memory w = _withdrawals();
        (Types.RollupHeader memory h, bytes32 hash) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotFinal.selector, hash));
        bridge.finalizeWithdrawal(h, w[0], proof);
        assertEq(bob.balance, 0);
    }

    function test_finalizeWithdrawal_replay_reverts() public {
        Types.Withdrawal[] memory w = _withdrawals();
        (Types.RollupHeader memory h, bytes32 hash) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(hash).finalAt);
        _finalize(h, w, 0);
        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_WithdrawalAlreadyFinalized.selector, 0)
        );
        bridge.finalizeWithdrawal(h, w[0], proof);
        assertEq(bob.balance, 3 ether);
    }

    function test_finalizeWithdrawal_sameIdInLaterRollup_reverts() public {
        Types.Withdrawal[] memory w = _withdrawals();
        (Types.RollupHeader memory h1, bytes32 r1) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        (Types.RollupHeader memory h2, bytes32 r2) = _rollupWith(r1, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(r2).finalAt);
        _finalize(h1, w, 0);
        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_WithdrawalAlreadyFinalized.selector, 0)
        );
        bridge.finalizeWithdrawal(h2, w[0], proof);
    }

    function testFuzz_finalizeWithdrawal_tamperedWithdrawal_reverts(uint256 _amount, address _recipient) public {
        Types.Withdrawal[] memory w = _withdrawals();
        (Types.RollupHeader memory h, bytes32 hash) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(hash).finalAt);
        Types.Withdrawal memory forged = w[0];
        vm.assume(_amount != forged.amountOrId || _recipient != forged.recipient);
        forged.amountOrId = _amount;
        forged.recipient = _recipient;
        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(IBridgeManagement.BridgeManagement_InvalidProof.selector);
        bridge.finalizeWithdrawal(h, forged, proof);
    }

    function test_finalizeWithdrawal_recipientRejectsEth_revertsAndStaysClaimable() public {
        EthRejecter rejecter = new EthRejecter();
        Types.Withdrawal[] memory w = new Types.Withdrawal[](1);
        w[0] = Types.Withdrawal(0, address(rejecter), Types.AssetKind.Eth, address(0), 1 ether);
        (Types.RollupHeader memory h, bytes32 hash) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(hash).finalAt);
        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_PaymentFailed.selector, address(rejecter))
        );
        bridge.finalizeWithdrawal(h, w[0], proof);
        assertFalse(bridge.isWithdrawalFinalized(0));
    }

    function test_finalizeWithdrawal_heldWhileTwoDeepForkLives_releasedWhenItDies_succeeds() public {
        Types.Withdrawal[] memory w = _withdrawals();
        Types.Withdrawal[] memory none = new Types.Withdrawal[](0);
        (Types.RollupHeader memory h, bytes32 a1) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        (, bytes32 b1) = _rollupWith(genesis, enclaveB, none, a1);
        (, bytes32 b2) = _rollupWith(b1, enclaveB, none, a1);
        (, bytes32 a2) = _rollupWith(a1, enclaveA, none, bytes32(0));
        vm.roll(rollups.rollup(a1).finalAt + 1);

        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotFinal.selector, a1));
        bridge.finalizeWithdrawal(h, w[0], proof);

        // the contender stops; the canonical side goes on; once it is dead the withdrawal is paid
        vm.roll(rollups.rollup(b2).includedAt + FORK_EXPIRY);
        _rollupWith(a2, enclaveA, none, bytes32(0));
        vm.roll(block.number + FINALITY_DELAY);
        vm.prank(relayer);
        bridge.finalizeWithdrawal(h, w[0], proof);
        assertEq(bob.balance, 3 ether);
    }

    // ─────────────────────────────────────────────────────────────── pause

    function test_pause_blocksDepositsAndWithdrawalsAndExpires_succeeds() public {
        Types.Withdrawal[] memory w = _withdrawals();
        (Types.RollupHeader memory h, bytes32 hash) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(hash).finalAt);

        vm.prank(council);
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.Paused(uint40(block.timestamp + 1 days), council);
        bridge.pause(1 days);

        vm.prank(alice);
        vm.expectRevert(IBridgeManagement.BridgeManagement_DepositsClosed.selector);
        bridge.depositETH{ value: 1 }(alice);
        bytes32[] memory proof = MerkleTree.proof(_leaves(w), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_WithdrawalsPaused.selector,
                uint40(block.timestamp + 1 days)
            )
        );
        bridge.finalizeWithdrawal(h, w[0], proof);

        vm.warp(block.timestamp + 1 days);
        bridge.finalizeWithdrawal(h, w[0], proof);
        vm.prank(alice);
        bridge.depositETH{ value: 1 }(alice);
        assertEq(bob.balance, 3 ether);
    }

    function test_pause_tooLongOrBackToBack_reverts() public {
        vm.startPrank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidPauseDuration.selector, 31 days)
        );
        bridge.pause(31 days);
        bridge.pause(30 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_AlreadyPaused.selector,
                uint40(block.timestamp + 30 days)
            )
        );
        bridge.pause(1 days);
        vm.warp(block.timestamp + 30 days);
        uint256 availableAt = block.timestamp + bridge.PAUSE_COOLDOWN();
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_PauseCoolingDown.selector, availableAt)
        );
        bridge.pause(1 days);
        vm.warp(availableAt);
        bridge.pause(1 days);
        vm.stopPrank();
    }

    function test_pause_notCouncil_reverts() public {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotCouncil.selector, governance));
        bridge.pause(1 days);
        assertEq(bridge.pausedUntil(), 0);
    }

    function test_unpause_byGovernanceOrCouncil_succeeds() public {
        vm.prank(council);
        bridge.pause(10 days);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_NotCouncilOrGovernance.selector, alice)
        );
        bridge.unpause();
        vm.prank(governance);
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.Unpaused(governance);
        bridge.unpause();
        assertEq(bridge.pausedUntil(), block.timestamp);
        vm.prank(council);
        vm.expectRevert(IBridgeManagement.BridgeManagement_NotPaused.selector);
        bridge.unpause();
    }

    // ─────────────────────────────────────────────────────────────── exit mode

    /// @notice The L2 ledger of the frozen rollup: alice holds 7 ETH and 600 tokens; bob 3 ETH,
    ///         400 tokens and NFT 42.
    function _ledger() internal view returns (Types.BalanceLeaf[] memory l_) {
        l_ = new Types.BalanceLeaf[](5);
        l_[0] = Types.BalanceLeaf(alice, Types.AssetKind.Eth, address(0), 7 ether);
        l_[1] = Types.BalanceLeaf(alice, Types.AssetKind.Erc20, address(token), 600);
        l_[2] = Types.BalanceLeaf(bob, Types.AssetKind.Eth, address(0), 3 ether);
        l_[3] = Types.BalanceLeaf(bob, Types.AssetKind.Erc20, address(token), 400);
        l_[4] = Types.BalanceLeaf(bob, Types.AssetKind.Erc721, address(nft), 42);
    }

    function _ledgerLeaves(Types.BalanceLeaf[] memory _l) internal view returns (bytes32[] memory leaves_) {
        leaves_ = new bytes32[](_l.length);
        for (uint256 i; i < _l.length; ++i) {
            leaves_[i] = bridge.balanceLeaf(_l[i]);
        }
    }

    function _frozenRollup() internal returns (Types.RollupHeader memory h_, bytes32 hash_) {
        vm.roll(block.number + 1);
        h_ = _header(genesis, enclaveA);
        h_.stateRoot = MerkleTree.root(_ledgerLeaves(_ledger()));
        hash_ = _submit(h_, _noHints());
    }

    function test_freeze_exitEveryBalance_succeeds() public {
        (Types.RollupHeader memory h, bytes32 hash) = _frozenRollup();
        vm.prank(council);
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.Frozen(hash, 1, h.stateRoot, 3, h.depositAcc);
        bridge.freeze(h);

        Types.BalanceLeaf[] memory ledger = _ledger();
        bytes32[] memory leaves = _ledgerLeaves(ledger);
        for (uint256 i; i < ledger.length; ++i) {
            vm.prank(relayer);
            bridge.exitWithBalanceProof(ledger[i], MerkleTree.proof(leaves, i));
        }
        assertEq(alice.balance, 90 ether + 7 ether);
        assertEq(bob.balance, 3 ether);
        assertEq(token.balanceOf(alice), 600);
        assertEq(token.balanceOf(bob), 400);
        assertEq(nft.ownerOf(42), bob);
        assertEq(address(bridge).balance, 0);
        assertEq(token.balanceOf(address(bridge)), 0);

        // each balance exits once
        bytes32[] memory proof = MerkleTree.proof(leaves, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_AlreadyExited.selector, bridge.exitKey(ledger[0]))
        );
        bridge.exitWithBalanceProof(ledger[0], proof);
    }

    function test_freeze_stopsDepositsAndRollups_succeeds() public {
        (Types.RollupHeader memory h, bytes32 hash) = _frozenRollup();
        vm.prank(council);
        bridge.freeze(h);
        vm.prank(alice);
        vm.expectRevert(IBridgeManagement.BridgeManagement_DepositsClosed.selector);
        bridge.depositETH{ value: 1 ether }(alice);
        vm.roll(block.number + 1);
        Types.RollupHeader memory next = _header(hash, enclaveA);
        bytes memory sig = _sign(next, ENCLAVE_A_KEY);
        vm.prank(operatorA);
        vm.expectRevert(IRollupManagement.RollupManagement_Halted.selector);
        rollups.submitRollup(next, sig, PAYLOAD, _noHints());
        (bool halted, uint64 frozenNumber) = rollups.halted();
        assertTrue(halted);
        assertEq(frozenNumber, 1);
    }

    function test_freeze_notCouncilOrTwice_reverts() public {
        (Types.RollupHeader memory h, ) = _frozenRollup();
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotCouncil.selector, governance));
        bridge.freeze(h);
        vm.prank(council);
        bridge.freeze(h);
        vm.prank(council);
        vm.expectRevert(IBridgeManagement.BridgeManagement_AlreadyFrozen.selector);
        bridge.freeze(h);
    }

    function test_freeze_nonCanonicalRollup_reverts() public {
        Types.Withdrawal[] memory none = new Types.Withdrawal[](0);
        (, bytes32 a1) = _rollupWith(genesis, enclaveA, none, bytes32(0));
        (Types.RollupHeader memory hb, bytes32 b1) = _rollupWith(genesis, enclaveB, none, a1);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_NotCanonical.selector, b1));
        bridge.freeze(hb);
    }

    function test_freeze_olderThanAPaidWithdrawal_reverts() public {
        Types.Withdrawal[] memory w = _withdrawals();
        Types.Withdrawal[] memory none = new Types.Withdrawal[](0);
        (Types.RollupHeader memory h1, bytes32 r1) = _rollupWith(genesis, enclaveA, none, bytes32(0));
        (Types.RollupHeader memory h2, bytes32 r2) = _rollupWith(r1, enclaveA, w, bytes32(0));
        vm.roll(rollups.rollup(r2).finalAt);
        _finalize(h2, w, 0);
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_FreezeBeforeWithdrawals.selector, 1, 2)
        );
        bridge.freeze(h1);
        (bool halted, ) = rollups.halted();
        assertFalse(halted, "nothing changed");
    }

    function test_freeze_pendingWithdrawalsUpToFrozenStayClaimable_succeeds() public {
        Types.Withdrawal[] memory w = _withdrawals();
        Types.Withdrawal[] memory none = new Types.Withdrawal[](0);
        (Types.RollupHeader memory h1, bytes32 r1) = _rollupWith(genesis, enclaveA, w, bytes32(0));
        (Types.RollupHeader memory h2, bytes32 r2) = _rollupWith(r1, enclaveA, none, bytes32(0));
        Types.Withdrawal[] memory late = new Types.Withdrawal[](1);
        late[0] = Types.Withdrawal(9, bob, Types.AssetKind.Eth, address(0), 1 ether);
        (Types.RollupHeader memory h3, bytes32 r3) = _rollupWith(r2, enclaveA, late, bytes32(0));
        vm.prank(council);
        bridge.freeze(h2);
        // r1 is not final, but it is on the frozen ledger's chain: claimable
        assertFalse(rollups.isFinal(r1));
        _finalize(h1, w, 1);
        assertEq(token.balanceOf(bob), 400);
        // r3 comes after the frozen rollup: never
        bytes32[] memory proof = MerkleTree.proof(_leaves(late), 0);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_AfterFrozenRollup.selector, r3, 2));
        bridge.finalizeWithdrawal(h3, late[0], proof);
    }

    function test_refundDeposit_lateDepositsGoBack_succeeds() public {
        (Types.RollupHeader memory h, ) = _frozenRollup(); // consumed deposits 0..2
        // two late deposits in a later block
        vm.roll(block.number + 1);
        (uint64 countBefore, bytes32 accBefore, uint64 lastBlockBefore, uint64 seq) = bridge.depositQueue();
        vm.deal(bob, 5 ether);
        vm.startPrank(bob);
        bridge.depositETH{ value: 2 ether }(bob);
        bridge.depositETH{ value: 3 ether }(alice);
        vm.stopPrank();
        vm.prank(council);
        bridge.freeze(h);

        IBridgeManagement.DepositRangeProof memory p;
        p.start = IBridgeManagement.QueuePoint(
            IBridgeManagement.QueuePointKind.Checkpoint,
            seq,
            lastBlockBefore,
            uint64(block.number),
            countBefore,
            accBefore
        );
        (uint64 countAfter, bytes32 accAfter, , ) = bridge.depositQueue();
        p.end = IBridgeManagement.QueuePoint(IBridgeManagement.QueuePointKind.Latest, 0, 0, 0, countAfter, accAfter);
        p.deposits = new Types.QueuedDeposit[](2);
        p.deposits[0] = Types.QueuedDeposit(Types.AssetKind.Eth, bob, bob, address(0), 2 ether);
        p.deposits[1] = Types.QueuedDeposit(Types.AssetKind.Eth, bob, alice, address(0), 3 ether);

        vm.expectEmit(address(bridge));
        emit IBridgeManagement.DepositRefunded(3, bob, Types.AssetKind.Eth, address(0), 2 ether);
        bridge.refundDeposit(3, p);
        bridge.refundDeposit(4, p);
        assertEq(bob.balance, 5 ether, "the depositor, not the L2 recipient, gets it back");

        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_AlreadyRefunded.selector, 3));
        bridge.refundDeposit(3, p);
    }

    function test_refundDeposit_fromFrozenPointAfterRingWrapped_succeeds() public {
        (Types.RollupHeader memory h, ) = _frozenRollup(); // consumed deposits 0..2
        // 300 late deposit blocks: every checkpoint near the frozen count is overwritten
        vm.deal(bob, 300);
        vm.startPrank(bob);
        for (uint256 i; i < 300; ++i) {
            vm.roll(block.number + 1);
            bridge.depositETH{ value: 1 }(bob);
        }
        vm.stopPrank();
        vm.prank(council);
        bridge.freeze(h);
        assertEq(bridge.frozenDepositAcc(), h.depositAcc);

        IBridgeManagement.DepositRangeProof memory p;
        p.start = IBridgeManagement.QueuePoint(
            IBridgeManagement.QueuePointKind.Frozen,
            0,
            0,
            0,
            h.depositCount,
            h.depositAcc
        );
        (uint64 countAfter, bytes32 accAfter, , ) = bridge.depositQueue();
        p.end = IBridgeManagement.QueuePoint(IBridgeManagement.QueuePointKind.Latest, 0, 0, 0, countAfter, accAfter);
        p.deposits = new Types.QueuedDeposit[](300);
        for (uint256 i; i < 300; ++i) {
            p.deposits[i] = Types.QueuedDeposit(Types.AssetKind.Eth, bob, bob, address(0), 1);
        }
        bridge.refundDeposit(3, p);
        bridge.refundDeposit(302, p);
        assertEq(bob.balance, 2);

        // a start the bridge does not know (not the frozen point, not a live checkpoint) is refused
        p.start.acc = keccak256("somewhere else");
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_UnknownQueuePoint.selector,
                IBridgeManagement.QueuePointKind.Frozen,
                h.depositCount
            )
        );
        bridge.refundDeposit(4, p);
    }

    function test_refundDeposit_consumedOrForgedOrNotFrozen_reverts() public {
        (Types.RollupHeader memory h, ) = _frozenRollup();
        IBridgeManagement.DepositRangeProof memory p;
        vm.expectRevert(IBridgeManagement.BridgeManagement_NotFrozen.selector);
        bridge.refundDeposit(0, p);

        vm.roll(block.number + 1);
        (uint64 countBefore, bytes32 accBefore, uint64 lastBlockBefore, uint64 seq) = bridge.depositQueue();
        vm.deal(bob, 2 ether);
        vm.prank(bob);
        bridge.depositETH{ value: 2 ether }(bob);
        vm.prank(council);
        bridge.freeze(h);

        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_DepositInLedger.selector, 0, 3));
        bridge.refundDeposit(0, p);

        // a forged deposit (bigger amount) does not chain to the queue's accumulator
        p.start = IBridgeManagement.QueuePoint(
            IBridgeManagement.QueuePointKind.Checkpoint,
            seq,
            lastBlockBefore,
            uint64(block.number),
            countBefore,
            accBefore
        );
        (uint64 countAfter, bytes32 accAfter, , ) = bridge.depositQueue();
        p.end = IBridgeManagement.QueuePoint(IBridgeManagement.QueuePointKind.Latest, 0, 0, 0, countAfter, accAfter);
        p.deposits = new Types.QueuedDeposit[](1);
        p.deposits[0] = Types.QueuedDeposit(Types.AssetKind.Eth, bob, bob, address(0), 20 ether);
        vm.expectRevert(IBridgeManagement.BridgeManagement_InvalidDepositRange.selector);
        bridge.refundDeposit(3, p);
        assertEq(bob.balance, 0);
    }

    function test_exitWithBalanceProof_beforeFreezeOrForged_reverts() public {
        (Types.RollupHeader memory h, ) = _frozenRollup();
        Types.BalanceLeaf[] memory ledger = _ledger();
        bytes32[] memory proof = MerkleTree.proof(_ledgerLeaves(ledger), 0);
        vm.expectRevert(IBridgeManagement.BridgeManagement_NotFrozen.selector);
        bridge.exitWithBalanceProof(ledger[0], proof);
        vm.prank(council);
        bridge.freeze(h);
        ledger[0].amountOrId = 8 ether;
        vm.expectRevert(IBridgeManagement.BridgeManagement_InvalidProof.selector);
        bridge.exitWithBalanceProof(ledger[0], proof);
    }
}

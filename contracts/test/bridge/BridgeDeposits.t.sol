// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { IERC721Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { Initializable } from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupTestBase } from "../rollup/RollupTestBase.sol";
import {
    FalseReturningERC20,
    FeeOnTransferERC20,
    NoReturnERC20,
    ReentrantERC20,
    TestERC20,
    TestERC721
} from "./mocks/TestTokens.sol";

contract BridgeDepositsTest is RollupTestBase {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public override {
        super.setUp();
        vm.deal(alice, 100 ether);
    }

    // ─────────────────────────────────────────────────────────────── ETH

    function test_depositETH_queuesAndCheckpoints_succeeds() public {
        bytes32 expectedAcc = bridge.depositAccumulatorStep(
            bytes32(0),
            0,
            Types.AssetKind.Eth,
            alice,
            bob,
            address(0),
            1 ether
        );
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.DepositCheckpointed(0, 0, uint64(block.number), 0, bytes32(0));
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.DepositQueued(0, alice, bob, Types.AssetKind.Eth, address(0), 1 ether, expectedAcc);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);

        (uint64 count, bytes32 acc, uint64 lastBlock, uint64 checkpoints) = bridge.depositQueue();
        assertEq(count, 1);
        assertEq(acc, expectedAcc);
        assertEq(lastBlock, block.number);
        assertEq(checkpoints, 1);
        assertEq(address(bridge).balance, 1 ether);
        assertEq(
            bridge.depositCheckpoint(0),
            keccak256(abi.encode(uint64(0), uint64(block.number), uint64(0), bytes32(0)))
        );
    }

    function test_depositETH_secondInSameBlockWritesNoCheckpoint_succeeds() public {
        vm.startPrank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        vm.recordLogs();
        bridge.depositETH{ value: 2 ether }(bob);
        vm.stopPrank();
        assertEq(vm.getRecordedLogs().length, 1, "only DepositQueued");
        (uint64 count, , , uint64 checkpoints) = bridge.depositQueue();
        assertEq(count, 2);
        assertEq(checkpoints, 1);
    }

    function test_depositETH_nextBlockCheckpointsPreviousBlock_succeeds() public {
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        uint64 first = uint64(block.number);
        (, bytes32 accAfterFirst, , ) = bridge.depositQueue();
        vm.roll(block.number + 5);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        assertEq(
            bridge.depositCheckpoint(1),
            keccak256(abi.encode(first, uint64(block.number), uint64(1), accAfterFirst))
        );
    }

    function test_receive_creditsSender_succeeds() public {
        vm.expectEmit(true, true, true, false, address(bridge));
        emit IBridgeManagement.DepositQueued(0, alice, alice, Types.AssetKind.Eth, address(0), 3 ether, 0);
        vm.prank(alice);
        (bool ok, ) = address(bridge).call{ value: 3 ether }("");
        assertTrue(ok);
        (uint64 count, , , ) = bridge.depositQueue();
        assertEq(count, 1);
    }

    function test_depositETH_zeroValue_reverts() public {
        vm.prank(alice);
        vm.expectRevert(IBridgeManagement.BridgeManagement_ZeroAmount.selector);
        bridge.depositETH{ value: 0 }(bob);
        _assertQueueEmpty();
    }

    function test_depositETH_zeroRecipient_reverts() public {
        vm.prank(alice);
        vm.expectRevert(IBridgeManagement.BridgeManagement_ZeroRecipient.selector);
        bridge.depositETH{ value: 1 ether }(address(0));
        _assertQueueEmpty();
        assertEq(address(bridge).balance, 0);
    }

    // ─────────────────────────────────────────────────────────────── ERC20

    function test_depositERC20_credits_succeeds() public {
        TestERC20 token = new TestERC20();
        token.mint(alice, 100);
        vm.startPrank(alice);
        token.approve(address(bridge), 100);
        vm.expectEmit(true, true, true, false, address(bridge));
        emit IBridgeManagement.DepositQueued(0, alice, bob, Types.AssetKind.Erc20, address(token), 60, 0);
        bridge.depositERC20(address(token), 60, bob);
        vm.stopPrank();
        assertEq(token.balanceOf(address(bridge)), 60);
        assertEq(token.balanceOf(alice), 40);
    }

    function test_depositERC20_feeOnTransferCreditsReceived_succeeds() public {
        FeeOnTransferERC20 token = new FeeOnTransferERC20();
        token.mint(alice, 1000);
        vm.startPrank(alice);
        token.approve(address(bridge), 1000);
        bridge.depositERC20(address(token), 1000, bob);
        vm.stopPrank();
        (, bytes32 acc, , ) = bridge.depositQueue();
        assertEq(token.balanceOf(address(bridge)), 990);
        assertEq(
            acc,
            bridge.depositAccumulatorStep(bytes32(0), 0, Types.AssetKind.Erc20, alice, bob, address(token), 990)
        );
    }

    function test_depositERC20_tokenReturningNothing_succeeds() public {
        NoReturnERC20 token = new NoReturnERC20();
        token.mint(alice, 50);
        vm.startPrank(alice);
        token.approve(address(bridge), 50);
        bridge.depositERC20(address(token), 50, bob);
        vm.stopPrank();
        assertEq(token.balanceOf(address(bridge)), 50);
    }

    function test_depositERC20_tokenReturningFalse_reverts() public {
        FalseReturningERC20 token = new FalseReturningERC20();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(token)));
        bridge.depositERC20(address(token), 1, bob);
        _assertQueueEmpty();
    }

    function test_depositERC20_notAContract_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidToken.selector, bob));
        bridge.depositERC20(bob, 1, bob);
    }

    function test_depositERC20_zeroAmount_reverts() public {
        TestERC20 token = new TestERC20();
        vm.prank(alice);
        vm.expectRevert(IBridgeManagement.BridgeManagement_ZeroAmount.selector);
        bridge.depositERC20(address(token), 0, bob);
    }

    function test_depositERC20_reentrancy_reverts() public {
        ReentrantERC20 token = new ReentrantERC20();
        token.mint(alice, 100);
        vm.deal(address(token), 1 ether);
        token.arm(address(bridge), abi.encodeCall(IBridgeManagement.depositETH, (bob)));
        vm.startPrank(alice);
        token.approve(address(bridge), 100);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        bridge.depositERC20(address(token), 100, bob);
        vm.stopPrank();
        _assertQueueEmpty();
    }

    function testFuzz_depositERC20_amounts_succeeds(uint256 _amount) public {
        _amount = bound(_amount, 1, type(uint128).max);
        TestERC20 token = new TestERC20();
        token.mint(alice, _amount);
        vm.startPrank(alice);
        token.approve(address(bridge), _amount);
        bridge.depositERC20(address(token), _amount, bob);
        vm.stopPrank();
        assertEq(token.balanceOf(address(bridge)), _amount);
    }

    // ─────────────────────────────────────────────────────────────── ERC721

    function test_depositERC721_credits_succeeds() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 7);
        vm.startPrank(alice);
        nft.approve(address(bridge), 7);
        vm.expectEmit(true, true, true, false, address(bridge));
        emit IBridgeManagement.DepositQueued(0, alice, bob, Types.AssetKind.Erc721, address(nft), 7, 0);
        bridge.depositERC721(address(nft), 7, bob);
        vm.stopPrank();
        assertEq(nft.ownerOf(7), address(bridge));
        assertTrue(bridge.isErc721Held(address(nft), 7));
    }

    function test_depositERC721_notOwned_reverts() public {
        TestERC721 nft = new TestERC721();
        nft.mint(bob, 7);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(bridge), 7));
        bridge.depositERC721(address(nft), 7, bob);
        _assertQueueEmpty();
    }

    function test_safeTransferFrom_toBridgeCreditsSenderOrDataRecipient_succeeds() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        nft.mint(alice, 2);
        vm.startPrank(alice);
        vm.expectEmit(true, true, true, false, address(bridge));
        emit IBridgeManagement.DepositQueued(0, alice, alice, Types.AssetKind.Erc721, address(nft), 1, 0);
        nft.safeTransferFrom(alice, address(bridge), 1);
        vm.expectEmit(true, true, true, false, address(bridge));
        emit IBridgeManagement.DepositQueued(1, alice, bob, Types.AssetKind.Erc721, address(nft), 2, 0);
        nft.safeTransferFrom(alice, address(bridge), 2, abi.encode(bob));
        vm.stopPrank();
        assertTrue(bridge.isErc721Held(address(nft), 2));
    }

    function test_safeTransferFrom_abiEncodedAddressWithHighBits_reverts() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        // 32 bytes that are not an address (the high 12 bytes set)
        bytes memory data = abi.encodePacked(bytes12(0xffffffffffffffffffffffff), bob);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidErc721Data.selector, 32));
        nft.safeTransferFrom(alice, address(bridge), 1, data);
        assertEq(nft.ownerOf(1), alice, "the token never moved");
        _assertQueueEmpty();
    }

    function test_safeTransferFrom_packedAddressData_reverts() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidErc721Data.selector, 20));
        nft.safeTransferFrom(alice, address(bridge), 1, abi.encodePacked(bob));
        assertEq(nft.ownerOf(1), alice, "the token never moved");
        _assertQueueEmpty();
    }

    function test_safeTransferFrom_sixtyFourBytesData_reverts() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidErc721Data.selector, 64));
        nft.safeTransferFrom(alice, address(bridge), 1, abi.encode(bob, uint256(7)));
        assertEq(nft.ownerOf(1), alice, "the token never moved");
        _assertQueueEmpty();
    }

    function testFuzz_safeTransferFrom_dataOtherThanEmptyOrOneAddress_reverts(bytes calldata _data) public {
        vm.assume(_data.length != 0);
        vm.assume(_data.length != 32 || uint256(bytes32(_data)) >> 160 != 0);
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidErc721Data.selector, _data.length)
        );
        nft.safeTransferFrom(alice, address(bridge), 1, _data);
        assertEq(nft.ownerOf(1), alice, "the token never moved");
    }

    function test_onERC721Received_directCallWithoutTransfer_reverts() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        vm.prank(address(nft));
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_Erc721NotReceived.selector, address(nft), 1)
        );
        bridge.onERC721Received(alice, alice, 1, "");
    }

    function test_onERC721Received_replayForHeldToken_reverts() public {
        TestERC721 nft = new TestERC721();
        nft.mint(alice, 1);
        vm.prank(alice);
        nft.safeTransferFrom(alice, address(bridge), 1);
        vm.prank(address(nft));
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_Erc721NotReceived.selector, address(nft), 1)
        );
        bridge.onERC721Received(alice, alice, 1, "");
        (uint64 count, , , ) = bridge.depositQueue();
        assertEq(count, 1);
    }

    // ─────────────────────────────────────────────────────────────── rollup checks

    function test_checkDepositsConsumed_currentState_succeeds() public {
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        (uint64 count, bytes32 acc, , ) = bridge.depositQueue();
        vm.roll(block.number + 1);
        bridge.checkDepositsConsumed(uint64(block.number - 1), count, acc, Types.DepositCheckpoint(0, 0, 0));
    }

    function test_checkDepositsConsumed_viaCheckpoint_succeeds() public {
        uint64 b1 = uint64(block.number);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        (, bytes32 acc1, , ) = bridge.depositQueue();
        vm.roll(block.number + 3);
        uint64 b2 = uint64(block.number);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        vm.roll(block.number + 1);
        // rollups built on b1, b1+1 and b1+2 consumed exactly one deposit: checkpoint 1
        for (uint64 n = b1; n < b2; ++n) {
            bridge.checkDepositsConsumed(n, 1, acc1, Types.DepositCheckpoint(1, b1, b2));
        }
        // before b1: the empty queue, checkpoint 0
        bridge.checkDepositsConsumed(b1 - 1, 0, bytes32(0), Types.DepositCheckpoint(0, 0, b1));
    }

    function test_checkDepositsConsumed_predictedHintAfterDepositInSameBlock_succeeds() public {
        vm.deal(bob, 1 ether);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        vm.roll(block.number + 1);
        // a publisher builds on the previous block and sees no deposit after it: it predicts the
        // checkpoint the next deposit block will write (untilBlock unknown: 0)
        uint64 built = uint64(block.number - 1);
        (uint64 count, bytes32 acc, uint64 lastBlock, uint64 checkpoints) = bridge.depositQueue();
        Types.DepositCheckpoint memory hint = Types.DepositCheckpoint(checkpoints, lastBlock, 0);
        bridge.checkDepositsConsumed(built, count, acc, hint);
        // a 1-wei deposit lands ahead of the rollup in the same L1 block
        vm.prank(bob);
        bridge.depositETH{ value: 1 }(bob);
        bridge.checkDepositsConsumed(built, count, acc, hint);
        // and more deposits in that block change nothing
        vm.prank(bob);
        bridge.depositETH{ value: 1 }(alice);
        bridge.checkDepositsConsumed(built, count, acc, hint);
    }

    function test_checkDepositsConsumed_predictedHintOverwrittenByLaterDepositBlock_reverts() public {
        vm.deal(bob, 1 ether);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        vm.roll(block.number + 1);
        uint64 built = uint64(block.number - 1);
        (uint64 count, bytes32 acc, uint64 lastBlock, uint64 checkpoints) = bridge.depositQueue();
        Types.DepositCheckpoint memory hint = Types.DepositCheckpoint(checkpoints, lastBlock, 0);
        vm.prank(bob);
        bridge.depositETH{ value: 1 }(bob);
        uint64 firstAfter = uint64(block.number);
        vm.roll(block.number + 1);
        vm.prank(bob);
        bridge.depositETH{ value: 1 }(bob);
        // the predicted checkpoint is no longer the latest: the publisher must name it in full
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_CheckpointOutOfRange.selector,
                checkpoints,
                lastBlock,
                0,
                built
            )
        );
        bridge.checkDepositsConsumed(built, count, acc, hint);
        hint.untilBlock = firstAfter;
        bridge.checkDepositsConsumed(built, count, acc, hint);
    }

    function test_checkDepositsConsumed_checkpointNotCoveringBlock_reverts() public {
        uint64 b1 = uint64(block.number);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        (, bytes32 acc1, , ) = bridge.depositQueue();
        vm.roll(block.number + 3);
        uint64 b2 = uint64(block.number);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        // checkpoint 1 covers [b1, b2); a rollup built on b1 - 1 must use checkpoint 0
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_CheckpointOutOfRange.selector, 1, b1, b2, b1 - 1)
        );
        bridge.checkDepositsConsumed(b1 - 1, 1, acc1, Types.DepositCheckpoint(1, b1, b2));
    }

    function testFuzz_checkDepositsConsumed_forgedCheckpoint_reverts(uint64 _count, bytes32 _acc) public {
        uint64 b1 = uint64(block.number);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        (, bytes32 acc1, , ) = bridge.depositQueue();
        vm.assume(_count != 1 || _acc != acc1);
        vm.roll(block.number + 3);
        uint64 b2 = uint64(block.number);
        vm.prank(alice);
        bridge.depositETH{ value: 1 ether }(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_DepositMismatch.selector, b1, _count, _acc)
        );
        bridge.checkDepositsConsumed(b1, _count, _acc, Types.DepositCheckpoint(1, b1, b2));
    }

    // ─────────────────────────────────────────────────────────────── checkpoint ring

    function test_initialize_fillsEveryRingSlot_succeeds() public view {
        // 256 slots hold the placeholder (nonzero, so the first deposit of a block overwrites
        // instead of creating a slot); none reads as a written checkpoint
        bytes32 base = _checkpointRingBase();
        for (uint256 i; i < 256; ++i) {
            assertEq(vm.load(address(bridge), keccak256(abi.encode(i, base))), bytes32(uint256(1)));
            assertEq(bridge.depositCheckpoint(i), bytes32(0));
        }
        assertEq(vm.load(address(bridge), keccak256(abi.encode(uint256(256), base))), bytes32(0));
    }

    function test_depositETH_ringOverwritesOldestCheckpoint_succeeds() public {
        // checkpoints 0..256: 257 deposit blocks; checkpoint 256 takes checkpoint 0's slot
        uint64 firstBlock = uint64(block.number);
        vm.startPrank(alice);
        for (uint256 i; i < 257; ++i) {
            bridge.depositETH{ value: 1 }(bob);
            vm.roll(block.number + 1);
        }
        vm.stopPrank();
        (, , , uint64 written) = bridge.depositQueue();
        assertEq(written, 257);
        assertEq(bridge.depositCheckpoint(0), bytes32(0), "overwritten");
        assertEq(bridge.depositCheckpoint(257), bytes32(0), "not written yet");
        assertEq(
            bridge.depositCheckpoint(256),
            vm.load(address(bridge), keccak256(abi.encode(uint256(0), _checkpointRingBase())))
        );
        assertTrue(bridge.depositCheckpoint(1) != bytes32(0), "still in the ring");
        // checkpoint 0 (the empty queue before firstBlock) is no longer accepted
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_DepositMismatch.selector, 0, 0, bytes32(0))
        );
        bridge.checkDepositsConsumed(0, 0, bytes32(0), Types.DepositCheckpoint(0, 0, firstBlock));
    }

    function testFuzz_checkDepositsConsumed_everyBlockInWindowIsProvable_succeeds(uint8 _gap) public {
        // one deposit in each of 300 consecutive blocks (more than the ring): a rollup built on any
        // block still inside the blockhash window proves its count through a live checkpoint
        vm.startPrank(alice);
        uint64 start = uint64(block.number);
        bytes32[] memory accs = new bytes32[](300);
        for (uint256 d; d < 300; ++d) {
            bridge.depositETH{ value: 1 }(bob);
            (, accs[d], , ) = bridge.depositQueue();
            vm.roll(block.number + 1);
        }
        vm.stopPrank();
        // the rollup's block: at most 256 back from the current block
        uint64 l1Block = uint64(block.number) - 1 - uint64(_gap);
        uint64 i = l1Block - start; // deposit i happened in l1Block: checkpoint i+1 covers it
        if (l1Block == uint64(block.number) - 1) {
            bridge.checkDepositsConsumed(l1Block, i + 1, accs[i], Types.DepositCheckpoint(0, 0, 0));
        } else {
            bridge.checkDepositsConsumed(l1Block, i + 1, accs[i], Types.DepositCheckpoint(i + 1, l1Block, l1Block + 1));
        }
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        bridge.initialize(governance, council);
    }

    /// @dev The mapping slot of the checkpoint ring: BridgeStorage's queue is at the namespace root,
    ///      `Hot` takes one slot, `acc` one, then the mapping.
    function _checkpointRingBase() internal pure returns (bytes32) {
        return bytes32(uint256(0x2ef2d288a957280cbb810ffb6f95ca53ba0e772e6a14ad42582c1ccb81fe9e00) + 2);
    }

    function _assertQueueEmpty() internal view {
        (uint64 count, bytes32 acc, , uint64 checkpoints) = bridge.depositQueue();
        assertEq(count, 0);
        assertEq(acc, bytes32(0));
        assertEq(checkpoints, 0);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupTestBase } from "../rollup/RollupTestBase.sol";

/// @notice Exit-mode refunds after a long rollup outage: the checkpoint ring has wrapped far past
///         the frozen rollup, and refund points recorded in chunks, walking back from the queue's
///         latest state, keep every refund to at most `REFUND_POINT_INTERVAL` deposits.
contract BridgeRefundsTest is RollupTestBase {
    using RefundModel for RefundModel.Queue;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal keeper = makeAddr("keeper");

    RefundModel.Queue internal model;
    bytes32 internal genesis;

    function setUp() public override {
        super.setUp();
        genesis = rollups.genesisHash();
        model.init();
    }

    // ─────────────────────────────────────────────────────────────── helpers

    /// @dev Deposits `_perBlock` ETH deposits (from rotating depositors) in each of `_blocks` new L1 blocks.
    function _depositBlocks(uint256 _blocks, uint256 _perBlock) internal {
        for (uint256 b; b < _blocks; ++b) {
            vm.roll(block.number + 1);
            for (uint256 i; i < _perBlock; ++i) {
                address from = _depositor(model.deposits.length);
                uint256 amount = 1 + (model.deposits.length % 7);
                vm.deal(from, from.balance + amount);
                vm.prank(from);
                bridge.depositETH{ value: amount }(bob);
                model.append(bridge, Types.QueuedDeposit(Types.AssetKind.Eth, from, bob, address(0), amount));
            }
        }
    }

    function _depositor(uint256 _i) internal pure returns (address) {
        return address(uint160(0xD000 + (_i % 50)));
    }

    /// @dev A rollup on genesis consuming every deposit so far, then `_gapBlocks` of outage
    ///      deposits, then a freeze on it.
    function _freezeAfterOutage(
        uint256 _consumedBlocks,
        uint256 _gapBlocks,
        uint256 _perBlock
    ) internal returns (Types.RollupHeader memory h_) {
        _depositBlocks(_consumedBlocks, _perBlock);
        vm.roll(block.number + 1);
        h_ = _header(genesis, enclaveA);
        _submit(h_, _noHints());
        _depositBlocks(_gapBlocks, _perBlock);
        vm.prank(council);
        bridge.freeze(h_);
    }

    /// @dev Records points walking back from the latest state in chunks of `_chunk` deposits.
    function _recordAll(uint64 _frozenCount, uint256 _chunk) internal returns (uint256 chunks_) {
        IBridgeManagement.QueuePoint memory end = model.point(IBridgeManagement.QueuePointKind.Latest, model.count());
        while (end.count > _frozenCount) {
            uint64 start = end.count - _frozenCount > _chunk ? end.count - uint64(_chunk) : _frozenCount;
            vm.prank(keeper);
            bridge.recordRefundPoints(start, model.accAt[start], model.slice(start, end.count), end);
            end = model.point(IBridgeManagement.QueuePointKind.Recorded, start);
            ++chunks_;
        }
    }

    /// @dev The proof for `_index` from the points `_recordAll(_frozenCount, _chunk)` recorded:
    ///      the frozen count, each chunk start (latest - k * chunk) and every multiple of the
    ///      interval; the end is the next such point, or the latest state.
    function _recordedProof(
        uint64 _index,
        uint64 _frozenCount,
        uint256 _chunk
    ) internal view returns (IBridgeManagement.DepositRangeProof memory p_) {
        uint64 interval = bridge.REFUND_POINT_INTERVAL();
        uint64 latest = model.count();
        uint64 chunk = uint64(_chunk);
        uint64 start = _frozenCount;
        uint64 multiple = (_index / interval) * interval;
        if (multiple > start) start = multiple;
        uint64 k = (latest - _index + chunk - 1) / chunk; // the chunk holding `_index` starts at latest - k * chunk
        uint64 chunkStart = k * chunk <= latest ? latest - k * chunk : 0;
        if (chunkStart > start && chunkStart <= _index) start = chunkStart;
        uint64 end = (_index / interval + 1) * interval;
        uint64 nextChunkStart = latest - (k - 1) * chunk;
        if (nextChunkStart > _index && nextChunkStart < end) end = nextChunkStart;
        if (end >= latest) end = latest;
        p_.start = model.point(
            start == _frozenCount ? IBridgeManagement.QueuePointKind.Frozen : IBridgeManagement.QueuePointKind.Recorded,
            start
        );
        p_.end =
            end == latest
                ? model.point(IBridgeManagement.QueuePointKind.Latest, end)
                : model.point(IBridgeManagement.QueuePointKind.Recorded, end);
        p_.deposits = model.slice(start, end);
    }

    // ─────────────────────────────────────────────────────────────── recordRefundPoints

    function test_recordRefundPoints_ringWrappedFarPastFrozenRollup_everyDepositRefunded_succeeds() public {
        // 4 deposits consumed by the frozen rollup, then 300 outage blocks of 4 deposits each
        Types.RollupHeader memory h = _freezeAfterOutage(1, 300, 4);
        uint64 frozenCount = h.depositCount;
        assertEq(frozenCount, 4);
        (, , , uint64 checkpoints) = bridge.depositQueue();
        assertGt(checkpoints, 256 + 1, "the ring wrapped past the frozen rollup's checkpoint");

        uint256 chunks = _recordAll(frozenCount, 256);
        assertEq(chunks, 5);
        uint256 vaultBefore = address(bridge).balance;
        uint256 refunded;
        uint64 interval = bridge.REFUND_POINT_INTERVAL();
        for (uint64 i = frozenCount; i < model.count(); ++i) {
            IBridgeManagement.DepositRangeProof memory p = _recordedProof(i, frozenCount, 256);
            assertLe(p.deposits.length, interval, "a refund carries at most one interval");
            Types.QueuedDeposit memory d = model.deposits[i];
            uint256 before = d.from.balance;
            bridge.refundDeposit(i, p);
            assertEq(d.from.balance, before + d.amountOrId);
            refunded += d.amountOrId;
        }
        assertEq(address(bridge).balance, vaultBefore - refunded);
        assertEq(address(bridge).balance, model.sum(0, frozenCount), "only the frozen ledger's deposits remain");
    }

    function test_recordRefundPoints_emitsAndStoresChunkStartAndMultiples_succeeds() public {
        Types.RollupHeader memory h = _freezeAfterOutage(1, 30, 5); // 5 consumed, 150 late
        uint64 latest = model.count();
        assertEq(latest, 155);
        IBridgeManagement.QueuePoint memory end = model.point(IBridgeManagement.QueuePointKind.Latest, latest);
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.RefundPointsRecorded(70, latest, 3); // 70, 96, 128
        bridge.recordRefundPoints(70, model.accAt[70], model.slice(70, latest), end);
        assertEq(bridge.refundPoint(70), model.accAt[70]);
        assertEq(bridge.refundPoint(96), model.accAt[96]);
        assertEq(bridge.refundPoint(128), model.accAt[128]);
        assertEq(bridge.refundPoint(71), bytes32(0));
        assertEq(bridge.refundPoint(64), bytes32(0));
        // a second chunk may end at a recorded point; overlapping points are not stored twice
        end = model.point(IBridgeManagement.QueuePointKind.Recorded, 96);
        vm.expectEmit(address(bridge));
        emit IBridgeManagement.RefundPointsRecorded(h.depositCount, 96, 3); // 5, 32, 64
        bridge.recordRefundPoints(h.depositCount, model.accAt[h.depositCount], model.slice(h.depositCount, 96), end);
        assertEq(bridge.refundPoint(32), model.accAt[32]);
    }

    function test_recordRefundPoints_forgedDeposit_reverts() public {
        _freezeAfterOutage(1, 20, 3);
        uint64 latest = model.count();
        Types.QueuedDeposit[] memory chunk = model.slice(10, latest);
        chunk[5].amountOrId += 1;
        IBridgeManagement.QueuePoint memory end = model.point(IBridgeManagement.QueuePointKind.Latest, latest);
        vm.expectRevert(IBridgeManagement.BridgeManagement_InvalidDepositRange.selector);
        bridge.recordRefundPoints(10, model.accAt[10], chunk, end);
        // a forged start accumulator with the real deposits does not chain either
        vm.expectRevert(IBridgeManagement.BridgeManagement_InvalidDepositRange.selector);
        bridge.recordRefundPoints(10, keccak256("forged"), model.slice(10, latest), end);
        assertEq(bridge.refundPoint(10), bytes32(0), "nothing stored");
        assertEq(bridge.refundPoint(32), bytes32(0), "nothing stored");
    }

    function test_recordRefundPoints_unknownEndOrWrongLength_reverts() public {
        _freezeAfterOutage(1, 20, 3);
        uint64 latest = model.count();
        // an end the bridge does not know: a point never recorded
        IBridgeManagement.QueuePoint memory end = model.point(IBridgeManagement.QueuePointKind.Recorded, 40);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_UnknownQueuePoint.selector,
                IBridgeManagement.QueuePointKind.Recorded,
                40
            )
        );
        bridge.recordRefundPoints(10, model.accAt[10], model.slice(10, 40), end);
        // the frozen point is a start, never an end
        end = model.point(IBridgeManagement.QueuePointKind.Frozen, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_UnknownQueuePoint.selector,
                IBridgeManagement.QueuePointKind.Frozen,
                3
            )
        );
        bridge.recordRefundPoints(3, model.accAt[3], model.slice(3, 10), end);
        // deposits that do not reach the end's count
        end = model.point(IBridgeManagement.QueuePointKind.Latest, latest);
        vm.expectRevert(IBridgeManagement.BridgeManagement_InvalidDepositRange.selector);
        bridge.recordRefundPoints(10, model.accAt[10], model.slice(10, latest - 1), end);
    }

    function test_recordRefundPoints_insideFrozenLedgerOrEmptyOrNotFrozen_reverts() public {
        _depositBlocks(3, 2);
        IBridgeManagement.QueuePoint memory end = model.point(IBridgeManagement.QueuePointKind.Latest, model.count());
        vm.expectRevert(IBridgeManagement.BridgeManagement_NotFrozen.selector);
        bridge.recordRefundPoints(0, bytes32(0), model.slice(0, model.count()), end);

        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(genesis, enclaveA);
        _submit(h, _noHints());
        _depositBlocks(2, 2);
        vm.prank(council);
        bridge.freeze(h);
        end = model.point(IBridgeManagement.QueuePointKind.Latest, model.count());
        // before the frozen rollup's deposit count: those deposits are in the ledger
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidRefundRange.selector, 5, 5, 6)
        );
        bridge.recordRefundPoints(5, model.accAt[5], model.slice(5, model.count()), end);
        // an empty chunk
        vm.expectRevert(
            abi.encodeWithSelector(IBridgeManagement.BridgeManagement_InvalidRefundRange.selector, 10, 0, 6)
        );
        bridge.recordRefundPoints(10, model.accAt[10], model.slice(10, 10), end);
    }

    // ─────────────────────────────────────────────────────────────── refund ranges

    function test_refundDeposit_latestStartOrUnrecordedStart_reverts() public {
        Types.RollupHeader memory h = _freezeAfterOutage(1, 10, 3);
        IBridgeManagement.DepositRangeProof memory p;
        p.start = model.point(IBridgeManagement.QueuePointKind.Latest, model.count());
        p.end = model.point(IBridgeManagement.QueuePointKind.Latest, model.count());
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_UnknownQueuePoint.selector,
                IBridgeManagement.QueuePointKind.Latest,
                model.count()
            )
        );
        bridge.refundDeposit(model.count() - 1, p);
        p.start = model.point(IBridgeManagement.QueuePointKind.Recorded, h.depositCount + 3);
        p.deposits = model.slice(h.depositCount + 3, model.count());
        vm.expectRevert(
            abi.encodeWithSelector(
                IBridgeManagement.BridgeManagement_UnknownQueuePoint.selector,
                IBridgeManagement.QueuePointKind.Recorded,
                h.depositCount + 3
            )
        );
        bridge.refundDeposit(h.depositCount + 3, p);
    }

    function test_refundDeposit_twiceFromDifferentPoints_reverts() public {
        Types.RollupHeader memory h = _freezeAfterOutage(1, 40, 2);
        _recordAll(h.depositCount, 50);
        uint64 index = 40;
        IBridgeManagement.DepositRangeProof memory p = _recordedProof(index, h.depositCount, 50);
        bridge.refundDeposit(index, p);
        // the same deposit proven from the frozen point instead
        p.start = model.point(IBridgeManagement.QueuePointKind.Frozen, h.depositCount);
        p.deposits = model.slice(h.depositCount, p.end.count);
        vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_AlreadyRefunded.selector, index));
        bridge.refundDeposit(index, p);
    }

    /// @notice Random outage lengths, deposits per block, frozen points and chunk sizes: once points
    ///         are recorded, every late deposit is refunded once, with at most one interval of
    ///         deposits per proof, and exactly the frozen ledger's deposits stay in the vault.
    /// hardhat-config: fuzz.runs = 64
    function testFuzz_refundDeposit_afterAnyOutage_everyDepositOnce_succeeds(
        uint16 _gapBlocks,
        uint8 _perBlock,
        uint8 _consumedBlocks,
        uint16 _chunk
    ) public {
        uint256 gapBlocks = bound(_gapBlocks, 1, 400);
        uint256 perBlock = bound(_perBlock, 1, 4);
        uint256 chunk = bound(_chunk, 1, 600);
        Types.RollupHeader memory h = _freezeAfterOutage(bound(_consumedBlocks, 0, 5), gapBlocks, perBlock);
        _recordAll(h.depositCount, chunk);
        uint64 interval = bridge.REFUND_POINT_INTERVAL();
        for (uint64 i = h.depositCount; i < model.count(); ++i) {
            IBridgeManagement.DepositRangeProof memory p = _recordedProof(i, h.depositCount, chunk);
            assertLe(p.deposits.length, interval);
            bridge.refundDeposit(i, p);
            assertTrue(bridge.isDepositRefunded(i));
        }
        assertEq(address(bridge).balance, model.sum(0, h.depositCount));
        if (model.count() > h.depositCount) {
            uint64 last = model.count() - 1;
            IBridgeManagement.DepositRangeProof memory again = _recordedProof(last, h.depositCount, chunk);
            vm.expectRevert(abi.encodeWithSelector(IBridgeManagement.BridgeManagement_AlreadyRefunded.selector, last));
            bridge.refundDeposit(last, again);
        }
    }
}

/// @notice The test's copy of the deposit queue: every deposit and the accumulator after each.
library RefundModel {
    struct Queue {
        Types.QueuedDeposit[] deposits;
        bytes32[] accAt;
    }

    function init(Queue storage _q) internal {
        _q.accAt.push(bytes32(0));
    }

    function append(Queue storage _q, IBridgeManagement _bridge, Types.QueuedDeposit memory _d) internal {
        uint64 index = uint64(_q.deposits.length);
        _q.accAt.push(
            _bridge.depositAccumulatorStep(_q.accAt[index], index, _d.kind, _d.from, _d.to, _d.token, _d.amountOrId)
        );
        _q.deposits.push(_d);
    }

    function count(Queue storage _q) internal view returns (uint64) {
        return uint64(_q.deposits.length);
    }

    function point(
        Queue storage _q,
        IBridgeManagement.QueuePointKind _kind,
        uint64 _count
    ) internal view returns (IBridgeManagement.QueuePoint memory p_) {
        p_.kind = _kind;
        p_.count = _count;
        p_.acc = _q.accAt[_count];
    }

    function slice(Queue storage _q, uint64 _from, uint64 _to) internal view returns (Types.QueuedDeposit[] memory s_) {
        s_ = new Types.QueuedDeposit[](_to - _from);
        for (uint256 i; i < s_.length; ++i) {
            s_[i] = _q.deposits[_from + i];
        }
    }

    function sum(Queue storage _q, uint64 _from, uint64 _to) internal view returns (uint256 total_) {
        for (uint256 i = _from; i < _to; ++i) {
            total_ += _q.deposits[i].amountOrId;
        }
    }
}

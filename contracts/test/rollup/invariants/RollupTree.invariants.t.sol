// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { RollupTestBase } from "../RollupTestBase.sol";
import { RollupTreeHandler } from "../handlers/RollupTreeHandler.sol";

/// @title Rollup tree invariants
/// @notice Over random sequences of deposits (one or several per L1 block), rollups on the head
///         (built on recent or slightly older L1 blocks, so deposit checkpoints are exercised),
///         forks at canonical rollups, extensions of any branch, contest resolution and time:
///         1. the canonical chain is a path from genesis: walking parents from the head visits
///            only canonical rollups, numbers fall by one each step, and it ends at genesis;
///         2. exactly head.number + 1 known rollups are canonical (no stray canonical rollup);
///         3. a rollup that was ever final is final forever;
///         4. the parent of a final rollup is final (finality is prefix-closed);
///         5. the bridge holds every wei deposited and the queue matches an independent model.
contract RollupTreeInvariants is RollupTestBase {
    RollupTreeHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RollupTreeHandler(bridge, rollups, [ENCLAVE_A_KEY, ENCLAVE_B_KEY], [operatorA, operatorB]);
        targetContract(address(handler));
    }

    function invariant_canonicalChainIsPathFromGenesis() public view {
        (bytes32 head, uint64 number) = rollups.canonicalHead();
        bytes32 genesis = rollups.genesisHash();
        bytes32 cursor = head;
        for (uint256 steps; steps <= number; ++steps) {
            assertTrue(rollups.isCanonical(cursor), "non-canonical rollup on the canonical path");
            assertEq(rollups.rollup(cursor).number, number - steps, "numbers fall by one");
            if (cursor == genesis) {
                assertEq(steps, number, "reached genesis at number 0");
                return;
            }
            cursor = handler.parentOf(cursor);
        }
        revert("the canonical path does not reach genesis");
    }

    function invariant_onlyThePathIsCanonical() public view {
        (, uint64 number) = rollups.canonicalHead();
        uint256 canonical;
        for (uint256 i; i < handler.rollupCount(); ++i) {
            if (rollups.isCanonical(handler.rollups(i))) ++canonical;
        }
        assertEq(canonical, uint256(number) + 1);
    }

    function invariant_finalityIsNeverRevoked() public view {
        assertEq(handler.finalityRevoked(), 0, "a rollup stopped being final between calls");
        for (uint256 i; i < handler.finalCount(); ++i) {
            assertTrue(rollups.isFinal(handler.finals(i)), "a once-final rollup is not final");
        }
    }

    function invariant_finalityIsPrefixClosed() public view {
        bytes32 genesis = rollups.genesisHash();
        for (uint256 i; i < handler.rollupCount(); ++i) {
            bytes32 h = handler.rollups(i);
            if (h == genesis || !rollups.isFinal(h)) continue;
            assertTrue(rollups.isFinal(handler.parentOf(h)), "final rollup with a non-final parent");
        }
    }

    function invariant_bridgeHoldsDepositsAndMatchesModel() public view {
        assertEq(address(bridge).balance, handler.ethDeposited());
        (uint64 count, bytes32 acc, , ) = bridge.depositQueue();
        assertEq(count, handler.depositCount());
        assertEq(acc, handler.depositAcc());
    }

    function afterInvariant() external {
        // The run must have exercised the tree, not only reverted.
        assertGt(handler.accepted(), 0, "no rollup was accepted in this run");
        emit log_named_uint("accepted", handler.accepted());
        emit log_named_uint("max branch id", handler.maxBranch());
        emit log_named_uint("max contests", handler.maxContests());
        emit log_named_uint("max canonical path length", handler.maxPathLength());
        emit log_named_uint("finals", handler.finalCount());
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { RollupTestBase } from "../../rollup/RollupTestBase.sol";
import { BridgeLedgerHandler } from "../handlers/BridgeLedgerHandler.sol";
import { TestERC20 } from "../mocks/TestTokens.sol";

/// @title Bridge ledger invariants
/// @notice Over random deposits (ETH and an ERC20), rollups carrying ledgers and withdrawals built
///         the way a node builds them, forks with conflicting withdrawals, relays of any
///         withdrawal of any rollup (replays included), a freeze on a random canonical rollup,
///         balance exits and refunds of late deposits (after the checkpoint ring has wrapped, with
///         refund points recorded in random chunks):
///         1. for every asset, the vault holds at least everything still claimable (and, with
///            plain tokens, exactly that);
///         2. nothing is paid twice: no withdrawal id, exit key or deposit index pays twice;
///         3. before exit mode, every payment came from a final canonical rollup, so the vault
///            never pays out more than was deposited;
///         4. every deposit outside the frozen ledger is refundable, and once refund points are
///            recorded down to the frozen rollup a refund carries at most `REFUND_POINT_INTERVAL`
///            deposits.
contract BridgeLedgerInvariants is RollupTestBase {
    BridgeLedgerHandler internal handler;
    TestERC20 internal token;

    function setUp() public override {
        super.setUp();
        token = new TestERC20();
        handler = new BridgeLedgerHandler(
            bridge,
            rollups,
            token,
            council,
            [ENCLAVE_A_KEY, ENCLAVE_B_KEY],
            [operatorA, operatorB]
        );
        targetContract(address(handler));
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 100
    function invariant_vaultCoversEverythingClaimable() public view {
        uint256 owedEth = handler.outstanding(0);
        uint256 owedToken = handler.outstanding(1);
        assertGe(address(bridge).balance, owedEth, "ETH vault short");
        assertGe(token.balanceOf(address(bridge)), owedToken, "token vault short");
        assertEq(address(bridge).balance, owedEth, "ETH vault holds exactly what is owed");
        assertEq(token.balanceOf(address(bridge)), owedToken, "token vault holds exactly what is owed");
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 100
    function invariant_nothingIsPaidTwice() public view {
        assertEq(handler.doublePayments(), 0);
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 100
    function invariant_everyLateDepositIsRefundable() public view {
        assertEq(handler.refundFailures(), 0, "a deposit outside the frozen ledger could not be refunded");
        assertEq(handler.recordFailures(), 0, "real deposits chained to a known point were refused");
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 100
    function invariant_refundsCarryAtMostOneInterval() public view {
        assertLe(handler.longestRecordedRefund(), bridge.REFUND_POINT_INTERVAL());
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 100
    function invariant_paidNeverExceedsDeposited() public view {
        assertLe(handler.paidOut(0), handler.deposited(0));
        assertLe(handler.paidOut(1), handler.deposited(1));
    }
}

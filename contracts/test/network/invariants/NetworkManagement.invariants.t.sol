// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { StdInvariant } from "forge-std/StdInvariant.sol";
import { INetworkRegistry } from "../../../src/interfaces/network/INetworkRegistry.sol";
import { NetworkHandler } from "../handlers/NetworkHandler.sol";
import { NetworkTestBase } from "../NetworkTestBase.sol";

/// @title NetworkManagement invariants
/// @notice Properties that hold after any sequence of stakes, stake increases, unstakes,
///         withdrawals, slashes (by RollupManagement or governance), host address changes, node
///         registrations, secret responses, cancellations and time:
///         1. the contract's token balance equals the sum of every operator's stake and unbonding
///            stake (nothing is stranded, nothing is owed that is not held);
///         2. tokens are conserved: staked in = withdrawn + slashed + still held;
///         3. every slash takes exactly min(requested, stake + unbonding);
///         4. an operator is in the host list exactly when its stake is non-zero, and each listed
///            operator's `hostIndex` points at its own entry;
///         5. the contract's ETH balance equals the fees held for nodes awaiting the secret.
contract NetworkManagementInvariants is NetworkTestBase {
    uint256 internal constant OPERATORS = 4;
    uint256 internal constant JOINERS = 4;

    NetworkHandler internal handler;

    function setUp() public override {
        super.setUp();
        vm.startPrank(governance);
        policy.setKeyLifetime(365 days);
        policy.setMaxReportAge(256);
        vm.stopPrank();

        uint256 reportBlock = _recentBlock();
        handler = new NetworkHandler(network, token, bank, slasher, governance, NETWORK_KEY, reportBlock);
        _genesis();
        handler.addOperator(genesisOperator, GENESIS_KEY);
        for (uint256 i = 1; i < OPERATORS; ++i) {
            address operator = makeAddr(string.concat("operator", vm.toString(i)));
            vm.deal(operator, 1 ether);
            _join(0x1000 + i, operator);
            handler.addOperator(operator, 0x1000 + i);
        }
        for (uint256 j; j < JOINERS; ++j) {
            uint256 key = 0x2000 + j;
            address operator = handler.operatorAt(j % OPERATORS);
            handler.addJoiner(vm.addr(key), operator, _report(key, operator, reportBlock));
        }

        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = NetworkHandler.registerAggregator.selector;
        selectors[1] = NetworkHandler.increaseStake.selector;
        selectors[2] = NetworkHandler.updateHostAddress.selector;
        selectors[3] = NetworkHandler.unstake.selector;
        selectors[4] = NetworkHandler.withdrawStake.selector;
        selectors[5] = NetworkHandler.slash.selector;
        selectors[6] = NetworkHandler.registerNode.selector;
        selectors[7] = NetworkHandler.respondSecret.selector;
        selectors[8] = NetworkHandler.cancelRegistration.selector;
        selectors[9] = NetworkHandler.warp.selector;
        targetSelector(StdInvariant.FuzzSelector({ addr: address(handler), selectors: selectors }));
        targetContract(address(handler));
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_tokenBalanceEqualsStakesAndUnbonding() public view {
        uint256 sum;
        for (uint256 i; i < handler.operatorCount(); ++i) {
            INetworkRegistry.Aggregator memory a = network.aggregator(handler.operatorAt(i));
            sum += uint256(a.stake) + a.unbonding;
        }
        assertEq(token.balanceOf(address(network)), sum);
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_tokensConserved() public view {
        assertEq(
            handler.ghostStaked(),
            handler.ghostWithdrawn() + handler.ghostSlashed() + token.balanceOf(address(network))
        );
    }

    function invariant_slashTakesExactlyWhatItCan() public view {
        assertFalse(handler.ghostSlashOverdrawn());
        assertLe(handler.ghostSlashed(), handler.ghostSlashRequested());
    }

    function invariant_hostListMatchesStakes() public view {
        uint256 listed;
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address operator = handler.operatorAt(i);
            INetworkRegistry.Aggregator memory a = network.aggregator(operator);
            assertEq(a.hostIndex != 0, a.stake != 0, "listed exactly when staked");
            if (a.hostIndex != 0) {
                ++listed;
                INetworkRegistry.HostEntry[] memory entry = network.hosts(a.hostIndex - 1, 1);
                assertEq(entry[0].operator, operator, "hostIndex points at its own entry");
                assertGt(bytes(entry[0].hostAddress).length, 0);
            } else {
                assertEq(bytes(network.hostAddressOf(operator)).length, 0);
            }
        }
        assertEq(network.hostCount(), listed);
    }

    function invariant_ethBalanceEqualsHeldFees() public view {
        uint256 held;
        for (uint256 j; j < handler.joinerCount(); ++j) {
            INetworkRegistry.Node memory n = network.node(handler.joinerAt(j));
            if (n.status == INetworkRegistry.NodeStatus.AwaitingSecret) held += n.fee;
            else assertEq(n.fee, 0, "no fee is held for a node that is not waiting");
        }
        assertEq(address(network).balance, held);
    }
}

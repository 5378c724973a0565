// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { BridgeManagement } from "../../src/bridge/BridgeManagement.sol";
import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { INetworkManagement } from "../../src/interfaces/network/INetworkManagement.sol";
import { INetworkRegistry } from "../../src/interfaces/network/INetworkRegistry.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { RollupManagement } from "../../src/rollup/RollupManagement.sol";
import { RollupTree } from "../../src/rollup/libraries/RollupTree.sol";
import { NetworkTestBase } from "./NetworkTestBase.sol";

/// @notice NetworkManagement wired to the real RollupManagement and BridgeManagement, deployed in
///         dependency order with predicted proxy addresses (as `deployProtocol` does): the
///         publisher check on every rollup and slashing by the rollup module.
contract NetworkRollupIntegrationTest is NetworkTestBase {
    bytes internal constant PAYLOAD = hex"00c0ffee";

    BridgeManagement internal bridge;
    RollupManagement internal rollups;
    address internal genesis;

    function setUp() public override {
        super.setUp();
        // Redeploy the network wired to the rollup proxy that will exist 5 deployments from now.
        uint64 nonce = vm.getNonce(address(this));
        rollupManagement = vm.computeCreateAddress(address(this), nonce + 5);
        network = _deployNetwork(IERC20(address(token)), _defaultParams());
        BridgeManagement bridgeImpl = new BridgeManagement(IRollupManagement(rollupManagement));
        bridge = BridgeManagement(
            payable(
                new ERC1967Proxy(
                    address(bridgeImpl),
                    abi.encodeCall(BridgeManagement.initialize, (governance, council))
                )
            )
        );
        RollupManagement rollupImpl = new RollupManagement(
            INetworkManagement(address(network)),
            IBridgeManagement(address(bridge))
        );
        RollupTree.Params memory params = RollupTree.Params({
            finalityDelay: 10,
            forkExpiry: 20,
            slashDepth: 2,
            reporterShareBps: 1000,
            forkSlashAmount: 100 ether
        });
        rollups = RollupManagement(
            address(
                new ERC1967Proxy(
                    address(rollupImpl),
                    abi.encodeCall(RollupManagement.initialize, (governance, council, params))
                )
            )
        );
        assertEq(address(rollups), rollupManagement, "predicted rollup proxy");
        assertEq(network.rollupManagement(), address(rollups));

        genesis = _genesis();
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.roll(block.number + 1);
    }

    function test_submitRollup_byStakedActiveAggregator_succeeds() public {
        bytes32 hash = _submit(genesisOperator);
        (bytes32 head, uint64 number) = rollups.canonicalHead();
        assertEq(head, hash);
        assertEq(number, 1);
    }

    function test_submitRollup_revokedMeasurement_reverts() public {
        _revokeMeasurement(MEASUREMENT);
        IRollupManagement.RollupHeader memory h = _header();
        bytes memory sig = _signDigest(GENESIS_KEY, rollups.hashHeader(h));
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementNotApproved.selector,
                genesis,
                MEASUREMENT
            )
        );
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function test_submitRollup_afterUnstake_reverts() public {
        vm.prank(genesisOperator);
        network.unstake();
        IRollupManagement.RollupHeader memory h = _header();
        bytes memory sig = _signDigest(GENESIS_KEY, rollups.hashHeader(h));
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InsufficientStake.selector,
                genesisOperator,
                0,
                MIN_STAKE
            )
        );
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function test_submitRollup_notTheOperator_reverts() public {
        IRollupManagement.RollupHeader memory h = _header();
        bytes memory sig = _signDigest(GENESIS_KEY, rollups.hashHeader(h));
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function test_slash_byTheRollupModule_succeeds() public {
        address reporter = makeAddr("reporter");
        address[] memory recipients = new address[](1);
        recipients[0] = reporter;
        vm.prank(address(rollups));
        uint256 slashed = network.slash(genesisOperator, 100 ether, recipients, 1000);
        assertEq(slashed, 100 ether);
        assertEq(token.balanceOf(reporter), 10 ether);
        assertEq(token.balanceOf(treasury), 90 ether);
    }

    function _header() internal view returns (IRollupManagement.RollupHeader memory h_) {
        (uint64 count, bytes32 acc, , ) = bridge.depositQueue();
        uint64 l1Block = uint64(block.number - 1);
        h_ = IRollupManagement.RollupHeader({
            parentHash: rollups.genesisHash(),
            number: 1,
            l1BlockNumber: l1Block,
            l1BlockHash: blockhash(l1Block),
            depositCount: count,
            depositAcc: acc,
            stateRoot: keccak256("state"),
            withdrawalRoot: bytes32(0),
            dataHash: keccak256(PAYLOAD),
            keyEpoch: 0,
            keyCommitment: keccak256("epoch key commitment"),
            enclaveId: genesis
        });
    }

    function _submit(address _operator) internal returns (bytes32 hash_) {
        _recentBlock();
        IRollupManagement.RollupHeader memory h = _header();
        hash_ = rollups.hashHeader(h);
        bytes memory sig = _signDigest(GENESIS_KEY, hash_);
        vm.prank(_operator);
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function _noHints() internal pure returns (IRollupManagement.SubmissionHints memory) {
        return
            IRollupManagement.SubmissionHints({
                depositCheckpoint: IBridgeManagement.DepositCheckpoint(0, 0, 0),
                canonicalSibling: bytes32(0)
            });
    }
}

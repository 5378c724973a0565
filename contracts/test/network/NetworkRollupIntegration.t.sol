// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { BridgeManagement } from "../../src/bridge/BridgeManagement.sol";
import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { INetworkManagement } from "../../src/interfaces/network/INetworkManagement.sol";
import { INetworkRegistry } from "../../src/interfaces/network/INetworkRegistry.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { IRollupSlashing } from "../../src/interfaces/rollup/IRollupSlashing.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupManagement } from "../../src/rollup/RollupManagement.sol";
import { RollupSlashing } from "../../src/rollup/RollupSlashing.sol";
import { NetworkTestBase } from "./NetworkTestBase.sol";

/// @notice NetworkManagement wired to the real RollupManagement and BridgeManagement, deployed in
///         dependency order with predicted proxy addresses (as `deployProtocol` does): the
///         publisher check on every rollup and slashing by the slashing module.
contract NetworkRollupIntegrationTest is NetworkTestBase {
    bytes internal constant PAYLOAD = hex"00c0ffee";

    BridgeManagement internal bridge;
    RollupManagement internal rollups;
    RollupSlashing internal slashing;
    address internal genesis;

    function setUp() public override {
        super.setUp();
        // Redeploy the network wired to the slashing proxy that will exist 5 deployments from now,
        // and the rollup proxy 7 from now (network, bridge, slashing, rollup: implementation + proxy).
        uint64 nonce = vm.getNonce(address(this));
        slasher = vm.computeCreateAddress(address(this), nonce + 5);
        address rollupProxy = vm.computeCreateAddress(address(this), nonce + 7);
        network = _deployNetwork(IERC20(address(token)), _defaultParams());
        BridgeManagement bridgeImpl = new BridgeManagement(IRollupManagement(rollupProxy));
        bridge = BridgeManagement(
            payable(
                new ERC1967Proxy(
                    address(bridgeImpl),
                    abi.encodeCall(BridgeManagement.initialize, (governance, council))
                )
            )
        );
        RollupSlashing slashingImpl = new RollupSlashing(
            IRollupManagement(rollupProxy),
            INetworkManagement(address(network))
        );
        slashing = RollupSlashing(
            address(
                new ERC1967Proxy(
                    address(slashingImpl),
                    abi.encodeCall(
                        RollupSlashing.initialize,
                        (governance, council, IRollupSlashing.InitParams(2, 1000, 100 ether, 1, 5000))
                    )
                )
            )
        );
        RollupManagement rollupImpl = new RollupManagement(
            INetworkManagement(address(network)),
            IBridgeManagement(address(bridge)),
            address(slashing)
        );
        IRollupManagement.InitParams memory params = IRollupManagement.InitParams({
            tree: IRollupManagement.TreeParams({ finalityDelay: 10, forkExpiry: 20 }),
            keyRotationPeriod: 30 days,
            disclosureDelay: 7 days
        });
        rollups = RollupManagement(
            address(
                new ERC1967Proxy(
                    address(rollupImpl),
                    abi.encodeCall(RollupManagement.initialize, (governance, council, params))
                )
            )
        );
        assertEq(address(slashing), slasher, "predicted slashing proxy");
        assertEq(address(rollups), rollupProxy, "predicted rollup proxy");
        assertEq(network.rollupSlashing(), address(slashing));

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
        Types.RollupHeader memory h = _header();
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
        Types.RollupHeader memory h = _header();
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
        Types.RollupHeader memory h = _header();
        bytes memory sig = _signDigest(GENESIS_KEY, rollups.hashHeader(h));
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function test_slash_byTheSlashingModule_succeeds() public {
        address reporter = makeAddr("reporter");
        address[] memory recipients = new address[](1);
        recipients[0] = reporter;
        vm.prank(address(rollups));
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotSlasher.selector, address(rollups))
        );
        network.slash(genesisOperator, 100 ether, recipients, 1000);
        vm.prank(address(slashing));
        uint256 slashed = network.slash(genesisOperator, 100 ether, recipients, 1000);
        assertEq(slashed, 100 ether);
        assertEq(token.balanceOf(reporter), 10 ether);
        assertEq(token.balanceOf(treasury), 90 ether);
    }

    function _header() internal view returns (Types.RollupHeader memory h_) {
        (uint64 count, bytes32 acc, , ) = bridge.depositQueue();
        uint64 l1Block = uint64(block.number - 1);
        h_ = Types.RollupHeader({
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
        Types.RollupHeader memory h = _header();
        hash_ = rollups.hashHeader(h);
        bytes memory sig = _signDigest(GENESIS_KEY, hash_);
        vm.prank(_operator);
        rollups.submitRollup(h, sig, PAYLOAD, _noHints());
    }

    function _noHints() internal pure returns (IRollupManagement.SubmissionHints memory) {
        return
            IRollupManagement.SubmissionHints({
                depositCheckpoint: Types.DepositCheckpoint(0, 0, 0),
                canonicalSibling: bytes32(0)
            });
    }
}

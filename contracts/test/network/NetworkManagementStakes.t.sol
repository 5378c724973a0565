// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC20Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { INetworkRegistry } from "../../src/interfaces/network/INetworkRegistry.sol";
import { NetworkManagement } from "../../src/network/NetworkManagement.sol";
import { NetworkTestBase } from "./NetworkTestBase.sol";

/// @notice Aggregators: stakes, the host list, unbonding, slashing; governance parameters.
contract NetworkManagementStakesTest is NetworkTestBase {
    uint256 internal constant OPERATOR_KEY = 0x0BE7A70;

    address internal genesis;

    function setUp() public override {
        super.setUp();
        genesis = _genesis();
    }

    // ───────────────────────────────────────── registerAggregator

    function test_registerAggregator_stakesAndLists_succeeds() public {
        _fund(genesisOperator, MIN_STAKE);
        vm.startPrank(genesisOperator);
        token.approve(address(network), MIN_STAKE);
        vm.expectEmit(true, true, false, true, address(network));
        emit INetworkRegistry.AggregatorRegistered(genesisOperator, genesis, HOST, MIN_STAKE);
        network.registerAggregator(genesis, HOST, MIN_STAKE);
        vm.stopPrank();

        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.stake, MIN_STAKE);
        assertEq(a.unbonding, 0);
        assertEq(a.hostIndex, 1);
        assertEq(token.balanceOf(address(network)), MIN_STAKE);
        assertEq(token.balanceOf(genesisOperator), 0);
        assertEq(network.hostCount(), 1);
        assertEq(network.hostAddressOf(genesisOperator), HOST);
        INetworkRegistry.HostEntry[] memory entries = network.hosts(0, 10);
        assertEq(entries.length, 1);
        assertEq(entries[0].operator, genesisOperator);
        assertEq(entries[0].hostAddress, HOST);
        assertTrue(network.isAggregator(genesisOperator));
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_registerAggregatorWithPermit_succeeds() public {
        (address operator, address enclaveId) = _operatorWithNode(OPERATOR_KEY, JOINER_KEY);
        _fund(operator, MIN_STAKE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(OPERATOR_KEY, MIN_STAKE, deadline);
        vm.prank(operator);
        network.registerAggregatorWithPermit(enclaveId, HOST, MIN_STAKE, deadline, v, r, s);
        assertEq(network.aggregator(operator).stake, MIN_STAKE);
        assertEq(token.balanceOf(address(network)), MIN_STAKE);
        assertEq(token.allowance(operator, address(network)), 0);
    }

    function test_registerAggregatorWithPermit_permitFrontRun_succeeds() public {
        (address operator, address enclaveId) = _operatorWithNode(OPERATOR_KEY, JOINER_KEY);
        _fund(operator, MIN_STAKE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(OPERATOR_KEY, MIN_STAKE, deadline);
        // someone submits the permit first: the allowance is there, the registration still works
        token.permit(operator, address(network), MIN_STAKE, deadline, v, r, s);
        vm.prank(operator);
        network.registerAggregatorWithPermit(enclaveId, HOST, MIN_STAKE, deadline, v, r, s);
        assertEq(network.aggregator(operator).stake, MIN_STAKE);
    }

    function test_registerAggregatorWithPermit_badPermitNoAllowance_reverts() public {
        (address operator, address enclaveId) = _operatorWithNode(OPERATOR_KEY, JOINER_KEY);
        _fund(operator, MIN_STAKE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(0xBAD, MIN_STAKE, deadline);
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(network), 0, MIN_STAKE)
        );
        network.registerAggregatorWithPermit(enclaveId, HOST, MIN_STAKE, deadline, v, r, s);
    }

    function testFuzz_registerAggregator_belowMinimum_reverts(uint256 _amount) public {
        _amount = bound(_amount, 0, MIN_STAKE - 1);
        _fund(genesisOperator, MIN_STAKE);
        vm.startPrank(genesisOperator);
        token.approve(address(network), MIN_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InsufficientStake.selector,
                genesisOperator,
                _amount,
                MIN_STAKE
            )
        );
        network.registerAggregator(genesis, HOST, _amount);
        vm.stopPrank();
        assertEq(network.hostCount(), 0);
    }

    function test_registerAggregator_emptyHostAddress_reverts() public {
        _expectRegisterRevert(
            "",
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidHostAddress.selector, 0)
        );
    }

    function test_registerAggregator_hostAddressTooLong_reverts() public {
        _expectRegisterRevert(
            string(new bytes(257)),
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidHostAddress.selector, 257)
        );
    }

    function test_registerAggregator_longestHostAddress_succeeds() public {
        string memory longest = string(_filled(256, "a"));
        _fund(genesisOperator, MIN_STAKE);
        vm.startPrank(genesisOperator);
        token.approve(address(network), MIN_STAKE);
        network.registerAggregator(genesis, longest, MIN_STAKE);
        vm.stopPrank();
        assertEq(network.hostAddressOf(genesisOperator), longest);
    }

    function test_registerAggregator_alreadyAggregator_reverts() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        _expectRegisterRevert(
            HOST,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_AlreadyAggregator.selector, genesisOperator)
        );
    }

    function test_registerAggregator_nodeOfAnotherOperator_reverts() public {
        _fund(joinerOperator, MIN_STAKE);
        vm.startPrank(joinerOperator);
        token.approve(address(network), MIN_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotOperator.selector, genesis, joinerOperator)
        );
        network.registerAggregator(genesis, HOST, MIN_STAKE);
        vm.stopPrank();
    }

    function test_registerAggregator_nodeWithoutSecret_reverts() public {
        address joiner = _register(JOINER_KEY, joinerOperator);
        _fund(joinerOperator, MIN_STAKE);
        vm.startPrank(joinerOperator);
        token.approve(address(network), MIN_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_NodeNotActive.selector,
                joiner,
                INetworkRegistry.NodeStatus.AwaitingSecret
            )
        );
        network.registerAggregator(joiner, HOST, MIN_STAKE);
        vm.stopPrank();
    }

    function test_registerAggregator_revokedNode_reverts() public {
        _revokeMeasurement(MEASUREMENT);
        _expectRegisterRevert(
            HOST,
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_MeasurementNotApproved.selector,
                genesis,
                MEASUREMENT
            )
        );
    }

    function test_registerAggregator_expiredNode_reverts() public {
        uint256 expiresAt = network.node(genesis).expiresAt;
        vm.warp(expiresAt);
        _expectRegisterRevert(
            HOST,
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_KeyExpired.selector, genesis, expiresAt)
        );
    }

    function test_registerAggregator_withoutApproval_reverts() public {
        _fund(genesisOperator, MIN_STAKE);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(network), 0, MIN_STAKE)
        );
        network.registerAggregator(genesis, HOST, MIN_STAKE);
    }

    function _expectRegisterRevert(string memory _host, bytes memory _error) internal {
        _fund(genesisOperator, MIN_STAKE);
        vm.startPrank(genesisOperator);
        token.approve(address(network), MIN_STAKE);
        vm.expectRevert(_error);
        network.registerAggregator(genesis, _host, MIN_STAKE);
        vm.stopPrank();
    }

    // ───────────────────────────────────────── increaseStake, updateHostAddress

    function testFuzz_increaseStake_addsToTheStake_succeeds(uint256 _amount) public {
        _amount = bound(_amount, 1, 1_000_000 ether);
        _stake(genesisOperator, genesis, MIN_STAKE);
        _fund(genesisOperator, _amount);
        vm.startPrank(genesisOperator);
        token.approve(address(network), _amount);
        vm.expectEmit(true, false, false, true, address(network));
        emit INetworkRegistry.StakeIncreased(genesisOperator, _amount, MIN_STAKE + _amount);
        network.increaseStake(_amount);
        vm.stopPrank();
        assertEq(network.aggregator(genesisOperator).stake, MIN_STAKE + _amount);
        assertEq(token.balanceOf(address(network)), MIN_STAKE + _amount);
    }

    function test_increaseStake_notAggregator_reverts() public {
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotAggregator.selector, joinerOperator)
        );
        network.increaseStake(1 ether);
    }

    function test_increaseStake_zero_reverts() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        vm.expectRevert(INetworkRegistry.NetworkManagement_ZeroAmount.selector);
        network.increaseStake(0);
    }

    function test_increaseStake_restoresPublisherAfterPartialSlash_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(slasher);
        network.slash(genesisOperator, 1 ether, _noRecipients(), 0);
        assertFalse(network.isAggregator(genesisOperator));
        assertEq(network.hostCount(), 1, "still listed");
        _fund(genesisOperator, 1 ether);
        vm.startPrank(genesisOperator);
        token.approve(address(network), 1 ether);
        network.increaseStake(1 ether);
        vm.stopPrank();
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_updateHostAddress_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        string memory newHost = "https://node.example.org:8443";
        vm.expectEmit(true, false, false, true, address(network));
        emit INetworkRegistry.HostAddressUpdated(genesisOperator, newHost);
        vm.prank(genesisOperator);
        network.updateHostAddress(newHost);
        assertEq(network.hostAddressOf(genesisOperator), newHost);
        assertEq(network.hosts(0, 1)[0].hostAddress, newHost);
    }

    function test_updateHostAddress_invalid_reverts() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.startPrank(genesisOperator);
        vm.expectRevert(abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidHostAddress.selector, 0));
        network.updateHostAddress("");
        vm.expectRevert(abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidHostAddress.selector, 300));
        network.updateHostAddress(string(new bytes(300)));
        vm.stopPrank();
        assertEq(network.hostAddressOf(genesisOperator), HOST);
    }

    function test_updateHostAddress_notAggregator_reverts() public {
        vm.prank(joinerOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotAggregator.selector, joinerOperator)
        );
        network.updateHostAddress(HOST);
    }

    // ───────────────────────────────────────── unstake, withdrawStake

    function test_unstake_startsUnbondingAndLeaves_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        uint256 ends = block.timestamp + UNBONDING;
        vm.expectEmit(true, false, false, true, address(network));
        emit INetworkRegistry.Unstaked(genesisOperator, MIN_STAKE, MIN_STAKE, ends);
        vm.prank(genesisOperator);
        network.unstake();
        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.stake, 0);
        assertEq(a.unbonding, MIN_STAKE);
        assertEq(a.unbondingEnds, ends);
        assertEq(a.hostIndex, 0);
        assertEq(network.hostCount(), 0);
        assertEq(bytes(network.hostAddressOf(genesisOperator)).length, 0);
        assertFalse(network.isAggregator(genesisOperator));
        assertEq(token.balanceOf(address(network)), MIN_STAKE, "still held while unbonding");
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkRegistry.NetworkManagement_InsufficientStake.selector,
                genesisOperator,
                0,
                MIN_STAKE
            )
        );
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_unstake_notAggregator_reverts() public {
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotAggregator.selector, genesisOperator)
        );
        network.unstake();
    }

    function test_unstake_twiceJoinsTheUnbondingStake_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        vm.warp(block.timestamp + 1 days);
        _stake(genesisOperator, genesis, 2 * MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.unbonding, 3 * MIN_STAKE);
        assertEq(a.unbondingEnds, block.timestamp + UNBONDING, "the end moves with the new stake");
    }

    function test_withdrawStake_afterUnbonding_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        vm.warp(block.timestamp + UNBONDING);
        vm.expectEmit(true, false, false, true, address(network));
        emit INetworkRegistry.StakeWithdrawn(genesisOperator, MIN_STAKE);
        vm.prank(genesisOperator);
        network.withdrawStake();
        assertEq(token.balanceOf(genesisOperator), MIN_STAKE);
        assertEq(token.balanceOf(address(network)), 0);
        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.unbonding, 0);
        assertEq(a.unbondingEnds, 0);
    }

    function testFuzz_withdrawStake_early_reverts(uint256 _elapsed) public {
        _elapsed = bound(_elapsed, 0, UNBONDING - 1);
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        uint256 ends = block.timestamp + UNBONDING;
        vm.warp(block.timestamp + _elapsed);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_StillUnbonding.selector, genesisOperator, ends)
        );
        network.withdrawStake();
        assertEq(token.balanceOf(address(network)), MIN_STAKE);
    }

    function test_withdrawStake_nothing_reverts() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NothingToWithdraw.selector, genesisOperator)
        );
        network.withdrawStake();
    }

    function test_unbondingPeriodChange_appliesToLaterUnstakes_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        uint256 ends = block.timestamp + UNBONDING;
        vm.prank(governance);
        network.setUnbondingPeriod(30 days);
        assertEq(network.aggregator(genesisOperator).unbondingEnds, ends);
    }

    // ───────────────────────────────────────── host list

    function test_hosts_paginationAndSwapRemoval_succeeds() public {
        address[] memory operators = new address[](4);
        for (uint256 i; i < operators.length; ++i) {
            (address operator, address enclaveId) = _operatorWithNode(OPERATOR_KEY + i, JOINER_KEY + i);
            operators[i] = operator;
            _stake(operator, enclaveId, MIN_STAKE);
        }
        assertEq(network.hostCount(), 4);
        INetworkRegistry.HostEntry[] memory page = network.hosts(1, 2);
        assertEq(page.length, 2);
        assertEq(page[0].operator, operators[1]);
        assertEq(page[1].operator, operators[2]);
        assertEq(network.hosts(3, 10).length, 1, "a short last page");
        assertEq(network.hosts(4, 10).length, 0, "past the end");
        assertEq(network.hosts(0, 0).length, 0);

        // operators[1] leaves: the last entry takes its place
        vm.prank(operators[1]);
        network.unstake();
        assertEq(network.hostCount(), 3);
        INetworkRegistry.HostEntry[] memory all = network.hosts(0, 10);
        assertEq(all[0].operator, operators[0]);
        assertEq(all[1].operator, operators[3]);
        assertEq(all[2].operator, operators[2]);
        assertEq(network.aggregator(operators[3]).hostIndex, 2);
        // the last one leaves
        vm.prank(operators[2]);
        network.unstake();
        all = network.hosts(0, 10);
        assertEq(all.length, 2);
        assertEq(all[1].operator, operators[3]);
        assertEq(network.aggregator(operators[3]).hostIndex, 2);
    }

    // ───────────────────────────────────────── slash

    function test_slash_byRollupManagement_paysRewardsAndTreasury_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        address reporterA = makeAddr("reporterA");
        address reporterB = makeAddr("reporterB");
        address[] memory recipients = _recipients(reporterA, reporterB);
        // 100 OBX slashed, 10 % as rewards: 5 OBX each, 90 OBX to the treasury
        vm.expectEmit(true, true, false, true, address(network));
        emit INetworkRegistry.Slashed(genesisOperator, slasher, 100 ether, recipients, 5 ether, 90 ether);
        vm.prank(slasher);
        uint256 slashed = network.slash(genesisOperator, 100 ether, recipients, 1_000);
        assertEq(slashed, 100 ether);
        assertEq(token.balanceOf(reporterA), 5 ether);
        assertEq(token.balanceOf(reporterB), 5 ether);
        assertEq(token.balanceOf(treasury), 90 ether);
        assertEq(network.aggregator(genesisOperator).stake, MIN_STAKE - 100 ether);
        assertEq(token.balanceOf(address(network)), MIN_STAKE - 100 ether);
    }

    function test_slash_byGovernance_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(governance);
        assertEq(network.slash(genesisOperator, MIN_STAKE, _noRecipients(), 0), MIN_STAKE);
        assertEq(token.balanceOf(treasury), MIN_STAKE);
    }

    function testFuzz_slash_notSlasher_reverts(address _caller) public {
        vm.assume(_caller != slasher && _caller != governance);
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(INetworkRegistry.NetworkManagement_NotSlasher.selector, _caller));
        network.slash(genesisOperator, 1 ether, _noRecipients(), 0);
        assertEq(network.aggregator(genesisOperator).stake, MIN_STAKE);
    }

    function test_slash_rewardBpsAboveWhole_reverts() public {
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(INetworkRegistry.NetworkManagement_InvalidRewardBps.selector, 10_001));
        network.slash(genesisOperator, 1 ether, _noRecipients(), 10_001);
    }

    function test_slash_tooManyRecipients_reverts() public {
        address[] memory recipients = new address[](33);
        for (uint256 i; i < recipients.length; ++i) recipients[i] = address(uint160(i + 1));
        vm.prank(slasher);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkRegistry.NetworkManagement_TooManyRewardRecipients.selector, 33)
        );
        network.slash(genesisOperator, 1 ether, recipients, 100);
    }

    function test_slash_zeroRecipient_reverts() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(slasher);
        vm.expectRevert(INetworkRegistry.NetworkManagement_ZeroAddress.selector);
        network.slash(genesisOperator, 1 ether, _recipients(address(1), address(0)), 100);
    }

    function test_slash_reachesUnbondingStake_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        vm.prank(slasher);
        assertEq(network.slash(genesisOperator, 400 ether, _noRecipients(), 0), 400 ether);
        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.unbonding, MIN_STAKE - 400 ether);
        vm.warp(a.unbondingEnds);
        vm.prank(genesisOperator);
        network.withdrawStake();
        assertEq(token.balanceOf(genesisOperator), MIN_STAKE - 400 ether);
    }

    function test_slash_stakeFirstThenUnbonding_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(genesisOperator);
        network.unstake();
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(slasher);
        assertEq(network.slash(genesisOperator, MIN_STAKE + 1 ether, _noRecipients(), 0), MIN_STAKE + 1 ether);
        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.stake, 0);
        assertEq(a.unbonding, MIN_STAKE - 1 ether);
        assertEq(a.hostIndex, 0, "a zero stake leaves the host list");
        assertEq(network.hostCount(), 0);
    }

    function test_slash_moreThanHeld_takesEverything_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        vm.prank(slasher);
        assertEq(network.slash(genesisOperator, 10 * MIN_STAKE, _noRecipients(), 0), MIN_STAKE);
        INetworkRegistry.Aggregator memory a = network.aggregator(genesisOperator);
        assertEq(a.stake, 0);
        assertEq(a.unbondingEnds, 0);
        assertEq(network.hostCount(), 0);
        assertEq(token.balanceOf(address(network)), 0);
    }

    function test_slash_nothingStaked_returnsZero_succeeds() public {
        vm.prank(slasher);
        assertEq(network.slash(joinerOperator, 1 ether, _recipients(address(1), address(2)), 5_000), 0);
        assertEq(token.balanceOf(treasury), 0);
    }

    function testFuzz_slash_splitsRewardsExactly_succeeds(
        uint256 _stakeAmount,
        uint256 _amount,
        uint256 _bps,
        uint8 _count
    ) public {
        _stakeAmount = bound(_stakeAmount, MIN_STAKE, 1_000_000 ether);
        _amount = bound(_amount, 0, 2 * _stakeAmount);
        _bps = bound(_bps, 0, 10_000);
        uint256 count = bound(_count, 0, 32);
        _stake(genesisOperator, genesis, _stakeAmount);
        address[] memory recipients = new address[](count);
        for (uint256 i; i < count; ++i) recipients[i] = address(uint160(0x1000 + i));
        vm.prank(slasher);
        uint256 slashed = network.slash(genesisOperator, _amount, recipients, _bps);

        uint256 expected = _amount < _stakeAmount ? _amount : _stakeAmount;
        assertEq(slashed, expected);
        uint256 paid;
        for (uint256 i; i < count; ++i) {
            assertEq(token.balanceOf(recipients[i]), token.balanceOf(recipients[0]), "equal shares");
            paid += token.balanceOf(recipients[i]);
        }
        assertLe(paid, (slashed * _bps) / 10_000, "rewards never exceed the share");
        if (count != 0) assertLt((slashed * _bps) / 10_000 - paid, count, "dust below one wei per recipient");
        assertEq(paid + token.balanceOf(treasury), slashed, "everything slashed is paid out");
        assertEq(token.balanceOf(address(network)), _stakeAmount - slashed);
    }

    // ───────────────────────────────────────── governance parameters

    function test_setters_governance_succeeds() public {
        vm.startPrank(governance);
        vm.expectEmit(false, false, false, true, address(network));
        emit INetworkRegistry.RegistrationFeeSet(FEE, 0.5 ether);
        network.setRegistrationFee(0.5 ether);
        vm.expectEmit(false, false, false, true, address(network));
        emit INetworkRegistry.MinStakeSet(MIN_STAKE, 5_000 ether);
        network.setMinStake(5_000 ether);
        vm.expectEmit(false, false, false, true, address(network));
        emit INetworkRegistry.UnbondingPeriodSet(UNBONDING, 14 days);
        network.setUnbondingPeriod(14 days);
        vm.expectEmit(false, false, false, true, address(network));
        emit INetworkRegistry.ResponseTimeoutSet(TIMEOUT, 2 hours);
        network.setResponseTimeout(2 hours);
        address newTreasury = makeAddr("newTreasury");
        vm.expectEmit(true, true, false, false, address(network));
        emit INetworkRegistry.TreasurySet(treasury, newTreasury);
        network.setTreasury(newTreasury);
        vm.stopPrank();
        (uint256 fee, uint256 minimum, uint256 unbonding, uint256 timeout, address treasury_) = network.parameters();
        assertEq(fee, 0.5 ether);
        assertEq(minimum, 5_000 ether);
        assertEq(unbonding, 14 days);
        assertEq(timeout, 2 hours);
        assertEq(treasury_, newTreasury);
    }

    function testFuzz_setters_notGovernance_reverts(address _caller) public {
        vm.assume(_caller != governance);
        bytes memory err = abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, _caller);
        vm.startPrank(_caller);
        vm.expectRevert(err);
        network.setRegistrationFee(0);
        vm.expectRevert(err);
        network.setMinStake(MIN_STAKE);
        vm.expectRevert(err);
        network.setUnbondingPeriod(UNBONDING);
        vm.expectRevert(err);
        network.setResponseTimeout(TIMEOUT);
        vm.expectRevert(err);
        network.setTreasury(_caller);
        vm.stopPrank();
    }

    function testFuzz_setters_outOfBounds_reverts(uint256 _value) public {
        vm.startPrank(governance);
        uint256 fee = bound(_value, network.MAX_REGISTRATION_FEE() + 1, type(uint256).max);
        vm.expectRevert(_outOfBounds("registrationFee", fee));
        network.setRegistrationFee(fee);

        uint256 stake =
            _value % 2 == 0
                ? bound(_value, 0, network.MIN_MIN_STAKE() - 1)
                : bound(_value, network.MAX_MIN_STAKE() + 1, type(uint256).max);
        vm.expectRevert(_outOfBounds("minStake", stake));
        network.setMinStake(stake);

        uint256 period =
            _value % 2 == 0
                ? bound(_value, 0, network.MIN_UNBONDING_PERIOD() - 1)
                : bound(_value, network.MAX_UNBONDING_PERIOD() + 1, type(uint256).max);
        vm.expectRevert(_outOfBounds("unbondingPeriod", period));
        network.setUnbondingPeriod(period);

        uint256 timeout =
            _value % 2 == 0
                ? bound(_value, 0, network.MIN_RESPONSE_TIMEOUT() - 1)
                : bound(_value, network.MAX_RESPONSE_TIMEOUT() + 1, type(uint256).max);
        vm.expectRevert(_outOfBounds("responseTimeout", timeout));
        network.setResponseTimeout(timeout);

        vm.expectRevert(INetworkRegistry.NetworkManagement_ZeroAddress.selector);
        network.setTreasury(address(0));
        vm.stopPrank();
    }

    function test_setters_bounds_succeeds() public {
        vm.startPrank(governance);
        network.setRegistrationFee(network.MAX_REGISTRATION_FEE());
        network.setMinStake(network.MIN_MIN_STAKE());
        network.setMinStake(network.MAX_MIN_STAKE());
        network.setUnbondingPeriod(network.MIN_UNBONDING_PERIOD());
        network.setUnbondingPeriod(network.MAX_UNBONDING_PERIOD());
        network.setResponseTimeout(network.MIN_RESPONSE_TIMEOUT());
        network.setResponseTimeout(network.MAX_RESPONSE_TIMEOUT());
        vm.stopPrank();
        assertEq(network.minStake(), network.MAX_MIN_STAKE());
    }

    // ───────────────────────────────────────── upgrade

    function test_upgrade_keepsNodesAndStakes_succeeds() public {
        _stake(genesisOperator, genesis, MIN_STAKE);
        NetworkManagement v2 = new NetworkManagement(policy, IERC20(address(token)), slasher);
        vm.prank(governance);
        network.upgradeToAndCall(address(v2), "");
        assertTrue(network.isActive(genesis));
        assertEq(network.aggregator(genesisOperator).stake, MIN_STAKE);
        assertEq(network.encryptedSecretOf(genesis), _ciphertext(genesis));
        network.checkPublisher(genesis, genesisOperator);
    }

    function test_upgrade_notGovernance_reverts() public {
        NetworkManagement v2 = new NetworkManagement(policy, IERC20(address(token)), slasher);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, council));
        network.upgradeToAndCall(address(v2), "");
    }

    // ───────────────────────────────────────── helpers

    function _outOfBounds(string memory _name, uint256 _value) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(INetworkRegistry.NetworkManagement_ParameterOutOfBounds.selector, _name, _value);
    }

    /// @dev An operator with a private key (to sign permits) and an active node.
    function _operatorWithNode(uint256 _operatorKey, uint256 _enclaveKey) internal returns (address, address) {
        address operator = vm.addr(_operatorKey);
        vm.deal(operator, 1 ether);
        address enclaveId = _join(_enclaveKey, operator);
        return (operator, enclaveId);
    }

    function _permit(
        uint256 _ownerKey,
        uint256 _value,
        uint256 _deadline
    ) internal view returns (uint8, bytes32, bytes32) {
        address owner = vm.addr(_ownerKey);
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                address(network),
                _value,
                token.nonces(owner),
                _deadline
            )
        );
        return vm.sign(_ownerKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function _filled(uint256 _length, bytes1 _byte) internal pure returns (bytes memory b_) {
        b_ = new bytes(_length);
        for (uint256 i; i < _length; ++i) b_[i] = _byte;
    }
}

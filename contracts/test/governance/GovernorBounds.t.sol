// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { TimelockController } from "@openzeppelin/contracts/governance/TimelockController.sol";
import { IVotes } from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import { ObscuroGovernor } from "../../src/governance/ObscuroGovernor.sol";
import { ObscuroTimelock } from "../../src/governance/ObscuroTimelock.sol";
import { ObscuroToken } from "../../src/token/ObscuroToken.sol";

/// @notice The Governor's and the Timelock's own settings stay inside their hard-coded bounds,
///         and the Timelock answers to nobody but itself.
contract GovernorBoundsTest is Test {
    ObscuroToken internal token;
    ObscuroTimelock internal timelock;

    function setUp() public {
        token = new ObscuroToken(address(this), 1_000_000_000 ether);
        address[] memory proposers = new address[](1);
        proposers[0] = address(0xB0B);
        address[] memory executors = new address[](1);
        timelock = new ObscuroTimelock(2 days, proposers, executors);
    }

    function _governor(
        uint48 _delay,
        uint32 _period,
        uint256 _threshold,
        uint256 _quorum
    ) internal returns (ObscuroGovernor) {
        return
            new ObscuroGovernor(
                IVotes(address(token)),
                TimelockController(payable(timelock)),
                _delay,
                _period,
                _threshold,
                _quorum
            );
    }

    function test_constructor_withinBounds_succeeds() public {
        ObscuroGovernor governor = _governor(1 days, 7 days, 1000 ether, 4);
        assertEq(governor.votingDelay(), 1 days);
        assertEq(governor.votingPeriod(), 7 days);
        assertEq(governor.proposalThreshold(), 1000 ether);
        assertEq(governor.quorumNumerator(), 4);
        assertEq(governor.name(), "Obscuro Governor");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(address(governor.timelock()), address(timelock));
    }

    function test_constructor_votingDelayTooLong_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ObscuroGovernor.ObscuroGovernor_SettingOutOfBounds.selector,
                bytes32("votingDelay"),
                31 days
            )
        );
        _governor(31 days, 7 days, 0, 4);
    }

    function testFuzz_constructor_votingPeriodOutOfBounds_reverts(uint32 _period) public {
        vm.assume(_period < 1 hours || _period > 60 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                ObscuroGovernor.ObscuroGovernor_SettingOutOfBounds.selector,
                bytes32("votingPeriod"),
                _period
            )
        );
        _governor(0, _period, 0, 4);
    }

    function test_constructor_thresholdTooHigh_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ObscuroGovernor.ObscuroGovernor_SettingOutOfBounds.selector,
                bytes32("proposalThreshold"),
                10_000_001 ether
            )
        );
        _governor(0, 7 days, 10_000_001 ether, 4);
    }

    function test_constructor_quorumOutOfBounds_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ObscuroGovernor.ObscuroGovernor_SettingOutOfBounds.selector,
                bytes32("quorumNumerator"),
                0
            )
        );
        _governor(0, 7 days, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ObscuroGovernor.ObscuroGovernor_SettingOutOfBounds.selector,
                bytes32("quorumNumerator"),
                51
            )
        );
        _governor(0, 7 days, 0, 51);
    }

    function test_settings_onlyByProposal_reverts() public {
        ObscuroGovernor governor = _governor(1 days, 7 days, 0, 4);
        vm.expectRevert();
        governor.setVotingPeriod(2 days);
        // even the Timelock cannot call it outside an executed proposal
        vm.prank(address(timelock));
        vm.expectRevert();
        governor.setVotingPeriod(2 days);
        assertEq(governor.votingPeriod(), 7 days);
    }

    function test_timelock_delayBounds_reverts() public {
        address[] memory none = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(ObscuroTimelock.ObscuroTimelock_DelayOutOfBounds.selector, 59));
        new ObscuroTimelock(59, none, none);
        vm.expectRevert(abi.encodeWithSelector(ObscuroTimelock.ObscuroTimelock_DelayOutOfBounds.selector, 31 days));
        new ObscuroTimelock(31 days, none, none);
        // only the Timelock itself may change its delay, and only within bounds
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, address(this)));
        timelock.updateDelay(1 days);
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ObscuroTimelock.ObscuroTimelock_DelayOutOfBounds.selector, 31 days));
        timelock.updateDelay(31 days);
        vm.prank(address(timelock));
        timelock.updateDelay(3 days);
        assertEq(timelock.getMinDelay(), 3 days);
    }

    function test_timelock_hasNoAdminButItself_succeeds() public view {
        bytes32 adminRole = timelock.DEFAULT_ADMIN_ROLE();
        assertTrue(timelock.hasRole(adminRole, address(timelock)));
        assertFalse(timelock.hasRole(adminRole, address(this)));
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(0xB0B)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(0xB0B)));
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
    }
}

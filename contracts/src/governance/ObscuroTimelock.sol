// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { TimelockController } from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title ObscuroTimelock
/// @notice The protocol's only governance address: every module's `governance`. It executes what
///         the ObscuroGovernor queued, after `getMinDelay()` seconds, so that everyone affected
///         sees every change coming and can leave first.
/// @dev OpenZeppelin TimelockController with no admin (it administers itself), the Governor as
///      proposer and canceller, and anyone as executor. The delay changes only by proposal,
///      within bounds hard-coded here.
contract ObscuroTimelock is TimelockController {
    /// @notice A delay outside [MIN_DELAY, MAX_DELAY].
    error ObscuroTimelock_DelayOutOfBounds(uint256 delay);

    /// @notice The delay's bounds (seconds). Production deployments use days; devnets a minute.
    uint256 public constant MIN_DELAY = 60;
    uint256 public constant MAX_DELAY = 30 days;

    /// @param _minDelay Seconds between queueing and execution.
    /// @param _proposers Who may schedule (and cancel): the Governor.
    /// @param _executors Who may execute: `[address(0)]` for anyone.
    constructor(
        uint256 _minDelay,
        address[] memory _proposers,
        address[] memory _executors
    ) TimelockController(_checkDelay(_minDelay), _proposers, _executors, address(0)) {}

    /// @notice Changes the delay; only the Timelock itself (a passed proposal).
    function updateDelay(uint256 _newDelay) public override {
        if (msg.sender == address(this)) _checkDelay(_newDelay);
        super.updateDelay(_newDelay);
    }

    /// @notice The version of this contract.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    function _checkDelay(uint256 _delay) private pure returns (uint256) {
        if (_delay < MIN_DELAY || _delay > MAX_DELAY) revert ObscuroTimelock_DelayOutOfBounds(_delay);
        return _delay;
    }
}

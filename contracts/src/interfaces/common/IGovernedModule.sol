// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IGovernedModule
/// @notice The powers every upgradeable Obscuro module shares. `governance` (the Timelock in a
///         deployment) sets parameters, appoints the council and upgrades the implementation;
///         `council` (a Safe multisig) holds only the emergency powers each module names.
interface IGovernedModule {
    /// @notice The caller is not the governance address.
    error GovernedModule_NotGovernance(address caller);

    /// @notice The caller is not the security council.
    error GovernedModule_NotCouncil(address caller);

    /// @notice The caller is not the pending governance address.
    error GovernedModule_NotPendingGovernance(address caller);

    /// @notice A governance or council address was zero.
    error GovernedModule_ZeroAddress();

    /// @notice Emitted when governance names its successor; nothing changes until accepted.
    event GovernanceTransferStarted(address indexed previousGovernance, address indexed pendingGovernance);

    /// @notice Emitted when the governance address changes (at initialization or on acceptance).
    event GovernanceTransferred(address indexed previousGovernance, address indexed newGovernance);

    /// @notice Emitted when the security council is set (at initialization, or by `setCouncil`).
    event CouncilSet(address indexed oldCouncil, address indexed newCouncil);

    /// @notice The address that governs this module (the Timelock in a deployment).
    function governance() external view returns (address);

    /// @notice The successor named by `transferGovernance`, or zero.
    function pendingGovernance() external view returns (address);

    /// @notice The security council: emergency powers only.
    function council() external view returns (address);

    /// @notice Names a new governance address; it takes over when it calls `acceptGovernance`.
    /// @dev Only governance.
    function transferGovernance(address _newGovernance) external;

    /// @notice Completes a governance transfer.
    /// @dev Only the pending governance address.
    function acceptGovernance() external;

    /// @notice Replaces the security council.
    /// @dev Only governance.
    function setCouncil(address _newCouncil) external;

    /// @notice The semantic version of the implementation.
    function version() external view returns (string memory);
}

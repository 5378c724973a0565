// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title INetworkManagement (rollup-facing part)
/// @notice What the rollup and governance modules need from NetworkManagement: who may publish
///         rollups, and slashing. The full module (registration, the shared secret, stakes) extends
///         this interface.
interface INetworkManagement {
    /// @notice Reverts unless `_enclaveId` is an active node (attested, holding the secret, key not
    ///         expired, measurement still acceptable to EnclavePolicy) operated by `_operator`, and
    ///         `_operator` is an aggregator whose stake is at least `minStake`.
    /// @dev Reverts with NetworkManagement's own custom errors, which callers let bubble up.
    function checkPublisher(address _enclaveId, address _operator) external view;

    /// @notice The operator (host account) that registered `_enclaveId`, or zero if unknown.
    function operatorOf(address _enclaveId) external view returns (address);

    /// @notice Whether `_enclaveId` is an active node right now.
    function isActive(address _enclaveId) external view returns (bool);

    /// @notice Slashes up to `_amount` of `_operator`'s stake, unbonding stake included.
    ///         `_rewardBps` of what is slashed is split equally among `_rewardRecipients`; the rest
    ///         goes to the treasury.
    /// @dev Only RollupSlashing and governance may call it.
    /// @return slashed_ The amount actually taken (less than `_amount` if the stake is smaller).
    function slash(
        address _operator,
        uint256 _amount,
        address[] calldata _rewardRecipients,
        uint256 _rewardBps
    ) external returns (uint256 slashed_);
}

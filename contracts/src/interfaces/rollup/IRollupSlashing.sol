// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IRollupManagement } from "./IRollupManagement.sol";

/// @title IRollupSlashing
/// @notice The two ways an aggregator loses stake for what it published (the seed's fourth
///         power): the fork heuristic ("everyone who publishes on a fork that is more than N
///         rollups deep, which eventually dies out"), and the testimony of enclaves that
///         executed a rollup and know it is invalid.
/// @dev The only module besides governance that NetworkManagement lets slash. It asks
///      RollupManagement to record the facts (a rollup slashed once, a rollup and its
///      descendants invalid) through hooks only it may call.
interface IRollupSlashing {
    error RollupSlashing_NotEnoughWitnesses(uint256 count, uint256 quorum);
    error RollupSlashing_WitnessesNotAscending(uint256 index, address enclaveId);
    error RollupSlashing_WitnessNotActive(address enclaveId);
    error RollupSlashing_WitnessIsPublisher(address enclaveId);
    error RollupSlashing_ParameterOutOfBounds(bytes32 parameter, uint256 value);

    /// @notice A publisher on a dead branch was slashed; the reporter got `reporterShareBps`.
    event ForkPublisherSlashed(
        bytes32 indexed rollupHash,
        address indexed operator,
        address indexed reporter,
        uint256 amount
    );

    /// @notice Enclaves proved a rollup invalid: it and its descendants are invalid, its publisher's
    ///         whole stake slashed.
    event InvalidRollupSlashed(
        bytes32 indexed rollupHash,
        address indexed operator,
        uint256 amount,
        address[] witnesses
    );

    /// @notice Governance set `slashDepth`.
    event SlashDepthSet(uint256 oldSlashDepth, uint256 newSlashDepth);

    /// @notice Governance set `reporterShareBps`.
    event ReporterShareBpsSet(uint256 oldReporterShareBps, uint256 newReporterShareBps);

    /// @notice Governance set `forkSlashAmount`.
    event ForkSlashAmountSet(uint256 oldForkSlashAmount, uint256 newForkSlashAmount);

    /// @notice Governance set `invalidRollupQuorum`.
    event InvalidRollupQuorumSet(uint256 oldInvalidRollupQuorum, uint256 newInvalidRollupQuorum);

    /// @notice Governance set `invalidRollupRewardBps`.
    event InvalidRollupRewardBpsSet(uint256 oldInvalidRollupRewardBps, uint256 newInvalidRollupRewardBps);

    /// @notice Slashes `forkSlashAmount` from the publisher of `_header`'s rollup if it sits at least
    ///         `slashDepth` deep on a dead, losing branch; the caller gets `reporterShareBps` of it.
    ///         Each such rollup can be slashed once.
    function slashForkPublisher(IRollupManagement.RollupHeader calldata _header) external;

    /// @notice Slashes the whole stake of the publisher of an invalid rollup and marks the rollup
    ///         and its descendants invalid, on the word of `invalidRollupQuorum` active enclaves
    ///         other than the publisher, each signing the EIP-712 `InvalidRollup(bytes32 rollupHash)`
    ///         (domain "Obscuro RollupSlashing", "1"). A final rollup cannot be invalidated (exit
    ///         mode is the remedy). The witnesses' operators share `invalidRollupRewardBps` of the
    ///         stake; the treasury gets the rest. A witness run by the publisher's own operator
    ///         counts toward the quorum, but its share goes to the treasury.
    /// @param _signatures The witnesses' signatures, ordered by strictly increasing enclave id.
    function slashInvalidRollup(IRollupManagement.RollupHeader calldata _header, bytes[] calldata _signatures) external;

    /// @notice The EIP-712 digest an enclave signs to testify that a rollup is invalid.
    function hashInvalidRollup(bytes32 _rollupHash) external view returns (bytes32);

    /// @notice The slashing parameters.
    function parameters()
        external
        view
        returns (
            uint16 slashDepth_,
            uint16 reporterShareBps_,
            uint96 forkSlashAmount_,
            uint8 invalidRollupQuorum_,
            uint16 invalidRollupRewardBps_
        );
}

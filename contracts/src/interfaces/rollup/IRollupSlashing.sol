// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import { Types } from "../../libraries/Types.sol";
import { IGovernedModule } from "../common/IGovernedModule.sol";

/// @title IRollupSlashing
/// @notice The two ways an aggregator loses stake for what it published (the seed's fourth
///         power): the fork heuristic ("everyone who publishes on a fork that is more than N
///         rollups deep, which eventually dies out"), and the testimony of enclaves that
///         executed a rollup and know it is invalid.
/// @dev The only module besides governance that NetworkManagement lets slash. It asks
///      RollupManagement to record the facts (a rollup slashed once, a rollup and its
///      descendants invalid) through hooks only it may call.
interface IRollupSlashing is IGovernedModule, IERC5267 {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice The slashing parameters a proxy starts with (`initialize`).
    struct InitParams {
        /// How deep on a dead branch a rollup must be for its publisher to be slashable.
        uint16 slashDepth;
        /// The reporter's share of a fork slash, in basis points.
        uint16 reporterShareBps;
        /// The stake slashed per rollup published deep on a dead branch.
        uint96 forkSlashAmount;
        /// How many active enclaves must testify that a rollup is invalid.
        uint8 invalidRollupQuorum;
        /// The witnesses' share of an invalid rollup's slash, in basis points.
        uint16 invalidRollupRewardBps;
    }

    // ─────────────────────────────────────────────────────────────── errors

    error RollupSlashing_NotEnoughWitnesses(uint256 count, uint256 quorum);
    error RollupSlashing_WitnessesNotAscending(uint256 index, address enclaveId);
    error RollupSlashing_WitnessNotActive(address enclaveId);
    error RollupSlashing_WitnessIsPublisher(address enclaveId);
    error RollupSlashing_ParameterOutOfBounds(bytes32 parameter, uint256 value);

    // ─────────────────────────────────────────────────────────────── events

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

    // ─────────────────────────────────────────────────────────────── initializer

    /// @notice Sets the roles and the slashing parameters; called once, by the proxy's constructor.
    ///         Every parameter is checked as its setter checks it.
    function initialize(address _governance, address _council, InitParams calldata _params) external;

    // ─────────────────────────────────────────────────────────────── slashing

    /// @notice Slashes `forkSlashAmount` from the publisher of `_header`'s rollup if it sits at least
    ///         `slashDepth` deep on a dead, losing branch; the caller gets `reporterShareBps` of it.
    ///         Each such rollup can be slashed once.
    function slashForkPublisher(Types.RollupHeader calldata _header) external;

    /// @notice Slashes the whole stake of the publisher of an invalid rollup and marks the rollup
    ///         and its descendants invalid, on the word of `invalidRollupQuorum` active enclaves
    ///         other than the publisher, each signing the EIP-712 `InvalidRollup(bytes32 rollupHash)`
    ///         (domain "Obscuro RollupSlashing", "1"). A final rollup cannot be invalidated (exit
    ///         mode is the remedy). The witnesses' operators share `invalidRollupRewardBps` of the
    ///         stake; the treasury gets the rest. A witness run by the publisher's own operator
    ///         counts toward the quorum, but its share goes to the treasury.
    /// @param _signatures The witnesses' signatures, ordered by strictly increasing enclave id.
    function slashInvalidRollup(Types.RollupHeader calldata _header, bytes[] calldata _signatures) external;

    // ─────────────────────────────────────────────────────────────── governance

    /// @notice Sets how deep on a dead branch a rollup must be for its publisher to be slashable
    ///         (`MIN_SLASH_DEPTH` to `MAX_SLASH_DEPTH`).
    /// @dev Only governance.
    function setSlashDepth(uint16 _depth) external;

    /// @notice Sets the reporter's share of a fork slash, in basis points (at most
    ///         `MAX_REPORTER_SHARE_BPS`).
    /// @dev Only governance.
    function setReporterShareBps(uint16 _bps) external;

    /// @notice Sets the stake slashed per rollup published deep on a dead branch (at most
    ///         `MAX_FORK_SLASH_AMOUNT`).
    /// @dev Only governance.
    function setForkSlashAmount(uint96 _amount) external;

    /// @notice Sets how many active enclaves must testify that a rollup is invalid
    ///         (`MIN_INVALID_ROLLUP_QUORUM` to `MAX_INVALID_ROLLUP_QUORUM`).
    /// @dev Only governance.
    function setInvalidRollupQuorum(uint8 _quorum) external;

    /// @notice Sets the witnesses' share of an invalid rollup's slash, in basis points (at most
    ///         `MAX_INVALID_ROLLUP_REWARD_BPS`).
    /// @dev Only governance.
    function setInvalidRollupRewardBps(uint16 _bps) external;

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The EIP-712 type of an enclave's testimony that a rollup is invalid.
    function INVALID_ROLLUP_TYPEHASH() external view returns (bytes32);

    /// @notice The least `slashDepth`: one-deep forks are never slashable.
    function MIN_SLASH_DEPTH() external view returns (uint16);

    /// @notice The largest `slashDepth`.
    function MAX_SLASH_DEPTH() external view returns (uint16);

    /// @notice The largest `reporterShareBps`.
    function MAX_REPORTER_SHARE_BPS() external view returns (uint16);

    /// @notice The largest `forkSlashAmount`.
    function MAX_FORK_SLASH_AMOUNT() external view returns (uint96);

    /// @notice The least `invalidRollupQuorum`.
    function MIN_INVALID_ROLLUP_QUORUM() external view returns (uint8);

    /// @notice The largest `invalidRollupQuorum`.
    function MAX_INVALID_ROLLUP_QUORUM() external view returns (uint8);

    /// @notice The largest `invalidRollupRewardBps`.
    function MAX_INVALID_ROLLUP_REWARD_BPS() external view returns (uint16);

    /// @notice The RollupManagement proxy, which keeps the tree.
    function rollups() external view returns (address);

    /// @notice The NetworkManagement proxy, which holds the stakes.
    function networkManagement() external view returns (address);

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

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IGovernor, Governor } from "@openzeppelin/contracts/governance/Governor.sol";
import { GovernorCountingSimple } from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import { GovernorSettings } from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import { GovernorTimelockControl } from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import { GovernorVotes } from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// solhint-disable-next-line max-line-length
import { GovernorVotesQuorumFraction } from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import { TimelockController } from "@openzeppelin/contracts/governance/TimelockController.sol";
import { IVotes } from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title ObscuroGovernor
/// @notice Token-holder governance of Obscuro: OBX holders propose and vote; a passed proposal
///         is queued in the Timelock, which, after its delay, is the only caller of every
///         governance-held function of the protocol (auditors, parameters, upgrades).
/// @dev OpenZeppelin Governor with simple counting, OBX votes (timestamp clock, so delays and
///      periods are in seconds), a quorum fraction and Timelock control. Every setting of the
///      governor itself changes only by proposal, within bounds hard-coded here.
contract ObscuroGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    /// @notice A governor setting outside its hard-coded bounds.
    error ObscuroGovernor_SettingOutOfBounds(bytes32 setting, uint256 value);

    /// @notice The longest voting delay (seconds between proposal and voting).
    uint48 public constant MAX_VOTING_DELAY = 30 days;
    /// @notice The voting period's bounds (seconds).
    uint32 public constant MIN_VOTING_PERIOD = 1 hours;
    uint32 public constant MAX_VOTING_PERIOD = 60 days;
    /// @notice The highest proposal threshold, in votes (1% of the default supply).
    uint256 public constant MAX_PROPOSAL_THRESHOLD = 10_000_000 ether;
    /// @notice The quorum's bounds, in percent of the supply at the proposal's snapshot.
    uint256 public constant MIN_QUORUM_NUMERATOR = 1;
    uint256 public constant MAX_QUORUM_NUMERATOR = 50;

    /// @param _token The Obscuro token (ERC-5805 votes, timestamp clock).
    /// @param _timelock The Timelock this governor proposes to.
    /// @param _votingDelay Seconds from proposal to the start of voting.
    /// @param _votingPeriod Seconds of voting.
    /// @param _proposalThreshold Votes needed to propose.
    /// @param _quorumNumerator Quorum, in percent of the supply.
    constructor(
        IVotes _token,
        TimelockController _timelock,
        uint48 _votingDelay,
        uint32 _votingPeriod,
        uint256 _proposalThreshold,
        uint256 _quorumNumerator
    )
        Governor("Obscuro Governor")
        GovernorSettings(_votingDelay, _votingPeriod, _proposalThreshold)
        GovernorVotes(_token)
        GovernorVotesQuorumFraction(_quorumNumerator)
        GovernorTimelockControl(_timelock)
    {}

    // ─────────────────────────────────────────────────────────────── bounds

    function _setVotingDelay(uint48 _newVotingDelay) internal override {
        if (_newVotingDelay > MAX_VOTING_DELAY) {
            revert ObscuroGovernor_SettingOutOfBounds("votingDelay", _newVotingDelay);
        }
        super._setVotingDelay(_newVotingDelay);
    }

    function _setVotingPeriod(uint32 _newVotingPeriod) internal override {
        if (_newVotingPeriod < MIN_VOTING_PERIOD || _newVotingPeriod > MAX_VOTING_PERIOD) {
            revert ObscuroGovernor_SettingOutOfBounds("votingPeriod", _newVotingPeriod);
        }
        super._setVotingPeriod(_newVotingPeriod);
    }

    function _setProposalThreshold(uint256 _newProposalThreshold) internal override {
        if (_newProposalThreshold > MAX_PROPOSAL_THRESHOLD) {
            revert ObscuroGovernor_SettingOutOfBounds("proposalThreshold", _newProposalThreshold);
        }
        super._setProposalThreshold(_newProposalThreshold);
    }

    function _updateQuorumNumerator(uint256 _newQuorumNumerator) internal override {
        if (_newQuorumNumerator < MIN_QUORUM_NUMERATOR || _newQuorumNumerator > MAX_QUORUM_NUMERATOR) {
            revert ObscuroGovernor_SettingOutOfBounds("quorumNumerator", _newQuorumNumerator);
        }
        super._updateQuorumNumerator(_newQuorumNumerator);
    }

    // ─────────────────────────────────────────────────────────────── required overrides

    /// @inheritdoc IGovernor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc IGovernor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc IGovernor
    function quorum(uint256 _timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(_timepoint);
    }

    /// @inheritdoc IGovernor
    function state(
        uint256 _proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(_proposalId);
    }

    /// @inheritdoc IGovernor
    function proposalNeedsQueuing(
        uint256 _proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(_proposalId);
    }

    /// @inheritdoc IGovernor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _queueOperations(
        uint256 _proposalId,
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        bytes32 _descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(_proposalId, _targets, _values, _calldatas, _descriptionHash);
    }

    function _executeOperations(
        uint256 _proposalId,
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        bytes32 _descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(_proposalId, _targets, _values, _calldatas, _descriptionHash);
    }

    function _cancel(
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        bytes32 _descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(_targets, _values, _calldatas, _descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import { EIP712 } from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import { GovernedModule } from "../common/GovernedModule.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";
import { INetworkManagement } from "../interfaces/network/INetworkManagement.sol";
import { IRollupManagement } from "../interfaces/rollup/IRollupManagement.sol";
import { IRollupSlashing } from "../interfaces/rollup/IRollupSlashing.sol";
import { Types } from "../libraries/Types.sol";

/// @title RollupSlashing
/// @notice Slashes aggregators for what they published: deep on a dead branch (the fork
///         heuristic), or a rollup that enclaves testify is invalid. See IRollupSlashing.
contract RollupSlashing is GovernedModule, EIP712, IRollupSlashing {
    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc IRollupSlashing
    bytes32 public constant INVALID_ROLLUP_TYPEHASH = keccak256("InvalidRollup(bytes32 rollupHash)");

    /// @inheritdoc IRollupSlashing
    uint16 public constant MIN_SLASH_DEPTH = 2;
    /// @inheritdoc IRollupSlashing
    uint16 public constant MAX_SLASH_DEPTH = 1024;
    /// @inheritdoc IRollupSlashing
    uint16 public constant MAX_REPORTER_SHARE_BPS = 5000;
    /// @inheritdoc IRollupSlashing
    uint96 public constant MAX_FORK_SLASH_AMOUNT = 10_000_000 ether;
    /// @inheritdoc IRollupSlashing
    uint8 public constant MIN_INVALID_ROLLUP_QUORUM = 1;
    /// @inheritdoc IRollupSlashing
    uint8 public constant MAX_INVALID_ROLLUP_QUORUM = 32;
    /// @inheritdoc IRollupSlashing
    uint16 public constant MAX_INVALID_ROLLUP_REWARD_BPS = 10_000;

    /// @notice The RollupManagement proxy, which keeps the tree.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IRollupManagement internal immutable ROLLUPS;

    /// @notice The NetworkManagement proxy, which holds the stakes.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    INetworkManagement internal immutable NETWORK_MANAGEMENT;

    // ─────────────────────────────────────────────────────────────── storage

    /// @notice The slashing parameters (one slot).
    struct Params {
        uint16 slashDepth;
        uint16 reporterShareBps;
        uint96 forkSlashAmount;
        uint8 invalidRollupQuorum;
        uint16 invalidRollupRewardBps;
    }

    /// @custom:storage-location erc7201:obscuro.storage.RollupSlashing
    struct RollupSlashingStorage {
        Params params;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.RollupSlashing")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ROLLUP_SLASHING_STORAGE =
        0xd54b9969278a19d2748c37c601361e71381101f1cfbba20ce846c7876880c800;

    // ─────────────────────────────────────────────────────────────── constructor / initializer

    /// @dev EIP712's constructor only sets immutables here (short strings: no fallback storage);
    ///      under the proxy it rebuilds the domain separator with the proxy's address.
    /// @custom:oz-upgrades-unsafe-allow-reachable constructor
    constructor(
        IRollupManagement _rollups,
        INetworkManagement _networkManagement
    ) EIP712("Obscuro RollupSlashing", "1") {
        ROLLUPS = _rollups;
        NETWORK_MANAGEMENT = _networkManagement;
        _disableInitializers();
    }

    /// @inheritdoc IRollupSlashing
    function initialize(address _governance, address _council, InitParams calldata _params) external initializer {
        __GovernedModule_init(_governance, _council);
        _setSlashDepth(_params.slashDepth);
        _setReporterShareBps(_params.reporterShareBps);
        _setForkSlashAmount(_params.forkSlashAmount);
        _setInvalidRollupQuorum(_params.invalidRollupQuorum);
        _setInvalidRollupRewardBps(_params.invalidRollupRewardBps);
    }

    // ─────────────────────────────────────────────────────────────── slashing

    /// @inheritdoc IRollupSlashing
    function slashForkPublisher(Types.RollupHeader calldata _header) external {
        Params memory p = _storage().params;
        bytes32 rollupHash = ROLLUPS.hashHeader(_header);
        ROLLUPS.markForkSlashed(rollupHash, p.slashDepth);
        address operator = NETWORK_MANAGEMENT.operatorOf(_header.enclaveId);
        address[] memory reporters = new address[](1);
        reporters[0] = msg.sender;
        uint256 slashed = NETWORK_MANAGEMENT.slash(operator, p.forkSlashAmount, reporters, p.reporterShareBps);
        emit ForkPublisherSlashed(rollupHash, operator, msg.sender, slashed);
    }

    /// @inheritdoc IRollupSlashing
    function slashInvalidRollup(Types.RollupHeader calldata _header, bytes[] calldata _signatures) external {
        Params memory p = _storage().params;
        bytes32 rollupHash = ROLLUPS.hashHeader(_header);
        address[] memory witnesses = _checkWitnesses(p.invalidRollupQuorum, rollupHash, _header.enclaveId, _signatures);
        ROLLUPS.invalidate(_header);
        address operator = NETWORK_MANAGEMENT.operatorOf(_header.enclaveId);
        (address[] memory rewarded, uint256 rewardBps) = _rewardRecipients(
            operator,
            witnesses,
            p.invalidRollupRewardBps
        );
        uint256 slashed = NETWORK_MANAGEMENT.slash(operator, type(uint256).max, rewarded, rewardBps);
        emit InvalidRollupSlashed(rollupHash, operator, slashed, witnesses);
    }

    // ─────────────────────────────────────────────────────────────── governance

    /// @inheritdoc IRollupSlashing
    function setSlashDepth(uint16 _depth) external onlyGovernance {
        _setSlashDepth(_depth);
    }

    /// @inheritdoc IRollupSlashing
    function setReporterShareBps(uint16 _bps) external onlyGovernance {
        _setReporterShareBps(_bps);
    }

    /// @inheritdoc IRollupSlashing
    function setForkSlashAmount(uint96 _amount) external onlyGovernance {
        _setForkSlashAmount(_amount);
    }

    /// @inheritdoc IRollupSlashing
    function setInvalidRollupQuorum(uint8 _quorum) external onlyGovernance {
        _setInvalidRollupQuorum(_quorum);
    }

    /// @inheritdoc IRollupSlashing
    function setInvalidRollupRewardBps(uint16 _bps) external onlyGovernance {
        _setInvalidRollupRewardBps(_bps);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IRollupSlashing
    function hashInvalidRollup(bytes32 _rollupHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(INVALID_ROLLUP_TYPEHASH, _rollupHash)));
    }

    /// @inheritdoc IRollupSlashing
    function parameters()
        external
        view
        returns (
            uint16 slashDepth_,
            uint16 reporterShareBps_,
            uint96 forkSlashAmount_,
            uint8 invalidRollupQuorum_,
            uint16 invalidRollupRewardBps_
        )
    {
        Params memory p = _storage().params;
        return (p.slashDepth, p.reporterShareBps, p.forkSlashAmount, p.invalidRollupQuorum, p.invalidRollupRewardBps);
    }

    /// @inheritdoc IRollupSlashing
    function rollups() external view returns (address) {
        return address(ROLLUPS);
    }

    /// @inheritdoc IRollupSlashing
    function networkManagement() external view returns (address) {
        return address(NETWORK_MANAGEMENT);
    }

    /// @inheritdoc IGovernedModule
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── internal

    /// @dev `_quorum` or more distinct active enclaves, not the publisher, in strictly increasing
    ///      order, each signing `InvalidRollup(rollupHash)`.
    function _checkWitnesses(
        uint256 _quorum,
        bytes32 _rollupHash,
        address _publisher,
        bytes[] calldata _signatures
    ) internal view returns (address[] memory witnesses_) {
        if (_signatures.length < _quorum) revert RollupSlashing_NotEnoughWitnesses(_signatures.length, _quorum);
        bytes32 digest = hashInvalidRollup(_rollupHash);
        witnesses_ = new address[](_signatures.length);
        address previous;
        for (uint256 i; i < _signatures.length; ++i) {
            (address witness, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(digest, _signatures[i]);
            if (recoverError != ECDSA.RecoverError.NoError || witness <= previous) {
                revert RollupSlashing_WitnessesNotAscending(i, witness);
            }
            if (witness == _publisher) revert RollupSlashing_WitnessIsPublisher(witness);
            if (!NETWORK_MANAGEMENT.isActive(witness)) revert RollupSlashing_WitnessNotActive(witness);
            witnesses_[i] = witness;
            previous = witness;
        }
    }

    /// @dev The witnesses' operators, except the publisher's own operator: an enclave it also runs
    ///      counts toward the quorum, but its share goes to the treasury, so that no one recovers
    ///      part of its own slashed stake. The reward is scaled to the rewarded witnesses
    ///      (`_rewardBps × rewarded / witnesses`), so each of them gets what it would have got anyway.
    function _rewardRecipients(
        address _publisherOperator,
        address[] memory _witnesses,
        uint256 _rewardBps
    ) internal view returns (address[] memory recipients_, uint256 rewardBps_) {
        uint256 count = _witnesses.length;
        recipients_ = new address[](count);
        uint256 kept;
        for (uint256 i; i < count; ++i) {
            address witnessOperator = NETWORK_MANAGEMENT.operatorOf(_witnesses[i]);
            if (witnessOperator != _publisherOperator) recipients_[kept++] = witnessOperator;
        }
        assembly ("memory-safe") {
            mstore(recipients_, kept)
        }
        rewardBps_ = (_rewardBps * kept) / count;
    }

    function _setSlashDepth(uint16 _depth) internal {
        if (_depth < MIN_SLASH_DEPTH || _depth > MAX_SLASH_DEPTH) {
            revert RollupSlashing_ParameterOutOfBounds("slashDepth", _depth);
        }
        Params storage p = _storage().params;
        uint256 previous = p.slashDepth;
        p.slashDepth = _depth;
        emit SlashDepthSet(previous, _depth);
    }

    function _setReporterShareBps(uint16 _bps) internal {
        if (_bps > MAX_REPORTER_SHARE_BPS) revert RollupSlashing_ParameterOutOfBounds("reporterShareBps", _bps);
        Params storage p = _storage().params;
        uint256 previous = p.reporterShareBps;
        p.reporterShareBps = _bps;
        emit ReporterShareBpsSet(previous, _bps);
    }

    function _setForkSlashAmount(uint96 _amount) internal {
        if (_amount > MAX_FORK_SLASH_AMOUNT) revert RollupSlashing_ParameterOutOfBounds("forkSlashAmount", _amount);
        Params storage p = _storage().params;
        uint256 previous = p.forkSlashAmount;
        p.forkSlashAmount = _amount;
        emit ForkSlashAmountSet(previous, _amount);
    }

    function _setInvalidRollupQuorum(uint8 _quorum) internal {
        if (_quorum < MIN_INVALID_ROLLUP_QUORUM || _quorum > MAX_INVALID_ROLLUP_QUORUM) {
            revert RollupSlashing_ParameterOutOfBounds("invalidRollupQuorum", _quorum);
        }
        Params storage p = _storage().params;
        uint256 previous = p.invalidRollupQuorum;
        p.invalidRollupQuorum = _quorum;
        emit InvalidRollupQuorumSet(previous, _quorum);
    }

    function _setInvalidRollupRewardBps(uint16 _bps) internal {
        if (_bps > MAX_INVALID_ROLLUP_REWARD_BPS) {
            revert RollupSlashing_ParameterOutOfBounds("invalidRollupRewardBps", _bps);
        }
        Params storage p = _storage().params;
        uint256 previous = p.invalidRollupRewardBps;
        p.invalidRollupRewardBps = _bps;
        emit InvalidRollupRewardBpsSet(previous, _bps);
    }

    function _storage() private pure returns (RollupSlashingStorage storage $) {
        assembly {
            $.slot := ROLLUP_SLASHING_STORAGE
        }
    }
}

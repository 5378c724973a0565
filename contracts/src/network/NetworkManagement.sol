// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IERC20Permit } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import { EIP712 } from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { GovernedModule } from "../common/GovernedModule.sol";
import { IAttestationVerifier } from "../interfaces/attestation/IAttestationVerifier.sol";
import { IEnclavePolicy } from "../interfaces/attestation/IEnclavePolicy.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";
import { INetworkManagement } from "../interfaces/network/INetworkManagement.sol";
import { INetworkRegistry } from "../interfaces/network/INetworkRegistry.sol";
import { AttestationBinding } from "../libraries/AttestationBinding.sol";
import { DataContract } from "../libraries/DataContract.sol";
import { Secp256k1 } from "../libraries/Secp256k1.sol";

/// @title NetworkManagement
/// @notice The gatekeeper of the Obscuro network: registers attested nodes, keeps the network's
///         shared secret on L1 (encrypted to each enclave), and manages aggregators, their stakes
///         and their public host addresses. See `INetworkRegistry` and docs/network.md.
/// @dev `checkPublisher` runs on every rollup submission, so what it reads is packed: a node's
///      operator, status and expiry share one slot (its measurement is in a second one), an
///      operator's stake state is one slot, the parameters are one slot, and the measurement's
///      status comes from `EnclavePolicy.measurementStatus` (so a revocation applies at once).
///      Encrypted secrets live in data contracts (`DataContract`), not in storage slots.
///      The EnclavePolicy, ObscuroToken and RollupSlashing proxies are immutables of the
///      implementation (set again by each upgrade). State lives in the ERC-7201 namespace
///      `obscuro.storage.NetworkManagement`; the EIP-712 name and version are implementation
///      immutables (OpenZeppelin `EIP712`, proxy-safe).
///
///      Invariants (tested in test/network/invariants/):
///      1. the contract's token balance equals the sum of all stakes and unbonding stakes;
///      2. an operator is in the host list exactly when its stake is non-zero, and the list and
///         the operators' `hostIndex` agree;
///      3. the contract's ETH balance equals the sum of the fees held for nodes awaiting the secret;
///      4. a slash never takes more than asked, nor more than the operator's stake and unbonding.
contract NetworkManagement is GovernedModule, EIP712, ReentrancyGuardTransient, INetworkRegistry {
    using SafeERC20 for IERC20;

    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc INetworkRegistry
    bytes32 public constant INITIALIZE_NETWORK_TYPEHASH = keccak256(
        "InitializeNetwork(bytes32 encryptedSecretHash,address networkKey)"
    );

    /// @inheritdoc INetworkRegistry
    bytes32 public constant SECRET_RESPONSE_TYPEHASH = keccak256(
        "SecretResponse(address requester,address responder,bytes32 encryptedSecretHash)"
    );

    /// @inheritdoc INetworkRegistry
    uint256 public constant ENCRYPTED_SECRET_LENGTH = 129;

    /// @inheritdoc INetworkRegistry
    uint256 public constant MAX_HOST_ADDRESS_LENGTH = 256;

    /// @inheritdoc INetworkRegistry
    uint256 public constant MAX_REWARD_RECIPIENTS = 32;

    /// @inheritdoc INetworkRegistry
    uint256 public constant BPS = 10_000;

    /// @inheritdoc INetworkRegistry
    uint256 public constant MAX_REGISTRATION_FEE = 10 ether;
    /// @inheritdoc INetworkRegistry
    uint256 public constant MIN_MIN_STAKE = 1 ether; // 1 OBX
    /// @inheritdoc INetworkRegistry
    uint256 public constant MAX_MIN_STAKE = 100_000_000 ether; // 100M OBX
    /// @inheritdoc INetworkRegistry
    uint256 public constant MIN_UNBONDING_PERIOD = 1 hours;
    /// @inheritdoc INetworkRegistry
    uint256 public constant MAX_UNBONDING_PERIOD = 365 days;
    /// @inheritdoc INetworkRegistry
    uint256 public constant MIN_RESPONSE_TIMEOUT = 5 minutes;
    /// @inheritdoc INetworkRegistry
    uint256 public constant MAX_RESPONSE_TIMEOUT = 30 days;

    /// @dev The host list's positions are uint24, 1-based.
    uint256 private constant MAX_HOSTS = type(uint24).max;

    /// @notice The EnclavePolicy proxy.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IEnclavePolicy internal immutable ENCLAVE_POLICY;

    /// @notice The stake token (ObscuroToken).
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IERC20 internal immutable STAKE_TOKEN;

    /// @notice The RollupSlashing proxy: the only module besides governance that may slash.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address internal immutable ROLLUP_SLASHING;

    // ─────────────────────────────────────────────────────────────── storage

    /// @dev The parameters, one slot.
    struct Params {
        uint96 registrationFee;
        uint96 minStake;
        uint32 unbondingPeriod;
        uint32 responseTimeout;
    }

    /// @custom:storage-location erc7201:obscuro.storage.NetworkManagement
    struct NetworkManagementStorage {
        Params params;
        address treasury;
        address networkKey;
        address genesisEnclave;
        mapping(address enclaveId => Node) nodes;
        mapping(address operator => Aggregator) aggregators;
        mapping(address operator => string) hostAddresses;
        address[] hosts;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.NetworkManagement")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant NETWORK_MANAGEMENT_STORAGE =
        0xeee305e52fe4f52183761205df8d85cf744a6ea930ff12edd627875020dcac00;

    // ─────────────────────────────────────────────────────────────── constructor / initializer

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(
        IEnclavePolicy _enclavePolicy,
        IERC20 _stakeToken,
        address _rollupSlashing
    ) EIP712("Obscuro NetworkManagement", "1") {
        ENCLAVE_POLICY = _enclavePolicy;
        STAKE_TOKEN = _stakeToken;
        ROLLUP_SLASHING = _rollupSlashing;
        _disableInitializers();
    }

    /// @inheritdoc INetworkRegistry
    function initialize(address _governance, address _council, InitParams calldata _params) external initializer {
        __GovernedModule_init(_governance, _council);
        _setRegistrationFee(_params.registrationFee);
        _setMinStake(_params.minStake);
        _setUnbondingPeriod(_params.unbondingPeriod);
        _setResponseTimeout(_params.responseTimeout);
        _setTreasury(_params.treasury);
    }

    // ─────────────────────────────────────────────────────────────── external: nodes

    /// @inheritdoc INetworkRegistry
    function registerNode(
        bytes calldata _report,
        uint256 _l1BlockNumber
    ) external payable returns (address enclaveId_) {
        NetworkManagementStorage storage $ = _storage();
        uint256 fee = $.params.registrationFee;
        if (msg.value != fee) revert NetworkManagement_WrongFee(msg.value, fee);
        IAttestationVerifier.AttestationResult memory result = _attest(_report, _l1BlockNumber);
        enclaveId_ = Secp256k1.toAddress(result.enclavePublicKey);
        Node storage n = $.nodes[enclaveId_];
        NodeStatus status = n.status;
        if (status != NodeStatus.None) revert NetworkManagement_NodeAlreadyRegistered(enclaveId_, status);
        uint40 expiresAt = _newExpiry();
        n.operator = msg.sender;
        n.status = NodeStatus.AwaitingSecret;
        n.expiresAt = expiresAt;
        n.requestedAt = uint40(block.timestamp);
        n.measurement = result.measurement;
        if (fee != 0) n.fee = uint96(fee);
        emit SecretRequested(enclaveId_, msg.sender, result.enclavePublicKey, result.measurement, fee, expiresAt);
    }

    /// @inheritdoc INetworkRegistry
    function initializeNetwork(
        address _enclaveId,
        bytes calldata _encryptedSecret,
        address _networkKey,
        bytes calldata _enclaveSignature,
        bytes calldata _networkSignature
    ) external nonReentrant {
        NetworkManagementStorage storage $ = _storage();
        if ($.networkKey != address(0)) revert NetworkManagement_NetworkAlreadyInitialized();
        if (_networkKey == address(0)) revert NetworkManagement_ZeroNetworkKey();
        _checkEncryptedSecretLength(_encryptedSecret);
        Node storage n = $.nodes[_enclaveId];
        if (n.operator != msg.sender) revert NetworkManagement_NotOperator(_enclaveId, msg.sender);
        _requireAwaiting(n, _enclaveId);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(INITIALIZE_NETWORK_TYPEHASH, keccak256(_encryptedSecret), _networkKey))
        );
        _checkEnclaveSignature(digest, _enclaveId, _enclaveSignature);
        _checkNetworkSignature(digest, _networkKey, _networkSignature);

        uint256 refund = n.fee;
        n.status = NodeStatus.Active;
        n.secretData = DataContract.write(_encryptedSecret);
        n.fee = 0;
        $.networkKey = _networkKey;
        $.genesisEnclave = _enclaveId;
        emit NetworkInitialized(_enclaveId, msg.sender, _networkKey);
        if (refund != 0) _sendEth(msg.sender, refund);
    }

    /// @inheritdoc INetworkRegistry
    function respondSecret(
        address _requester,
        address _responder,
        bytes calldata _encryptedSecret,
        bytes calldata _responderSignature,
        bytes calldata _networkSignature
    ) external nonReentrant {
        NetworkManagementStorage storage $ = _storage();
        (Node storage requester, address responderOperator) = _checkResponseParties(
            $,
            _requester,
            _responder,
            _encryptedSecret.length
        );
        _checkResponseSignatures(
            $.networkKey,
            _requester,
            _responder,
            keccak256(_encryptedSecret),
            _responderSignature,
            _networkSignature
        );
        uint256 fee = requester.fee;
        requester.status = NodeStatus.Active;
        requester.secretData = DataContract.write(_encryptedSecret);
        requester.fee = 0;
        emit SecretResponded(_requester, _responder, responderOperator, fee);
        if (fee != 0) _sendEth(responderOperator, fee);
    }

    /// @inheritdoc INetworkRegistry
    function cancelRegistration(address _enclaveId) external nonReentrant {
        NetworkManagementStorage storage $ = _storage();
        Node storage n = $.nodes[_enclaveId];
        if (n.operator != msg.sender) revert NetworkManagement_NotOperator(_enclaveId, msg.sender);
        NodeStatus status = n.status;
        if (status != NodeStatus.AwaitingSecret) revert NetworkManagement_NotAwaitingSecret(_enclaveId, status);
        uint256 cancellableAt = uint256(n.requestedAt) + $.params.responseTimeout;
        if (block.timestamp < cancellableAt) {
            revert NetworkManagement_ResponseTimeoutNotReached(_enclaveId, cancellableAt);
        }
        uint256 refund = n.fee;
        delete $.nodes[_enclaveId];
        emit RegistrationCancelled(_enclaveId, msg.sender, refund);
        if (refund != 0) _sendEth(msg.sender, refund);
    }

    /// @inheritdoc INetworkRegistry
    function reattest(bytes calldata _report, uint256 _l1BlockNumber) external returns (address enclaveId_) {
        IAttestationVerifier.AttestationResult memory result = _attest(_report, _l1BlockNumber);
        enclaveId_ = Secp256k1.toAddress(result.enclavePublicKey);
        Node storage n = _storage().nodes[enclaveId_];
        if (n.operator != msg.sender) revert NetworkManagement_NotOperator(enclaveId_, msg.sender);
        NodeStatus status = n.status;
        if (status != NodeStatus.Active && status != NodeStatus.AwaitingSecret) {
            revert NetworkManagement_NodeNotActive(enclaveId_, status);
        }
        if (result.measurement != n.measurement) {
            revert NetworkManagement_MeasurementChanged(enclaveId_, n.measurement, result.measurement);
        }
        uint40 expiresAt = _newExpiry();
        n.expiresAt = expiresAt;
        emit NodeReattested(enclaveId_, expiresAt);
    }

    /// @inheritdoc INetworkRegistry
    function deregisterNode(address _enclaveId) external {
        Node storage n = _storage().nodes[_enclaveId];
        if (n.operator != msg.sender) revert NetworkManagement_NotOperator(_enclaveId, msg.sender);
        NodeStatus status = n.status;
        if (status != NodeStatus.Active) revert NetworkManagement_NodeNotActive(_enclaveId, status);
        n.status = NodeStatus.Deregistered;
        emit NodeDeregistered(_enclaveId, msg.sender);
    }

    // ─────────────────────────────────────────────────────────────── external: aggregators

    /// @inheritdoc INetworkRegistry
    function registerAggregator(address _enclaveId, string calldata _hostAddress, uint256 _amount) external {
        _registerAggregator(_enclaveId, _hostAddress, _amount);
    }

    /// @inheritdoc INetworkRegistry
    function registerAggregatorWithPermit(
        address _enclaveId,
        string calldata _hostAddress,
        uint256 _amount,
        uint256 _deadline,
        uint8 _v,
        bytes32 _r,
        bytes32 _s
    ) external {
        // Someone who saw the permit in the mempool may have used it first; the allowance is then
        // already there, and transferFrom below fails if it is not.
        try
            IERC20Permit(address(STAKE_TOKEN)).permit(msg.sender, address(this), _amount, _deadline, _v, _r, _s)
        {} catch {}
        _registerAggregator(_enclaveId, _hostAddress, _amount);
    }

    /// @inheritdoc INetworkRegistry
    function increaseStake(uint256 _amount) external {
        if (_amount == 0) revert NetworkManagement_ZeroAmount();
        Aggregator storage a = _storage().aggregators[msg.sender];
        if (a.hostIndex == 0) revert NetworkManagement_NotAggregator(msg.sender);
        uint256 stake = uint256(a.stake) + _amount;
        if (stake > type(uint96).max) revert NetworkManagement_StakeOverflow(stake);
        a.stake = uint96(stake);
        emit StakeIncreased(msg.sender, _amount, stake);
        STAKE_TOKEN.safeTransferFrom(msg.sender, address(this), _amount);
    }

    /// @inheritdoc INetworkRegistry
    function updateHostAddress(string calldata _hostAddress) external {
        NetworkManagementStorage storage $ = _storage();
        if ($.aggregators[msg.sender].hostIndex == 0) revert NetworkManagement_NotAggregator(msg.sender);
        _checkHostAddress(_hostAddress);
        $.hostAddresses[msg.sender] = _hostAddress;
        emit HostAddressUpdated(msg.sender, _hostAddress);
    }

    /// @inheritdoc INetworkRegistry
    function unstake() external {
        NetworkManagementStorage storage $ = _storage();
        Aggregator storage a = $.aggregators[msg.sender];
        uint24 hostIndex = a.hostIndex;
        if (hostIndex == 0) revert NetworkManagement_NotAggregator(msg.sender);
        uint256 amount = a.stake;
        uint256 unbonding = uint256(a.unbonding) + amount;
        if (unbonding > type(uint96).max) revert NetworkManagement_StakeOverflow(unbonding);
        uint256 unbondingEnds = block.timestamp + $.params.unbondingPeriod;
        _removeHost($, msg.sender, hostIndex);
        a.stake = 0;
        a.unbonding = uint96(unbonding);
        a.unbondingEnds = uint40(unbondingEnds);
        a.hostIndex = 0;
        emit Unstaked(msg.sender, amount, unbonding, unbondingEnds);
    }

    /// @inheritdoc INetworkRegistry
    function withdrawStake() external {
        Aggregator storage a = _storage().aggregators[msg.sender];
        uint256 amount = a.unbonding;
        if (amount == 0) revert NetworkManagement_NothingToWithdraw(msg.sender);
        uint256 unbondingEnds = a.unbondingEnds;
        if (block.timestamp < unbondingEnds) revert NetworkManagement_StillUnbonding(msg.sender, unbondingEnds);
        a.unbonding = 0;
        a.unbondingEnds = 0;
        emit StakeWithdrawn(msg.sender, amount);
        STAKE_TOKEN.safeTransfer(msg.sender, amount);
    }

    // ─────────────────────────────────────────────────────────────── external: slashing

    /// @inheritdoc INetworkManagement
    /// @dev Takes from the bonded stake first, then from the unbonding stake. An operator slashed
    ///      to a zero stake leaves the host list. Each recipient gets
    ///      `slashed × rewardBps / 10,000 / recipients` (rounded down); the rest, dust included,
    ///      goes to the treasury.
    function slash(
        address _operator,
        uint256 _amount,
        address[] calldata _rewardRecipients,
        uint256 _rewardBps
    ) external nonReentrant returns (uint256 slashed_) {
        if (msg.sender != ROLLUP_SLASHING && msg.sender != governance()) {
            revert NetworkManagement_NotSlasher(msg.sender);
        }
        if (_rewardBps > BPS) revert NetworkManagement_InvalidRewardBps(_rewardBps);
        uint256 recipients = _rewardRecipients.length;
        if (recipients > MAX_REWARD_RECIPIENTS) revert NetworkManagement_TooManyRewardRecipients(recipients);
        for (uint256 i; i < recipients; ++i) {
            if (_rewardRecipients[i] == address(0)) revert NetworkManagement_ZeroAddress();
        }

        NetworkManagementStorage storage $ = _storage();
        slashed_ = _takeStake($, _operator, _amount);
        uint256 rewardEach = recipients == 0 ? 0 : (slashed_ * _rewardBps) / BPS / recipients;
        uint256 toTreasury = slashed_ - rewardEach * recipients;
        emit Slashed(_operator, msg.sender, slashed_, _rewardRecipients, rewardEach, toTreasury);
        if (rewardEach != 0) {
            for (uint256 i; i < recipients; ++i) {
                STAKE_TOKEN.safeTransfer(_rewardRecipients[i], rewardEach);
            }
        }
        if (toTreasury != 0) STAKE_TOKEN.safeTransfer($.treasury, toTreasury);
    }

    // ─────────────────────────────────────────────────────────────── external: governance

    /// @inheritdoc INetworkRegistry
    function setRegistrationFee(uint256 _fee) external onlyGovernance {
        _setRegistrationFee(_fee);
    }

    /// @inheritdoc INetworkRegistry
    function setMinStake(uint256 _minStake) external onlyGovernance {
        _setMinStake(_minStake);
    }

    /// @inheritdoc INetworkRegistry
    function setUnbondingPeriod(uint256 _seconds) external onlyGovernance {
        _setUnbondingPeriod(_seconds);
    }

    /// @inheritdoc INetworkRegistry
    function setResponseTimeout(uint256 _seconds) external onlyGovernance {
        _setResponseTimeout(_seconds);
    }

    /// @inheritdoc INetworkRegistry
    function setTreasury(address _treasury) external onlyGovernance {
        _setTreasury(_treasury);
    }

    // ─────────────────────────────────────────────────────────────── views: rollup-facing

    /// @inheritdoc INetworkManagement
    /// @dev Reads the node's hot slot, the operator's stake slot, the parameter slot, the node's
    ///      measurement slot, and the measurement's status in EnclavePolicy, in that order.
    function checkPublisher(address _enclaveId, address _operator) external view {
        NetworkManagementStorage storage $ = _storage();
        Node storage n = $.nodes[_enclaveId];
        if (n.operator != _operator) revert NetworkManagement_NotOperator(_enclaveId, _operator);
        NodeStatus status = n.status;
        if (status != NodeStatus.Active) revert NetworkManagement_NodeNotActive(_enclaveId, status);
        uint256 expiresAt = n.expiresAt;
        if (block.timestamp >= expiresAt) revert NetworkManagement_KeyExpired(_enclaveId, expiresAt);
        uint256 stake = $.aggregators[_operator].stake;
        uint256 minimum = $.params.minStake;
        if (stake < minimum) revert NetworkManagement_InsufficientStake(_operator, stake, minimum);
        _requireApproved(n.measurement, _enclaveId);
    }

    /// @inheritdoc INetworkManagement
    function operatorOf(address _enclaveId) external view returns (address) {
        return _storage().nodes[_enclaveId].operator;
    }

    /// @inheritdoc INetworkManagement
    function isActive(address _enclaveId) external view returns (bool) {
        Node storage n = _storage().nodes[_enclaveId];
        if (n.status != NodeStatus.Active || block.timestamp >= n.expiresAt) return false;
        return ENCLAVE_POLICY.measurementStatus(n.measurement) == IEnclavePolicy.MeasurementStatus.Approved;
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc INetworkRegistry
    function enclavePolicy() external view returns (address) {
        return address(ENCLAVE_POLICY);
    }

    /// @inheritdoc INetworkRegistry
    function stakeToken() external view returns (address) {
        return address(STAKE_TOKEN);
    }

    /// @inheritdoc INetworkRegistry
    function rollupSlashing() external view returns (address) {
        return ROLLUP_SLASHING;
    }

    /// @inheritdoc INetworkRegistry
    function node(address _enclaveId) external view returns (Node memory) {
        return _storage().nodes[_enclaveId];
    }

    /// @inheritdoc INetworkRegistry
    function encryptedSecretOf(address _enclaveId) external view returns (bytes memory) {
        address pointer = _storage().nodes[_enclaveId].secretData;
        if (pointer == address(0)) return "";
        return DataContract.read(pointer);
    }

    /// @inheritdoc INetworkRegistry
    function networkKey() external view returns (address) {
        return _storage().networkKey;
    }

    /// @inheritdoc INetworkRegistry
    function genesisEnclave() external view returns (address) {
        return _storage().genesisEnclave;
    }

    /// @inheritdoc INetworkRegistry
    function aggregator(address _operator) external view returns (Aggregator memory) {
        return _storage().aggregators[_operator];
    }

    /// @inheritdoc INetworkRegistry
    function isAggregator(address _operator) external view returns (bool) {
        NetworkManagementStorage storage $ = _storage();
        return $.aggregators[_operator].stake >= $.params.minStake;
    }

    /// @inheritdoc INetworkRegistry
    function hostCount() external view returns (uint256) {
        return _storage().hosts.length;
    }

    /// @inheritdoc INetworkRegistry
    function hosts(uint256 _offset, uint256 _limit) external view returns (HostEntry[] memory entries_) {
        NetworkManagementStorage storage $ = _storage();
        uint256 count = $.hosts.length;
        if (_offset >= count) return entries_;
        uint256 n = count - _offset < _limit ? count - _offset : _limit;
        entries_ = new HostEntry[](n);
        for (uint256 i; i < n; ++i) {
            address operator = $.hosts[_offset + i];
            entries_[i] = HostEntry({ operator: operator, hostAddress: $.hostAddresses[operator] });
        }
    }

    /// @inheritdoc INetworkRegistry
    function hostAddressOf(address _operator) external view returns (string memory) {
        return _storage().hostAddresses[_operator];
    }

    /// @inheritdoc INetworkRegistry
    function parameters()
        external
        view
        returns (
            uint256 registrationFee_,
            uint256 minStake_,
            uint256 unbondingPeriod_,
            uint256 responseTimeout_,
            address treasury_
        )
    {
        NetworkManagementStorage storage $ = _storage();
        Params memory p = $.params;
        return (p.registrationFee, p.minStake, p.unbondingPeriod, p.responseTimeout, $.treasury);
    }

    /// @inheritdoc INetworkRegistry
    function registrationFee() external view returns (uint256) {
        return _storage().params.registrationFee;
    }

    /// @inheritdoc INetworkRegistry
    function minStake() external view returns (uint256) {
        return _storage().params.minStake;
    }

    /// @inheritdoc INetworkRegistry
    function hashInitializeNetwork(bytes32 _encryptedSecretHash, address _networkKey) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(INITIALIZE_NETWORK_TYPEHASH, _encryptedSecretHash, _networkKey)));
    }

    /// @inheritdoc INetworkRegistry
    function hashSecretResponse(
        address _requester,
        address _responder,
        bytes32 _encryptedSecretHash
    ) external view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(SECRET_RESPONSE_TYPEHASH, _requester, _responder, _encryptedSecretHash))
            );
    }

    /// @inheritdoc INetworkRegistry
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IGovernedModule
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── internal

    /// @dev Freshness, then the verifier and every policy rule, then the report-data binding of the
    ///      report's key to the caller and the named block (docs/attestation.md).
    function _attest(
        bytes calldata _report,
        uint256 _l1BlockNumber
    ) internal view returns (IAttestationVerifier.AttestationResult memory result_) {
        bytes32 l1BlockHash = blockhash(_l1BlockNumber);
        ENCLAVE_POLICY.checkFreshness(_l1BlockNumber, l1BlockHash);
        result_ = ENCLAVE_POLICY.verifyReport(_report);
        if (
            !AttestationBinding.matches(
                result_.reportData,
                result_.enclavePublicKey,
                msg.sender,
                _l1BlockNumber,
                l1BlockHash
            )
        ) {
            revert NetworkManagement_ReportDataMismatch(Secp256k1.toAddress(result_.enclavePublicKey));
        }
    }

    /// @dev The network is initialized, the ciphertext has the right length, the requester awaits
    ///      the secret and is still acceptable, and the responder is active.
    function _checkResponseParties(
        NetworkManagementStorage storage $,
        address _requester,
        address _responder,
        uint256 _encryptedSecretLength
    ) internal view returns (Node storage requester_, address responderOperator_) {
        if ($.networkKey == address(0)) revert NetworkManagement_NetworkNotInitialized();
        if (_encryptedSecretLength != ENCRYPTED_SECRET_LENGTH) {
            revert NetworkManagement_InvalidEncryptedSecretLength(_encryptedSecretLength);
        }
        requester_ = $.nodes[_requester];
        _requireAwaiting(requester_, _requester);
        Node storage responder = $.nodes[_responder];
        _requireActive(responder, _responder);
        responderOperator_ = responder.operator;
    }

    /// @dev Both signatures are over the same `SecretResponse`: the responder's enclave key names
    ///      the responder, the network key proves knowledge of the secret.
    function _checkResponseSignatures(
        address _networkKey,
        address _requester,
        address _responder,
        bytes32 _encryptedSecretHash,
        bytes calldata _responderSignature,
        bytes calldata _networkSignature
    ) internal view {
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(SECRET_RESPONSE_TYPEHASH, _requester, _responder, _encryptedSecretHash))
        );
        _checkEnclaveSignature(digest, _responder, _responderSignature);
        _checkNetworkSignature(digest, _networkKey, _networkSignature);
    }

    function _registerAggregator(address _enclaveId, string calldata _hostAddress, uint256 _amount) internal {
        NetworkManagementStorage storage $ = _storage();
        Node storage n = $.nodes[_enclaveId];
        if (n.operator != msg.sender) revert NetworkManagement_NotOperator(_enclaveId, msg.sender);
        _requireActive(n, _enclaveId);
        Aggregator storage a = $.aggregators[msg.sender];
        if (a.hostIndex != 0) revert NetworkManagement_AlreadyAggregator(msg.sender);
        _checkHostAddress(_hostAddress);
        uint256 minimum = $.params.minStake;
        if (_amount < minimum) revert NetworkManagement_InsufficientStake(msg.sender, _amount, minimum);
        if (_amount > type(uint96).max) revert NetworkManagement_StakeOverflow(_amount);
        uint256 hostIndex = $.hosts.length + 1;
        if (hostIndex > MAX_HOSTS) revert NetworkManagement_HostListFull();
        a.stake = uint96(_amount);
        a.hostIndex = uint24(hostIndex);
        $.hosts.push(msg.sender);
        $.hostAddresses[msg.sender] = _hostAddress;
        emit AggregatorRegistered(msg.sender, _enclaveId, _hostAddress, _amount);
        STAKE_TOKEN.safeTransferFrom(msg.sender, address(this), _amount);
    }

    /// @dev Takes up to `_amount` from `_operator`'s bonded stake, then from its unbonding stake. An
    ///      operator left with no bonded stake leaves the host list.
    function _takeStake(
        NetworkManagementStorage storage $,
        address _operator,
        uint256 _amount
    ) internal returns (uint256 taken_) {
        Aggregator storage a = $.aggregators[_operator];
        uint256 stake = a.stake;
        uint256 unbonding = a.unbonding;
        uint256 fromStake = _amount < stake ? _amount : stake;
        uint256 rest = _amount - fromStake;
        uint256 fromUnbonding = rest < unbonding ? rest : unbonding;
        if (fromStake != 0) {
            a.stake = uint96(stake - fromStake);
            uint24 hostIndex = a.hostIndex;
            if (stake == fromStake && hostIndex != 0) {
                _removeHost($, _operator, hostIndex);
                a.hostIndex = 0;
            }
        }
        if (fromUnbonding != 0) {
            a.unbonding = uint96(unbonding - fromUnbonding);
            if (unbonding == fromUnbonding) a.unbondingEnds = 0;
        }
        taken_ = fromStake + fromUnbonding;
    }

    /// @dev O(1) removal from the host list: the last entry takes the leaver's place.
    function _removeHost(NetworkManagementStorage storage $, address _operator, uint24 _hostIndex) internal {
        uint256 last = $.hosts.length;
        if (_hostIndex != last) {
            address moved = $.hosts[last - 1];
            $.hosts[_hostIndex - 1] = moved;
            $.aggregators[moved].hostIndex = _hostIndex;
        }
        $.hosts.pop();
        delete $.hostAddresses[_operator];
    }

    /// @dev The node is Active, its key unexpired and its measurement still approved.
    function _requireActive(Node storage _n, address _enclaveId) internal view {
        NodeStatus status = _n.status;
        if (status != NodeStatus.Active) revert NetworkManagement_NodeNotActive(_enclaveId, status);
        _requireCurrent(_n, _enclaveId);
    }

    /// @dev The node awaits the secret, its key unexpired and its measurement still approved: a
    ///      revoked or expired enclave never receives the secret.
    function _requireAwaiting(Node storage _n, address _enclaveId) internal view {
        NodeStatus status = _n.status;
        if (status != NodeStatus.AwaitingSecret) revert NetworkManagement_NotAwaitingSecret(_enclaveId, status);
        _requireCurrent(_n, _enclaveId);
    }

    function _requireCurrent(Node storage _n, address _enclaveId) internal view {
        uint256 expiresAt = _n.expiresAt;
        if (block.timestamp >= expiresAt) revert NetworkManagement_KeyExpired(_enclaveId, expiresAt);
        _requireApproved(_n.measurement, _enclaveId);
    }

    function _requireApproved(bytes32 _measurement, address _enclaveId) internal view {
        if (ENCLAVE_POLICY.measurementStatus(_measurement) != IEnclavePolicy.MeasurementStatus.Approved) {
            revert NetworkManagement_MeasurementNotApproved(_enclaveId, _measurement);
        }
    }

    function _newExpiry() internal view returns (uint40) {
        // keyLifetime ≤ 365 days (EnclavePolicy's bound): no overflow for millennia.
        return uint40(block.timestamp + ENCLAVE_POLICY.keyLifetime());
    }

    function _checkEncryptedSecretLength(bytes calldata _encryptedSecret) internal pure {
        if (_encryptedSecret.length != ENCRYPTED_SECRET_LENGTH) {
            revert NetworkManagement_InvalidEncryptedSecretLength(_encryptedSecret.length);
        }
    }

    function _checkHostAddress(string calldata _hostAddress) internal pure {
        uint256 length = bytes(_hostAddress).length;
        if (length == 0 || length > MAX_HOST_ADDRESS_LENGTH) revert NetworkManagement_InvalidHostAddress(length);
    }

    function _checkEnclaveSignature(bytes32 _digest, address _enclaveId, bytes calldata _signature) internal pure {
        (address recovered, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(_digest, _signature);
        if (recoverError != ECDSA.RecoverError.NoError || recovered != _enclaveId) {
            revert NetworkManagement_InvalidEnclaveSignature(_enclaveId, recovered);
        }
    }

    function _checkNetworkSignature(bytes32 _digest, address _networkKey, bytes calldata _signature) internal pure {
        (address recovered, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(_digest, _signature);
        if (recoverError != ECDSA.RecoverError.NoError || recovered != _networkKey) {
            revert NetworkManagement_InvalidNetworkSignature(_networkKey, recovered);
        }
    }

    /// @dev Pays ETH with all the gas left; the caller is `nonReentrant` and has already updated
    ///      its state. No return data is copied.
    function _sendEth(address _to, uint256 _amount) internal {
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), _to, _amount, 0, 0, 0, 0)
        }
        if (!ok) revert NetworkManagement_EthTransferFailed(_to, _amount);
    }

    function _setRegistrationFee(uint256 _fee) internal {
        if (_fee > MAX_REGISTRATION_FEE) revert NetworkManagement_ParameterOutOfBounds("registrationFee", _fee);
        Params storage p = _storage().params;
        uint256 previous = p.registrationFee;
        p.registrationFee = uint96(_fee);
        emit RegistrationFeeSet(previous, _fee);
    }

    function _setMinStake(uint256 _minStake) internal {
        if (_minStake < MIN_MIN_STAKE || _minStake > MAX_MIN_STAKE) {
            revert NetworkManagement_ParameterOutOfBounds("minStake", _minStake);
        }
        Params storage p = _storage().params;
        uint256 previous = p.minStake;
        p.minStake = uint96(_minStake);
        emit MinStakeSet(previous, _minStake);
    }

    function _setUnbondingPeriod(uint256 _seconds) internal {
        if (_seconds < MIN_UNBONDING_PERIOD || _seconds > MAX_UNBONDING_PERIOD) {
            revert NetworkManagement_ParameterOutOfBounds("unbondingPeriod", _seconds);
        }
        Params storage p = _storage().params;
        uint256 previous = p.unbondingPeriod;
        p.unbondingPeriod = uint32(_seconds);
        emit UnbondingPeriodSet(previous, _seconds);
    }

    function _setResponseTimeout(uint256 _seconds) internal {
        if (_seconds < MIN_RESPONSE_TIMEOUT || _seconds > MAX_RESPONSE_TIMEOUT) {
            revert NetworkManagement_ParameterOutOfBounds("responseTimeout", _seconds);
        }
        Params storage p = _storage().params;
        uint256 previous = p.responseTimeout;
        p.responseTimeout = uint32(_seconds);
        emit ResponseTimeoutSet(previous, _seconds);
    }

    function _setTreasury(address _treasury) internal {
        if (_treasury == address(0)) revert NetworkManagement_ZeroAddress();
        NetworkManagementStorage storage $ = _storage();
        address previous = $.treasury;
        $.treasury = _treasury;
        emit TreasurySet(previous, _treasury);
    }

    function _storage() private pure returns (NetworkManagementStorage storage $) {
        assembly {
            $.slot := NETWORK_MANAGEMENT_STORAGE
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import { IGovernedModule } from "../common/IGovernedModule.sol";
import { INetworkManagement } from "./INetworkManagement.sol";

/// @title INetworkRegistry
/// @notice The whole NetworkManagement module: the rollup-facing checks of `INetworkManagement`
///         plus node registration with TEE attestation, the network's shared secret kept on L1
///         (encrypted to each enclave), aggregators, their ObscuroToken stakes and the public list
///         of their host addresses.
/// @dev Node lifecycle (docs/network.md):
///        None ──registerNode──▶ AwaitingSecret ──respondSecret / initializeNetwork──▶ Active
///        AwaitingSecret ──cancelRegistration (after responseTimeout)──▶ None
///        Active ──deregisterNode──▶ Deregistered (final)
///      An Active node is *active* (`isActive`) only while its key has not expired and its
///      measurement is still approved by `EnclavePolicy`; `reattest` extends the key's life.
///      Powers: anyone registers a node (as its operator) and relays secret responses; operators
///      manage their nodes and stakes; governance sets the parameters within hard-coded bounds
///      and, with RollupSlashing, may slash.
interface INetworkRegistry is INetworkManagement, IGovernedModule, IERC5267 {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice Where a node stands. `Deregistered` is final.
    enum NodeStatus {
        /// Never registered, or its registration was cancelled.
        None,
        /// Attested and registered; waits for a node holding the secret to respond.
        AwaitingSecret,
        /// Holds the secret (its ciphertext is on L1).
        Active,
        /// Retired by its operator; can never be active again.
        Deregistered
    }

    /// @notice A node's record, keyed by `enclaveId` (the address of its enclave key).
    struct Node {
        /// The L1 account that registered the node (bound into its attestation report).
        address operator;
        NodeStatus status;
        /// Unix seconds when the attestation expires (`keyLifetime` after the last attestation).
        uint40 expiresAt;
        /// Unix seconds of the registration (the start of `responseTimeout`).
        uint40 requestedAt;
        /// The attested enclave measurement; re-checked against `EnclavePolicy` on every use.
        bytes32 measurement;
        /// The data contract holding the node's encrypted secret (zero until it has one).
        address secretData;
        /// The registration fee held while the node awaits the secret.
        uint96 fee;
    }

    /// @notice An operator's stake. One per operator, usable by any of its active enclaves.
    struct Aggregator {
        /// Bonded stake, in ObscuroToken wei.
        uint96 stake;
        /// Stake that left the bond and waits for `unbondingEnds`; still slashable.
        uint96 unbonding;
        /// Unix seconds after which `unbonding` can be withdrawn.
        uint40 unbondingEnds;
        /// 1-based position in the host list, 0 when not listed.
        uint24 hostIndex;
    }

    /// @notice The governance parameters a proxy starts with (`initialize`).
    struct InitParams {
        /// ETH paid with `registerNode`, to the first node that responds with the secret.
        uint96 registrationFee;
        /// The least stake, in ObscuroToken wei, an aggregator must keep to publish rollups.
        uint96 minStake;
        /// Seconds between `unstake` and `withdrawStake`.
        uint32 unbondingPeriod;
        /// Seconds after registration before an unanswered node may cancel and be refunded.
        uint32 responseTimeout;
        /// Receives slashed stake that is not paid as rewards.
        address treasury;
    }

    /// @notice One entry of the public host list.
    struct HostEntry {
        address operator;
        string hostAddress;
    }

    // ─────────────────────────────────────────────────────────────── errors: nodes

    /// @notice `msg.value` is not exactly `registrationFee`.
    error NetworkManagement_WrongFee(uint256 sent, uint256 required);

    /// @notice The report data does not bind the report's key, the caller and the named L1 block.
    error NetworkManagement_ReportDataMismatch(address enclaveId);

    /// @notice The enclave key is already registered (or was deregistered: keys are never reused).
    error NetworkManagement_NodeAlreadyRegistered(address enclaveId, NodeStatus status);

    /// @notice The caller is not the operator that registered `enclaveId` (or the node is unknown).
    error NetworkManagement_NotOperator(address enclaveId, address caller);

    /// @notice The node is not waiting for the secret.
    error NetworkManagement_NotAwaitingSecret(address enclaveId, NodeStatus status);

    /// @notice The node is not `Active` (or, for `reattest`, neither `Active` nor `AwaitingSecret`).
    error NetworkManagement_NodeNotActive(address enclaveId, NodeStatus status);

    /// @notice The node's attestation expired; it must `reattest`.
    error NetworkManagement_KeyExpired(address enclaveId, uint256 expiresAt);

    /// @notice The node's measurement is no longer approved (revoked) by `EnclavePolicy`.
    error NetworkManagement_MeasurementNotApproved(address enclaveId, bytes32 measurement);

    /// @notice A re-attestation reports another measurement than the node registered with.
    error NetworkManagement_MeasurementChanged(address enclaveId, bytes32 registered, bytes32 reported);

    /// @notice The registration can be cancelled only from `cancellableAt` (unix seconds).
    error NetworkManagement_ResponseTimeoutNotReached(address enclaveId, uint256 cancellableAt);

    /// @notice Sending ETH to `to` failed.
    error NetworkManagement_EthTransferFailed(address to, uint256 amount);

    // ─────────────────────────────────────────────────────────────── errors: the secret

    /// @notice `initializeNetwork` was already called.
    error NetworkManagement_NetworkAlreadyInitialized();

    /// @notice No network key yet: the genesis node has not called `initializeNetwork`.
    error NetworkManagement_NetworkNotInitialized();

    /// @notice The encrypted secret is not `ENCRYPTED_SECRET_LENGTH` bytes.
    error NetworkManagement_InvalidEncryptedSecretLength(uint256 length);

    /// @notice The network key is the zero address.
    error NetworkManagement_ZeroNetworkKey();

    /// @notice The enclave signature is malformed or not by `enclaveId`.
    error NetworkManagement_InvalidEnclaveSignature(address enclaveId, address recovered);

    /// @notice The network-key signature is malformed or not by the network key.
    error NetworkManagement_InvalidNetworkSignature(address networkKey, address recovered);

    // ─────────────────────────────────────────────────────────────── errors: aggregators

    /// @notice The operator already has a registered aggregator (stake and host address).
    error NetworkManagement_AlreadyAggregator(address operator);

    /// @notice The operator has no registered aggregator.
    error NetworkManagement_NotAggregator(address operator);

    /// @notice The operator's stake is below `minStake`.
    error NetworkManagement_InsufficientStake(address operator, uint256 stake, uint256 minStake);

    /// @notice A host address must be 1 to `MAX_HOST_ADDRESS_LENGTH` bytes.
    error NetworkManagement_InvalidHostAddress(uint256 length);

    /// @notice A zero amount.
    error NetworkManagement_ZeroAmount();

    /// @notice A stake would exceed what a stake record holds (2^96 - 1 wei).
    error NetworkManagement_StakeOverflow(uint256 stake);

    /// @notice The host list is full (2^24 - 1 entries).
    error NetworkManagement_HostListFull();

    /// @notice The operator has no unbonding stake.
    error NetworkManagement_NothingToWithdraw(address operator);

    /// @notice The unbonding stake can be withdrawn only from `unbondingEnds` (unix seconds).
    error NetworkManagement_StillUnbonding(address operator, uint256 unbondingEnds);

    // ─────────────────────────────────────────────────────────────── errors: slashing, governance

    /// @notice Only RollupSlashing and governance may slash.
    error NetworkManagement_NotSlasher(address caller);

    /// @notice `rewardBps` above 10,000.
    error NetworkManagement_InvalidRewardBps(uint256 rewardBps);

    /// @notice More reward recipients than `MAX_REWARD_RECIPIENTS`.
    error NetworkManagement_TooManyRewardRecipients(uint256 count);

    /// @notice A zero address where an account is needed (treasury, reward recipient).
    error NetworkManagement_ZeroAddress();

    /// @notice A governance parameter outside its hard-coded bounds.
    error NetworkManagement_ParameterOutOfBounds(string name, uint256 value);

    // ─────────────────────────────────────────────────────────────── events: nodes and the secret

    /// @notice A node registered and asks for the secret. Responders encrypt it to `enclavePublicKey`.
    event SecretRequested(
        address indexed enclaveId,
        address indexed operator,
        bytes enclavePublicKey,
        bytes32 measurement,
        uint256 fee,
        uint256 expiresAt
    );

    /// @notice The genesis node stored the first encrypted secret and the network key.
    event NetworkInitialized(address indexed genesisEnclave, address indexed operator, address networkKey);

    /// @notice The first valid response activated `requester` and paid `fee` to `responderOperator`.
    event SecretResponded(
        address indexed requester,
        address indexed responder,
        address indexed responderOperator,
        uint256 fee
    );

    /// @notice An unanswered registration was cancelled and its fee refunded.
    event RegistrationCancelled(address indexed enclaveId, address indexed operator, uint256 refund);

    /// @notice A node attested again with a fresh report.
    event NodeReattested(address indexed enclaveId, uint256 expiresAt);

    /// @notice A node was retired by its operator.
    event NodeDeregistered(address indexed enclaveId, address indexed operator);

    // ─────────────────────────────────────────────────────────────── events: aggregators

    /// @notice An operator staked and joined the host list.
    event AggregatorRegistered(address indexed operator, address indexed enclaveId, string hostAddress, uint256 stake);

    /// @notice An aggregator added stake.
    event StakeIncreased(address indexed operator, uint256 amount, uint256 stake);

    /// @notice An aggregator changed its host address.
    event HostAddressUpdated(address indexed operator, string hostAddress);

    /// @notice An aggregator left: its whole stake unbonds until `unbondingEnds`.
    event Unstaked(address indexed operator, uint256 amount, uint256 unbonding, uint256 unbondingEnds);

    /// @notice Unbonded stake went back to its operator.
    event StakeWithdrawn(address indexed operator, uint256 amount);

    /// @notice `amount` of `operator`'s stake was slashed by `slasher`: `rewardEach` to each
    ///         recipient, `toTreasury` to the treasury.
    event Slashed(
        address indexed operator,
        address indexed slasher,
        uint256 amount,
        address[] rewardRecipients,
        uint256 rewardEach,
        uint256 toTreasury
    );

    // ─────────────────────────────────────────────────────────────── events: governance

    /// @notice Governance set `registrationFee` (wei).
    event RegistrationFeeSet(uint256 oldRegistrationFee, uint256 newRegistrationFee);

    /// @notice Governance set `minStake` (ObscuroToken wei).
    event MinStakeSet(uint256 oldMinStake, uint256 newMinStake);

    /// @notice Governance set `unbondingPeriod` (seconds).
    event UnbondingPeriodSet(uint256 oldUnbondingPeriod, uint256 newUnbondingPeriod);

    /// @notice Governance set `responseTimeout` (seconds).
    event ResponseTimeoutSet(uint256 oldResponseTimeout, uint256 newResponseTimeout);

    /// @notice Governance set the treasury.
    event TreasurySet(address indexed oldTreasury, address indexed newTreasury);

    // ─────────────────────────────────────────────────────────────── initializer

    /// @notice Sets the roles and parameters; called once, by the proxy's constructor.
    function initialize(address _governance, address _council, InitParams calldata _params) external;

    // ─────────────────────────────────────────────────────────────── nodes

    /// @notice Registers an enclave as a node run by the caller and asks for the network secret.
    ///         Checks, in order: the fee, `EnclavePolicy.checkFreshness(l1BlockNumber, blockhash)`,
    ///         `EnclavePolicy.verifyReport(report)` (verifier + every policy rule), and that the
    ///         report data is `keccak256(abi.encode(enclavePublicKey, msg.sender, l1BlockNumber,
    ///         blockhash(l1BlockNumber))) ‖ 0³²`. Emits `SecretRequested`.
    /// @param _report The attestation report, in the format of the policy's verifier.
    /// @param _l1BlockNumber The recent L1 block the report binds.
    /// @return enclaveId_ The new node's id (the address of its enclave key).
    function registerNode(bytes calldata _report, uint256 _l1BlockNumber) external payable returns (address enclaveId_);

    /// @notice Founds the network, once: the caller's node `_enclaveId`, awaiting the secret,
    ///         becomes the genesis node, Active at once, with its fee refunded. Stores the master
    ///         secret encrypted to the genesis enclave's own key and the network key's address.
    /// @param _enclaveId The genesis node (registered by the caller, awaiting the secret).
    /// @param _encryptedSecret The ECIES ciphertext of the master secret to the enclave's key.
    /// @param _networkKey The address of the key derived from the master secret.
    /// @param _enclaveSignature EIP-712 `InitializeNetwork(bytes32 encryptedSecretHash,address networkKey)`
    ///        signed by the enclave key.
    /// @param _networkSignature The same statement signed by the network key.
    function initializeNetwork(
        address _enclaveId,
        bytes calldata _encryptedSecret,
        address _networkKey,
        bytes calldata _enclaveSignature,
        bytes calldata _networkSignature
    ) external;

    /// @notice Delivers the secret to `_requester`. The first valid response activates it,
    ///         stores its ciphertext on L1 and pays the held fee to the responder's operator;
    ///         later responses revert. Anyone may relay it: the fee goes to the responder's operator.
    /// @dev Refused unless the network is initialized, the ciphertext has the right length, the
    ///      requester awaits the secret with an unexpired key and an approved measurement, the
    ///      responder is active, and both signatures over EIP-712
    ///      `SecretResponse(address requester,address responder,bytes32 encryptedSecretHash)` are by
    ///      the responder's enclave key and by the network key.
    function respondSecret(
        address _requester,
        address _responder,
        bytes calldata _encryptedSecret,
        bytes calldata _responderSignature,
        bytes calldata _networkSignature
    ) external;

    /// @notice Cancels an unanswered registration `responseTimeout` after it was made, refunds the
    ///         fee to the operator and forgets the node (the key may register again).
    /// @dev Only the node's operator.
    function cancelRegistration(address _enclaveId) external;

    /// @notice Attests a registered node again with a fresh report of the same key and measurement:
    ///         its key expires `keyLifetime` from now. No fee; the status is unchanged.
    /// @dev Only the node's operator (the report binds it). Same checks as `registerNode`.
    /// @return enclaveId_ The re-attested node.
    function reattest(bytes calldata _report, uint256 _l1BlockNumber) external returns (address enclaveId_);

    /// @notice Retires an Active node for ever: it is never active again and its key can never
    ///         register again. Its encrypted secret stays readable.
    /// @dev Only the node's operator.
    function deregisterNode(address _enclaveId) external;

    // ─────────────────────────────────────────────────────────────── aggregators

    /// @notice Makes the caller an aggregator: stakes `_amount` (≥ `minStake`, approved to this
    ///         contract) and publishes `_hostAddress`. `_enclaveId` must be an active node of the caller.
    /// @param _hostAddress A libp2p multiaddr or URL, 1 to `MAX_HOST_ADDRESS_LENGTH` bytes.
    function registerAggregator(address _enclaveId, string calldata _hostAddress, uint256 _amount) external;

    /// @notice `registerAggregator` with an ERC-2612 permit for `_amount` instead of an approval.
    /// @dev A permit front-run by someone else still leaves the allowance, so it is tried, not required.
    function registerAggregatorWithPermit(
        address _enclaveId,
        string calldata _hostAddress,
        uint256 _amount,
        uint256 _deadline,
        uint8 _v,
        bytes32 _r,
        bytes32 _s
    ) external;

    /// @notice Adds `_amount` (approved) to the caller's stake.
    function increaseStake(uint256 _amount) external;

    /// @notice Replaces the caller's host address.
    function updateHostAddress(string calldata _hostAddress) external;

    /// @notice Leaves: the whole stake starts unbonding for `unbondingPeriod` (joining any stake
    ///         already unbonding, whose end moves with it), the caller leaves the host list and
    ///         stops being a publisher at once.
    function unstake() external;

    /// @notice Withdraws the caller's unbonded stake once `unbondingEnds` has passed.
    function withdrawStake() external;

    // ─────────────────────────────────────────────────────────────── governance

    /// @notice Sets the ETH fee of `registerNode` (0 to `MAX_REGISTRATION_FEE`). Fees already paid
    ///         are unaffected.
    /// @dev Only governance.
    function setRegistrationFee(uint256 _fee) external;

    /// @notice Sets the minimum stake (`MIN_MIN_STAKE` to `MAX_MIN_STAKE`); applies to publishers at once.
    /// @dev Only governance.
    function setMinStake(uint256 _minStake) external;

    /// @notice Sets the unbonding period in seconds (`MIN_UNBONDING_PERIOD` to
    ///         `MAX_UNBONDING_PERIOD`); applies to stakes unbonded afterwards.
    /// @dev Only governance.
    function setUnbondingPeriod(uint256 _seconds) external;

    /// @notice Sets the response timeout in seconds (`MIN_RESPONSE_TIMEOUT` to `MAX_RESPONSE_TIMEOUT`).
    /// @dev Only governance.
    function setResponseTimeout(uint256 _seconds) external;

    /// @notice Sets the account that receives slashed stake not paid as rewards.
    /// @dev Only governance.
    function setTreasury(address _treasury) external;

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The EIP-712 type the genesis enclave and the network key sign.
    function INITIALIZE_NETWORK_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 type a responder enclave and the network key sign.
    function SECRET_RESPONSE_TYPEHASH() external view returns (bytes32);

    /// @notice The length of the ECIES ciphertext of the 32-byte master secret (docs/crypto.md):
    ///         ephemeral key (65) ‖ nonce (16) ‖ tag (16) ‖ ciphertext (32).
    function ENCRYPTED_SECRET_LENGTH() external view returns (uint256);

    /// @notice The longest host address, in bytes.
    function MAX_HOST_ADDRESS_LENGTH() external view returns (uint256);

    /// @notice The most reward recipients of one slash (bounds its cost).
    function MAX_REWARD_RECIPIENTS() external view returns (uint256);

    /// @notice Basis points in a whole.
    function BPS() external view returns (uint256);

    /// @notice The largest `registrationFee` (wei).
    function MAX_REGISTRATION_FEE() external view returns (uint256);

    /// @notice The least `minStake` (ObscuroToken wei).
    function MIN_MIN_STAKE() external view returns (uint256);

    /// @notice The largest `minStake` (ObscuroToken wei).
    function MAX_MIN_STAKE() external view returns (uint256);

    /// @notice The least `unbondingPeriod` (seconds).
    function MIN_UNBONDING_PERIOD() external view returns (uint256);

    /// @notice The largest `unbondingPeriod` (seconds).
    function MAX_UNBONDING_PERIOD() external view returns (uint256);

    /// @notice The least `responseTimeout` (seconds).
    function MIN_RESPONSE_TIMEOUT() external view returns (uint256);

    /// @notice The largest `responseTimeout` (seconds).
    function MAX_RESPONSE_TIMEOUT() external view returns (uint256);

    /// @notice The EnclavePolicy proxy that judges attestations.
    function enclavePolicy() external view returns (address);

    /// @notice The stake token (ObscuroToken).
    function stakeToken() external view returns (address);

    /// @notice The RollupSlashing proxy: the only module besides governance that may slash.
    function rollupSlashing() external view returns (address);

    /// @notice A node's record (all zero for an unknown node).
    function node(address _enclaveId) external view returns (Node memory);

    /// @notice The master secret encrypted to `_enclaveId`'s key (ECIES, docs/crypto.md), or empty
    ///         bytes if the node has none. All a node needs, with its key, to recover the secret.
    function encryptedSecretOf(address _enclaveId) external view returns (bytes memory);

    /// @notice The address of the network key (derived from the master secret); zero before
    ///         `initializeNetwork`.
    function networkKey() external view returns (address);

    /// @notice The genesis node; zero before `initializeNetwork`.
    function genesisEnclave() external view returns (address);

    /// @notice An operator's stake record.
    function aggregator(address _operator) external view returns (Aggregator memory);

    /// @notice Whether `_operator`'s stake is at least `minStake` (it may publish with any of its
    ///         active enclaves).
    function isAggregator(address _operator) external view returns (bool);

    /// @notice How many aggregators are in the host list.
    function hostCount() external view returns (uint256);

    /// @notice Up to `_limit` entries of the host list from position `_offset`. The order changes
    ///         when an aggregator leaves (the last entry takes its place).
    function hosts(uint256 _offset, uint256 _limit) external view returns (HostEntry[] memory);

    /// @notice An aggregator's host address (empty if not listed).
    function hostAddressOf(address _operator) external view returns (string memory);

    /// @notice The current parameters.
    function parameters()
        external
        view
        returns (
            uint256 registrationFee_,
            uint256 minStake_,
            uint256 unbondingPeriod_,
            uint256 responseTimeout_,
            address treasury_
        );

    /// @notice The ETH fee of `registerNode`.
    function registrationFee() external view returns (uint256);

    /// @notice The minimum stake of a publishing aggregator.
    function minStake() external view returns (uint256);

    /// @notice The EIP-712 digest the genesis enclave and the network key sign.
    function hashInitializeNetwork(bytes32 _encryptedSecretHash, address _networkKey) external view returns (bytes32);

    /// @notice The EIP-712 digest the responder enclave and the network key sign.
    function hashSecretResponse(
        address _requester,
        address _responder,
        bytes32 _encryptedSecretHash
    ) external view returns (bytes32);

    /// @notice The EIP-712 domain separator (name "Obscuro NetworkManagement", version "1", this
    ///         chain, the proxy's address).
    function domainSeparator() external view returns (bytes32);
}

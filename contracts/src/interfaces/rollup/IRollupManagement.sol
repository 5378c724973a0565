// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import { Types } from "../../libraries/Types.sol";
import { IGovernedModule } from "../common/IGovernedModule.sol";

/// @title IRollupManagement
/// @notice Accepts rollups from staked, attested aggregators, keeps the rollup tree, and decides
///         the canonical chain and finality.
/// @dev The rules (docs/rollups.md):
///      - A rollup's hash is the EIP-712 digest of its header (`Types.RollupHeader`); its enclave
///        signs that digest.
///      - The tree is made of linear *branches*: a rollup's first child continues its branch, a
///        second child starts a new branch (a fork). Forks may start only at canonical rollups,
///        and a non-canonical branch only grows at its tip.
///      - The canonical child of a rollup is the first one included, unless its side loses a
///        contest: a non-canonical branch at least two rollups deep whose fork point is canonical
///        *contests* the canonical chain after the fork point and suspends its finality. The side
///        that stops being extended for `forkExpiry` L1 blocks dies; if the canonical side dies
///        while the contender lives, the contender becomes canonical.
///      - A canonical rollup is final `finalityDelay` L1 blocks after its inclusion, once every
///        contest before it is resolved and `finalityDelay` has passed since the losing side's last
///        rollup. Nothing may fork from, or extend a branch conflicting with, a final rollup, so
///        finality is never revoked.
interface IRollupManagement is IGovernedModule, IERC5267 {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice Finality and fork parameters, in L1 blocks.
    struct TreeParams {
        /// L1 blocks after inclusion before a rollup can be final (`setFinalityDelay`).
        uint40 finalityDelay;
        /// L1 blocks without extension after which a branch is dead (`setForkExpiry`).
        uint40 forkExpiry;
    }

    /// @notice The parameters a proxy starts with (`initialize`).
    struct InitParams {
        TreeParams tree;
        /// Seconds an epoch key may be used (`setKeyRotationPeriod`).
        uint40 keyRotationPeriod;
        /// Seconds after an epoch's latest end before its key may be disclosed (`setDisclosureDelay`).
        uint40 disclosureDelay;
    }

    /// @notice Optional hints that make checks O(1); zero when not needed.
    struct SubmissionHints {
        /// The bridge checkpoint covering `l1BlockNumber`, when deposits arrived after it.
        Types.DepositCheckpoint depositCheckpoint;
        /// When forking at a canonical rollup P, or extending a non-canonical branch: the hash of
        /// the canonical rollup at (fork point number + 1), shown not to be final.
        bytes32 canonicalSibling;
    }

    /// @notice What the contract stores for each rollup.
    struct RollupRecord {
        uint64 number;
        uint32 branch;
        uint40 l1BlockNumber;
        /// The L1 block that included the rollup; zero for an unknown hash.
        uint40 includedAt;
        /// `includedAt` + the `finalityDelay` in force at inclusion: the earliest block at which the
        /// rollup can be final (later if a contest holds it back).
        uint40 finalAt;
        uint32 keyEpoch;
        /// Whether its publisher was already slashed for it (fork heuristic).
        bool forkSlashed;
    }

    /// @notice A branch of the rollup tree.
    struct Branch {
        /// Hash of the branch's latest rollup.
        bytes32 tip;
        /// The branch holding the fork point.
        uint32 parentBranch;
        /// Number of the fork point (the parent of the branch's first rollup).
        uint64 forkNumber;
        /// Rollups of this branch with a number below this are canonical; zero: none.
        uint64 canonicalEnd;
        /// For a branch that joined the canonical path: the latest of the holds before it on the
        /// path and, when it won a contest, the `finalAt` of the losing side's last rollup. Its
        /// rollups are final no earlier than this.
        uint40 holdUntil;
        /// Whether the branch is in the list of contests.
        bool contested;
    }

    /// @notice What the contract knows of an epoch key.
    struct EpochKey {
        /// keccak256 of the key, from the first rollup of the epoch.
        bytes32 commitment;
        /// When that rollup was included (seconds).
        uint40 committedAt;
        /// Whether the council ordered its disclosure.
        bool disclosureOrdered;
        /// Whether the key was disclosed (see `disclosedKey`).
        bool disclosed;
    }

    /// @notice The state of a contest, as `forkStatus` reports it.
    enum ContestState {
        /// Both sides alive: finality after the fork point is suspended.
        Open,
        /// The contender died; finality resumes once `finalityDelay` has passed since its last rollup.
        ContenderLost,
        /// The canonical side died while the contender lives: the contender will become canonical
        /// on the next submission or `resolveContests` call.
        ContenderWins,
        /// The fork point is no longer canonical; the contest no longer matters.
        Orphaned
    }

    /// @notice One contest, as `forkStatus` reports it.
    // A view's return value, never stored.
    // solhint-disable-next-line gas-struct-packing
    struct ContestInfo {
        uint32 branch;
        uint64 forkNumber;
        bytes32 tip;
        uint64 depth;
        uint40 tipIncludedAt;
        ContestState state;
    }

    // ─────────────────────────────────────────────────────────────── errors

    error RollupManagement_AlreadySubmitted(bytes32 rollupHash);
    error RollupManagement_InvalidSignature(address expected, address recovered);
    error RollupManagement_L1BlockMismatch(uint64 l1BlockNumber, bytes32 l1BlockHash);
    error RollupManagement_UnknownParent(bytes32 parentHash);
    error RollupManagement_WrongNumber(uint64 expected, uint64 actual);
    error RollupManagement_L1BlockBeforeParent(uint64 parentL1BlockNumber, uint64 l1BlockNumber);
    error RollupManagement_DataHashMismatch(bytes32 expected, bytes32 actual);
    error RollupManagement_BlobsAndCalldata();
    error RollupManagement_NoData();
    /// @notice Calldata may not start with 0x01, the version byte of blob versioned hashes: that
    ///         would let a host pass off the versioned hashes of never-published blobs as the data.
    error RollupManagement_CalldataLooksLikeVersionedHashes();
    error RollupManagement_KeyEpochBeforeParent(uint32 parentEpoch, uint32 keyEpoch);
    error RollupManagement_MissingKeyCommitment(uint32 keyEpoch);
    error RollupManagement_UnexpectedKeyCommitment(uint32 keyEpoch);
    error RollupManagement_KeyCommitmentMismatch(uint32 keyEpoch, bytes32 recorded, bytes32 given);
    error RollupManagement_NestedFork(bytes32 parentHash);
    error RollupManagement_BranchDead(uint32 branch);
    error RollupManagement_BranchOrphaned(uint32 branch);
    error RollupManagement_BadSiblingHint(bytes32 canonicalSibling);
    error RollupManagement_ConflictsWithFinal(bytes32 finalRollup);
    error RollupManagement_TooManyContests();
    error RollupManagement_UnknownRollup(bytes32 rollupHash);
    error RollupManagement_NotSlashable(bytes32 rollupHash);
    error RollupManagement_ParameterOutOfBounds(bytes32 parameter, uint256 value);
    error RollupManagement_ContestsPending();
    error RollupManagement_NotFinal(bytes32 rollupHash);
    error RollupManagement_NotCanonical(bytes32 rollupHash);
    error RollupManagement_AfterFrozenRollup(bytes32 rollupHash, uint64 frozenNumber);
    error RollupManagement_Halted();
    error RollupManagement_NotBridge(address caller);
    error RollupManagement_KeyRotationDue(uint32 keyEpoch, uint256 dueAt);
    error RollupManagement_UnknownKeyEpoch(uint32 keyEpoch);
    error RollupManagement_KeyDoesNotMatchCommitment(uint32 keyEpoch);
    error RollupManagement_DisclosureNotAllowedYet(uint32 keyEpoch, uint256 allowedAt);
    error RollupManagement_AlreadyDisclosed(uint32 keyEpoch);
    error RollupManagement_BreachAlreadyDeclared();
    error RollupManagement_InvalidParent(bytes32 parentHash);
    error RollupManagement_AlreadyInvalid(bytes32 rollupHash);
    error RollupManagement_FinalRollup(bytes32 rollupHash);
    error RollupManagement_NotSlashingModule(address caller);
    error RollupManagement_ValueTooLarge();

    // ─────────────────────────────────────────────────────────────── events

    /// @notice A rollup was accepted. Carries the whole header besides what the topics hold.
    event RollupSubmitted(
        bytes32 indexed rollupHash,
        bytes32 indexed parentHash,
        uint64 indexed number,
        Types.RollupHeader header,
        address publisher,
        uint32 branch,
        bool blobs
    );

    /// @notice A second child of a canonical rollup started a new branch.
    event ForkCreated(uint32 indexed branch, uint32 indexed parentBranch, uint64 forkNumber, bytes32 firstRollup);

    /// @notice A non-canonical branch became two rollups deep: finality after its fork point waits.
    event ContestOpened(uint32 indexed branch, uint64 forkNumber);

    /// @notice A contest no longer matters (contender lost long enough ago, or orphaned).
    event ContestClosed(uint32 indexed branch, ContestState state);

    /// @notice The canonical chain switched to a contender after the canonical side died.
    event CanonicalBranchSwitched(uint32 indexed fromBranch, uint32 indexed toBranch, uint64 forkNumber);

    /// @notice The first rollup of an epoch recorded the epoch key's commitment.
    event KeyCommitted(uint32 indexed keyEpoch, bytes32 commitment, bytes32 rollupHash);

    /// @notice A rollup was proved invalid (RollupSlashing): it and its descendants are invalid.
    event RollupInvalidated(bytes32 indexed rollupHash, uint64 number);

    /// @notice The bridge froze the ledger on this rollup: no more rollups, no more switches.
    event Halted(bytes32 indexed rollupHash, uint64 number);

    /// @notice The security council declared a massive security breach: every epoch key may be
    ///         disclosed at once, and enclaves must disclose them.
    event BreachDeclared(address indexed by);

    /// @notice The security council ordered the disclosure of an epoch key.
    event KeyDisclosureOrdered(uint32 indexed keyEpoch, address indexed by);

    /// @notice An epoch key was disclosed: anyone can now decrypt that epoch's rollups.
    event KeyDisclosed(uint32 indexed keyEpoch, bytes32 key, address indexed by);

    /// @notice Governance set `finalityDelay` (L1 blocks); it applies to rollups included afterwards.
    event FinalityDelaySet(uint256 oldFinalityDelay, uint256 newFinalityDelay);

    /// @notice Governance set `forkExpiry` (L1 blocks).
    event ForkExpirySet(uint256 oldForkExpiry, uint256 newForkExpiry);

    /// @notice Governance set `keyRotationPeriod` (seconds).
    event KeyRotationPeriodSet(uint256 oldKeyRotationPeriod, uint256 newKeyRotationPeriod);

    /// @notice Governance set `disclosureDelay` (seconds).
    event DisclosureDelaySet(uint256 oldDisclosureDelay, uint256 newDisclosureDelay);

    // ─────────────────────────────────────────────────────────────── initializer

    /// @notice Sets the roles and parameters and plants the genesis rollup (number 0, hash
    ///         `keccak256(abi.encode("obscuro.rollup.genesis", chainId, proxy))`); called once, by
    ///         the proxy's constructor. Every parameter is checked as its setter checks it.
    function initialize(address _governance, address _council, InitParams calldata _params) external;

    // ─────────────────────────────────────────────────────────────── actions

    /// @notice Submits a rollup. The sender must be the operator of `header.enclaveId`, an active
    ///         node and a staked aggregator. Data comes in blobs (no `_data`) or in `_data`.
    function submitRollup(
        Types.RollupHeader calldata _header,
        bytes calldata _signature,
        bytes calldata _data,
        SubmissionHints calldata _hints
    ) external;

    /// @notice Applies contest outcomes that time has decided (a canonical switch, closing
    ///         contests). Submissions do this too; anyone may call it.
    function resolveContests() external;

    /// @notice Records that the publisher of rollup `_rollupHash` is being slashed for it under
    ///         the fork heuristic; reverts unless the rollup sits at least `_slashDepth` deep on a
    ///         dead, losing branch and was not slashed before.
    /// @dev Only RollupSlashing.
    function markForkSlashed(bytes32 _rollupHash, uint256 _slashDepth) external;

    /// @notice Marks the rollup of `_header` and its descendants invalid. A canonical one is cut
    ///         off: the canonical chain continues from its parent. Refused for a final rollup.
    /// @dev Only RollupSlashing, after checking the enclaves' testimony.
    function invalidate(Types.RollupHeader calldata _header) external;

    /// @notice Freezes the tree on the canonical rollup of `_header` for exit mode: submissions and
    ///         canonical switches stop for good.
    /// @dev Only BridgeManagement, from its council-only `freeze`.
    function freezeOn(Types.RollupHeader calldata _header) external returns (bytes32 rollupHash_, uint64 number_);

    /// @notice Publishes an epoch key. Accepted when it matches the epoch's commitment and the epoch
    ///         ended `disclosureDelay` ago (epochs last at most `keyRotationPeriod`), or at once when
    ///         the council ordered it or declared a breach.
    function discloseKey(uint32 _keyEpoch, bytes32 _key) external;

    /// @notice Declares a massive security breach (permanent): keys may be disclosed at once.
    /// @dev Only the security council.
    function declareBreach() external;

    /// @notice Orders the disclosure of an epoch key: it may be disclosed at once.
    /// @dev Only the security council.
    function orderKeyDisclosure(uint32 _keyEpoch) external;

    // ─────────────────────────────────────────────────────────────── governance

    /// @notice Sets the L1 blocks after inclusion before a rollup is final (`MIN_FINALITY_DELAY` to
    ///         `MAX_FINALITY_DELAY`). Applies to rollups included from now on; it never changes the
    ///         finality of earlier ones.
    /// @dev Only governance.
    function setFinalityDelay(uint40 _blocks) external;

    /// @notice Sets the L1 blocks without extension after which a branch is dead (`MIN_FORK_EXPIRY`
    ///         to `MAX_FORK_EXPIRY`). Refused while a contest is pending, so that no contest changes
    ///         outcome under a new rule.
    /// @dev Only governance.
    function setForkExpiry(uint40 _blocks) external;

    /// @notice Sets the longest an epoch key may be used, in seconds (`MIN_KEY_ROTATION_PERIOD` to
    ///         `MAX_KEY_ROTATION_PERIOD`).
    /// @dev Only governance.
    function setKeyRotationPeriod(uint40 _seconds) external;

    /// @notice Sets how long after an epoch's latest end its key may be disclosed, in seconds
    ///         (`MIN_DISCLOSURE_DELAY` to `MAX_DISCLOSURE_DELAY`).
    /// @dev Only governance.
    function setDisclosureDelay(uint40 _seconds) external;

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The EIP-712 type of a rollup header (`Hashing.ROLLUP_HEADER_TYPEHASH`).
    function ROLLUP_HEADER_TYPEHASH() external view returns (bytes32);

    /// @notice The least `finalityDelay`, in L1 blocks.
    function MIN_FINALITY_DELAY() external view returns (uint40);

    /// @notice The largest `finalityDelay`, in L1 blocks (one week of 12-second blocks).
    function MAX_FINALITY_DELAY() external view returns (uint40);

    /// @notice The least `forkExpiry`, in L1 blocks.
    function MIN_FORK_EXPIRY() external view returns (uint40);

    /// @notice The largest `forkExpiry`, in L1 blocks.
    function MAX_FORK_EXPIRY() external view returns (uint40);

    /// @notice The least `keyRotationPeriod`, in seconds.
    function MIN_KEY_ROTATION_PERIOD() external view returns (uint40);

    /// @notice The largest `keyRotationPeriod`, in seconds.
    function MAX_KEY_ROTATION_PERIOD() external view returns (uint40);

    /// @notice The least `disclosureDelay`, in seconds.
    function MIN_DISCLOSURE_DELAY() external view returns (uint40);

    /// @notice The largest `disclosureDelay`, in seconds.
    function MAX_DISCLOSURE_DELAY() external view returns (uint40);

    /// @notice The NetworkManagement proxy: who may publish.
    function networkManagement() external view returns (address);

    /// @notice The BridgeManagement proxy: the deposit queue rollups consume; the only caller of
    ///         `freezeOn`.
    function bridgeManagement() external view returns (address);

    /// @notice The RollupSlashing proxy: the only caller of `markForkSlashed` and `invalidate`.
    function rollupSlashing() external view returns (address);

    /// @notice Whether a rollup is invalid (proved so, or descending from one that was).
    function isInvalid(bytes32 _rollupHash) external view returns (bool);

    /// @notice Whether the publisher of `_rollupHash` is slashable under the fork heuristic at
    ///         `_slashDepth` (see `markForkSlashed`).
    function isForkSlashable(bytes32 _rollupHash, uint256 _slashDepth) external view returns (bool);

    /// @notice What the contract knows of an epoch key.
    function epochKey(uint32 _keyEpoch) external view returns (EpochKey memory);

    /// @notice The disclosed key of an epoch (zero if not disclosed).
    function disclosedKey(uint32 _keyEpoch) external view returns (bytes32);

    /// @notice Whether the council declared a breach.
    function breachDeclared() external view returns (bool);

    /// @notice The key rotation period and the disclosure delay, in seconds.
    function keyParameters() external view returns (uint40 keyRotationPeriod_, uint40 disclosureDelay_);

    /// @notice Reverts unless withdrawals committed by `_header`'s rollup may be paid: the rollup is
    ///         final (hence canonical), or, once frozen, canonical and not after the frozen rollup.
    function checkWithdrawable(
        Types.RollupHeader calldata _header
    ) external view returns (bytes32 rollupHash_, uint64 number_);

    /// @notice Whether the tree is frozen for exit mode, and on which rollup number.
    function halted() external view returns (bool halted_, uint64 frozenNumber_);

    /// @notice The EIP-712 digest of a header: the rollup's hash.
    function hashHeader(Types.RollupHeader calldata _header) external view returns (bytes32);

    /// @notice The EIP-712 domain separator (name "Obscuro RollupManagement", version "1", this
    ///         chain, the proxy's address).
    function domainSeparator() external view returns (bytes32);

    /// @notice The hash of the genesis rollup (number 0) every chain starts from.
    function genesisHash() external view returns (bytes32);

    /// @notice What the contract stores about a rollup (`includedAt == 0` if unknown).
    function rollup(bytes32 _rollupHash) external view returns (RollupRecord memory);

    /// @notice The latest rollup of the canonical chain.
    function canonicalHead() external view returns (bytes32 hash_, uint64 number_);

    /// @notice Whether a rollup is on the canonical chain.
    function isCanonical(bytes32 _rollupHash) external view returns (bool);

    /// @notice Whether a rollup is canonical and final (never reverts to non-final).
    function isFinal(bytes32 _rollupHash) external view returns (bool);

    /// @notice Every contest that still matters.
    function forkStatus() external view returns (ContestInfo[] memory);

    /// @notice A branch of the tree.
    function branch(uint32 _branch) external view returns (Branch memory);

    /// @notice The branches of the canonical chain, from genesis to head.
    function canonicalPath() external view returns (uint32[] memory);

    /// @notice Finality and fork parameters.
    function parameters() external view returns (uint40 finalityDelay_, uint40 forkExpiry_);
}

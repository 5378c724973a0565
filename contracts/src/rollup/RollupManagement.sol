// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import { MessageHashUtils } from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import { GovernedModule } from "../common/GovernedModule.sol";
import { IBridgeManagement } from "../interfaces/bridge/IBridgeManagement.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";
import { INetworkManagement } from "../interfaces/network/INetworkManagement.sol";
import { IRollupManagement } from "../interfaces/rollup/IRollupManagement.sol";
import { Hashing } from "../libraries/Hashing.sol";
import { Types } from "../libraries/Types.sol";
import { RollupTree } from "./libraries/RollupTree.sol";

/// @title RollupManagement
/// @notice Accepts rollups from staked, attested aggregators, keeps the rollup tree, and decides
///         the canonical chain and finality. See IRollupManagement for the rules.
/// @dev Stores one packed record per rollup; everything else about a rollup is in its event and
///      in the blobs or calldata that carried it. The NetworkManagement and BridgeManagement
///      proxies are immutables of the implementation (set again by every upgrade), which saves two
///      cold storage reads on every submission.
///      EIP-712: the same domain, separator and digest as OpenZeppelin's `EIP712` under a proxy
///      (the separator rebuilt from constants and the proxy's address, the digest by
///      `MessageHashUtils.toTypedDataHash`), without inheriting it: `EIP712` would add its two
///      fallback string slots to this module's storage layout and about 200 bytes of code.
contract RollupManagement is GovernedModule, IERC5267, IRollupManagement {
    using RollupTree for RollupTree.Tree;

    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc IRollupManagement
    bytes32 public constant ROLLUP_HEADER_TYPEHASH = Hashing.ROLLUP_HEADER_TYPEHASH;

    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    string private constant DOMAIN_NAME = "Obscuro RollupManagement";
    string private constant DOMAIN_VERSION = "1";
    bytes32 private constant DOMAIN_NAME_HASH = keccak256(bytes(DOMAIN_NAME));
    bytes32 private constant DOMAIN_VERSION_HASH = keccak256(bytes(DOMAIN_VERSION));

    /// @notice The version byte of EIP-4844 KZG versioned hashes.
    bytes1 internal constant VERSIONED_HASH_VERSION_KZG = 0x01;

    /// @inheritdoc IRollupManagement
    uint40 public constant MIN_FINALITY_DELAY = 1;
    /// @inheritdoc IRollupManagement
    uint40 public constant MAX_FINALITY_DELAY = 50_400; // one week of 12 s blocks
    /// @inheritdoc IRollupManagement
    uint40 public constant MIN_FORK_EXPIRY = 1;
    /// @inheritdoc IRollupManagement
    uint40 public constant MAX_FORK_EXPIRY = 50_400;
    /// @inheritdoc IRollupManagement
    uint40 public constant MIN_KEY_ROTATION_PERIOD = 1 hours;
    /// @inheritdoc IRollupManagement
    uint40 public constant MAX_KEY_ROTATION_PERIOD = 365 days;
    /// @inheritdoc IRollupManagement
    uint40 public constant MIN_DISCLOSURE_DELAY = 1 days;
    /// @inheritdoc IRollupManagement
    uint40 public constant MAX_DISCLOSURE_DELAY = 3650 days;

    /// @notice The NetworkManagement proxy: who may publish.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    INetworkManagement internal immutable NETWORK_MANAGEMENT;

    /// @notice The BridgeManagement proxy: the deposit queue rollups consume.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IBridgeManagement internal immutable BRIDGE_MANAGEMENT;

    /// @notice The RollupSlashing proxy: the only caller of `markForkSlashed` and `invalidate`.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address internal immutable ROLLUP_SLASHING;

    // ─────────────────────────────────────────────────────────────── storage

    /// @custom:storage-location erc7201:obscuro.storage.RollupManagement
    struct RollupStorage {
        RollupTree.Tree tree;
        SecurityParams security;
        mapping(uint32 keyEpoch => EpochKey) epochKeys;
        mapping(uint32 keyEpoch => bytes32 key) disclosedKeys;
    }

    /// @notice Key rotation and disclosure, invalid-rollup proofs, and the breach flag (one slot).
    struct SecurityParams {
        /// An epoch lasts at most this long (seconds): then the next rollup must start a new one.
        uint40 keyRotationPeriod;
        /// An epoch key may be disclosed this long after the epoch's latest possible end (seconds).
        uint40 disclosureDelay;
        bool breachDeclared;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.RollupManagement")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ROLLUP_STORAGE = 0xffe47a55836313401f3efb8b215bdcb310b23923a6588a9d95b85ab566aafd00;

    // ─────────────────────────────────────────────────────────────── modifiers

    modifier onlyRollupSlashing() {
        if (msg.sender != ROLLUP_SLASHING) revert RollupManagement_NotSlashingModule(msg.sender);
        _;
    }

    // ─────────────────────────────────────────────────────────────── constructor / initializer

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(INetworkManagement _networkManagement, IBridgeManagement _bridgeManagement, address _rollupSlashing) {
        NETWORK_MANAGEMENT = _networkManagement;
        BRIDGE_MANAGEMENT = _bridgeManagement;
        ROLLUP_SLASHING = _rollupSlashing;
        _disableInitializers();
    }

    /// @inheritdoc IRollupManagement
    function initialize(address _governance, address _council, InitParams calldata _params) external initializer {
        __GovernedModule_init(_governance, _council);
        RollupStorage storage $ = _rollupStorage();
        RollupTree.Tree storage tree = $.tree;
        _setFinalityDelay(tree, _params.tree.finalityDelay);
        _setForkExpiry(tree, _params.tree.forkExpiry);
        _setKeyRotationPeriod($, _params.keyRotationPeriod);
        _setDisclosureDelay($, _params.disclosureDelay);
        tree.plantGenesis(keccak256(abi.encode("obscuro.rollup.genesis", block.chainid, address(this))));
    }

    // ─────────────────────────────────────────────────────────────── actions

    /// @inheritdoc IRollupManagement
    function submitRollup(
        Types.RollupHeader calldata _header,
        bytes calldata _signature,
        bytes calldata _data,
        SubmissionHints calldata _hints
    ) external {
        RollupStorage storage $ = _rollupStorage();
        bytes32 rollupHash = _hashHeader(_header);
        RollupRecord memory parent = _validate($, rollupHash, _header, _signature);
        BRIDGE_MANAGEMENT.checkDepositsConsumed(
            _header.l1BlockNumber,
            _header.depositCount,
            _header.depositAcc,
            _hints.depositCheckpoint
        );
        bool blobs = _checkData(_header.dataHash, _data);
        uint32 branch_ = _store($.tree, rollupHash, _header, parent, _hints.canonicalSibling);
        emit RollupSubmitted(rollupHash, _header.parentHash, _header.number, _header, msg.sender, branch_, blobs);
    }

    /// @inheritdoc IRollupManagement
    function resolveContests() external {
        _rollupStorage().tree.resolveContests();
    }

    /// @inheritdoc IRollupManagement
    function markForkSlashed(bytes32 _rollupHash, uint256 _slashDepth) external onlyRollupSlashing {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        tree.resolveContests();
        if (!tree.isForkSlashable(_rollupHash, _slashDepth)) revert RollupManagement_NotSlashable(_rollupHash);
        tree.rollups[_rollupHash].forkSlashed = true;
    }

    /// @inheritdoc IRollupManagement
    function invalidate(Types.RollupHeader calldata _header) external onlyRollupSlashing {
        RollupStorage storage $ = _rollupStorage();
        RollupTree.Tree storage tree = $.tree;
        if (tree.halted) revert RollupManagement_Halted();
        bytes32 rollupHash = _hashHeader(_header);
        RollupRecord memory record = tree.rollups[rollupHash];
        if (record.includedAt == 0) revert RollupManagement_UnknownRollup(rollupHash);
        if (tree.isFinal(rollupHash)) revert RollupManagement_FinalRollup(rollupHash);
        tree.invalidate(rollupHash, record, _header.parentHash);
        EpochKey storage k = $.epochKeys[record.keyEpoch];
        // An invalid rollup must not poison its epoch with a wrong key commitment.
        if (_header.keyCommitment != bytes32(0) && k.commitment == _header.keyCommitment && !k.disclosed) {
            delete $.epochKeys[record.keyEpoch];
        }
        emit RollupInvalidated(rollupHash, record.number);
    }

    /// @inheritdoc IRollupManagement
    function freezeOn(Types.RollupHeader calldata _header) external returns (bytes32 rollupHash_, uint64 number_) {
        if (msg.sender != address(BRIDGE_MANAGEMENT)) revert RollupManagement_NotBridge(msg.sender);
        RollupTree.Tree storage tree = _rollupStorage().tree;
        if (tree.halted) revert RollupManagement_Halted();
        tree.resolveContests();
        rollupHash_ = _hashHeader(_header);
        RollupRecord memory record = tree.rollups[rollupHash_];
        if (record.includedAt == 0) revert RollupManagement_UnknownRollup(rollupHash_);
        if (!tree.isCanonical(record)) revert RollupManagement_NotCanonical(rollupHash_);
        number_ = record.number;
        tree.halted = true;
        tree.frozenNumber = number_;
        emit Halted(rollupHash_, number_);
    }

    /// @inheritdoc IRollupManagement
    function discloseKey(uint32 _keyEpoch, bytes32 _key) external {
        RollupStorage storage $ = _rollupStorage();
        EpochKey storage k = $.epochKeys[_keyEpoch];
        if (k.commitment == bytes32(0)) revert RollupManagement_UnknownKeyEpoch(_keyEpoch);
        if (k.disclosed) revert RollupManagement_AlreadyDisclosed(_keyEpoch);
        if (keccak256(abi.encodePacked(_key)) != k.commitment) {
            revert RollupManagement_KeyDoesNotMatchCommitment(_keyEpoch);
        }
        SecurityParams memory kp = $.security;
        uint256 allowedAt = uint256(k.committedAt) + kp.keyRotationPeriod + kp.disclosureDelay;
        if (!kp.breachDeclared && !k.disclosureOrdered && block.timestamp < allowedAt) {
            revert RollupManagement_DisclosureNotAllowedYet(_keyEpoch, allowedAt);
        }
        k.disclosed = true;
        $.disclosedKeys[_keyEpoch] = _key;
        emit KeyDisclosed(_keyEpoch, _key, msg.sender);
    }

    /// @inheritdoc IRollupManagement
    function declareBreach() external onlyCouncil {
        SecurityParams storage kp = _rollupStorage().security;
        if (kp.breachDeclared) revert RollupManagement_BreachAlreadyDeclared();
        kp.breachDeclared = true;
        emit BreachDeclared(msg.sender);
    }

    /// @inheritdoc IRollupManagement
    function orderKeyDisclosure(uint32 _keyEpoch) external onlyCouncil {
        EpochKey storage k = _rollupStorage().epochKeys[_keyEpoch];
        if (k.commitment == bytes32(0)) revert RollupManagement_UnknownKeyEpoch(_keyEpoch);
        k.disclosureOrdered = true;
        emit KeyDisclosureOrdered(_keyEpoch, msg.sender);
    }

    // ─────────────────────────────────────────────────────────────── governance

    /// @inheritdoc IRollupManagement
    function setKeyRotationPeriod(uint40 _seconds) external onlyGovernance {
        _setKeyRotationPeriod(_rollupStorage(), _seconds);
    }

    /// @inheritdoc IRollupManagement
    function setDisclosureDelay(uint40 _seconds) external onlyGovernance {
        _setDisclosureDelay(_rollupStorage(), _seconds);
    }

    /// @inheritdoc IRollupManagement
    function setFinalityDelay(uint40 _blocks) external onlyGovernance {
        _setFinalityDelay(_rollupStorage().tree, _blocks);
    }

    /// @inheritdoc IRollupManagement
    function setForkExpiry(uint40 _blocks) external onlyGovernance {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        tree.resolveContests();
        if (tree.contestCount != 0) revert RollupManagement_ContestsPending();
        _setForkExpiry(tree, _blocks);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IRollupManagement
    function checkWithdrawable(
        Types.RollupHeader calldata _header
    ) external view returns (bytes32 rollupHash_, uint64 number_) {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        rollupHash_ = _hashHeader(_header);
        RollupRecord memory record = tree.rollups[rollupHash_];
        if (record.includedAt == 0) revert RollupManagement_UnknownRollup(rollupHash_);
        number_ = record.number;
        if (tree.halted) {
            if (!tree.isCanonical(record)) revert RollupManagement_NotCanonical(rollupHash_);
            if (number_ > tree.frozenNumber) revert RollupManagement_AfterFrozenRollup(rollupHash_, tree.frozenNumber);
        } else if (!tree.isFinal(rollupHash_)) {
            revert RollupManagement_NotFinal(rollupHash_);
        }
    }

    /// @inheritdoc IRollupManagement
    function halted() external view returns (bool halted_, uint64 frozenNumber_) {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        return (tree.halted, tree.frozenNumber);
    }

    /// @inheritdoc IRollupManagement
    function hashHeader(Types.RollupHeader calldata _header) external view returns (bytes32) {
        return _hashHeader(_header);
    }

    /// @inheritdoc IRollupManagement
    function domainSeparator() public view returns (bytes32) {
        return
            keccak256(abi.encode(DOMAIN_TYPEHASH, DOMAIN_NAME_HASH, DOMAIN_VERSION_HASH, block.chainid, address(this)));
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (bytes1, string memory, string memory, uint256, address, bytes32, uint256[] memory)
    {
        return (hex"0f", DOMAIN_NAME, DOMAIN_VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /// @inheritdoc IRollupManagement
    function networkManagement() external view returns (address) {
        return address(NETWORK_MANAGEMENT);
    }

    /// @inheritdoc IRollupManagement
    function bridgeManagement() external view returns (address) {
        return address(BRIDGE_MANAGEMENT);
    }

    /// @inheritdoc IRollupManagement
    function rollupSlashing() external view returns (address) {
        return ROLLUP_SLASHING;
    }

    /// @inheritdoc IRollupManagement
    function genesisHash() external view returns (bytes32) {
        return _rollupStorage().tree.genesisHash;
    }

    /// @inheritdoc IRollupManagement
    function rollup(bytes32 _rollupHash) external view returns (RollupRecord memory) {
        return _rollupStorage().tree.rollups[_rollupHash];
    }

    /// @inheritdoc IRollupManagement
    function canonicalHead() external view returns (bytes32 hash_, uint64 number_) {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        hash_ = tree.branches[tree.canonicalBranch].tip;
        number_ = tree.rollups[hash_].number;
    }

    /// @inheritdoc IRollupManagement
    function isCanonical(bytes32 _rollupHash) external view returns (bool) {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        RollupRecord memory record = tree.rollups[_rollupHash];
        return record.includedAt != 0 && tree.isCanonical(record);
    }

    /// @inheritdoc IRollupManagement
    function isFinal(bytes32 _rollupHash) external view returns (bool) {
        return _rollupStorage().tree.isFinal(_rollupHash);
    }

    /// @inheritdoc IRollupManagement
    function forkStatus() external view returns (ContestInfo[] memory contests_) {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        contests_ = new ContestInfo[](tree.contestCount);
        for (uint256 i; i < contests_.length; ++i) {
            uint32 c = tree.contests[i];
            Branch storage b = tree.branches[c];
            RollupRecord storage tip = tree.rollups[b.tip];
            contests_[i] = ContestInfo({
                branch: c,
                forkNumber: b.forkNumber,
                tip: b.tip,
                depth: tip.number - b.forkNumber,
                tipIncludedAt: tip.includedAt,
                state: tree.contestState(c)
            });
        }
    }

    /// @inheritdoc IRollupManagement
    function branch(uint32 _branch) external view returns (Branch memory) {
        return _rollupStorage().tree.branches[_branch];
    }

    /// @inheritdoc IRollupManagement
    function canonicalPath() external view returns (uint32[] memory) {
        return _rollupStorage().tree.path;
    }

    /// @inheritdoc IRollupManagement
    function isInvalid(bytes32 _rollupHash) external view returns (bool) {
        RollupTree.Tree storage tree = _rollupStorage().tree;
        RollupRecord memory record = tree.rollups[_rollupHash];
        return record.includedAt != 0 && tree.isInvalid(record);
    }

    /// @inheritdoc IRollupManagement
    function isForkSlashable(bytes32 _rollupHash, uint256 _slashDepth) external view returns (bool) {
        return _rollupStorage().tree.isForkSlashable(_rollupHash, _slashDepth);
    }

    /// @inheritdoc IRollupManagement
    function epochKey(uint32 _keyEpoch) external view returns (EpochKey memory) {
        return _rollupStorage().epochKeys[_keyEpoch];
    }

    /// @inheritdoc IRollupManagement
    function disclosedKey(uint32 _keyEpoch) external view returns (bytes32) {
        return _rollupStorage().disclosedKeys[_keyEpoch];
    }

    /// @inheritdoc IRollupManagement
    function breachDeclared() external view returns (bool) {
        return _rollupStorage().security.breachDeclared;
    }

    /// @inheritdoc IRollupManagement
    function keyParameters() external view returns (uint40 keyRotationPeriod_, uint40 disclosureDelay_) {
        SecurityParams memory kp = _rollupStorage().security;
        return (kp.keyRotationPeriod, kp.disclosureDelay);
    }

    /// @inheritdoc IRollupManagement
    function parameters() external view returns (uint40 finalityDelay_, uint40 forkExpiry_) {
        RollupTree.Params storage p = _rollupStorage().tree.params;
        return (p.finalityDelay, p.forkExpiry);
    }

    /// @inheritdoc IGovernedModule
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── internal

    /// @dev Every check on the header that involves no other module but the network, in order of
    ///      cost. Returns the parent's record.
    function _validate(
        RollupStorage storage $,
        bytes32 _rollupHash,
        Types.RollupHeader calldata _header,
        bytes calldata _signature
    ) internal returns (RollupRecord memory parent_) {
        RollupTree.Tree storage tree = $.tree;
        if (tree.halted) revert RollupManagement_Halted();
        if (tree.rollups[_rollupHash].includedAt != 0) revert RollupManagement_AlreadySubmitted(_rollupHash);
        _checkSignature(_rollupHash, _header.enclaveId, _signature);
        NETWORK_MANAGEMENT.checkPublisher(_header.enclaveId, msg.sender);
        _checkL1Block(_header.l1BlockNumber, _header.l1BlockHash);
        parent_ = tree.rollups[_header.parentHash];
        if (parent_.includedAt == 0) revert RollupManagement_UnknownParent(_header.parentHash);
        if (_header.number != parent_.number + 1) {
            revert RollupManagement_WrongNumber(parent_.number + 1, _header.number);
        }
        if (_header.l1BlockNumber < parent_.l1BlockNumber) {
            revert RollupManagement_L1BlockBeforeParent(parent_.l1BlockNumber, _header.l1BlockNumber);
        }
        _checkKeyEpoch($, _header, parent_, _rollupHash);
    }

    /// @dev Settles contests, then records the rollup in the tree. It is final no earlier than its
    ///      parent, so finality along the canonical chain is prefix-closed.
    function _store(
        RollupTree.Tree storage _tree,
        bytes32 _rollupHash,
        Types.RollupHeader calldata _header,
        RollupRecord memory _parent,
        bytes32 _canonicalSibling
    ) internal returns (uint32 branch_) {
        _tree.resolveContests();
        uint40 includedAt = uint40(block.number);
        uint256 finalAt = includedAt + uint256(_tree.params.finalityDelay);
        if (_parent.finalAt > finalAt) finalAt = _parent.finalAt;
        RollupRecord memory record = RollupRecord({
            number: _header.number,
            branch: 0,
            l1BlockNumber: uint40(_header.l1BlockNumber),
            includedAt: includedAt,
            finalAt: uint40(finalAt),
            keyEpoch: _header.keyEpoch,
            forkSlashed: false
        });
        branch_ = _tree.attach(_rollupHash, _header.parentHash, _parent, record, _canonicalSibling);
    }

    function _hashHeader(Types.RollupHeader calldata _header) internal view returns (bytes32) {
        bytes32 structHash = Hashing.hashRollupHeader(_header);
        return MessageHashUtils.toTypedDataHash(domainSeparator(), structHash);
    }

    function _checkSignature(bytes32 _digest, address _enclaveId, bytes calldata _signature) internal pure {
        (address recovered, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(_digest, _signature);
        if (recoverError != ECDSA.RecoverError.NoError || recovered != _enclaveId) {
            revert RollupManagement_InvalidSignature(_enclaveId, recovered);
        }
    }

    /// @dev The rollup must be built on an L1 block of this chain's history, at most 256 blocks
    ///      back: a rollup built on a block that was reorged away can never land.
    function _checkL1Block(uint64 _l1BlockNumber, bytes32 _l1BlockHash) internal view {
        if (_l1BlockHash == bytes32(0) || blockhash(_l1BlockNumber) != _l1BlockHash) {
            revert RollupManagement_L1BlockMismatch(_l1BlockNumber, _l1BlockHash);
        }
    }

    /// @dev The key epoch never goes back and lasts at most `keyRotationPeriod`; the first rollup of
    ///      an epoch (or the first after genesis) commits to the epoch key, and every later
    ///      commitment for that epoch, on any branch, must agree.
    function _checkKeyEpoch(
        RollupStorage storage $,
        Types.RollupHeader calldata _header,
        RollupRecord memory _parent,
        bytes32 _rollupHash
    ) internal {
        uint32 epoch = _header.keyEpoch;
        bool newEpoch = _parent.number == 0 || epoch > _parent.keyEpoch;
        if (epoch < _parent.keyEpoch) revert RollupManagement_KeyEpochBeforeParent(_parent.keyEpoch, epoch);
        if (!newEpoch) {
            if (_header.keyCommitment != bytes32(0)) revert RollupManagement_UnexpectedKeyCommitment(epoch);
            uint256 dueAt = uint256($.epochKeys[epoch].committedAt) + $.security.keyRotationPeriod;
            if (block.timestamp >= dueAt) revert RollupManagement_KeyRotationDue(epoch, dueAt);
            return;
        }
        bytes32 commitment = _header.keyCommitment;
        if (commitment == bytes32(0)) revert RollupManagement_MissingKeyCommitment(epoch);
        EpochKey storage k = $.epochKeys[epoch];
        bytes32 recorded = k.commitment;
        if (recorded == bytes32(0)) {
            k.commitment = commitment;
            k.committedAt = uint40(block.timestamp);
            emit KeyCommitted(epoch, commitment, _rollupHash);
        } else if (recorded != commitment) {
            revert RollupManagement_KeyCommitmentMismatch(epoch, recorded, commitment);
        }
    }

    /// @dev Blobs: `dataHash` is keccak256 of the versioned hashes, in order. Calldata otherwise; a
    ///      calldata payload starting with 0x01 is refused, since the concatenated versioned hashes
    ///      of blobs that were never published would otherwise hash to a blob-mode `dataHash`.
    function _checkData(bytes32 _dataHash, bytes calldata _data) internal view returns (bool blobs_) {
        bytes32 actual;
        blobs_ = blobhash(0) != bytes32(0);
        if (blobs_) {
            if (_data.length != 0) revert RollupManagement_BlobsAndCalldata();
            assembly ("memory-safe") {
                let ptr := mload(0x40)
                let n := 0
                for {} 1 {} {
                    let h := blobhash(n)
                    if iszero(h) {
                        break
                    }
                    mstore(add(ptr, shl(5, n)), h)
                    n := add(n, 1)
                }
                actual := keccak256(ptr, shl(5, n))
            }
        } else {
            if (_data.length == 0) revert RollupManagement_NoData();
            if (_data[0] == VERSIONED_HASH_VERSION_KZG) revert RollupManagement_CalldataLooksLikeVersionedHashes();
            actual = keccak256(_data);
        }
        if (actual != _dataHash) revert RollupManagement_DataHashMismatch(_dataHash, actual);
    }

    function _setFinalityDelay(RollupTree.Tree storage _tree, uint40 _blocks) internal {
        if (_blocks < MIN_FINALITY_DELAY || _blocks > MAX_FINALITY_DELAY) {
            revert RollupManagement_ParameterOutOfBounds("finalityDelay", _blocks);
        }
        uint256 previous = _tree.params.finalityDelay;
        _tree.params.finalityDelay = _blocks;
        emit FinalityDelaySet(previous, _blocks);
    }

    function _setForkExpiry(RollupTree.Tree storage _tree, uint40 _blocks) internal {
        if (_blocks < MIN_FORK_EXPIRY || _blocks > MAX_FORK_EXPIRY) {
            revert RollupManagement_ParameterOutOfBounds("forkExpiry", _blocks);
        }
        uint256 previous = _tree.params.forkExpiry;
        _tree.params.forkExpiry = _blocks;
        emit ForkExpirySet(previous, _blocks);
    }

    function _setKeyRotationPeriod(RollupStorage storage $, uint40 _seconds) internal {
        if (_seconds < MIN_KEY_ROTATION_PERIOD || _seconds > MAX_KEY_ROTATION_PERIOD) {
            revert RollupManagement_ParameterOutOfBounds("keyRotationPeriod", _seconds);
        }
        uint256 previous = $.security.keyRotationPeriod;
        $.security.keyRotationPeriod = _seconds;
        emit KeyRotationPeriodSet(previous, _seconds);
    }

    function _setDisclosureDelay(RollupStorage storage $, uint40 _seconds) internal {
        if (_seconds < MIN_DISCLOSURE_DELAY || _seconds > MAX_DISCLOSURE_DELAY) {
            revert RollupManagement_ParameterOutOfBounds("disclosureDelay", _seconds);
        }
        uint256 previous = $.security.disclosureDelay;
        $.security.disclosureDelay = _seconds;
        emit DisclosureDelaySet(previous, _seconds);
    }

    function _rollupStorage() private pure returns (RollupStorage storage $) {
        assembly {
            $.slot := ROLLUP_STORAGE
        }
    }
}

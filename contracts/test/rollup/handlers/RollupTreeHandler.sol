// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { BridgeManagement } from "../../../src/bridge/BridgeManagement.sol";
import { IRollupManagement } from "../../../src/interfaces/rollup/IRollupManagement.sol";
import { Types } from "../../../src/libraries/Types.sol";
import { RollupManagement } from "../../../src/rollup/RollupManagement.sol";

/// @notice Drives deposits, rollups on the canonical head, forks at canonical rollups, extensions
///         of non-canonical branches and the passing of L1 blocks. Keeps its own model of the
///         deposit queue (to build deposit commitments and checkpoint hints independently of the
///         contract) and a ghost record of every rollup and of every rollup ever seen final.
contract RollupTreeHandler is CommonBase, StdUtils {
    BridgeManagement public bridge;
    RollupManagement public rollupManagement;
    uint256[2] internal keys;
    address[2] internal operators;

    // deposit model: one entry per L1 block that received deposits
    struct DepositBlock {
        uint64 blockNumber;
        uint64 count;
        bytes32 acc;
    }

    DepositBlock[] internal depositBlocks;
    uint64 public depositCount;
    bytes32 public depositAcc;
    uint256 public ethDeposited;

    // rollup ghost state
    bytes32[] public rollups;
    mapping(bytes32 => bytes32) public parentOf;
    mapping(bytes32 => bool) public everFinal;
    bytes32[] public finals;
    uint256 public finalityRevoked;
    uint256 public accepted;
    uint256 public maxPathLength;
    uint256 public maxContests;
    uint256 public maxBranch;

    constructor(BridgeManagement _bridge, RollupManagement _rollups, uint256[2] memory _keys, address[2] memory _ops) {
        bridge = _bridge;
        rollupManagement = _rollups;
        keys = _keys;
        operators = _ops;
        rollups.push(_rollups.genesisHash());
    }

    function rollupCount() external view returns (uint256) {
        return rollups.length;
    }

    function finalCount() external view returns (uint256) {
        return finals.length;
    }

    // ─────────────────────────────────────────────────────────────── actions

    function deposit(uint256 _amount, uint8 _count, bool _newBlock) external {
        if (_newBlock) vm.roll(block.number + 1);
        _count = uint8(bound(_count, 1, 4));
        for (uint256 i; i < _count; ++i) {
            uint256 amount = bound(_amount >> (i * 8), 1, 10 ether);
            vm.deal(address(this), amount);
            address to = address(uint160(uint256(keccak256(abi.encode(_amount, i))) | 1));
            bridge.depositETH{ value: amount }(to);
            _modelDeposit(to, amount);
            ethDeposited += amount;
        }
        _track();
    }

    function extendHead(uint8 _who, uint8 _l1Lag) external {
        vm.roll(block.number + 1);
        (bytes32 head, ) = rollupManagement.canonicalHead();
        _trySubmit(head, _who % 2, _l1Lag, bytes32(0));
        _track();
    }

    function forkAtCanonical(uint256 _seed, uint8 _who) external {
        vm.roll(block.number + 1);
        (, uint64 headNumber) = rollupManagement.canonicalHead();
        if (headNumber == 0) return;
        uint64 forkNumber = uint64(bound(_seed, 0, headNumber - 1));
        bytes32 parent = _canonicalAt(forkNumber);
        bytes32 sibling = _canonicalAt(forkNumber + 1);
        _trySubmit(parent, _who % 2, 0, sibling);
        _track();
    }

    function extendBranch(uint256 _seed, uint8 _who) external {
        vm.roll(block.number + 1);
        // any branch id in use: the tree numbers branches densely from 0
        uint32 b = uint32(bound(_seed, 0, _branchCountUpperBound()));
        IRollupManagement.Branch memory br = rollupManagement.branch(b);
        if (br.tip == bytes32(0)) return;
        uint64 forkPoint = br.canonicalEnd != 0 ? br.canonicalEnd - 1 : br.forkNumber;
        bytes32 sibling = _canonicalAt(forkPoint + 1);
        _trySubmit(br.tip, _who % 2, 0, sibling);
        _track();
    }

    /// @notice Grows one branch for many L1 blocks while nobody extends the others: drives
    ///         contests to a decision and the canonical chain to switch.
    function raceBranch(uint256 _seed, uint8 _steps, uint8 _who) external {
        uint32 b = uint32(bound(_seed, 0, _branchCountUpperBound()));
        uint256 steps = bound(_steps, 1, 30);
        for (uint256 i; i < steps; ++i) {
            vm.roll(block.number + 1);
            IRollupManagement.Branch memory br = rollupManagement.branch(b);
            if (br.tip == bytes32(0)) return;
            uint64 forkPoint = br.canonicalEnd != 0 ? br.canonicalEnd - 1 : br.forkNumber;
            _trySubmit(br.tip, _who % 2, 0, _canonicalAt(forkPoint + 1));
        }
        _track();
    }

    function passBlocks(uint8 _blocks) external {
        vm.roll(block.number + bound(_blocks, 1, 30));
        _track();
    }

    function resolve() external {
        rollupManagement.resolveContests();
        _track();
    }

    // ─────────────────────────────────────────────────────────────── internals

    function _trySubmit(bytes32 _parent, uint256 _who, uint8 _l1Lag, bytes32 _sibling) internal {
        IRollupManagement.RollupRecord memory parent = rollupManagement.rollup(_parent);
        if (parent.includedAt == 0) return;
        (Types.RollupHeader memory h, Types.DepositCheckpoint memory checkpoint) = _buildHeader(
            _parent,
            parent,
            _who,
            _l1Lag
        );
        bytes32 hash = rollupManagement.hashHeader(h);
        bytes memory signature = _sign(_who, hash);
        IRollupManagement.SubmissionHints memory hints = IRollupManagement.SubmissionHints({
            depositCheckpoint: checkpoint,
            canonicalSibling: _sibling
        });
        vm.prank(operators[_who]);
        try rollupManagement.submitRollup(h, signature, hex"00", hints) {
            rollups.push(hash);
            parentOf[hash] = _parent;
            ++accepted;
            uint256 b = rollupManagement.rollup(hash).branch;
            if (b > maxBranch) maxBranch = b;
        } catch {}
    }

    function _buildHeader(
        bytes32 _parentHash,
        IRollupManagement.RollupRecord memory _parent,
        uint256 _who,
        uint8 _l1Lag
    ) internal view returns (Types.RollupHeader memory h_, Types.DepositCheckpoint memory checkpoint_) {
        uint64 l1Block = uint64(block.number - 1);
        uint64 lag = uint64(bound(_l1Lag, 0, 3));
        if (l1Block >= _parent.l1BlockNumber + lag) l1Block -= lag;
        uint64 count;
        bytes32 acc;
        (count, acc, checkpoint_) = _depositsAt(l1Block);
        h_ = Types.RollupHeader({
            parentHash: _parentHash,
            number: _parent.number + 1,
            l1BlockNumber: l1Block,
            l1BlockHash: blockhash(l1Block),
            depositCount: count,
            depositAcc: acc,
            stateRoot: keccak256(abi.encode(_parentHash, _who)),
            withdrawalRoot: bytes32(0),
            dataHash: keccak256(hex"00"),
            keyEpoch: 0,
            keyCommitment: _parent.number == 0 ? keccak256("epoch 0 key") : bytes32(0),
            enclaveId: vm.addr(keys[_who])
        });
    }

    function _sign(uint256 _who, bytes32 _hash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[_who], _hash);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Records every rollup that is final now, and counts any once-final rollup that is not.
    function _track() internal {
        uint256 pathLength = rollupManagement.canonicalPath().length;
        if (pathLength > maxPathLength) maxPathLength = pathLength;
        uint256 contests = rollupManagement.forkStatus().length;
        if (contests > maxContests) maxContests = contests;
        for (uint256 i; i < rollups.length; ++i) {
            bytes32 h = rollups[i];
            bool isFinal = rollupManagement.isFinal(h);
            if (everFinal[h] && !isFinal) ++finalityRevoked;
            if (isFinal && !everFinal[h]) {
                everFinal[h] = true;
                finals.push(h);
            }
        }
    }

    function _canonicalAt(uint64 _number) internal view returns (bytes32) {
        for (uint256 i; i < rollups.length; ++i) {
            bytes32 h = rollups[i];
            if (rollupManagement.rollup(h).number == _number && rollupManagement.isCanonical(h)) return h;
        }
        return bytes32(0);
    }

    function _branchCountUpperBound() internal view returns (uint256 max_) {
        for (uint256 i; i < rollups.length; ++i) {
            uint256 b = rollupManagement.rollup(rollups[i]).branch;
            if (b > max_) max_ = b;
        }
    }

    function _modelDeposit(address _to, uint256 _amount) internal {
        uint64 current = uint64(block.number);
        depositAcc = keccak256(
            abi.encode(depositAcc, depositCount, Types.AssetKind.Eth, address(this), _to, address(0), _amount)
        );
        ++depositCount;
        uint256 n = depositBlocks.length;
        if (n == 0 || depositBlocks[n - 1].blockNumber != current) {
            depositBlocks.push(DepositBlock(current, depositCount, depositAcc));
        } else {
            depositBlocks[n - 1].count = depositCount;
            depositBlocks[n - 1].acc = depositAcc;
        }
    }

    /// @dev The queue at the end of `_l1Block`, from the model, with the checkpoint hint if needed.
    function _depositsAt(
        uint64 _l1Block
    ) internal view returns (uint64 count_, bytes32 acc_, Types.DepositCheckpoint memory checkpoint_) {
        uint256 n = depositBlocks.length;
        if (n == 0 || depositBlocks[n - 1].blockNumber <= _l1Block) return (depositCount, depositAcc, checkpoint_);
        // find k: blocks[k-1] <= l1Block < blocks[k]; checkpoint k covers it
        uint256 k;
        while (depositBlocks[k].blockNumber <= _l1Block) ++k;
        uint64 until = depositBlocks[k].blockNumber;
        if (k == 0) return (0, bytes32(0), Types.DepositCheckpoint(0, 0, until));
        DepositBlock memory prev = depositBlocks[k - 1];
        return (prev.count, prev.acc, Types.DepositCheckpoint(uint64(k), prev.blockNumber, until));
    }

    receive() external payable {}
}

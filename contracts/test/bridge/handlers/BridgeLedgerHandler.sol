// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { BridgeManagement } from "../../../src/bridge/BridgeManagement.sol";
import { IBridgeManagement } from "../../../src/interfaces/bridge/IBridgeManagement.sol";
import { IRollupManagement } from "../../../src/interfaces/rollup/IRollupManagement.sol";
import { RollupManagement } from "../../../src/rollup/RollupManagement.sol";
import { MerkleTree } from "../../helpers/MerkleTree.sol";
import { TestERC20 } from "../mocks/TestTokens.sol";

/// @notice Plays the L2 the way a node does: every rollup carries the ledger (ETH and one ERC20
///         balance per user) after applying the deposits it consumed and the withdrawals it burned,
///         with `stateRoot` and `withdrawalRoot` built from them. Forks carry conflicting
///         withdrawals. Then it relays withdrawals at random (replays included), freezes on a
///         canonical rollup, exits balances and refunds late deposits.
contract BridgeLedgerHandler is CommonBase, StdUtils {
    uint256 internal constant USERS = 3;
    uint256 internal constant ASSETS = 2; // 0: ETH, 1: the ERC20

    BridgeManagement public bridge;
    RollupManagement public rollupManagement;
    TestERC20 public token;
    address public council;
    uint256[2] internal keys;
    address[2] internal operators;
    address[USERS] internal users;

    // L1 deposit model (mirrors the queue)
    struct ModelDeposit {
        address from;
        address to;
        uint8 asset;
        uint256 amount;
    }

    ModelDeposit[] internal deposits;
    IBridgeManagement.QueuePoint[] internal checkpoints;
    bytes32 public depositAcc;
    uint40 internal lastDepositBlock;

    // L2 model: per rollup
    bytes32[] public rollups;
    mapping(bytes32 => uint256[USERS * ASSETS]) internal ledgerOf;
    mapping(bytes32 => IBridgeManagement.Withdrawal[]) internal withdrawalsOf;
    mapping(bytes32 => IRollupManagement.RollupHeader) internal headerOf;
    mapping(bytes32 => uint256) internal nextWithdrawalIdOf;

    // ghosts
    uint256[ASSETS] public deposited;
    uint256[ASSETS] public paidOut;
    uint256 public doublePayments;
    mapping(uint256 => bool) internal paidIds;
    bool public frozen;
    bytes32 public frozenRollup;
    mapping(bytes32 => bool) internal exitedKeys;
    mapping(uint256 => bool) internal refundedIndices;
    uint256 public exits;
    uint256 public refunds;
    uint256 public withdrawalsPaid;

    constructor(
        BridgeManagement _bridge,
        RollupManagement _rollups,
        TestERC20 _token,
        address _council,
        uint256[2] memory _keys,
        address[2] memory _operators
    ) {
        bridge = _bridge;
        rollupManagement = _rollups;
        token = _token;
        council = _council;
        keys = _keys;
        operators = _operators;
        for (uint256 i; i < USERS; ++i) {
            users[i] = address(uint160(0x1000 + i));
        }
        bytes32 genesis = _rollups.genesisHash();
        rollups.push(genesis);
        headerOf[genesis].depositCount = 0;
    }

    function rollupCount() external view returns (uint256) {
        return rollups.length;
    }

    function userAt(uint256 _i) external view returns (address) {
        return users[_i];
    }

    // ─────────────────────────────────────────────────────────────── actions

    function deposit(uint256 _user, uint256 _to, bool _erc20, uint256 _amount) external {
        if (frozen) return;
        address from = users[_user % USERS];
        address to = users[_to % USERS];
        uint256 amount = bound(_amount, 1, 5 ether);
        uint8 asset = _erc20 ? 1 : 0;
        if (asset == 0) {
            vm.deal(from, amount);
            vm.prank(from);
            bridge.depositETH{ value: amount }(to);
        } else {
            token.mint(from, amount);
            vm.startPrank(from);
            token.approve(address(bridge), amount);
            bridge.depositERC20(address(token), amount, to);
            vm.stopPrank();
        }
        _modelDeposit(ModelDeposit(from, to, asset, amount));
        deposited[asset] += amount;
    }

    function rollupOnHead(uint256 _seed, uint8 _withdrawals) external {
        if (frozen) return;
        (bytes32 head, ) = rollupManagement.canonicalHead();
        _rollup(head, _seed, _withdrawals, bytes32(0));
    }

    function forkAtCanonical(uint256 _seed, uint8 _withdrawals) external {
        if (frozen) return;
        (, uint64 headNumber) = rollupManagement.canonicalHead();
        if (headNumber == 0) return;
        uint64 forkNumber = uint64(bound(_seed, 0, headNumber - 1));
        _rollup(_canonicalAt(forkNumber), _seed >> 8, _withdrawals, _canonicalAt(forkNumber + 1));
    }

    function extendBranch(uint256 _seed, uint8 _withdrawals) external {
        if (frozen) return;
        bytes32 pick = rollups[bound(_seed, 0, rollups.length - 1)];
        IRollupManagement.Branch memory b = rollupManagement.branch(rollupManagement.rollup(pick).branch);
        uint64 forkPoint = b.canonicalEnd != 0 ? b.canonicalEnd - 1 : b.forkNumber;
        _rollup(b.tip, _seed >> 8, _withdrawals, _canonicalAt(forkPoint + 1));
    }

    function passBlocks(uint8 _blocks) external {
        vm.roll(block.number + bound(_blocks, 1, 25));
    }

    /// @notice Relays a random withdrawal of a random rollup (replays and unfinal ones included).
    function relayWithdrawal(uint256 _rollupSeed, uint256 _index) external {
        bytes32 r = rollups[bound(_rollupSeed, 0, rollups.length - 1)];
        IBridgeManagement.Withdrawal[] storage ws = withdrawalsOf[r];
        if (ws.length == 0) return;
        uint256 i = bound(_index, 0, ws.length - 1);
        IBridgeManagement.Withdrawal memory w = ws[i];
        bytes32[] memory proof = MerkleTree.proof(_withdrawalLeaves(ws), i);
        try bridge.finalizeWithdrawal(headerOf[r], w, proof) {
            if (paidIds[w.id]) ++doublePayments;
            paidIds[w.id] = true;
            paidOut[_assetOf(w.kind)] += w.amountOrId;
            ++withdrawalsPaid;
        } catch {}
    }

    function freeze(uint256 _seed) external {
        if (frozen) return;
        (, uint64 headNumber) = rollupManagement.canonicalHead();
        bytes32 target = _canonicalAt(uint64(bound(_seed, 0, headNumber)));
        if (target == rollupManagement.genesisHash()) return;
        vm.prank(council);
        try bridge.freeze(headerOf[target]) {
            frozen = true;
            frozenRollup = target;
        } catch {}
    }

    function exitBalance(uint256 _user, bool _erc20) external {
        if (!frozen) return;
        uint256 u = _user % USERS;
        uint8 asset = _erc20 ? 1 : 0;
        IBridgeManagement.BalanceLeaf memory leaf = _leafOf(u, asset, ledgerOf[frozenRollup][u * ASSETS + asset]);
        bytes32[] memory proof = MerkleTree.proof(_ledgerLeaves(frozenRollup), u * ASSETS + asset);
        try bridge.exitWithBalanceProof(leaf, proof) {
            bytes32 key = bridge.exitKey(leaf);
            if (exitedKeys[key]) ++doublePayments;
            exitedKeys[key] = true;
            paidOut[asset] += leaf.amountOrId;
            ++exits;
        } catch {}
    }

    function refund(uint256 _index) external {
        if (!frozen || deposits.length == 0) return;
        uint256 index = bound(_index, 0, deposits.length - 1);
        IBridgeManagement.DepositRangeProof memory proof = _rangeProof(index);
        try bridge.refundDeposit(index, proof) {
            if (refundedIndices[index]) ++doublePayments;
            refundedIndices[index] = true;
            paidOut[deposits[index].asset] += deposits[index].amount;
            ++refunds;
        } catch {}
    }

    // ─────────────────────────────────────────────────────────────── claims

    /// @notice What the bridge still owes, per asset: before exit mode, everything deposited and
    ///         not paid; in exit mode, the frozen ledger's balances not exited, the unpaid
    ///         withdrawals of canonical rollups up to the frozen one, and the unrefunded deposits
    ///         it did not consume.
    function outstanding(uint8 _asset) external view returns (uint256 owed_) {
        if (!frozen) return deposited[_asset] - paidOut[_asset];
        for (uint256 u; u < USERS; ++u) {
            IBridgeManagement.BalanceLeaf memory leaf = _leafOf(u, _asset, ledgerOf[frozenRollup][u * ASSETS + _asset]);
            if (!bridge.isExited(bridge.exitKey(leaf))) owed_ += leaf.amountOrId;
        }
        uint64 frozenNumber = rollupManagement.rollup(frozenRollup).number;
        for (uint256 i; i < rollups.length; ++i) {
            bytes32 r = rollups[i];
            if (!rollupManagement.isCanonical(r) || rollupManagement.rollup(r).number > frozenNumber) continue;
            IBridgeManagement.Withdrawal[] storage ws = withdrawalsOf[r];
            for (uint256 j; j < ws.length; ++j) {
                if (_assetOf(ws[j].kind) == _asset && !bridge.isWithdrawalFinalized(ws[j].id)) {
                    owed_ += ws[j].amountOrId;
                }
            }
        }
        for (uint256 i = headerOf[frozenRollup].depositCount; i < deposits.length; ++i) {
            if (deposits[i].asset == _asset && !bridge.isDepositRefunded(i)) owed_ += deposits[i].amount;
        }
    }

    // ─────────────────────────────────────────────────────────────── internals

    function _rollup(bytes32 _parent, uint256 _seed, uint8 _count, bytes32 _sibling) internal {
        if (_parent == bytes32(0) || rollupManagement.rollup(_parent).includedAt == 0) return;
        vm.roll(block.number + 1);
        (IRollupManagement.RollupHeader memory h, bytes32 hash, IBridgeManagement.Withdrawal[] memory ws) = _build(
            _parent,
            _seed,
            _count
        );
        uint256 who = _seed % 2;
        bytes memory signature = _sign(who, hash);
        IRollupManagement.SubmissionHints memory hints;
        hints.canonicalSibling = _sibling;
        vm.prank(operators[who]);
        try rollupManagement.submitRollup(h, signature, hex"00", hints) {
            rollups.push(hash);
            headerOf[hash] = h;
            for (uint256 i; i < ws.length; ++i) {
                withdrawalsOf[hash].push(ws[i]);
            }
            nextWithdrawalIdOf[hash] = nextWithdrawalIdOf[_parent] + ws.length;
        } catch {}
    }

    /// @dev The child ledger: the parent's, plus the deposits consumed since, minus the withdrawals.
    function _build(
        bytes32 _parent,
        uint256 _seed,
        uint8 _count
    )
        internal
        returns (IRollupManagement.RollupHeader memory h_, bytes32 hash_, IBridgeManagement.Withdrawal[] memory ws_)
    {
        IRollupManagement.RollupRecord memory parent = rollupManagement.rollup(_parent);
        uint256[USERS * ASSETS] memory ledger = ledgerOf[_parent];
        for (uint256 i = headerOf[_parent].depositCount; i < deposits.length; ++i) {
            ModelDeposit memory d = deposits[i];
            ledger[_userIndex(d.to) * ASSETS + d.asset] += d.amount;
        }
        uint256 n = bound(_count, 0, 3);
        ws_ = new IBridgeManagement.Withdrawal[](n);
        uint256 id = nextWithdrawalIdOf[_parent];
        for (uint256 k; k < n; ++k) {
            uint256 slot = uint256(keccak256(abi.encode(_seed, k))) % (USERS * ASSETS);
            uint256 amount =
                ledger[slot] == 0 ? 0 : bound(uint256(keccak256(abi.encode(_seed, k, "amount"))), 1, ledger[slot]);
            ledger[slot] -= amount;
            ws_[k] = IBridgeManagement.Withdrawal(
                id + k,
                users[slot / ASSETS],
                slot % ASSETS == 0 ? IBridgeManagement.AssetKind.Eth : IBridgeManagement.AssetKind.Erc20,
                slot % ASSETS == 0 ? address(0) : address(token),
                amount
            );
        }
        uint64 l1Block = uint64(block.number - 1);
        h_.parentHash = _parent;
        h_.number = parent.number + 1;
        h_.l1BlockNumber = l1Block;
        h_.l1BlockHash = blockhash(l1Block);
        h_.depositCount = uint64(deposits.length);
        h_.depositAcc = depositAcc;
        h_.dataHash = keccak256(hex"00");
        h_.keyCommitment = parent.number == 0 ? keccak256("epoch 0 key") : bytes32(0);
        h_.enclaveId = vm.addr(keys[_seed % 2]);
        h_.withdrawalRoot = n == 0 ? bytes32(0) : MerkleTree.root(_withdrawalLeaves(ws_));
        h_.stateRoot = MerkleTree.root(_ledgerLeavesOf(ledger));
        hash_ = rollupManagement.hashHeader(h_);
        ledgerOf[hash_] = ledger;
    }

    function _modelDeposit(ModelDeposit memory _d) internal {
        uint64 index = uint64(deposits.length);
        uint40 current = uint40(block.number);
        if (current != lastDepositBlock) {
            checkpoints.push(
                IBridgeManagement.QueuePoint(uint64(checkpoints.length), lastDepositBlock, current, index, depositAcc)
            );
            lastDepositBlock = current;
        }
        IBridgeManagement.AssetKind kind =
            _d.asset == 0 ? IBridgeManagement.AssetKind.Eth : IBridgeManagement.AssetKind.Erc20;
        depositAcc = bridge.depositAccumulatorStep(
            depositAcc,
            index,
            kind,
            _d.from,
            _d.to,
            _d.asset == 0 ? address(0) : address(token),
            _d.amount
        );
        deposits.push(_d);
    }

    /// @dev The deposits of the block holding `_index`, between its checkpoint and the next (or the latest state).
    function _rangeProof(uint256 _index) internal view returns (IBridgeManagement.DepositRangeProof memory p_) {
        uint256 k = checkpoints.length - 1;
        while (checkpoints[k].count > _index) --k;
        p_.start = checkpoints[k];
        uint256 endCount;
        if (k + 1 < checkpoints.length) {
            p_.end = checkpoints[k + 1];
            endCount = p_.end.count;
        } else {
            p_.endIsLatest = true;
            p_.end.count = uint64(deposits.length);
            p_.end.acc = depositAcc;
            endCount = deposits.length;
        }
        p_.deposits = new IBridgeManagement.QueuedDeposit[](endCount - p_.start.count);
        for (uint256 i; i < p_.deposits.length; ++i) {
            ModelDeposit memory d = deposits[p_.start.count + i];
            p_.deposits[i] = IBridgeManagement.QueuedDeposit(
                d.asset == 0 ? IBridgeManagement.AssetKind.Eth : IBridgeManagement.AssetKind.Erc20,
                d.from,
                d.to,
                d.asset == 0 ? address(0) : address(token),
                d.amount
            );
        }
    }

    function _withdrawalLeaves(IBridgeManagement.Withdrawal[] memory _ws) internal view returns (bytes32[] memory l_) {
        l_ = new bytes32[](_ws.length);
        for (uint256 i; i < _ws.length; ++i) {
            l_[i] = bridge.withdrawalLeaf(_ws[i]);
        }
    }

    function _ledgerLeaves(bytes32 _rollupHash) internal view returns (bytes32[] memory) {
        return _ledgerLeavesOf(ledgerOf[_rollupHash]);
    }

    function _ledgerLeavesOf(uint256[USERS * ASSETS] memory _ledger) internal view returns (bytes32[] memory l_) {
        l_ = new bytes32[](USERS * ASSETS);
        for (uint256 i; i < l_.length; ++i) {
            l_[i] = bridge.balanceLeaf(_leafOf(i / ASSETS, uint8(i % ASSETS), _ledger[i]));
        }
    }

    function _leafOf(
        uint256 _user,
        uint8 _asset,
        uint256 _amount
    ) internal view returns (IBridgeManagement.BalanceLeaf memory) {
        return
            IBridgeManagement.BalanceLeaf(
                users[_user],
                _asset == 0 ? IBridgeManagement.AssetKind.Eth : IBridgeManagement.AssetKind.Erc20,
                _asset == 0 ? address(0) : address(token),
                _amount
            );
    }

    function _canonicalAt(uint64 _number) internal view returns (bytes32) {
        for (uint256 i; i < rollups.length; ++i) {
            bytes32 h = rollups[i];
            if (rollupManagement.rollup(h).number == _number && rollupManagement.isCanonical(h)) return h;
        }
        return bytes32(0);
    }

    function _userIndex(address _user) internal view returns (uint256) {
        for (uint256 i; i < USERS; ++i) {
            if (users[i] == _user) return i;
        }
        revert("unknown user");
    }

    function _assetOf(IBridgeManagement.AssetKind _kind) internal pure returns (uint8) {
        return _kind == IBridgeManagement.AssetKind.Eth ? 0 : 1;
    }

    function _sign(uint256 _who, bytes32 _hash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[_who], _hash);
        return abi.encodePacked(r, s, v);
    }
}

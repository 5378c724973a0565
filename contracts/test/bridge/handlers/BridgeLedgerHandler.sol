// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { BridgeManagement } from "../../../src/bridge/BridgeManagement.sol";
import { IBridgeManagement } from "../../../src/interfaces/bridge/IBridgeManagement.sol";
import { IRollupManagement } from "../../../src/interfaces/rollup/IRollupManagement.sol";
import { Types } from "../../../src/libraries/Types.sol";
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
    /// Packed in two slots: long outages make thousands of them.
    struct ModelDeposit {
        address from;
        uint8 asset;
        uint88 amount;
        address to;
    }

    /// A checkpoint the bridge wrote (its accumulator is `accAt[count]`), packed in one slot.
    struct ModelCheckpoint {
        uint64 count;
        uint40 fromBlock;
        uint40 untilBlock;
    }

    ModelDeposit[] internal deposits;
    ModelCheckpoint[] internal checkpoints;
    bytes32 public depositAcc;
    uint40 internal lastDepositBlock;
    /// `accAt[n]`: the accumulator after `n` deposits.
    bytes32[] internal accAt;
    /// Queue positions `recordRefundPoints` proved, in exit mode.
    mapping(uint64 count => bool) internal recorded;
    uint64[] internal recordedCounts;

    // L2 model: per rollup
    bytes32[] public rollups;
    mapping(bytes32 => uint256[USERS * ASSETS]) internal ledgerOf;
    mapping(bytes32 => Types.Withdrawal[]) internal withdrawalsOf;
    mapping(bytes32 => Types.RollupHeader) internal headerOf;
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
    /// A refund of an unrefunded deposit outside the frozen ledger, with a proof between known
    /// points, that failed: must stay zero (every such deposit is refundable).
    uint256 public refundFailures;
    /// A `recordRefundPoints` chunk of real deposits ending at a known point that failed.
    uint256 public recordFailures;
    /// The longest range a refund carried once every point down to the frozen one was recorded.
    uint256 public longestRecordedRefund;
    /// Deposit blocks so far: past 256 the checkpoint ring has wrapped.
    uint256 public depositBlocks;

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
        accAt.push(bytes32(0));
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
        _modelDeposit(ModelDeposit(from, asset, uint88(amount), to));
        deposited[asset] += amount;
    }

    /// @notice One small ETH deposit in each of up to 100 new L1 blocks (a rollup outage): the
    ///         checkpoint ring wraps after 256 deposit blocks.
    function depositAcrossBlocks(uint8 _blocks, uint256 _user) external {
        if (frozen) return;
        uint256 n = bound(_blocks, 1, 100);
        for (uint256 i; i < n; ++i) {
            vm.roll(block.number + 1);
            address from = users[(_user + i) % USERS];
            uint256 amount = 1 + ((_user >> 8) % 1000) + i;
            vm.deal(from, amount);
            vm.prank(from);
            bridge.depositETH{ value: amount }(users[(_user + i + 1) % USERS]);
            _modelDeposit(ModelDeposit(from, 0, uint88(amount), users[(_user + i + 1) % USERS]));
            deposited[0] += amount;
        }
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
        Types.Withdrawal[] storage ws = withdrawalsOf[r];
        if (ws.length == 0) return;
        uint256 i = bound(_index, 0, ws.length - 1);
        Types.Withdrawal memory w = ws[i];
        bytes32[] memory proof = MerkleTree.proof(_withdrawalLeaves(ws), i);
        try bridge.finalizeWithdrawal(headerOf[r], w, proof) {
            if (paidIds[w.id]) ++doublePayments;
            paidIds[w.id] = true;
            paidOut[_assetOf(w.kind)] += w.amountOrId;
            ++withdrawalsPaid;
        } catch {}
    }

    /// @notice Freezes on a random canonical rollup. Until the checkpoint ring has wrapped, seven
    ///         attempts in eight do nothing, so that most runs reach exit mode after a long outage.
    function freeze(uint256 _seed) external {
        if (frozen || (depositBlocks <= 256 && _seed % 8 != 0)) return;
        _seed /= 8;
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
        Types.BalanceLeaf memory leaf = _leafOf(u, asset, ledgerOf[frozenRollup][u * ASSETS + asset]);
        bytes32[] memory proof = MerkleTree.proof(_ledgerLeaves(frozenRollup), u * ASSETS + asset);
        try bridge.exitWithBalanceProof(leaf, proof) {
            bytes32 key = bridge.exitKey(leaf);
            if (exitedKeys[key]) ++doublePayments;
            exitedKeys[key] = true;
            paidOut[asset] += leaf.amountOrId;
            ++exits;
        } catch {}
    }

    /// @notice Refunds eight random deposits (consumed ones, refunded ones and late ones alike).
    function refund(uint256 _seed) external {
        for (uint256 i; i < 8; ++i) {
            _refund(uint256(keccak256(abi.encode(_seed, i))));
        }
    }

    function _refund(uint256 _index) internal {
        if (!frozen || deposits.length == 0) return;
        uint256 index = bound(_index, 0, deposits.length - 1);
        IBridgeManagement.DepositRangeProof memory proof = _rangeProof(index);
        bool refundable = index >= headerOf[frozenRollup].depositCount && !refundedIndices[index];
        try bridge.refundDeposit(index, proof) {
            if (refundedIndices[index]) ++doublePayments;
            refundedIndices[index] = true;
            paidOut[deposits[index].asset] += deposits[index].amount;
            ++refunds;
            if (_recordedDownToFrozen() && proof.deposits.length > longestRecordedRefund) {
                longestRecordedRefund = proof.deposits.length;
            }
        } catch {
            if (refundable) ++refundFailures;
        }
    }

    /// @notice Records a chunk of refund points, walking back from the queue's latest state (or
    ///         the lowest point recorded so far) towards the frozen rollup's deposit count, as a
    ///         keeper would after a freeze.
    function recordRefundPoints(uint256 _seed) external {
        if (!frozen) return;
        uint64 frozenCount = headerOf[frozenRollup].depositCount;
        IBridgeManagement.QueuePoint memory end = _point(
            IBridgeManagement.QueuePointKind.Latest,
            uint64(deposits.length)
        );
        for (uint256 i; i < recordedCounts.length; ++i) {
            uint64 c = recordedCounts[i];
            if (c < end.count) end = _point(IBridgeManagement.QueuePointKind.Recorded, c);
        }
        if (end.count <= frozenCount) return;
        uint64 length = uint64(bound(_seed, 1, 200));
        uint64 start = length >= end.count - frozenCount ? frozenCount : end.count - length;
        Types.QueuedDeposit[] memory chunk = _queuedDeposits(start, end.count);
        try bridge.recordRefundPoints(start, accAt[start], chunk, end) {
            for (uint64 c = start; c < end.count; ++c) {
                if ((c == start || c % 32 == 0) && !recorded[c]) {
                    recorded[c] = true;
                    recordedCounts.push(c);
                }
            }
        } catch {
            ++recordFailures;
        }
    }

    // ─────────────────────────────────────────────────────────────── claims

    /// @notice What the bridge still owes, per asset: before exit mode, everything deposited and
    ///         not paid; in exit mode, the frozen ledger's balances not exited, the unpaid
    ///         withdrawals of canonical rollups up to the frozen one, and the unrefunded deposits
    ///         it did not consume.
    function outstanding(uint8 _asset) external view returns (uint256 owed_) {
        if (!frozen) return deposited[_asset] - paidOut[_asset];
        for (uint256 u; u < USERS; ++u) {
            Types.BalanceLeaf memory leaf = _leafOf(u, _asset, ledgerOf[frozenRollup][u * ASSETS + _asset]);
            if (!bridge.isExited(bridge.exitKey(leaf))) owed_ += leaf.amountOrId;
        }
        uint64 frozenNumber = rollupManagement.rollup(frozenRollup).number;
        for (uint256 i; i < rollups.length; ++i) {
            bytes32 r = rollups[i];
            if (!rollupManagement.isCanonical(r) || rollupManagement.rollup(r).number > frozenNumber) continue;
            Types.Withdrawal[] storage ws = withdrawalsOf[r];
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
        (Types.RollupHeader memory h, bytes32 hash, Types.Withdrawal[] memory ws) = _build(_parent, _seed, _count);
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
    ) internal returns (Types.RollupHeader memory h_, bytes32 hash_, Types.Withdrawal[] memory ws_) {
        IRollupManagement.RollupRecord memory parent = rollupManagement.rollup(_parent);
        uint256[USERS * ASSETS] memory ledger = ledgerOf[_parent];
        for (uint256 i = headerOf[_parent].depositCount; i < deposits.length; ++i) {
            ModelDeposit memory d = deposits[i];
            ledger[_userIndex(d.to) * ASSETS + d.asset] += d.amount;
        }
        uint256 n = bound(_count, 0, 3);
        ws_ = new Types.Withdrawal[](n);
        uint256 id = nextWithdrawalIdOf[_parent];
        for (uint256 k; k < n; ++k) {
            uint256 slot = uint256(keccak256(abi.encode(_seed, k))) % (USERS * ASSETS);
            uint256 amount =
                ledger[slot] == 0 ? 0 : bound(uint256(keccak256(abi.encode(_seed, k, "amount"))), 1, ledger[slot]);
            ledger[slot] -= amount;
            ws_[k] = Types.Withdrawal(
                id + k,
                users[slot / ASSETS],
                slot % ASSETS == 0 ? Types.AssetKind.Eth : Types.AssetKind.Erc20,
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
            checkpoints.push(ModelCheckpoint(index, lastDepositBlock, current));
            lastDepositBlock = current;
            ++depositBlocks;
        }
        // DepositQueue.step, computed here to keep a deposit of a long outage cheap to model
        depositAcc = keccak256(
            abi.encode(
                depositAcc,
                index,
                _d.asset == 0 ? Types.AssetKind.Eth : Types.AssetKind.Erc20,
                _d.from,
                _d.to,
                _d.asset == 0 ? address(0) : address(token),
                uint256(_d.amount)
            )
        );
        deposits.push(_d);
        accAt.push(depositAcc);
    }

    /// @dev The shortest proof the model knows for `_index`: from the latest known point at or
    ///      before it (the frozen point, a live checkpoint or a recorded point) to the earliest one
    ///      after it (a live checkpoint, a recorded point or the latest state).
    function _rangeProof(uint256 _index) internal view returns (IBridgeManagement.DepositRangeProof memory p_) {
        p_.start = _highestStartAtOrBelow(uint64(_index));
        p_.end = _lowestEndAbove(uint64(_index));
        p_.deposits = _queuedDeposits(p_.start.count, p_.end.count);
    }

    function _highestStartAtOrBelow(uint64 _index) internal view returns (IBridgeManagement.QueuePoint memory p_) {
        p_.kind = IBridgeManagement.QueuePointKind.Checkpoint; // the empty queue's checkpoint, if nothing better
        if (frozen && headerOf[frozenRollup].depositCount <= _index) {
            p_ = _point(IBridgeManagement.QueuePointKind.Frozen, headerOf[frozenRollup].depositCount);
        }
        for (uint256 k = _firstLiveCheckpoint(); k < checkpoints.length; ++k) {
            if (checkpoints[k].count <= _index && checkpoints[k].count >= p_.count) p_ = _checkpointPoint(k);
        }
        for (uint256 i; i < recordedCounts.length; ++i) {
            uint64 c = recordedCounts[i];
            if (c <= _index && c > p_.count) p_ = _point(IBridgeManagement.QueuePointKind.Recorded, c);
        }
    }

    function _lowestEndAbove(uint64 _index) internal view returns (IBridgeManagement.QueuePoint memory p_) {
        p_ = _point(IBridgeManagement.QueuePointKind.Latest, uint64(deposits.length));
        for (uint256 k = _firstLiveCheckpoint(); k < checkpoints.length; ++k) {
            if (checkpoints[k].count > _index && checkpoints[k].count < p_.count) p_ = _checkpointPoint(k);
        }
        for (uint256 i; i < recordedCounts.length; ++i) {
            uint64 c = recordedCounts[i];
            if (c > _index && c < p_.count) p_ = _point(IBridgeManagement.QueuePointKind.Recorded, c);
        }
    }

    function _point(
        IBridgeManagement.QueuePointKind _kind,
        uint64 _count
    ) internal view returns (IBridgeManagement.QueuePoint memory p_) {
        p_.kind = _kind;
        p_.count = _count;
        p_.acc = accAt[_count];
    }

    function _checkpointPoint(uint256 _k) internal view returns (IBridgeManagement.QueuePoint memory p_) {
        ModelCheckpoint memory c = checkpoints[_k];
        p_ = _point(IBridgeManagement.QueuePointKind.Checkpoint, c.count);
        p_.seq = uint64(_k);
        p_.fromBlock = c.fromBlock;
        p_.untilBlock = c.untilBlock;
    }

    /// @dev Checkpoints older than the ring's 256 slots are overwritten on the bridge.
    function _firstLiveCheckpoint() internal view returns (uint256) {
        return checkpoints.length > 256 ? checkpoints.length - 256 : 0;
    }

    /// @dev Whether every deposit after the frozen point is covered by recorded points, so a
    ///      refund needs at most `REFUND_POINT_INTERVAL` deposits.
    function _recordedDownToFrozen() internal view returns (bool) {
        return frozen && recorded[headerOf[frozenRollup].depositCount];
    }

    function _queuedDeposits(uint64 _from, uint64 _to) internal view returns (Types.QueuedDeposit[] memory q_) {
        q_ = new Types.QueuedDeposit[](_to - _from);
        for (uint256 i; i < q_.length; ++i) {
            ModelDeposit memory d = deposits[_from + i];
            q_[i] = Types.QueuedDeposit(
                d.asset == 0 ? Types.AssetKind.Eth : Types.AssetKind.Erc20,
                d.from,
                d.to,
                d.asset == 0 ? address(0) : address(token),
                d.amount
            );
        }
    }

    function _withdrawalLeaves(Types.Withdrawal[] memory _ws) internal view returns (bytes32[] memory l_) {
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

    function _leafOf(uint256 _user, uint8 _asset, uint256 _amount) internal view returns (Types.BalanceLeaf memory) {
        return
            Types.BalanceLeaf(
                users[_user],
                _asset == 0 ? Types.AssetKind.Eth : Types.AssetKind.Erc20,
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

    function _assetOf(Types.AssetKind _kind) internal pure returns (uint8) {
        return _kind == Types.AssetKind.Eth ? 0 : 1;
    }

    function _sign(uint256 _who, bytes32 _hash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[_who], _hash);
        return abi.encodePacked(r, s, v);
    }
}

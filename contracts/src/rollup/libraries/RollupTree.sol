// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IRollupManagement } from "../../interfaces/rollup/IRollupManagement.sol";

/// @title RollupTree
/// @notice The rollup tree: records, branches, the canonical path, contests and finality.
/// @dev See IRollupManagement for the rules and docs/rollups.md for the reasoning. Storage per
///      accepted rollup on the common path (extending the canonical head): one new record slot and
///      one branch-tip update.
library RollupTree {
    /// @notice `canonicalEnd` of the branch holding the canonical head: all of it is canonical.
    uint64 internal constant WHOLE_BRANCH = type(uint64).max;

    /// @notice At most this many contests are tracked at once; more cannot open.
    uint256 internal constant MAX_CONTESTS = 16;

    /// @notice Finality and fork parameters (one slot).
    struct Params {
        uint40 finalityDelay;
        uint40 forkExpiry;
    }

    struct Tree {
        // hot slot
        uint32 canonicalBranch;
        uint32 branchCount;
        uint8 contestCount;
        /// Exit mode: frozen on the canonical rollup numbered `frozenNumber`.
        bool halted;
        uint64 frozenNumber;
        // cold
        Params params;
        bytes32 genesisHash;
        mapping(bytes32 rollupHash => IRollupManagement.RollupRecord) rollups;
        mapping(uint32 branchId => IRollupManagement.Branch) branches;
        mapping(uint256 index => uint32 branchId) contests;
        uint32[] path;
        /// Rollups of a branch numbered from this on are invalid (0: none), with their descendants.
        mapping(uint32 branchId => uint64 number) invalidFrom;
    }

    // ─────────────────────────────────────────────────────────────── setup

    /// @notice Plants the genesis rollup (number 0) on branch 0, included now and final at once.
    function plantGenesis(Tree storage _t, bytes32 _genesisHash) internal {
        uint40 now_ = uint40(block.number);
        _t.genesisHash = _genesisHash;
        _t.rollups[_genesisHash] = IRollupManagement.RollupRecord({
            number: 0,
            branch: 0,
            l1BlockNumber: now_,
            includedAt: now_,
            finalAt: now_,
            keyEpoch: 0,
            forkSlashed: false
        });
        IRollupManagement.Branch storage genesisBranch = _t.branches[0];
        genesisBranch.tip = _genesisHash;
        genesisBranch.canonicalEnd = WHOLE_BRANCH;
        _t.branchCount = 1;
        _t.path.push(0);
    }

    // ─────────────────────────────────────────────────────────────── attach

    /// @notice Attaches an already validated rollup below `_parentHash` and stores its record.
    /// @param _record The new record, without its branch (set here).
    /// @param _sibling The canonical rollup at (fork point + 1), needed when forking or extending a
    ///        non-canonical branch.
    /// @return branch_ The branch the rollup joined.
    function attach(
        Tree storage _t,
        bytes32 _hash,
        bytes32 _parentHash,
        IRollupManagement.RollupRecord memory _parent,
        IRollupManagement.RollupRecord memory _record,
        bytes32 _sibling
    ) internal returns (uint32 branch_) {
        uint32 canonicalBranch = _t.canonicalBranch;
        IRollupManagement.Branch storage canonical = _t.branches[canonicalBranch];
        if (canonical.tip == _parentHash) {
            // Extends the canonical head: the common path.
            branch_ = canonicalBranch;
            canonical.tip = _hash;
        } else {
            if (isInvalid(_t, _parent)) revert IRollupManagement.RollupManagement_InvalidParent(_parentHash);
            IRollupManagement.Branch storage parentBranch = _t.branches[_parent.branch];
            if (parentBranch.tip == _parentHash) {
                // The parent is the tip of a non-canonical branch: continue it.
                branch_ = _parent.branch;
                _checkNonCanonicalExtension(_t, branch_, parentBranch, _sibling, _record.number);
                parentBranch.tip = _hash;
            } else {
                // The parent already has a child: this is a fork, allowed only at canonical rollups
                // whose canonical child is not final.
                if (_parent.number >= parentBranch.canonicalEnd) {
                    revert IRollupManagement.RollupManagement_NestedFork(_parentHash);
                }
                _requireSiblingNotFinal(_t, _sibling, _parent.number + 1);
                branch_ = _newBranch(_t, _hash, _parent.branch, _parent.number);
                emit IRollupManagement.ForkCreated(branch_, _parent.branch, _parent.number, _hash);
            }
        }
        _record.branch = branch_;
        _t.rollups[_hash] = _record;
    }

    // ─────────────────────────────────────────────────────────────── invalid rollups

    /// @notice Marks a rollup and all its descendants invalid. A canonical one is cut off: the
    ///         canonical chain ends at its parent and continues from there on a new, empty branch.
    function invalidate(
        Tree storage _t,
        bytes32 _hash,
        IRollupManagement.RollupRecord memory _record,
        bytes32 _parentHash
    ) internal {
        if (isInvalid(_t, _record)) revert IRollupManagement.RollupManagement_AlreadyInvalid(_hash);
        uint64 from = _t.invalidFrom[_record.branch];
        if (from == 0 || _record.number < from) _t.invalidFrom[_record.branch] = _record.number;
        if (!isCanonical(_t, _record)) return;
        uint32 previous = _t.canonicalBranch;
        uint64 parentNumber = _record.number - 1;
        uint32 c = _newBranch(_t, _parentHash, _record.branch, parentNumber);
        _cutPathAt(_t, _record.branch, parentNumber);
        _t.path.push(c);
        IRollupManagement.Branch storage continuation = _t.branches[c];
        continuation.canonicalEnd = WHOLE_BRANCH;
        continuation.holdUntil = _t.branches[_record.branch].holdUntil;
        _t.canonicalBranch = c;
        emit IRollupManagement.CanonicalBranchSwitched(previous, c, parentNumber);
    }

    /// @notice Whether a known rollup is invalid: at or after an invalid rollup of its branch, or
    ///         descending from an invalid fork point.
    function isInvalid(Tree storage _t, IRollupManagement.RollupRecord memory _r) internal view returns (bool) {
        uint32 b = _r.branch;
        uint64 number = _r.number;
        while (true) {
            uint64 from = _t.invalidFrom[b];
            if (from != 0 && number >= from) return true;
            if (b == 0) return false;
            IRollupManagement.Branch storage br = _t.branches[b];
            (b, number) = (br.parentBranch, br.forkNumber);
        }
        return false;
    }

    // ─────────────────────────────────────────────────────────────── contests

    /// @notice Applies what time has decided: switches the canonical chain to a contender whose
    ///         opponent died, and closes contests that no longer matter.
    function resolveContests(Tree storage _t) internal {
        if (_t.contestCount == 0 || _t.halted) return;
        // A switch can orphan other contests, so repeat until nothing changes (bounded by the
        // number of contests: each pass either switches, which removes the winner, or ends).
        while (true) {
            _closeSettledContests(_t);
            (bool found, uint32 winner) = _findWinner(_t);
            if (!found) return;
            _switchTo(_t, winner);
        }
    }

    /// @notice The state of contest branch `_b` now.
    function contestState(Tree storage _t, uint32 _b) internal view returns (IRollupManagement.ContestState) {
        IRollupManagement.Branch storage b = _t.branches[_b];
        (, bool forkPointCanonical) = _forkPoint(_t, b);
        // An invalid contender (k enclaves said so) can never win or grow: it no longer matters.
        if (!forkPointCanonical || _t.invalidFrom[_b] != 0) return IRollupManagement.ContestState.Orphaned;
        uint40 forkExpiry = _t.params.forkExpiry;
        uint256 tipAt = _t.rollups[b.tip].includedAt;
        uint256 headAt = _t.rollups[_t.branches[_t.canonicalBranch].tip].includedAt;
        bool contenderDead = block.number > tipAt + forkExpiry;
        bool canonicalDead = block.number > headAt + forkExpiry;
        if (contenderDead && tipAt <= headAt) return IRollupManagement.ContestState.ContenderLost;
        if (canonicalDead && tipAt > headAt) return IRollupManagement.ContestState.ContenderWins;
        return IRollupManagement.ContestState.Open;
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @notice Whether `_record` (of a known rollup) is on the canonical chain.
    function isCanonical(Tree storage _t, IRollupManagement.RollupRecord memory _record) internal view returns (bool) {
        return _record.number < _t.branches[_record.branch].canonicalEnd;
    }

    /// @notice Whether the rollup `_hash` is canonical and final.
    function isFinal(Tree storage _t, bytes32 _hash) internal view returns (bool) {
        IRollupManagement.RollupRecord memory record = _t.rollups[_hash];
        if (record.includedAt == 0 || !isCanonical(_t, record)) return false;
        if (block.number < record.finalAt) return false;
        // Holds left by contests the canonical chain won by switching: a path branch carries the
        // latest hold of itself and every path branch before it (set when it joins the path).
        if (block.number < _t.branches[record.branch].holdUntil) return false;
        // Contests before this rollup must be lost, and their last rollup past its finality delay.
        uint256 count = _t.contestCount;
        for (uint256 i; i < count; ++i) {
            uint32 c = _t.contests[i];
            IRollupManagement.Branch storage b = _t.branches[c];
            if (b.forkNumber >= record.number) continue;
            IRollupManagement.ContestState state = contestState(_t, c);
            if (state == IRollupManagement.ContestState.Orphaned) continue;
            if (state != IRollupManagement.ContestState.ContenderLost) return false;
            if (block.number < _t.rollups[b.tip].finalAt) return false;
        }
        return true;
    }

    /// @notice Whether the rollup `_hash` sits at least `_slashDepth` deep on a dead branch that
    ///         lost to the canonical chain (its fork point canonical, the canonical side extended
    ///         after the branch's last rollup), and was not slashed for it yet.
    function isForkSlashable(Tree storage _t, bytes32 _hash, uint256 _slashDepth) internal view returns (bool) {
        IRollupManagement.RollupRecord memory record = _t.rollups[_hash];
        if (record.includedAt == 0 || record.forkSlashed || isCanonical(_t, record)) return false;
        IRollupManagement.Branch storage b = _t.branches[record.branch];
        (uint64 forkNumber, bool forkPointCanonical) = _forkPoint(_t, b);
        if (!forkPointCanonical) return false;
        uint256 tipAt = _t.rollups[b.tip].includedAt;
        uint256 headAt = _t.rollups[_t.branches[_t.canonicalBranch].tip].includedAt;
        if (block.number <= tipAt + _t.params.forkExpiry || tipAt > headAt) return false;
        return record.number - forkNumber >= _slashDepth;
    }

    // ─────────────────────────────────────────────────────────────── private

    /// @dev Extending a non-canonical branch: its fork point must still be canonical, the branch
    ///      alive, and the canonical rollup after the fork point not final. Reaching two rollups
    ///      deep opens a contest.
    function _checkNonCanonicalExtension(
        Tree storage _t,
        uint32 _b,
        IRollupManagement.Branch storage _branch,
        bytes32 _sibling,
        uint64 _newNumber
    ) private {
        (uint64 forkNumber, bool forkPointCanonical) = _forkPoint(_t, _branch);
        if (!forkPointCanonical) revert IRollupManagement.RollupManagement_BranchOrphaned(_b);
        if (block.number > uint256(_t.rollups[_branch.tip].includedAt) + _t.params.forkExpiry) {
            revert IRollupManagement.RollupManagement_BranchDead(_b);
        }
        _requireSiblingNotFinal(_t, _sibling, forkNumber + 1);
        if (_newNumber - forkNumber >= 2 && !_branch.contested) {
            uint256 count = _t.contestCount;
            if (count == MAX_CONTESTS) revert IRollupManagement.RollupManagement_TooManyContests();
            _t.contests[count] = _b;
            _t.contestCount = uint8(count + 1);
            _branch.contested = true;
            emit IRollupManagement.ContestOpened(_b, forkNumber);
        }
    }

    /// @dev `_sibling` must be the canonical rollup numbered `_number` (whose parent is then the
    ///      canonical fork point), and not final.
    function _requireSiblingNotFinal(Tree storage _t, bytes32 _sibling, uint64 _number) private view {
        IRollupManagement.RollupRecord memory sibling = _t.rollups[_sibling];
        if (sibling.includedAt == 0 || sibling.number != _number || !isCanonical(_t, sibling)) {
            revert IRollupManagement.RollupManagement_BadSiblingHint(_sibling);
        }
        if (isFinal(_t, _sibling)) revert IRollupManagement.RollupManagement_ConflictsWithFinal(_sibling);
    }

    /// @dev The number of the rollup where `_b`'s non-canonical part leaves the canonical chain,
    ///      and whether that rollup is (still) canonical. For a branch truncated by a switch, its
    ///      non-canonical tail starts after its last canonical rollup.
    function _forkPoint(
        Tree storage _t,
        IRollupManagement.Branch storage _b
    ) private view returns (uint64 number_, bool canonical_) {
        uint64 canonicalEnd = _b.canonicalEnd;
        if (canonicalEnd != 0) return (canonicalEnd - 1, true);
        number_ = _b.forkNumber;
        canonical_ = number_ < _t.branches[_b.parentBranch].canonicalEnd;
    }

    function _closeSettledContests(Tree storage _t) private {
        uint256 i;
        while (i < _t.contestCount) {
            uint32 c = _t.contests[i];
            IRollupManagement.ContestState state = contestState(_t, c);
            bool settled =
                state == IRollupManagement.ContestState.Orphaned ||
                    (state == IRollupManagement.ContestState.ContenderLost &&
                        block.number >= _t.rollups[_t.branches[c].tip].finalAt);
            if (settled) {
                _removeContest(_t, i);
                emit IRollupManagement.ContestClosed(c, state);
            } else {
                ++i;
            }
        }
    }

    /// @dev Among contenders whose opponent died, the one extended last.
    function _findWinner(Tree storage _t) private view returns (bool found_, uint32 winner_) {
        uint256 latest;
        uint256 count = _t.contestCount;
        for (uint256 i; i < count; ++i) {
            uint32 c = _t.contests[i];
            if (contestState(_t, c) != IRollupManagement.ContestState.ContenderWins) continue;
            uint256 tipAt = _t.rollups[_t.branches[c].tip].includedAt;
            if (!found_ || tipAt > latest) (found_, winner_, latest) = (true, c, tipAt);
        }
    }

    /// @dev Makes contender `_c` canonical: the path is cut at its fork point and continues on `_c`.
    function _switchTo(Tree storage _t, uint32 _c) private {
        IRollupManagement.Branch storage c = _t.branches[_c];
        uint32 from = _t.canonicalBranch;
        uint40 lostFinalAt = _t.rollups[_t.branches[from].tip].finalAt;
        _cutPathAt(_t, c.parentBranch, c.forkNumber);
        uint32[] storage path = _t.path;
        path.push(_c);
        c.canonicalEnd = WHOLE_BRANCH;
        // The holds of the path before `_c` apply to `_c`'s rollups too (they descend from it).
        uint40 inherited = _t.branches[c.parentBranch].holdUntil;
        c.holdUntil = lostFinalAt > inherited ? lostFinalAt : inherited;
        _t.canonicalBranch = _c;
        for (uint256 i; i < _t.contestCount; ++i) {
            if (_t.contests[i] == _c) {
                _removeContest(_t, i);
                break;
            }
        }
        emit IRollupManagement.CanonicalBranchSwitched(from, _c, c.forkNumber);
    }

    /// @dev Cuts the canonical path after rollup `_number` of branch `_b`: branches after `_b` on
    ///      the path stop being canonical, and so do `_b`'s rollups after `_number`.
    function _cutPathAt(Tree storage _t, uint32 _b, uint64 _number) private {
        uint32[] storage path = _t.path;
        while (path[path.length - 1] != _b) {
            _t.branches[path[path.length - 1]].canonicalEnd = 0;
            path.pop();
        }
        _t.branches[_b].canonicalEnd = _number + 1;
    }

    function _newBranch(
        Tree storage _t,
        bytes32 _tip,
        uint32 _parentBranch,
        uint64 _forkNumber
    ) private returns (uint32 branch_) {
        branch_ = _t.branchCount;
        _t.branchCount = branch_ + 1;
        IRollupManagement.Branch storage b = _t.branches[branch_];
        b.tip = _tip;
        b.parentBranch = _parentBranch;
        b.forkNumber = _forkNumber;
    }

    function _removeContest(Tree storage _t, uint256 _index) private {
        uint256 last = _t.contestCount - 1;
        _t.branches[_t.contests[_index]].contested = false;
        _t.contests[_index] = _t.contests[last];
        delete _t.contests[last];
        _t.contestCount = uint8(last);
    }
}

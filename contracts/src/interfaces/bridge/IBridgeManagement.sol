// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC721Receiver } from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import { Types } from "../../libraries/Types.sol";
import { IGovernedModule } from "../common/IGovernedModule.sol";

/// @title IBridgeManagement
/// @notice The vault of every asset bridged to Obscuro. Deposits join a queue committed to by a
///         hash-chain accumulator; each rollup proves, against this contract, exactly which
///         deposits it consumed.
/// @dev Queue semantics (docs/bridge.md): a rollup built on L1 block N consumes every deposit made
///      in L1 blocks up to and including N, no more and no fewer. The queue therefore keeps one
///      checkpoint per L1 block that received deposits: the accumulator at the end of that block,
///      valid for rollups built on that block up to (excluding) the next block with deposits. The
///      last 256 checkpoints are kept (a ring), which covers every block `blockhash` can see.
///      Deposits, withdrawals and ledger entries are `Types.QueuedDeposit`, `Types.Withdrawal` and
///      `Types.BalanceLeaf`, hashed by `Hashing`.
interface IBridgeManagement is IGovernedModule, IERC721Receiver {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice Where a point of the deposit queue comes from, and so how the bridge checks it.
    enum QueuePointKind {
        /// A checkpoint still in the ring: `seq`, `fromBlock`, `untilBlock`, `count`, `acc` are its preimage.
        Checkpoint,
        /// The frozen rollup's own (`count`, `acc`), kept by `freeze`: a start only.
        Frozen,
        /// A point recorded by `recordRefundPoints` (`refundPoint(count) == acc`).
        Recorded,
        /// The queue's latest state (`depositQueue()`): an end only.
        Latest
    }

    /// @notice A known point of the deposit queue: the accumulator `acc` after `count` deposits.
    ///         `seq`, `fromBlock` and `untilBlock` are read only for a `Checkpoint`.
    struct QueuePoint {
        QueuePointKind kind;
        uint64 seq;
        uint64 fromBlock;
        uint64 untilBlock;
        uint64 count;
        bytes32 acc;
    }

    /// @notice Every deposit between two known points of the queue, in order: `start` is a
    ///         checkpoint, the frozen point or a recorded point; `end` is a checkpoint, a recorded
    ///         point or the queue's latest state.
    struct DepositRangeProof {
        QueuePoint start;
        QueuePoint end;
        Types.QueuedDeposit[] deposits;
    }

    /// @notice The ledger exit mode pays from.
    struct FrozenLedger {
        bytes32 rollupHash;
        bytes32 stateRoot;
        uint64 number;
        uint64 depositCount;
    }

    // ─────────────────────────────────────────────────────────────── errors

    /// @notice Deposits are paused (until `pausedUntil`) or the bridge is frozen in exit mode.
    error BridgeManagement_DepositsClosed();

    /// @notice A deposit named the zero address as its L2 recipient.
    error BridgeManagement_ZeroRecipient();

    /// @notice A deposit of nothing: zero ETH, or an ERC20 transfer that credited zero.
    error BridgeManagement_ZeroAmount();

    /// @notice The token is not a contract, or is the zero address.
    error BridgeManagement_InvalidToken(address token);

    /// @notice After `transferFrom`, the bridge does not own the ERC721 token.
    error BridgeManagement_Erc721NotReceived(address token, uint256 tokenId);

    /// @notice The queue cannot take more deposits in one L1 block's counter range (2^64).
    error BridgeManagement_QueueFull();

    /// @notice A rollup's deposit count and accumulator do not match the queue at its L1 block.
    error BridgeManagement_DepositMismatch(uint64 l1BlockNumber, uint64 depositCount, bytes32 depositAcc);

    /// @notice The checkpoint hint does not cover the rollup's L1 block.
    error BridgeManagement_CheckpointOutOfRange(uint64 seq, uint64 fromBlock, uint64 untilBlock, uint64 l1BlockNumber);

    /// @notice Withdrawals and exits are paused (until `pausedUntil`).
    error BridgeManagement_WithdrawalsPaused(uint40 pausedUntil);

    /// @notice This withdrawal id was already paid.
    error BridgeManagement_WithdrawalAlreadyFinalized(uint256 id);

    /// @notice The Merkle proof does not lead to the committed root.
    error BridgeManagement_InvalidProof();

    /// @notice Paying the recipient failed (it rejects ETH, or the token transfer failed).
    error BridgeManagement_PaymentFailed(address recipient);

    /// @notice The action needs exit mode.
    error BridgeManagement_NotFrozen();

    /// @notice The bridge is already frozen.
    error BridgeManagement_AlreadyFrozen();

    /// @notice Freezing on a rollup older than one withdrawals were already paid from would pay twice.
    error BridgeManagement_FreezeBeforeWithdrawals(uint64 number, uint64 newestWithdrawalRollup);

    /// @notice This account already exited with this asset (or this ERC721 token already left).
    error BridgeManagement_AlreadyExited(bytes32 exitKey);

    /// @notice The deposit was consumed by the frozen rollup: it is in the ledger, exit with a balance proof.
    error BridgeManagement_DepositInLedger(uint256 index, uint64 frozenDepositCount);

    /// @notice This deposit was already refunded.
    error BridgeManagement_AlreadyRefunded(uint256 index);

    /// @notice The deposit range does not chain between two known points of the queue.
    error BridgeManagement_InvalidDepositRange();

    /// @notice A queue point of a kind that cannot stand where it was given (a `Latest` start, a
    ///         `Frozen` end), or whose contents the bridge does not know.
    error BridgeManagement_UnknownQueuePoint(QueuePointKind kind, uint64 count);

    /// @notice Refund points are recorded only after the frozen rollup's deposit point, and from
    ///         at least one deposit.
    error BridgeManagement_InvalidRefundRange(uint64 startCount, uint256 deposits, uint64 frozenDepositCount);

    /// @notice `safeTransferFrom` data must be empty (credit the sender) or one ABI-encoded
    ///         address (credit it); anything else is refused so that no token goes to an
    ///         account its owner did not name.
    error BridgeManagement_InvalidErc721Data(uint256 length);

    /// @notice The deposit index is not inside the proven range.
    error BridgeManagement_IndexOutOfRange(uint256 index, uint64 start, uint64 end);

    /// @notice A pause longer than `MAX_PAUSE`, or of zero length.
    error BridgeManagement_InvalidPauseDuration(uint256 duration);

    /// @notice The bridge is already paused.
    error BridgeManagement_AlreadyPaused(uint40 pausedUntil);

    /// @notice A new pause must wait `PAUSE_COOLDOWN` after the previous one ended.
    error BridgeManagement_PauseCoolingDown(uint256 availableAt);

    /// @notice The bridge is not paused.
    error BridgeManagement_NotPaused();

    /// @notice The caller is neither the council nor governance.
    error BridgeManagement_NotCouncilOrGovernance(address caller);

    // ─────────────────────────────────────────────────────────────── events

    /// @notice A deposit joined the queue. Carries everything the L2 needs to credit it; the L1
    ///         block number comes from the log itself.
    /// @param index Position in the queue (0-based).
    /// @param from The L1 account that paid.
    /// @param to The L2 recipient.
    /// @param kind What was deposited.
    /// @param token The token contract (zero for ETH).
    /// @param amountOrId Wei or token amount credited; the token id for ERC721.
    /// @param acc The queue accumulator after this deposit.
    event DepositQueued(
        uint256 indexed index,
        address indexed from,
        address indexed to,
        Types.AssetKind kind,
        address token,
        uint256 amountOrId,
        bytes32 acc
    );

    /// @notice The end state of a deposit block was recorded (at the first deposit of the next one).
    event DepositCheckpointed(uint256 indexed seq, uint64 fromBlock, uint64 untilBlock, uint64 count, bytes32 acc);

    /// @notice A withdrawal was paid.
    event WithdrawalFinalized(
        uint256 indexed id,
        bytes32 indexed rollupHash,
        address indexed recipient,
        Types.AssetKind kind,
        address token,
        uint256 amountOrId,
        address relayer
    );

    /// @notice The council froze the ledger on a rollup: exit mode. Deposits from `depositCount` on
    ///         are refundable; `depositAcc` is the queue accumulator at that count.
    event Frozen(bytes32 indexed rollupHash, uint64 number, bytes32 stateRoot, uint64 depositCount, bytes32 depositAcc);

    /// @notice An account exited with a balance proof.
    event BalanceExited(address indexed account, Types.AssetKind kind, address indexed token, uint256 amountOrId);

    /// @notice A deposit the frozen ledger never consumed went back to its depositor.
    event DepositRefunded(
        uint256 indexed index,
        address indexed from,
        Types.AssetKind kind,
        address token,
        uint256 amountOrId
    );

    /// @notice In exit mode, the queue's accumulator was proven at `startCount` and at every
    ///         multiple of `REFUND_POINT_INTERVAL` after it, up to (excluding) `endCount`.
    /// @param startCount The first point recorded: the chunk's start.
    /// @param endCount The known point the chunk chained to.
    /// @param recorded How many new points were stored.
    event RefundPointsRecorded(uint64 startCount, uint64 endCount, uint256 recorded);

    /// @notice Deposits and withdrawals are paused until `until`.
    event Paused(uint40 until, address indexed by);

    /// @notice A pause ended early.
    event Unpaused(address indexed by);

    // ─────────────────────────────────────────────────────────────── initializer

    /// @notice Sets the roles and fills the deposit checkpoint ring (about 5.7M gas, so that no
    ///         depositor ever pays for creating a checkpoint slot); called once, by the proxy's
    ///         constructor.
    /// @param _governance Upgrades and ends pauses (the Timelock).
    /// @param _council Emergency powers (pause, freeze).
    function initialize(address _governance, address _council) external;

    // ─────────────────────────────────────────────────────────────── deposits

    /// @notice Deposits the ETH sent to `_to` on L2. Plain ETH sent to the bridge (`receive`) is
    ///         deposited to the sender's own L2 account.
    function depositETH(address _to) external payable;

    /// @notice Deposits `_amount` of `_token` (approved beforehand) to `_to` on L2. Fee-on-transfer
    ///         tokens are credited with what the bridge actually received.
    function depositERC20(address _token, uint256 _amount, address _to) external;

    /// @notice Deposits the ERC721 `_token` #`_tokenId` (approved beforehand) to `_to` on L2.
    function depositERC721(address _token, uint256 _tokenId, address _to) external;

    // ─────────────────────────────────────────────────────────────── withdrawals

    /// @notice Pays an L2 withdrawal once the rollup committing to it (in `withdrawalRoot`) is
    ///         final. Anyone may relay it; the asset goes to `_withdrawal.recipient`, once.
    function finalizeWithdrawal(
        Types.RollupHeader calldata _header,
        Types.Withdrawal calldata _withdrawal,
        bytes32[] calldata _proof
    ) external;

    // ─────────────────────────────────────────────────────────────── emergency

    /// @notice Pauses deposits and withdrawals for `_duration` seconds (at most `MAX_PAUSE`). The
    ///         pause ends by itself; a new one needs `PAUSE_COOLDOWN` after the last one ended.
    /// @dev Only the security council.
    function pause(uint256 _duration) external;

    /// @notice Ends a pause early.
    /// @dev The security council or governance.
    function unpause() external;

    /// @notice Enters exit mode on the canonical rollup of `_header`: deposits and rollups stop for
    ///         good; accounts exit with balance proofs against its `stateRoot`, deposits it did not
    ///         consume are refunded, and withdrawals from rollups up to it stay claimable.
    /// @dev Only the security council. The rollup's number must be at least that of every rollup
    ///      a withdrawal was already paid from.
    function freeze(Types.RollupHeader calldata _header) external;

    /// @notice In exit mode, pays `_leaf.account` its balance (or ERC721) in the frozen ledger.
    ///         Anyone may call it for the account; each (account, asset) exits once.
    function exitWithBalanceProof(Types.BalanceLeaf calldata _leaf, bytes32[] calldata _proof) external;

    /// @notice In exit mode, returns a deposit the frozen rollup did not consume to its depositor.
    /// @param _proof The deposits between two known points of the queue that include `_index`.
    function refundDeposit(uint256 _index, DepositRangeProof calldata _proof) external;

    /// @notice In exit mode, proves the queue's accumulator at `_startCount` and at every multiple
    ///         of `REFUND_POINT_INTERVAL` up to `_end`, so that a refund never has to carry more
    ///         than `REFUND_POINT_INTERVAL` deposits, whatever the gap between the frozen rollup
    ///         and the ring's checkpoints. Anyone may call it, in chunks that fit a transaction,
    ///         walking back from the queue's latest state (docs/bridge.md).
    /// @param _startCount Where the chunk starts: at or after the frozen rollup's deposit count.
    /// @param _startAcc The accumulator claimed at `_startCount`.
    /// @param _deposits Every deposit from `_startCount` to `_end.count`, in order.
    /// @param _end A known point (a checkpoint, a recorded point or the latest state) the chunk
    ///        chains to: this is what proves every accumulator in between.
    function recordRefundPoints(
        uint64 _startCount,
        bytes32 _startAcc,
        Types.QueuedDeposit[] calldata _deposits,
        QueuePoint calldata _end
    ) external;

    // ─────────────────────────────────────────────────────────────── rollup checks

    /// @notice Reverts unless `_depositCount` and `_depositAcc` are exactly the queue's state at the
    ///         end of L1 block `_l1BlockNumber` (which must be in the past).
    /// @param _checkpoint Needed only when deposits arrived after `_l1BlockNumber`.
    function checkDepositsConsumed(
        uint64 _l1BlockNumber,
        uint64 _depositCount,
        bytes32 _depositAcc,
        Types.DepositCheckpoint calldata _checkpoint
    ) external view;

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The longest pause the council can impose at once (seconds).
    function MAX_PAUSE() external view returns (uint256);

    /// @notice How long after a pause ends before the council can pause again (seconds).
    function PAUSE_COOLDOWN() external view returns (uint256);

    /// @notice `recordRefundPoints` stores the accumulator at every multiple of this count, so a
    ///         refund carries at most this many deposits (about 5 KB of calldata).
    function REFUND_POINT_INTERVAL() external view returns (uint64);

    /// @notice The RollupManagement proxy whose rollups consume the queue and commit withdrawals.
    function rollups() external view returns (address);

    /// @notice The queue: number of deposits, their accumulator, the L1 block of the latest deposit
    ///         and the number of checkpoints written.
    function depositQueue()
        external
        view
        returns (uint64 count_, bytes32 acc_, uint64 lastBlock_, uint64 checkpointCount_);

    /// @notice The stored hash of checkpoint `_seq`:
    ///         keccak256(abi.encode(fromBlock, untilBlock, count, acc)), zero if it is not written
    ///         yet or was overwritten (only the latest 256 are kept).
    function depositCheckpoint(uint256 _seq) external view returns (bytes32);

    /// @notice In exit mode, the deposit accumulator of the frozen rollup (zero before a freeze):
    ///         with `frozenLedger().depositCount`, the point refund ranges may start from.
    function frozenDepositAcc() external view returns (bytes32);

    /// @notice The accumulator recorded at queue position `_count` by `recordRefundPoints` (zero
    ///         when none was).
    function refundPoint(uint64 _count) external view returns (bytes32);

    /// @notice Whether withdrawal `_id` was paid.
    function isWithdrawalFinalized(uint256 _id) external view returns (bool);

    /// @notice Whether deposit `_index` was refunded in exit mode.
    function isDepositRefunded(uint256 _index) external view returns (bool);

    /// @notice Whether the exit key (see `exitKey`) was used.
    function isExited(bytes32 _key) external view returns (bool);

    /// @notice Whether the bridge holds ERC721 `_token` #`_tokenId` for an L2 owner.
    function isErc721Held(address _token, uint256 _tokenId) external view returns (bool);

    /// @notice The key that makes a balance exit happen once: per (account, asset) for fungible
    ///         assets, per token for ERC721.
    function exitKey(Types.BalanceLeaf calldata _leaf) external pure returns (bytes32);

    /// @notice Until when deposits and withdrawals are paused (a past time: not paused).
    function pausedUntil() external view returns (uint40);

    /// @notice The frozen ledger (all zero before exit mode).
    function frozenLedger() external view returns (FrozenLedger memory);

    /// @notice The Merkle leaf of a withdrawal (`Hashing.hashWithdrawalLeaf`; OpenZeppelin
    ///         StandardMerkleTree encoding: keccak256(keccak256(abi.encode(id, recipient, kind, token,
    ///         amountOrId)))).
    function withdrawalLeaf(Types.Withdrawal calldata _withdrawal) external pure returns (bytes32);

    /// @notice The Merkle leaf of a balance (`Hashing.hashBalanceLeaf`:
    ///         keccak256(keccak256(abi.encode(account, kind, token, amountOrId)))).
    function balanceLeaf(Types.BalanceLeaf calldata _leaf) external pure returns (bytes32);

    /// @notice The accumulator step (`Hashing.hashDeposit`): the accumulator after appending a
    ///         deposit to `_acc`.
    function depositAccumulatorStep(
        bytes32 _acc,
        uint64 _index,
        Types.AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) external pure returns (bytes32);
}

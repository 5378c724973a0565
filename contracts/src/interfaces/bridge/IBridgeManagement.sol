// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IBridgeManagement
/// @notice The vault of every asset bridged to Obscuro. Deposits join a queue committed to by a
///         hash-chain accumulator; each rollup proves, against this contract, exactly which
///         deposits it consumed.
/// @dev Queue semantics (docs/bridge.md): a rollup built on L1 block N consumes every deposit made
///      in L1 blocks up to and including N, no more and no fewer. The queue therefore keeps one
///      checkpoint per L1 block that received deposits: the accumulator at the end of that block,
///      valid for rollups built on that block up to (excluding) the next block with deposits.
interface IBridgeManagement {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice What a deposit moves.
    enum AssetKind {
        Eth,
        Erc20,
        Erc721
    }

    /// @notice Locates the checkpoint a rollup's deposit commitment is checked against, when
    ///         deposits arrived after the rollup's L1 block. All zero otherwise.
    struct DepositCheckpoint {
        /// Checkpoint sequence number.
        uint64 seq;
        /// The L1 block whose end state the checkpoint records (0 for the empty queue).
        uint64 fromBlock;
        /// The next L1 block that received deposits.
        uint64 untilBlock;
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

    /// @notice The caller is not the RollupManagement module.
    error BridgeManagement_NotRollupManagement(address caller);

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
        AssetKind kind,
        address token,
        uint256 amountOrId,
        bytes32 acc
    );

    /// @notice The end state of a deposit block was recorded (at the first deposit of the next one).
    event DepositCheckpointed(uint256 indexed seq, uint64 fromBlock, uint64 untilBlock, uint64 count, bytes32 acc);

    // ─────────────────────────────────────────────────────────────── deposits

    /// @notice Deposits the ETH sent to `_to` on L2.
    function depositETH(address _to) external payable;

    /// @notice Deposits `_amount` of `_token` (approved beforehand) to `_to` on L2. Fee-on-transfer
    ///         tokens are credited with what the bridge actually received.
    function depositERC20(address _token, uint256 _amount, address _to) external;

    /// @notice Deposits the ERC721 `_token` #`_tokenId` (approved beforehand) to `_to` on L2.
    function depositERC721(address _token, uint256 _tokenId, address _to) external;

    // ─────────────────────────────────────────────────────────────── rollup checks

    /// @notice Reverts unless `_depositCount` and `_depositAcc` are exactly the queue's state at the
    ///         end of L1 block `_l1BlockNumber` (which must be in the past).
    /// @param _checkpoint Needed only when deposits arrived after `_l1BlockNumber`.
    function checkDepositsConsumed(
        uint64 _l1BlockNumber,
        uint64 _depositCount,
        bytes32 _depositAcc,
        DepositCheckpoint calldata _checkpoint
    ) external view;

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The queue: number of deposits, their accumulator, the L1 block of the latest deposit
    ///         and the number of checkpoints written.
    function depositQueue()
        external
        view
        returns (uint64 count_, bytes32 acc_, uint64 lastBlock_, uint64 checkpointCount_);

    /// @notice The stored hash of checkpoint `_seq`:
    ///         keccak256(abi.encode(fromBlock, untilBlock, count, acc)), zero if not written yet.
    function depositCheckpoint(uint256 _seq) external view returns (bytes32);

    /// @notice The accumulator step: the accumulator after appending a deposit to `_acc`.
    function depositAccumulatorStep(
        bytes32 _acc,
        uint64 _index,
        AssetKind _kind,
        address _from,
        address _to,
        address _token,
        uint256 _amountOrId
    ) external pure returns (bytes32);
}

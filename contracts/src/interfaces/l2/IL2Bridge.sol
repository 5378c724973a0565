// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IL2Bridge
/// @notice The L2 side of the Obscuro bridge, predeployed at a fixed address in the L2 genesis.
///         It credits the deposits of the L1 queue and burns what L2 accounts withdraw; the L2's
///         rollups commit to its withdrawals (`withdrawalRoot`) and to the balances it creates
///         (`stateRoot`), in the L1 bridge's leaf formats.
/// @dev Deposits arrive as system calls from `SYSTEM_ADDRESS`, an address no key controls, made
///      by the L2 executor at the start of each L2 block in queue order. ETH deposits are minted
///      by the executor straight into the recipient's balance (no code runs at the recipient);
///      the bridge only reports them. ERC20 and ERC721 deposits mint the wrapped token, which the
///      bridge deploys on first use with CREATE2 (salt: the L1 token address), so its address is
///      known off-chain (`wrappedToken`). Crediting never reverts: a mint that cannot happen (an
///      abnormal L1 token whose deposits overflow the supply, or credit a token id twice) is
///      reported by `DepositNotCredited` instead.
interface IL2Bridge {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice What a deposit or withdrawal moves; the same numbering as the L1 bridge's.
    enum AssetKind {
        Eth,
        Erc20,
        Erc721
    }

    // ─────────────────────────────────────────────────────────────── errors

    /// @notice Only the system address may credit deposits.
    error L2Bridge_NotSystem(address caller);

    /// @notice A withdrawal of nothing.
    error L2Bridge_ZeroAmount();

    /// @notice A withdrawal to the zero address on L1.
    error L2Bridge_ZeroRecipient();

    /// @notice No deposit of this L1 token ever reached the L2: there is no wrapped token to burn.
    error L2Bridge_UnknownToken(AssetKind kind, address l1Token);

    /// @notice The token kind cannot be wrapped (ETH is native on L2).
    error L2Bridge_NotAToken(AssetKind kind);

    /// @notice Plain ETH sent to the bridge is refused: use `withdrawEth`.
    error L2Bridge_UseWithdrawEth();

    // ─────────────────────────────────────────────────────────────── events

    /// @notice Deposit `index` of the L1 queue was credited on L2.
    /// @param index Position in the L1 deposit queue.
    /// @param from The L1 account that paid.
    /// @param to The L2 recipient.
    /// @param kind What was deposited.
    /// @param l1Token The L1 token (zero for ETH).
    /// @param amountOrId Wei or token amount, or the ERC721 token id.
    event DepositFinalized(
        uint256 indexed index,
        address indexed from,
        address indexed to,
        AssetKind kind,
        address l1Token,
        uint256 amountOrId
    );

    /// @notice Deposit `index` could not be minted (an abnormal L1 token): nothing was credited.
    event DepositNotCredited(
        uint256 indexed index,
        address indexed from,
        address indexed to,
        AssetKind kind,
        address l1Token,
        uint256 amountOrId
    );

    /// @notice An L2 account burned an asset to withdraw it on L1. The L1 withdrawal leaf is
    ///         `(id, recipient, kind, l1Token, amountOrId)`.
    /// @param id The withdrawal's sequence number, unique along the chain.
    /// @param sender The L2 account that burned.
    /// @param recipient Who receives the asset on L1.
    event WithdrawalInitiated(
        uint256 indexed id,
        address indexed sender,
        address indexed recipient,
        AssetKind kind,
        address l1Token,
        uint256 amountOrId
    );

    /// @notice The wrapped token of an L1 token was deployed (at its first deposit).
    event WrappedTokenDeployed(address indexed l1Token, AssetKind kind, address wrapped);

    // ─────────────────────────────────────────────────────────────── deposits

    /// @notice Credits deposit `_index` of the L1 queue. ETH was already minted to `_to` by the
    ///         executor; ERC20 and ERC721 are minted here, deploying the wrapped token if needed.
    /// @dev Only `SYSTEM_ADDRESS`. Never reverts for a call from it.
    function finalizeDeposit(
        uint256 _index,
        address _from,
        address _to,
        AssetKind _kind,
        address _l1Token,
        uint256 _amountOrId
    ) external;

    // ─────────────────────────────────────────────────────────────── withdrawals

    /// @notice Withdraws the ETH sent with the call to `_l1Recipient` on L1. The ETH stays in the
    ///         bridge, outside every balance: it is burned.
    /// @return id_ The withdrawal id.
    function withdrawEth(address _l1Recipient) external payable returns (uint256 id_);

    /// @notice Burns `_amount` of the caller's wrapped `_l1Token` and withdraws it to `_l1Recipient`.
    /// @return id_ The withdrawal id.
    function withdrawErc20(address _l1Token, uint256 _amount, address _l1Recipient) external returns (uint256 id_);

    /// @notice Burns the caller's wrapped ERC721 `_l1Token` #`_tokenId` and withdraws it to `_l1Recipient`.
    /// @return id_ The withdrawal id.
    function withdrawErc721(address _l1Token, uint256 _tokenId, address _l1Recipient) external returns (uint256 id_);

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The address no key controls that credits deposits.
    // solhint-disable-next-line func-name-mixedcase
    function SYSTEM_ADDRESS() external view returns (address);

    /// @notice Where the wrapped token of `_l1Token` lives (or will, once deposited).
    function wrappedToken(AssetKind _kind, address _l1Token) external view returns (address);

    /// @notice The id the next withdrawal gets.
    function nextWithdrawalId() external view returns (uint256);

    /// @notice How many deposits of the L1 queue were processed (credited or not).
    function depositCount() external view returns (uint256);

    /// @notice The version of this contract.
    function version() external pure returns (string memory);
}

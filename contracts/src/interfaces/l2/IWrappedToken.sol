// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IWrappedToken
/// @notice An L1 token's representation on L2 (`WrappedERC20`, `WrappedERC721`): minted by the L2
///         bridge for deposits, burned by it for withdrawals. One per L1 token, at the CREATE2
///         address `IL2Bridge.wrappedToken` computes.
interface IWrappedToken {
    /// @notice Only the L2 bridge mints and burns.
    error WrappedToken_NotBridge(address caller);

    /// @notice Mints `_amountOrId` (an amount, or an ERC721 token id) to `_to`, with no receiver hook.
    /// @dev Only the bridge.
    function mint(address _to, uint256 _amountOrId) external;

    /// @notice Burns `_amountOrId` of `_from` (an amount, or an ERC721 token id `_from` owns).
    /// @dev Only the bridge, for a withdrawal `_from` asked for.
    function burn(address _from, uint256 _amountOrId) external;

    /// @notice The L2 bridge that deployed this token.
    // solhint-disable-next-line func-name-mixedcase
    function BRIDGE() external view returns (address);

    /// @notice The L1 token this token represents.
    // solhint-disable-next-line func-name-mixedcase
    function L1_TOKEN() external view returns (address);

    /// @notice The version of this contract.
    function version() external pure returns (string memory);
}

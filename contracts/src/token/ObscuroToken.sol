// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { ERC20Permit } from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import { ERC20Votes } from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import { Nonces } from "@openzeppelin/contracts/utils/Nonces.sol";
import { Time } from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title ObscuroToken
/// @notice The Obscuro token: aggregators stake it and token holders vote with it.
/// @dev The whole supply is minted once, at deploy, to the treasury; nobody can mint or burn
///      afterwards and the contract has no owner. Votes are checkpointed by timestamp
///      (ERC-6372 `mode=timestamp`) so that governance periods are measured in seconds.
contract ObscuroToken is ERC20, ERC20Permit, ERC20Votes {
    // ─────────────────────────────────────────────────────────────── errors

    /// @notice The treasury given at deploy was the zero address.
    error ObscuroToken_ZeroTreasury();

    /// @notice The supply given at deploy was zero or above what votes can checkpoint.
    error ObscuroToken_InvalidSupply(uint256 supply);

    // ─────────────────────────────────────────────────────────────── events

    /// @notice Emitted once, at deploy, when the whole supply is minted to the treasury.
    event SupplyMinted(address indexed treasury, uint256 supply);

    // ─────────────────────────────────────────────────────────────── constants

    /// @notice The token's name, also its EIP-712 domain name.
    string public constant NAME = "Obscuro";

    /// @notice The token's ticker.
    string public constant SYMBOL = "OBX";

    // ─────────────────────────────────────────────────────────────── constructor

    /// @param _treasury Receives the whole supply.
    /// @param _supply The fixed total supply, in wei (18 decimals).
    constructor(address _treasury, uint256 _supply) ERC20(NAME, SYMBOL) ERC20Permit(NAME) {
        if (_treasury == address(0)) revert ObscuroToken_ZeroTreasury();
        if (_supply == 0 || _supply > _maxSupply()) revert ObscuroToken_InvalidSupply(_supply);
        _mint(_treasury, _supply);
        emit SupplyMinted(_treasury, _supply);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The version of this contract.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @notice The current timepoint of the vote checkpoints: the block timestamp (ERC-6372).
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice How `clock` is measured (ERC-6372).
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address _owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(_owner);
    }

    // ─────────────────────────────────────────────────────────────── internal

    function _update(address _from, address _to, uint256 _value) internal override(ERC20, ERC20Votes) {
        super._update(_from, _to, _value);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { ObscuroToken } from "../../../src/token/ObscuroToken.sol";

/// @notice Drives the token through random transfers, approvals, transferFroms and delegations
///         among a fixed set of actors, and remembers who they delegated to.
contract ObscuroTokenHandler is CommonBase, StdUtils {
    ObscuroToken public immutable TOKEN;
    address[] internal actors;
    mapping(address => address) public delegateOf;

    constructor(ObscuroToken _token, address[] memory _actors) {
        TOKEN = _token;
        actors = _actors;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function actorAt(uint256 _i) external view returns (address) {
        return actors[_i];
    }

    function transfer(uint256 _from, uint256 _to, uint256 _amount) external {
        address from = _actor(_from);
        _amount = bound(_amount, 0, TOKEN.balanceOf(from));
        vm.prank(from);
        TOKEN.transfer(_actor(_to), _amount);
    }

    function approveAndTransferFrom(uint256 _owner, uint256 _spender, uint256 _amount) external {
        address owner = _actor(_owner);
        address spender = _actor(_spender);
        _amount = bound(_amount, 0, TOKEN.balanceOf(owner));
        vm.prank(owner);
        TOKEN.approve(spender, _amount);
        vm.prank(spender);
        TOKEN.transferFrom(owner, spender, _amount);
    }

    function delegate(uint256 _from, uint256 _to) external {
        address from = _actor(_from);
        address to = _actor(_to);
        vm.prank(from);
        TOKEN.delegate(to);
        delegateOf[from] = to;
    }

    function _actor(uint256 _seed) internal view returns (address) {
        return actors[_seed % actors.length];
    }
}

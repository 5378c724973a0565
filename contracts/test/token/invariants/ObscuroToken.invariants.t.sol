// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { ObscuroToken } from "../../../src/token/ObscuroToken.sol";
import { ObscuroTokenHandler } from "../handlers/ObscuroTokenHandler.sol";

/// @title ObscuroToken invariants
/// @notice Properties that hold after any sequence of transfers, approvals and delegations:
///         1. the total supply never changes (no mint or burn after deploy);
///         2. the actors' balances always add up to the total supply;
///         3. every actor's votes equal the balances of the actors delegating to it, and
///            the votes of all delegates add up to at most the total supply.
contract ObscuroTokenInvariants is Test {
    uint256 internal constant SUPPLY = 1_000_000 ether;

    ObscuroToken internal token;
    ObscuroTokenHandler internal handler;

    function setUp() public {
        address[] memory actors = new address[](4);
        for (uint256 i; i < actors.length; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
        }
        token = new ObscuroToken(actors[0], SUPPLY);
        handler = new ObscuroTokenHandler(token, actors);
        targetContract(address(handler));
    }

    function invariant_totalSupplyIsConstant() public view {
        assertEq(token.totalSupply(), SUPPLY);
    }

    function invariant_balancesSumToSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.balanceOf(handler.actorAt(i));
        }
        assertEq(sum, SUPPLY);
    }

    function invariant_votesMatchDelegatedBalances() public view {
        uint256 n = handler.actorCount();
        uint256 totalVotes;
        for (uint256 i; i < n; ++i) {
            address delegatee = handler.actorAt(i);
            uint256 expected;
            for (uint256 j; j < n; ++j) {
                address holder = handler.actorAt(j);
                if (handler.delegateOf(holder) == delegatee) expected += token.balanceOf(holder);
            }
            assertEq(token.getVotes(delegatee), expected);
            totalVotes += expected;
        }
        assertLe(totalVotes, token.totalSupply());
    }
}

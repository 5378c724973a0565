// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { IERC20Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import { ERC20Permit } from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import { ObscuroToken } from "../../src/token/ObscuroToken.sol";

contract ObscuroTokenTest is Test {
    uint256 internal constant SUPPLY = 1_000_000_000 ether;
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    ObscuroToken internal token;
    address internal treasury = makeAddr("treasury");

    function setUp() public {
        token = new ObscuroToken(treasury, SUPPLY);
    }

    // ───────────────────────────────────────── deploy

    function test_constructor_mintsWholeSupplyToTreasury_succeeds() public view {
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(treasury), SUPPLY);
        assertEq(token.name(), "Obscuro");
        assertEq(token.symbol(), "OBX");
        assertEq(token.decimals(), 18);
        assertEq(token.version(), "1.0.0");
    }

    function test_constructor_emitsSupplyMinted_succeeds() public {
        vm.expectEmit(true, false, false, true);
        emit ObscuroToken.SupplyMinted(treasury, SUPPLY);
        ObscuroToken fresh = new ObscuroToken(treasury, SUPPLY);
        assertEq(fresh.totalSupply(), SUPPLY);
    }

    function test_constructor_zeroTreasury_reverts() public {
        vm.expectRevert(ObscuroToken.ObscuroToken_ZeroTreasury.selector);
        new ObscuroToken(address(0), SUPPLY);
    }

    function test_constructor_zeroSupply_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ObscuroToken.ObscuroToken_InvalidSupply.selector, 0));
        new ObscuroToken(treasury, 0);
    }

    function test_constructor_supplyAboveVotesLimit_reverts() public {
        uint256 tooMuch = uint256(type(uint208).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ObscuroToken.ObscuroToken_InvalidSupply.selector, tooMuch));
        new ObscuroToken(treasury, tooMuch);
    }

    // ───────────────────────────────────────── clock

    function test_clock_isTimestamp_succeeds() public {
        vm.warp(1_800_000_000);
        assertEq(token.clock(), 1_800_000_000);
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
    }

    // ───────────────────────────────────────── transfers

    function testFuzz_transfer_movesBalance_succeeds(address _to, uint256 _amount) public {
        vm.assume(_to != address(0) && _to != treasury);
        _amount = bound(_amount, 0, SUPPLY);
        vm.prank(treasury);
        assertTrue(token.transfer(_to, _amount));
        assertEq(token.balanceOf(_to), _amount);
        assertEq(token.balanceOf(treasury), SUPPLY - _amount);
        assertEq(token.totalSupply(), SUPPLY);
    }

    function testFuzz_transfer_moreThanBalance_reverts(uint256 _amount) public {
        _amount = bound(_amount, SUPPLY + 1, type(uint256).max);
        vm.prank(treasury);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, treasury, SUPPLY, _amount)
        );
        token.transfer(address(1), _amount);
    }

    function test_transfer_toZeroAddress_reverts() public {
        vm.prank(treasury);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.transfer(address(0), 1);
    }

    function testFuzz_transferFrom_spendsAllowance_succeeds(uint256 _allowance, uint256 _amount) public {
        address spender = makeAddr("spender");
        _allowance = bound(_allowance, 0, SUPPLY);
        _amount = bound(_amount, 0, _allowance);
        vm.prank(treasury);
        token.approve(spender, _allowance);
        vm.prank(spender);
        token.transferFrom(treasury, spender, _amount);
        assertEq(token.allowance(treasury, spender), _allowance - _amount);
        assertEq(token.balanceOf(spender), _amount);
    }

    function test_transferFrom_infiniteAllowanceIsNotSpent_succeeds() public {
        address spender = makeAddr("spender");
        vm.prank(treasury);
        token.approve(spender, type(uint256).max);
        vm.prank(spender);
        token.transferFrom(treasury, spender, 1 ether);
        assertEq(token.allowance(treasury, spender), type(uint256).max);
    }

    // ───────────────────────────────────────── permit

    function testFuzz_permit_validSignature_succeeds(uint248 _pk, uint256 _value, uint256 _deadline) public {
        uint256 pk = bound(uint256(_pk), 1, 2 ** 200);
        address owner = vm.addr(pk);
        address spender = makeAddr("spender");
        _deadline = bound(_deadline, block.timestamp, type(uint256).max);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pk, owner, spender, _value, 0, _deadline);

        token.permit(owner, spender, _value, _deadline, v, r, s);

        assertEq(token.allowance(owner, spender), _value);
        assertEq(token.nonces(owner), 1);
    }

    function test_permit_replayedSignature_reverts() public {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        address spender = makeAddr("spender");
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pk, owner, spender, 1 ether, 0, block.timestamp);
        token.permit(owner, spender, 1 ether, block.timestamp, v, r, s);

        vm.expectPartialRevert(ERC20Permit.ERC2612InvalidSigner.selector);
        token.permit(owner, spender, 1 ether, block.timestamp, v, r, s);
    }

    function test_permit_expiredDeadline_reverts() public {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pk, owner, address(this), 1, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, address(this), 1, deadline, v, r, s);
    }

    // ───────────────────────────────────────── votes

    function test_delegate_selfDelegationActivatesVotes_succeeds() public {
        assertEq(token.getVotes(treasury), 0);
        vm.prank(treasury);
        token.delegate(treasury);
        assertEq(token.getVotes(treasury), SUPPLY);
    }

    function testFuzz_delegate_votesFollowTransfers_succeeds(uint256 _amount) public {
        _amount = bound(_amount, 0, SUPPLY);
        address alice = makeAddr("alice");
        address bob = makeAddr("bob");
        vm.prank(treasury);
        token.delegate(alice);
        vm.prank(bob);
        token.delegate(bob);

        vm.prank(treasury);
        token.transfer(bob, _amount);

        assertEq(token.getVotes(alice), SUPPLY - _amount);
        assertEq(token.getVotes(bob), _amount);
    }

    function test_getPastVotes_readsCheckpointAtTimestamp_succeeds() public {
        vm.warp(1_000);
        vm.prank(treasury);
        token.delegate(treasury);
        vm.warp(2_000);
        vm.prank(treasury);
        token.transfer(address(0xB0B), 100 ether);
        vm.warp(3_000);

        assertEq(token.getPastVotes(treasury, 1_500), SUPPLY);
        assertEq(token.getPastVotes(treasury, 2_500), SUPPLY - 100 ether);
        assertEq(token.getPastTotalSupply(2_500), SUPPLY);
    }

    // ───────────────────────────────────────── helpers

    function _signPermit(
        uint256 _pk,
        address _owner,
        address _spender,
        uint256 _value,
        uint256 _nonce,
        uint256 _deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, _owner, _spender, _value, _nonce, _deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(_pk, digest);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { IERC20Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import { IL2Bridge } from "../../src/interfaces/l2/IL2Bridge.sol";
import { IWrappedToken } from "../../src/interfaces/l2/IWrappedToken.sol";
import { L2Bridge } from "../../src/l2/L2Bridge.sol";
import { WrappedERC20 } from "../../src/l2/WrappedERC20.sol";
import { WrappedERC721 } from "../../src/l2/WrappedERC721.sol";

/// @notice The L2 bridge as the genesis places it: runtime code at the predeploy address, no
///         constructor, zero storage. Deposits come from the system address.
contract L2BridgeTest is Test {
    address internal constant PREDEPLOY = 0x4F00000000000000000000000000000000000001;
    address internal constant SYSTEM = 0xffffFFFfFFffffffffffffffFfFFFfffFFFfFFfE;

    L2Bridge internal bridge;
    address internal l1Token = makeAddr("l1Token");
    address internal l1Nft = makeAddr("l1Nft");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public {
        vm.etch(PREDEPLOY, address(new L2Bridge()).code);
        bridge = L2Bridge(payable(PREDEPLOY));
    }

    // ─────────────────────────────────────────────────────────────── helpers

    function _deposit(uint256 _index, address _to, IL2Bridge.AssetKind _kind, address _token, uint256 _v) internal {
        vm.prank(SYSTEM);
        bridge.finalizeDeposit(_index, bob, _to, _kind, _token, _v);
    }

    function _erc20() internal view returns (WrappedERC20) {
        return WrappedERC20(bridge.wrappedToken(IL2Bridge.AssetKind.Erc20, l1Token));
    }

    function _erc721() internal view returns (WrappedERC721) {
        return WrappedERC721(bridge.wrappedToken(IL2Bridge.AssetKind.Erc721, l1Nft));
    }

    // ─────────────────────────────────────────────────────────────── deposits

    function test_finalizeDeposit_eth_succeeds() public {
        vm.expectEmit(address(bridge));
        emit IL2Bridge.DepositFinalized(0, bob, alice, IL2Bridge.AssetKind.Eth, address(0), 1 ether);
        _deposit(0, alice, IL2Bridge.AssetKind.Eth, address(0), 1 ether);
        assertEq(bridge.depositCount(), 1);
        // The executor mints ETH in state; the bridge only reports it.
        assertEq(alice.balance, 0);
    }

    function test_finalizeDeposit_erc20DeploysAndMints_succeeds() public {
        address wrapped = bridge.wrappedToken(IL2Bridge.AssetKind.Erc20, l1Token);
        assertEq(wrapped.code.length, 0);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.WrappedTokenDeployed(l1Token, IL2Bridge.AssetKind.Erc20, wrapped);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.DepositFinalized(0, bob, alice, IL2Bridge.AssetKind.Erc20, l1Token, 500);
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, 500);
        _deposit(1, alice, IL2Bridge.AssetKind.Erc20, l1Token, 250);

        assertEq(_erc20().balanceOf(alice), 750);
        assertEq(_erc20().totalSupply(), 750);
        assertEq(_erc20().L1_TOKEN(), l1Token);
        assertEq(_erc20().BRIDGE(), address(bridge));
        assertEq(bridge.depositCount(), 2);
    }

    function test_finalizeDeposit_erc721DeploysAndMints_succeeds() public {
        // A contract recipient gets the token without any receiver hook.
        address recipient = address(new NoReceiver());
        _deposit(0, recipient, IL2Bridge.AssetKind.Erc721, l1Nft, 42);
        assertEq(_erc721().ownerOf(42), recipient);
        assertEq(_erc721().L1_TOKEN(), l1Nft);
    }

    function test_finalizeDeposit_notSystem_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IL2Bridge.L2Bridge_NotSystem.selector, alice));
        vm.prank(alice);
        bridge.finalizeDeposit(0, alice, alice, IL2Bridge.AssetKind.Erc20, l1Token, 1);
    }

    function test_finalizeDeposit_erc721Twice_notCredited() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc721, l1Nft, 7);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.DepositNotCredited(1, bob, bob, IL2Bridge.AssetKind.Erc721, l1Nft, 7);
        _deposit(1, bob, IL2Bridge.AssetKind.Erc721, l1Nft, 7);
        assertEq(_erc721().ownerOf(7), alice);
        assertEq(bridge.depositCount(), 2);
    }

    function test_finalizeDeposit_erc20SupplyOverflow_notCredited() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, type(uint256).max);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.DepositNotCredited(1, bob, bob, IL2Bridge.AssetKind.Erc20, l1Token, 1);
        _deposit(1, bob, IL2Bridge.AssetKind.Erc20, l1Token, 1);
        assertEq(_erc20().balanceOf(bob), 0);
    }

    function testFuzz_wrappedToken_isWhereTheBridgeDeploys(address _l1Token, bool _nft) public {
        IL2Bridge.AssetKind kind = _nft ? IL2Bridge.AssetKind.Erc721 : IL2Bridge.AssetKind.Erc20;
        address predicted = bridge.wrappedToken(kind, _l1Token);
        _deposit(0, alice, kind, _l1Token, 1);
        assertGt(predicted.code.length, 0);
        assertEq(IWrappedToken(predicted).L1_TOKEN(), _l1Token);
        assertTrue(
            predicted != bridge.wrappedToken(_nft ? IL2Bridge.AssetKind.Erc20 : IL2Bridge.AssetKind.Erc721, _l1Token)
        );
    }

    // ─────────────────────────────────────────────────────────────── withdrawals

    function test_withdrawEth_burnsAndNumbers_succeeds() public {
        vm.deal(alice, 5 ether);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.WithdrawalInitiated(0, alice, bob, IL2Bridge.AssetKind.Eth, address(0), 2 ether);
        vm.prank(alice);
        assertEq(bridge.withdrawEth{ value: 2 ether }(bob), 0);
        vm.prank(alice);
        assertEq(bridge.withdrawEth{ value: 1 ether }(bob), 1);
        assertEq(address(bridge).balance, 3 ether);
        assertEq(bridge.nextWithdrawalId(), 2);
    }

    function test_withdrawEth_zero_reverts() public {
        vm.expectRevert(IL2Bridge.L2Bridge_ZeroAmount.selector);
        vm.prank(alice);
        bridge.withdrawEth(bob);
    }

    function test_withdrawEth_zeroRecipient_reverts() public {
        vm.deal(alice, 1 ether);
        vm.expectRevert(IL2Bridge.L2Bridge_ZeroRecipient.selector);
        vm.prank(alice);
        bridge.withdrawEth{ value: 1 ether }(address(0));
    }

    function test_receive_reverts() public {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok, bytes memory data) = address(bridge).call{ value: 1 ether }("");
        assertFalse(ok);
        assertEq(bytes4(data), IL2Bridge.L2Bridge_UseWithdrawEth.selector);
    }

    function test_withdrawErc20_burns_succeeds() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, 1000);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.WithdrawalInitiated(0, alice, bob, IL2Bridge.AssetKind.Erc20, l1Token, 400);
        vm.prank(alice);
        bridge.withdrawErc20(l1Token, 400, bob);
        assertEq(_erc20().balanceOf(alice), 600);
        assertEq(_erc20().totalSupply(), 600);
    }

    function test_withdrawErc20_moreThanBalance_reverts() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, 10);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10, 11));
        vm.prank(alice);
        bridge.withdrawErc20(l1Token, 11, bob);
    }

    function test_withdrawErc20_zero_reverts() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, 10);
        vm.expectRevert(IL2Bridge.L2Bridge_ZeroAmount.selector);
        vm.prank(alice);
        bridge.withdrawErc20(l1Token, 0, bob);
    }

    function test_withdrawErc20_unknownToken_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IL2Bridge.L2Bridge_UnknownToken.selector, IL2Bridge.AssetKind.Erc20, l1Token)
        );
        vm.prank(alice);
        bridge.withdrawErc20(l1Token, 1, bob);
    }

    function test_withdrawErc721_burns_succeeds() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc721, l1Nft, 42);
        vm.expectEmit(address(bridge));
        emit IL2Bridge.WithdrawalInitiated(0, alice, bob, IL2Bridge.AssetKind.Erc721, l1Nft, 42);
        vm.prank(alice);
        bridge.withdrawErc721(l1Nft, 42, bob);
        assertEq(_erc721().balanceOf(alice), 0);
        // Burned: the id can be deposited again after the L1 withdrawal.
        _deposit(1, bob, IL2Bridge.AssetKind.Erc721, l1Nft, 42);
        assertEq(_erc721().ownerOf(42), bob);
    }

    function test_withdrawErc721_notOwner_reverts() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc721, l1Nft, 42);
        vm.expectRevert(abi.encodeWithSelector(WrappedERC721.WrappedERC721_NotOwner.selector, bob, 42));
        vm.prank(bob);
        bridge.withdrawErc721(l1Nft, 42, bob);
    }

    function testFuzz_withdrawals_idsAreSequential(uint8 _count) public {
        vm.deal(alice, uint256(_count) + 1);
        for (uint256 i; i < _count; ++i) {
            vm.prank(alice);
            assertEq(bridge.withdrawEth{ value: 1 }(bob), i);
        }
        assertEq(bridge.nextWithdrawalId(), _count);
    }

    // ─────────────────────────────────────────────────────────────── wrapped tokens

    function test_wrappedMintBurn_notBridge_reverts() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, 10);
        _deposit(1, alice, IL2Bridge.AssetKind.Erc721, l1Nft, 1);
        WrappedERC20 erc20 = _erc20();
        WrappedERC721 erc721 = _erc721();
        bytes memory notBridge = abi.encodeWithSelector(IWrappedToken.WrappedToken_NotBridge.selector, alice);
        vm.startPrank(alice);
        vm.expectRevert(notBridge);
        erc20.mint(alice, 1);
        vm.expectRevert(notBridge);
        erc20.burn(alice, 1);
        vm.expectRevert(notBridge);
        erc721.mint(alice, 2);
        vm.expectRevert(notBridge);
        erc721.burn(alice, 1);
        vm.stopPrank();
    }

    function test_version_succeeds() public {
        _deposit(0, alice, IL2Bridge.AssetKind.Erc20, l1Token, 10);
        _deposit(1, alice, IL2Bridge.AssetKind.Erc721, l1Nft, 1);
        assertEq(bridge.version(), "1.0.0");
        assertEq(_erc20().version(), "1.0.0");
        assertEq(_erc721().version(), "1.0.0");
        assertEq(bridge.SYSTEM_ADDRESS(), SYSTEM);
    }
}

/// @notice A contract with no `onERC721Received`: a safe mint to it would revert.
contract NoReceiver {}

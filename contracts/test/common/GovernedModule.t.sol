// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { Initializable } from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { MockGovernedModule, MockGovernedModuleV2 } from "./mocks/MockGovernedModule.sol";

contract GovernedModuleTest is Test {
    address internal governance = makeAddr("governance");
    address internal council = makeAddr("council");
    MockGovernedModule internal module;

    function setUp() public {
        MockGovernedModule implementation = new MockGovernedModule();
        bytes memory init = abi.encodeCall(MockGovernedModule.initialize, (governance, council));
        module = MockGovernedModule(address(new ERC1967Proxy(address(implementation), init)));
    }

    function test_initialize_setsRoles_succeeds() public view {
        assertEq(module.governance(), governance);
        assertEq(module.council(), council);
        assertEq(module.pendingGovernance(), address(0));
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        module.initialize(address(1), address(2));
    }

    function test_initialize_implementationDirectly_reverts() public {
        MockGovernedModule implementation = new MockGovernedModule();
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(governance, council);
    }

    function test_initialize_zeroAddress_reverts() public {
        address implementation = address(new MockGovernedModule());
        vm.expectRevert(IGovernedModule.GovernedModule_ZeroAddress.selector);
        new ERC1967Proxy(implementation, abi.encodeCall(MockGovernedModule.initialize, (address(0), council)));
        vm.expectRevert(IGovernedModule.GovernedModule_ZeroAddress.selector);
        new ERC1967Proxy(implementation, abi.encodeCall(MockGovernedModule.initialize, (governance, address(0))));
    }

    function test_transferGovernance_twoStep_succeeds() public {
        address next = makeAddr("next");
        vm.prank(governance);
        vm.expectEmit(address(module));
        emit IGovernedModule.GovernanceTransferStarted(governance, next);
        module.transferGovernance(next);
        assertEq(module.governance(), governance, "nothing changes before acceptance");

        vm.prank(next);
        vm.expectEmit(address(module));
        emit IGovernedModule.GovernanceTransferred(governance, next);
        module.acceptGovernance();
        assertEq(module.governance(), next);
        assertEq(module.pendingGovernance(), address(0));
    }

    function testFuzz_transferGovernance_notGovernance_reverts(address _caller) public {
        vm.assume(_caller != governance);
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, _caller));
        module.transferGovernance(_caller);
    }

    function testFuzz_acceptGovernance_notPending_reverts(address _caller) public {
        vm.prank(governance);
        module.transferGovernance(makeAddr("next"));
        vm.assume(_caller != makeAddr("next"));
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotPendingGovernance.selector, _caller));
        module.acceptGovernance();
    }

    function test_setCouncil_byGovernance_succeeds() public {
        address newCouncil = makeAddr("newCouncil");
        vm.prank(governance);
        vm.expectEmit(address(module));
        emit IGovernedModule.CouncilSet(council, newCouncil);
        module.setCouncil(newCouncil);
        assertEq(module.council(), newCouncil);

        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotCouncil.selector, council));
        module.setValue(1);
        vm.prank(newCouncil);
        module.setValue(1);
        assertEq(module.value(), 1);
    }

    function test_setCouncil_byCouncil_reverts() public {
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, council));
        module.setCouncil(council);
    }

    function test_upgradeToAndCall_byGovernance_keepsState_succeeds() public {
        vm.prank(council);
        module.setValue(42);
        MockGovernedModuleV2 v2 = new MockGovernedModuleV2();
        vm.prank(governance);
        module.upgradeToAndCall(address(v2), "");
        assertEq(module.version(), "2.0.0");
        assertEq(module.value(), 42);
        assertEq(module.governance(), governance);
        assertEq(module.council(), council);
    }

    function testFuzz_upgradeToAndCall_notGovernance_reverts(address _caller) public {
        vm.assume(_caller != governance);
        MockGovernedModuleV2 v2 = new MockGovernedModuleV2();
        vm.prank(_caller);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotGovernance.selector, _caller));
        module.upgradeToAndCall(address(v2), "");
        assertEq(module.version(), "1.0.0");
    }
}

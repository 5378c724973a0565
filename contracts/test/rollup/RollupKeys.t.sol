// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IGovernedModule } from "../../src/interfaces/common/IGovernedModule.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupTestBase } from "./RollupTestBase.sol";

/// @notice Epoch keys: rotation, commitments, disclosure after the delay, on the council's order
///         or after a declared breach.
contract RollupKeysTest is RollupTestBase {
    bytes32 internal genesis;
    bytes32 internal head;

    function setUp() public override {
        super.setUp();
        genesis = rollups.genesisHash();
        head = _extend(genesis, enclaveA); // commits epoch 0
    }

    function _epochKeyOf(uint32 _epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode("epoch key", _epoch));
    }

    function _rollupInEpoch(uint32 _epoch, bool _commit) internal returns (bytes32 hash_) {
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(head, enclaveA);
        h.keyEpoch = _epoch;
        h.keyCommitment = _commit ? _epochCommitment(_epoch) : bytes32(0);
        hash_ = _submit(h, _noHints());
        head = hash_;
    }

    // ─────────────────────────────────────────────────────────────── rotation

    function test_rotation_sameEpochAfterPeriod_reverts() public {
        uint256 committedAt = rollups.epochKey(0).committedAt;
        vm.warp(committedAt + KEY_ROTATION_PERIOD - 1);
        _rollupInEpoch(0, false);
        vm.warp(committedAt + KEY_ROTATION_PERIOD);
        vm.roll(block.number + 1);
        Types.RollupHeader memory h = _header(head, enclaveA);
        _expectRevertWith(
            abi.encodeWithSelector(
                IRollupManagement.RollupManagement_KeyRotationDue.selector,
                0,
                committedAt + KEY_ROTATION_PERIOD
            ),
            h
        );
        _rollupInEpoch(1, true);
        assertEq(rollups.epochKey(1).commitment, _epochCommitment(1));
        assertEq(rollups.epochKey(1).committedAt, block.timestamp);
    }

    // ─────────────────────────────────────────────────────────────── disclosure

    function test_discloseKey_afterDelay_succeeds() public {
        uint256 allowedAt = rollups.epochKey(0).committedAt + KEY_ROTATION_PERIOD + DISCLOSURE_DELAY;
        vm.warp(allowedAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_DisclosureNotAllowedYet.selector, 0, allowedAt)
        );
        rollups.discloseKey(0, _epochKeyOf(0));

        vm.warp(allowedAt);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.KeyDisclosed(0, _epochKeyOf(0), address(this));
        rollups.discloseKey(0, _epochKeyOf(0));
        assertEq(rollups.disclosedKey(0), _epochKeyOf(0));
        assertTrue(rollups.epochKey(0).disclosed);

        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_AlreadyDisclosed.selector, 0));
        rollups.discloseKey(0, _epochKeyOf(0));
    }

    function testFuzz_discloseKey_wrongKey_reverts(bytes32 _key) public {
        vm.assume(_key != _epochKeyOf(0));
        vm.prank(council);
        rollups.declareBreach();
        vm.expectRevert(
            abi.encodeWithSelector(IRollupManagement.RollupManagement_KeyDoesNotMatchCommitment.selector, 0)
        );
        rollups.discloseKey(0, _key);
        assertEq(rollups.disclosedKey(0), bytes32(0));
    }

    function test_discloseKey_unknownEpoch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_UnknownKeyEpoch.selector, 7));
        rollups.discloseKey(7, _epochKeyOf(7));
    }

    function test_orderKeyDisclosure_allowsItAtOnce_succeeds() public {
        vm.prank(council);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.KeyDisclosureOrdered(0, council);
        rollups.orderKeyDisclosure(0);
        assertTrue(rollups.epochKey(0).disclosureOrdered);
        rollups.discloseKey(0, _epochKeyOf(0));
        assertEq(rollups.disclosedKey(0), _epochKeyOf(0));
    }

    function test_declareBreach_allowsEveryKeyAtOnce_succeeds() public {
        _rollupInEpoch(1, true);
        vm.prank(council);
        vm.expectEmit(address(rollups));
        emit IRollupManagement.BreachDeclared(council);
        rollups.declareBreach();
        assertTrue(rollups.breachDeclared());
        rollups.discloseKey(0, _epochKeyOf(0));
        rollups.discloseKey(1, _epochKeyOf(1));
        assertEq(rollups.disclosedKey(1), _epochKeyOf(1));

        vm.prank(council);
        vm.expectRevert(IRollupManagement.RollupManagement_BreachAlreadyDeclared.selector);
        rollups.declareBreach();
    }

    function test_councilPowers_notCouncil_reverts() public {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotCouncil.selector, governance));
        rollups.declareBreach();
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IGovernedModule.GovernedModule_NotCouncil.selector, governance));
        rollups.orderKeyDisclosure(0);
        assertFalse(rollups.breachDeclared());
    }

    function test_orderKeyDisclosure_unknownEpoch_reverts() public {
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRollupManagement.RollupManagement_UnknownKeyEpoch.selector, 9));
        rollups.orderKeyDisclosure(9);
    }
}

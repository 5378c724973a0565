// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { MerkleProof } from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupTestBase } from "../rollup/RollupTestBase.sol";

/// @notice The contract against the SDK's vectors (test/bridge/vectors/bridge-vectors.json,
///         written by packages/sdk/scripts/generate-bridge-vectors.ts): leaf hashes, Merkle
///         proofs and deposit accumulator steps agree byte for byte.
contract BridgeVectorsTest is RollupTestBase {
    string internal json;

    function setUp() public override {
        super.setUp();
        json = vm.readFile("test/bridge/vectors/bridge-vectors.json");
    }

    function test_withdrawalLeaves_matchSdk_succeeds() public view {
        bytes32 root = vm.parseJsonBytes32(json, ".withdrawalRoot");
        for (uint256 i; i < 5; ++i) {
            string memory path = string.concat(".withdrawals[", vm.toString(i), "]");
            Types.Withdrawal memory w = Types.Withdrawal({
                id: vm.parseJsonUint(json, string.concat(path, ".id")),
                recipient: vm.parseJsonAddress(json, string.concat(path, ".recipient")),
                kind: Types.AssetKind(vm.parseJsonUint(json, string.concat(path, ".kind"))),
                token: vm.parseJsonAddress(json, string.concat(path, ".token")),
                amountOrId: vm.parseJsonUint(json, string.concat(path, ".amountOrId"))
            });
            bytes32 leaf = bridge.withdrawalLeaf(w);
            assertEq(leaf, vm.parseJsonBytes32(json, string.concat(path, ".leaf")));
            bytes32[] memory proof = vm.parseJsonBytes32Array(json, string.concat(path, ".proof"));
            assertTrue(MerkleProof.verify(proof, root, leaf), "SDK proof verifies on-chain");
        }
    }

    function test_balanceLeaves_matchSdk_succeeds() public view {
        bytes32 root = vm.parseJsonBytes32(json, ".stateRoot");
        for (uint256 i; i < 3; ++i) {
            string memory path = string.concat(".balances[", vm.toString(i), "]");
            Types.BalanceLeaf memory b = Types.BalanceLeaf({
                account: vm.parseJsonAddress(json, string.concat(path, ".account")),
                kind: Types.AssetKind(vm.parseJsonUint(json, string.concat(path, ".kind"))),
                token: vm.parseJsonAddress(json, string.concat(path, ".token")),
                amountOrId: vm.parseJsonUint(json, string.concat(path, ".amountOrId"))
            });
            bytes32 leaf = bridge.balanceLeaf(b);
            assertEq(leaf, vm.parseJsonBytes32(json, string.concat(path, ".leaf")));
            assertTrue(MerkleProof.verify(vm.parseJsonBytes32Array(json, string.concat(path, ".proof")), root, leaf));
        }
    }

    function test_depositAccumulator_matchesSdk_succeeds() public view {
        for (uint256 i; i < 3; ++i) {
            string memory path = string.concat(".deposits[", vm.toString(i), "]");
            bytes32 acc = bridge.depositAccumulatorStep(
                vm.parseJsonBytes32(json, string.concat(path, ".accBefore")),
                uint64(vm.parseJsonUint(json, string.concat(path, ".index"))),
                Types.AssetKind(vm.parseJsonUint(json, string.concat(path, ".kind"))),
                vm.parseJsonAddress(json, string.concat(path, ".from")),
                vm.parseJsonAddress(json, string.concat(path, ".to")),
                vm.parseJsonAddress(json, string.concat(path, ".token")),
                vm.parseJsonUint(json, string.concat(path, ".amountOrId"))
            );
            assertEq(acc, vm.parseJsonBytes32(json, string.concat(path, ".accAfter")));
        }
    }
}

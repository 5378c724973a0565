// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Hashes } from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice Builds Merkle roots and proofs with commutative (sorted-pair) keccak hashing, the
///         scheme OpenZeppelin's MerkleProof verifies. Leaves are used in the order given; an odd
///         node at the end of a level moves up unchanged. For tests; the SDK uses OpenZeppelin's
///         merkle-tree package, whose proofs verify the same way.
library MerkleTree {
    function root(bytes32[] memory _leaves) internal pure returns (bytes32) {
        require(_leaves.length > 0, "empty tree");
        bytes32[] memory level = _leaves;
        while (level.length > 1) level = _up(level);
        return level[0];
    }

    function proof(bytes32[] memory _leaves, uint256 _index) internal pure returns (bytes32[] memory proof_) {
        require(_index < _leaves.length, "index out of range");
        bytes32[] memory siblings = new bytes32[](256);
        uint256 depth;
        bytes32[] memory level = _leaves;
        uint256 index = _index;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) siblings[depth++] = level[sibling];
            level = _up(level);
            index /= 2;
        }
        proof_ = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            proof_[i] = siblings[i];
        }
    }

    function _up(bytes32[] memory _level) private pure returns (bytes32[] memory next_) {
        next_ = new bytes32[]((_level.length + 1) / 2);
        for (uint256 i; i < next_.length; ++i) {
            uint256 left = 2 * i;
            next_[i] =
                left + 1 < _level.length ? Hashes.commutativeKeccak256(_level[left], _level[left + 1]) : _level[left];
        }
    }
}

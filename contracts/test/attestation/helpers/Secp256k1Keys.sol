// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Test-only: derives a secp256k1 public key from a private key (Hardhat's Solidity test
///         runner has no `vm.createWallet`). Affine double-and-add with inverses from the modexp
///         precompile: slow (~1M gas) but simple; callers check the result against `vm.addr`.
library Secp256k1Keys {
    uint256 internal constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;
    uint256 internal constant GX = 0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798;
    uint256 internal constant GY = 0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8;

    /// @notice `_privateKey · G` as affine coordinates.
    function publicKey(uint256 _privateKey) internal view returns (uint256 x_, uint256 y_) {
        bool infinity = true;
        for (uint256 i = 256; i > 0; --i) {
            if (!infinity) (x_, y_) = _double(x_, y_);
            if ((_privateKey >> (i - 1)) & 1 == 1) {
                if (infinity) {
                    (x_, y_, infinity) = (GX, GY, false);
                } else {
                    (x_, y_, infinity) = _add(x_, y_, GX, GY);
                }
            }
        }
        require(!infinity, "zero private key");
    }

    function _double(uint256 _x, uint256 _y) private view returns (uint256 x_, uint256 y_) {
        uint256 lambda = mulmod(mulmod(3, mulmod(_x, _x, P), P), _inverse(mulmod(2, _y, P)), P);
        x_ = addmod(mulmod(lambda, lambda, P), P - mulmod(2, _x, P), P);
        y_ = addmod(mulmod(lambda, addmod(_x, P - x_, P), P), P - _y, P);
    }

    function _add(
        uint256 _x1,
        uint256 _y1,
        uint256 _x2,
        uint256 _y2
    ) private view returns (uint256 x_, uint256 y_, bool infinity_) {
        if (_x1 == _x2) {
            if (_y1 == _y2) {
                (x_, y_) = _double(_x1, _y1);
                return (x_, y_, false);
            }
            return (0, 0, true);
        }
        uint256 lambda = mulmod(addmod(_y2, P - _y1, P), _inverse(addmod(_x2, P - _x1, P)), P);
        x_ = addmod(addmod(mulmod(lambda, lambda, P), P - _x1, P), P - _x2, P);
        y_ = addmod(mulmod(lambda, addmod(_x1, P - x_, P), P), P - _y1, P);
    }

    /// @dev `_a^(p-2) mod p` with the modexp precompile (Fermat).
    function _inverse(uint256 _a) private view returns (uint256 result_) {
        (bool ok, bytes memory out) = address(0x05).staticcall(abi.encode(32, 32, 32, _a, P - 2, P));
        require(ok, "modexp failed");
        result_ = abi.decode(out, (uint256));
    }
}

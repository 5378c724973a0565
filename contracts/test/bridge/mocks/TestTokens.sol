// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @notice A plain mintable ERC20.
contract TestERC20 is ERC20 {
    constructor() ERC20("Test", "TST") {}

    function mint(address _to, uint256 _amount) external {
        _mint(_to, _amount);
    }
}

/// @notice Takes a 1% fee on every transfer (burned), like some real tokens do.
contract FeeOnTransferERC20 is ERC20 {
    constructor() ERC20("Fee", "FEE") {}

    function mint(address _to, uint256 _amount) external {
        _mint(_to, _amount);
    }

    function _update(address _from, address _to, uint256 _value) internal override {
        if (_from == address(0) || _to == address(0)) return super._update(_from, _to, _value);
        uint256 fee = _value / 100;
        super._update(_from, address(0), fee);
        super._update(_from, _to, _value - fee);
    }
}

/// @notice An ERC20 whose transfer functions return nothing (like USDT on mainnet).
contract NoReturnERC20 {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function mint(address _to, uint256 _amount) external {
        balanceOf[_to] += _amount;
    }

    function approve(address _spender, uint256 _amount) external {
        allowance[msg.sender][_spender] = _amount;
    }

    function transfer(address _to, uint256 _amount) external {
        balanceOf[msg.sender] -= _amount;
        balanceOf[_to] += _amount;
    }

    function transferFrom(address _from, address _to, uint256 _amount) external {
        allowance[_from][msg.sender] -= _amount;
        balanceOf[_from] -= _amount;
        balanceOf[_to] += _amount;
    }
}

/// @notice Returns false instead of reverting when a transfer fails.
contract FalseReturningERC20 {
    function balanceOf(address) external pure returns (uint256) {
        return 0;
    }

    function transferFrom(address, address, uint256) external pure returns (bool) {
        return false;
    }
}

/// @notice A plain mintable ERC721.
contract TestERC721 is ERC721 {
    constructor() ERC721("Test NFT", "TNFT") {}

    function mint(address _to, uint256 _id) external {
        _mint(_to, _id);
    }
}

/// @notice Tries to re-enter the bridge from inside `transferFrom`.
contract ReentrantERC20 is ERC20 {
    address public target;
    bytes public payload;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address _to, uint256 _amount) external {
        _mint(_to, _amount);
    }

    function arm(address _target, bytes calldata _payload) external {
        target = _target;
        payload = _payload;
    }

    function transferFrom(address _from, address _to, uint256 _value) public override returns (bool) {
        if (target != address(0)) {
            (bool ok, bytes memory reason) = target.call(payload);
            if (!ok) {
                assembly {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        return super.transferFrom(_from, _to, _value);
    }
}

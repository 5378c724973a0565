// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { GovernedModule } from "../../../src/common/GovernedModule.sol";

/// @notice The smallest concrete module: a value only the council may set.
contract MockGovernedModule is GovernedModule {
    uint256 public value;

    constructor() {
        _disableInitializers();
    }

    function initialize(address _governance, address _council) external initializer {
        __GovernedModule_init(_governance, _council);
    }

    function setValue(uint256 _value) external onlyCouncil {
        value = _value;
    }

    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }
}

/// @notice A second implementation, to check that upgrades keep state.
contract MockGovernedModuleV2 is MockGovernedModule {
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { BridgeManagement } from "../../../src/bridge/BridgeManagement.sol";
import { IRollupManagement } from "../../../src/interfaces/rollup/IRollupManagement.sol";

/// @notice A next version of the bridge for upgrade tests: same storage, one more function.
contract BridgeManagementV2 is BridgeManagement {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IRollupManagement _rollups) BridgeManagement(_rollups) {}

    /// @notice Proves the proxy runs this implementation.
    function upgradedTo() external pure returns (string memory) {
        return "BridgeManagementV2";
    }
}

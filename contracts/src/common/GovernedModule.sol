// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Initializable } from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import { UUPSUpgradeable } from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";

/// @title GovernedModule
/// @notice Base of every upgradeable Obscuro module: UUPS proxy logic that only governance may
///         upgrade, a two-step governance transfer, and a security council with the emergency
///         powers each module grants through `onlyCouncil`.
/// @dev State lives in an ERC-7201 namespaced struct so that module storage never collides.
///      Implementations call `_disableInitializers()` in their constructor.
abstract contract GovernedModule is Initializable, UUPSUpgradeable, IGovernedModule {
    /// @custom:storage-location erc7201:obscuro.storage.GovernedModule
    struct GovernedModuleStorage {
        address governance;
        address pendingGovernance;
        address council;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.GovernedModule")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant GOVERNED_MODULE_STORAGE =
        0xe04e61541eed48941836d43ccec1d4d42e478c7d872f6aa438bddac092e0e600;

    // ─────────────────────────────────────────────────────────────── modifiers

    modifier onlyGovernance() {
        if (msg.sender != _governedModuleStorage().governance) revert GovernedModule_NotGovernance(msg.sender);
        _;
    }

    modifier onlyCouncil() {
        if (msg.sender != _governedModuleStorage().council) revert GovernedModule_NotCouncil(msg.sender);
        _;
    }

    // ─────────────────────────────────────────────────────────────── initializer

    // solhint-disable-next-line func-name-mixedcase
    function __GovernedModule_init(address _governance, address _council) internal onlyInitializing {
        if (_governance == address(0) || _council == address(0)) revert GovernedModule_ZeroAddress();
        GovernedModuleStorage storage $ = _governedModuleStorage();
        $.governance = _governance;
        emit GovernanceTransferred(address(0), _governance);
        $.council = _council;
        emit CouncilSet(address(0), _council);
    }

    // ─────────────────────────────────────────────────────────────── external

    /// @inheritdoc IGovernedModule
    function transferGovernance(address _newGovernance) external onlyGovernance {
        if (_newGovernance == address(0)) revert GovernedModule_ZeroAddress();
        GovernedModuleStorage storage $ = _governedModuleStorage();
        $.pendingGovernance = _newGovernance;
        emit GovernanceTransferStarted($.governance, _newGovernance);
    }

    /// @inheritdoc IGovernedModule
    function acceptGovernance() external {
        GovernedModuleStorage storage $ = _governedModuleStorage();
        if (msg.sender != $.pendingGovernance) revert GovernedModule_NotPendingGovernance(msg.sender);
        address previous = $.governance;
        $.governance = msg.sender;
        $.pendingGovernance = address(0);
        emit GovernanceTransferred(previous, msg.sender);
    }

    /// @inheritdoc IGovernedModule
    function setCouncil(address _newCouncil) external onlyGovernance {
        if (_newCouncil == address(0)) revert GovernedModule_ZeroAddress();
        GovernedModuleStorage storage $ = _governedModuleStorage();
        address previous = $.council;
        $.council = _newCouncil;
        emit CouncilSet(previous, _newCouncil);
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IGovernedModule
    function governance() public view returns (address) {
        return _governedModuleStorage().governance;
    }

    /// @inheritdoc IGovernedModule
    function pendingGovernance() external view returns (address) {
        return _governedModuleStorage().pendingGovernance;
    }

    /// @inheritdoc IGovernedModule
    function council() public view returns (address) {
        return _governedModuleStorage().council;
    }

    // ─────────────────────────────────────────────────────────────── internal

    /// @dev Only governance may upgrade the implementation.
    function _authorizeUpgrade(address) internal view override onlyGovernance {}

    function _governedModuleStorage() private pure returns (GovernedModuleStorage storage $) {
        assembly {
            $.slot := GOVERNED_MODULE_STORAGE
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { INetworkManagement } from "../../../src/interfaces/network/INetworkManagement.sol";

/// @notice A stand-in for NetworkManagement in rollup and bridge unit tests: publishers and
///         stakes are set directly, slashing moves numbers instead of tokens. The real module's
///         own tests cover registration, attestation and token movements.
contract MockNetworkManagement is INetworkManagement {
    error MockNetwork_NotPublisher(address enclaveId, address operator);

    mapping(address enclaveId => address operator) public operatorOf;
    mapping(address enclaveId => bool) public isActive;
    mapping(address operator => uint256) public stakeOf;
    mapping(address account => uint256) public rewards;
    uint256 public treasuryBalance;
    uint256 public slashCount;

    function setPublisher(address _enclaveId, address _operator, uint256 _stake) external {
        operatorOf[_enclaveId] = _operator;
        isActive[_enclaveId] = true;
        stakeOf[_operator] = _stake;
    }

    function setActive(address _enclaveId, bool _active) external {
        isActive[_enclaveId] = _active;
    }

    function checkPublisher(address _enclaveId, address _operator) external view {
        if (!isActive[_enclaveId] || operatorOf[_enclaveId] != _operator || stakeOf[_operator] == 0) {
            revert MockNetwork_NotPublisher(_enclaveId, _operator);
        }
    }

    function slash(
        address _operator,
        uint256 _amount,
        address[] calldata _rewardRecipients,
        uint256 _rewardBps
    ) external returns (uint256 slashed_) {
        slashed_ = _amount < stakeOf[_operator] ? _amount : stakeOf[_operator];
        stakeOf[_operator] -= slashed_;
        uint256 reward = (slashed_ * _rewardBps) / 10_000;
        uint256 each = _rewardRecipients.length == 0 ? 0 : reward / _rewardRecipients.length;
        for (uint256 i; i < _rewardRecipients.length; ++i) {
            rewards[_rewardRecipients[i]] += each;
        }
        treasuryBalance += slashed_ - each * _rewardRecipients.length;
        ++slashCount;
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { INetworkRegistry } from "../../../src/interfaces/network/INetworkRegistry.sol";
import { NetworkManagement } from "../../../src/network/NetworkManagement.sol";
import { ObscuroToken } from "../../../src/token/ObscuroToken.sol";

/// @notice Drives NetworkManagement through random stakes, stake increases, unstakes,
///         withdrawals, slashes, host address changes, node registrations, secret responses,
///         cancellations and the passage of time, among a fixed set of operators, and keeps ghost
///         totals of every token that went in and out.
contract NetworkHandler is CommonBase, StdUtils {
    NetworkManagement public immutable NETWORK;
    ObscuroToken public immutable TOKEN;
    address public immutable BANK;
    address public immutable ROLLUP_MANAGEMENT;
    address public immutable GOVERNANCE;
    uint256 internal immutable NETWORK_KEY;

    /// Operators, each with an active enclave (key `activeKeys[i]`, id `activeIds[i]`).
    address[] internal operators;
    uint256[] internal activeKeys;
    address[] internal activeIds;

    /// Enclaves that register and ask for the secret, each with a report bound to its operator.
    address[] internal joinerIds;
    address[] internal joinerOperators;
    bytes[] internal joinerReports;
    uint256 public immutable REPORT_BLOCK;

    // ghosts
    uint256 public ghostStaked;
    uint256 public ghostWithdrawn;
    uint256 public ghostSlashed;
    uint256 public ghostSlashRequested;
    bool public ghostSlashOverdrawn;
    uint256 public slashCalls;
    uint256 public responses;
    uint256 public cancellations;

    constructor(
        NetworkManagement _network,
        ObscuroToken _token,
        address _bank,
        address _rollupManagement,
        address _governance,
        uint256 _networkKey,
        uint256 _reportBlock
    ) {
        NETWORK = _network;
        TOKEN = _token;
        BANK = _bank;
        ROLLUP_MANAGEMENT = _rollupManagement;
        GOVERNANCE = _governance;
        NETWORK_KEY = _networkKey;
        REPORT_BLOCK = _reportBlock;
    }

    function addOperator(address _operator, uint256 _enclaveKey) external {
        operators.push(_operator);
        activeKeys.push(_enclaveKey);
        activeIds.push(vm.addr(_enclaveKey));
    }

    function addJoiner(address _enclaveId, address _operator, bytes calldata _report) external {
        joinerIds.push(_enclaveId);
        joinerOperators.push(_operator);
        joinerReports.push(_report);
    }

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function operatorAt(uint256 _i) external view returns (address) {
        return operators[_i];
    }

    function joinerCount() external view returns (uint256) {
        return joinerIds.length;
    }

    function joinerAt(uint256 _i) external view returns (address) {
        return joinerIds[_i];
    }

    // ───────────────────────────────────────── stakes

    function registerAggregator(uint256 _operator, uint256 _amount, uint256 _hostSeed) external {
        uint256 i = _operator % operators.length;
        address operator = operators[i];
        if (NETWORK.aggregator(operator).hostIndex != 0) return;
        _amount = bound(_amount, NETWORK.minStake(), 10 * NETWORK.minStake());
        _fund(operator, _amount);
        vm.startPrank(operator);
        TOKEN.approve(address(NETWORK), _amount);
        NETWORK.registerAggregator(activeIds[i], _host(_hostSeed), _amount);
        vm.stopPrank();
        ghostStaked += _amount;
    }

    function increaseStake(uint256 _operator, uint256 _amount) external {
        address operator = operators[_operator % operators.length];
        if (NETWORK.aggregator(operator).hostIndex == 0) return;
        _amount = bound(_amount, 1, 5_000 ether);
        _fund(operator, _amount);
        vm.startPrank(operator);
        TOKEN.approve(address(NETWORK), _amount);
        NETWORK.increaseStake(_amount);
        vm.stopPrank();
        ghostStaked += _amount;
    }

    function updateHostAddress(uint256 _operator, uint256 _hostSeed) external {
        address operator = operators[_operator % operators.length];
        if (NETWORK.aggregator(operator).hostIndex == 0) return;
        vm.prank(operator);
        NETWORK.updateHostAddress(_host(_hostSeed));
    }

    function unstake(uint256 _operator) external {
        address operator = operators[_operator % operators.length];
        if (NETWORK.aggregator(operator).hostIndex == 0) return;
        vm.prank(operator);
        NETWORK.unstake();
    }

    function withdrawStake(uint256 _operator) external {
        address operator = operators[_operator % operators.length];
        INetworkRegistry.Aggregator memory a = NETWORK.aggregator(operator);
        if (a.unbonding == 0 || block.timestamp < a.unbondingEnds) return;
        vm.prank(operator);
        NETWORK.withdrawStake();
        ghostWithdrawn += a.unbonding;
    }

    function slash(uint256 _operator, uint256 _amount, uint256 _bps, uint256 _recipients, bool _byGovernance) external {
        address operator = operators[_operator % operators.length];
        INetworkRegistry.Aggregator memory a = NETWORK.aggregator(operator);
        uint256 held = uint256(a.stake) + a.unbonding;
        _amount = bound(_amount, 0, held + 1_000 ether);
        _bps = bound(_bps, 0, 10_000);
        address[] memory recipients = new address[](bound(_recipients, 0, 3));
        for (uint256 j; j < recipients.length; ++j) recipients[j] = address(uint160(0xBEEF00 + j));
        vm.prank(_byGovernance ? GOVERNANCE : ROLLUP_MANAGEMENT);
        uint256 slashed = NETWORK.slash(operator, _amount, recipients, _bps);
        if (slashed > _amount || slashed > held || (slashed < _amount && slashed < held)) ghostSlashOverdrawn = true;
        ghostSlashed += slashed;
        ghostSlashRequested += _amount;
        ++slashCalls;
    }

    // ───────────────────────────────────────── nodes and the secret

    function registerNode(uint256 _joiner) external {
        uint256 j = _joiner % joinerIds.length;
        if (NETWORK.node(joinerIds[j]).status != INetworkRegistry.NodeStatus.None) return;
        uint256 fee = NETWORK.registrationFee();
        vm.deal(joinerOperators[j], fee);
        vm.prank(joinerOperators[j]);
        NETWORK.registerNode{ value: fee }(joinerReports[j], REPORT_BLOCK);
    }

    function respondSecret(uint256 _joiner, uint256 _responder) external {
        uint256 j = _joiner % joinerIds.length;
        address requester = joinerIds[j];
        if (NETWORK.node(requester).status != INetworkRegistry.NodeStatus.AwaitingSecret) return;
        uint256 r = _responder % activeKeys.length;
        address responder = activeIds[r];
        bytes memory ciphertext = new bytes(129);
        ciphertext[0] = 0x04;
        ciphertext[128] = bytes1(uint8(j + 1));
        bytes32 digest = NETWORK.hashSecretResponse(requester, responder, keccak256(ciphertext));
        NETWORK.respondSecret(
            requester,
            responder,
            ciphertext,
            _sign(activeKeys[r], digest),
            _sign(NETWORK_KEY, digest)
        );
        ++responses;
    }

    function cancelRegistration(uint256 _joiner) external {
        uint256 j = _joiner % joinerIds.length;
        INetworkRegistry.Node memory n = NETWORK.node(joinerIds[j]);
        if (n.status != INetworkRegistry.NodeStatus.AwaitingSecret) return;
        (, , , uint256 timeout, ) = NETWORK.parameters();
        if (block.timestamp < uint256(n.requestedAt) + timeout) return;
        vm.prank(joinerOperators[j]);
        NETWORK.cancelRegistration(joinerIds[j]);
        ++cancellations;
    }

    function warp(uint256 _seconds) external {
        vm.warp(block.timestamp + bound(_seconds, 1, 3 days));
    }

    // ───────────────────────────────────────── helpers

    function _fund(address _to, uint256 _amount) internal {
        vm.prank(BANK);
        TOKEN.transfer(_to, _amount);
    }

    function _host(uint256 _seed) internal pure returns (string memory) {
        bytes memory host = new bytes(bound(_seed, 1, 256));
        for (uint256 k; k < host.length; ++k) host[k] = bytes1(uint8(0x61 + ((_seed >> (k % 200)) % 26)));
        return string(host);
    }

    function _sign(uint256 _key, bytes32 _digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_key, _digest);
        return abi.encodePacked(r, s, v);
    }
}

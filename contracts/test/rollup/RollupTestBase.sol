// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { BridgeManagement } from "../../src/bridge/BridgeManagement.sol";
import { IBridgeManagement } from "../../src/interfaces/bridge/IBridgeManagement.sol";
import { INetworkManagement } from "../../src/interfaces/network/INetworkManagement.sol";
import { IRollupManagement } from "../../src/interfaces/rollup/IRollupManagement.sol";
import { IRollupSlashing } from "../../src/interfaces/rollup/IRollupSlashing.sol";
import { Types } from "../../src/libraries/Types.sol";
import { RollupManagement } from "../../src/rollup/RollupManagement.sol";
import { RollupSlashing } from "../../src/rollup/RollupSlashing.sol";
import { MockNetworkManagement } from "./mocks/MockNetworkManagement.sol";

/// @notice Deploys BridgeManagement and RollupManagement behind proxies, wired to each other
///         and to a mock network, and gives tests helpers to build, sign and submit rollups.
abstract contract RollupTestBase is Test {
    uint40 internal constant FINALITY_DELAY = 10;
    uint40 internal constant FORK_EXPIRY = 20;
    uint16 internal constant SLASH_DEPTH = 2;
    uint16 internal constant REPORTER_SHARE_BPS = 1000;
    uint96 internal constant FORK_SLASH_AMOUNT = 100 ether;
    uint40 internal constant KEY_ROTATION_PERIOD = 30 days;
    uint40 internal constant DISCLOSURE_DELAY = 7 days;
    uint8 internal constant INVALID_ROLLUP_QUORUM = 1;
    uint16 internal constant INVALID_ROLLUP_REWARD_BPS = 5000;

    MockNetworkManagement internal network;
    BridgeManagement internal bridge;
    RollupManagement internal rollups;
    RollupSlashing internal slashing;

    address internal governance = makeAddr("governance");
    address internal council = makeAddr("council");

    /// Two aggregators: enclave keys and the operators that run them.
    uint256 internal constant ENCLAVE_A_KEY = 0xA11CE;
    uint256 internal constant ENCLAVE_B_KEY = 0xB0B;
    address internal enclaveA;
    address internal enclaveB;
    address internal operatorA = makeAddr("operatorA");
    address internal operatorB = makeAddr("operatorB");

    bytes internal constant PAYLOAD = hex"00c0ffee";

    function setUp() public virtual {
        vm.roll(1000);
        network = new MockNetworkManagement();
        (bridge, rollups, slashing) = _deployModules(INetworkManagement(address(network)));
        enclaveA = vm.addr(ENCLAVE_A_KEY);
        enclaveB = vm.addr(ENCLAVE_B_KEY);
        network.setPublisher(enclaveA, operatorA, 1000 ether);
        network.setPublisher(enclaveB, operatorB, 1000 ether);
        vm.roll(block.number + 1);
    }

    function _deployModules(
        INetworkManagement _network
    ) internal returns (BridgeManagement bridge_, RollupManagement rollups_, RollupSlashing slashing_) {
        uint64 nonce = vm.getNonce(address(this));
        address rollupProxy = vm.computeCreateAddress(address(this), nonce + 5);
        address slashingProxy = vm.computeCreateAddress(address(this), nonce + 3);
        BridgeManagement bridgeImpl = new BridgeManagement(IRollupManagement(rollupProxy));
        bridge_ = BridgeManagement(
            payable(
                new ERC1967Proxy(
                    address(bridgeImpl),
                    abi.encodeCall(BridgeManagement.initialize, (governance, council))
                )
            )
        );
        RollupSlashing slashingImpl = new RollupSlashing(IRollupManagement(rollupProxy), _network);
        IRollupSlashing.InitParams memory slashingParams = IRollupSlashing.InitParams({
            slashDepth: SLASH_DEPTH,
            reporterShareBps: REPORTER_SHARE_BPS,
            forkSlashAmount: FORK_SLASH_AMOUNT,
            invalidRollupQuorum: INVALID_ROLLUP_QUORUM,
            invalidRollupRewardBps: INVALID_ROLLUP_REWARD_BPS
        });
        slashing_ = RollupSlashing(
            address(
                new ERC1967Proxy(
                    address(slashingImpl),
                    abi.encodeCall(RollupSlashing.initialize, (governance, council, slashingParams))
                )
            )
        );
        RollupManagement rollupImpl = new RollupManagement(
            _network,
            IBridgeManagement(address(bridge_)),
            address(slashing_)
        );
        IRollupManagement.InitParams memory params = IRollupManagement.InitParams({
            tree: IRollupManagement.TreeParams({ finalityDelay: FINALITY_DELAY, forkExpiry: FORK_EXPIRY }),
            keyRotationPeriod: KEY_ROTATION_PERIOD,
            disclosureDelay: DISCLOSURE_DELAY
        });
        rollups_ = RollupManagement(
            address(
                new ERC1967Proxy(
                    address(rollupImpl),
                    abi.encodeCall(RollupManagement.initialize, (governance, council, params))
                )
            )
        );
        assertEq(address(slashing_), slashingProxy, "predicted slashing proxy address");
        assertEq(address(rollups_), rollupProxy, "predicted rollup proxy address");
    }

    // ─────────────────────────────────────────────────────────────── header builders

    /// @notice A valid header on `_parentHash`, built on the previous L1 block, consuming every
    ///         deposit so far, in the parent's key epoch (or epoch 0 with a commitment after genesis).
    function _header(bytes32 _parentHash, address _enclave) internal view returns (Types.RollupHeader memory header_) {
        IRollupManagement.RollupRecord memory parent = rollups.rollup(_parentHash);
        (uint64 count, bytes32 acc, , ) = bridge.depositQueue();
        uint64 l1Block = uint64(block.number - 1);
        header_ = Types.RollupHeader({
            parentHash: _parentHash,
            number: parent.number + 1,
            l1BlockNumber: l1Block,
            l1BlockHash: blockhash(l1Block),
            depositCount: count,
            depositAcc: acc,
            stateRoot: keccak256(abi.encode("state", _parentHash, _enclave)),
            withdrawalRoot: bytes32(0),
            dataHash: keccak256(PAYLOAD),
            keyEpoch: parent.keyEpoch,
            keyCommitment: parent.number == 0 ? _epochCommitment(0) : bytes32(0),
            enclaveId: _enclave
        });
    }

    function _epochCommitment(uint32 _epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(abi.encode("epoch key", _epoch))));
    }

    function _sign(Types.RollupHeader memory _h, uint256 _key) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_key, rollups.hashHeader(_h));
        return abi.encodePacked(r, s, v);
    }

    function _keyOf(address _enclave) internal view returns (uint256) {
        return _enclave == enclaveA ? ENCLAVE_A_KEY : ENCLAVE_B_KEY;
    }

    function _operatorOf(address _enclave) internal view returns (address) {
        return _enclave == enclaveA ? operatorA : operatorB;
    }

    // ─────────────────────────────────────────────────────────────── submission

    function _noHints() internal pure returns (IRollupManagement.SubmissionHints memory) {
        return
            IRollupManagement.SubmissionHints({
                depositCheckpoint: Types.DepositCheckpoint(0, 0, 0),
                canonicalSibling: bytes32(0)
            });
    }

    function _siblingHint(bytes32 _sibling) internal pure returns (IRollupManagement.SubmissionHints memory h_) {
        h_ = _noHints();
        h_.canonicalSibling = _sibling;
    }

    /// @notice Signs and submits `_h` as its enclave's operator; returns the rollup hash.
    function _submit(
        Types.RollupHeader memory _h,
        IRollupManagement.SubmissionHints memory _hints
    ) internal returns (bytes32 hash_) {
        hash_ = rollups.hashHeader(_h);
        bytes memory signature = _sign(_h, _keyOf(_h.enclaveId));
        vm.prank(_operatorOf(_h.enclaveId));
        rollups.submitRollup(_h, signature, PAYLOAD, _hints);
    }

    /// @notice Builds and submits a rollup on `_parent` by `_enclave` in a new L1 block.
    function _extend(bytes32 _parent, address _enclave) internal returns (bytes32) {
        return _extendWith(_parent, _enclave, bytes32(0));
    }

    function _extendWith(bytes32 _parent, address _enclave, bytes32 _sibling) internal returns (bytes32 hash_) {
        vm.roll(block.number + 1);
        hash_ = _submit(_header(_parent, _enclave), _siblingHint(_sibling));
    }

    /// @notice Extends the canonical chain `_n` times; returns the new head.
    function _extendCanonical(uint256 _n) internal returns (bytes32 head_) {
        (head_, ) = rollups.canonicalHead();
        for (uint256 i; i < _n; ++i) {
            head_ = _extend(head_, enclaveA);
        }
    }

    function _expectRevertWith(bytes memory _err, Types.RollupHeader memory _h) internal {
        bytes memory sig = _sign(_h, _keyOf(_h.enclaveId));
        vm.prank(_operatorOf(_h.enclaveId));
        vm.expectRevert(_err);
        rollups.submitRollup(_h, sig, PAYLOAD, _noHints());
    }
}

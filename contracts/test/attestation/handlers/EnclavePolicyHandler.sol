// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { EnclavePolicy } from "../../../src/attestation/EnclavePolicy.sol";

/// @notice Drives an `EnclavePolicy` through random approvals, revocations (by auditors and by
///         the council), auditor-set and threshold changes, replays of signatures made for an
///         older policy version, and time, over small pools of keys and measurements so that
///         the paths collide. Records what happened in ghost variables.
contract EnclavePolicyHandler is CommonBase, StdUtils {
    bytes32 internal constant APPROVE_TYPEHASH = keccak256(
        "ApproveMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)"
    );
    bytes32 internal constant REVOKE_TYPEHASH = keccak256(
        "RevokeMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)"
    );

    EnclavePolicy public immutable POLICY;
    address public immutable GOVERNANCE;
    address public immutable COUNCIL;

    uint256[] internal keyPool;
    bytes32[] internal measurementPool;
    /// @dev The keys of the current auditors, sorted by address.
    uint256[] internal auditorKeys;

    bytes32[] public ghostRevoked;
    mapping(bytes32 => bool) public ghostIsRevoked;
    bytes32[] public ghostApproved;
    uint256 public ghostAuditorChanges;
    bool public ghostVersionDecreased;
    bool public ghostRevokedReapproved;
    bool public ghostStaleSignatureAccepted;
    uint256 internal lastVersion;

    constructor(
        EnclavePolicy _policy,
        address _governance,
        address _council,
        uint256[] memory _keyPool,
        uint256[] memory _initialAuditorKeys,
        bytes32[] memory _measurementPool
    ) {
        POLICY = _policy;
        GOVERNANCE = _governance;
        COUNCIL = _council;
        keyPool = _keyPool;
        auditorKeys = _initialAuditorKeys;
        measurementPool = _measurementPool;
        lastVersion = _policy.policyVersion();
    }

    // ───────────────────────────────────────── actions

    function approve(uint256 _measurementSeed, uint256 _signerSeed) external tracked {
        bytes32 m = _measurement(_measurementSeed);
        bytes[] memory sigs = _sign(APPROVE_TYPEHASH, m, POLICY.policyVersion(), _pickSigners(_signerSeed));
        try POLICY.approveMeasurement(m, block.timestamp, sigs) {
            if (ghostIsRevoked[m]) ghostRevokedReapproved = true;
            ghostApproved.push(m);
        } catch {}
    }

    function revokeByAuditors(uint256 _measurementSeed, uint256 _signerSeed) external tracked {
        bytes32 m = _measurement(_measurementSeed);
        bytes[] memory sigs = _sign(REVOKE_TYPEHASH, m, POLICY.policyVersion(), _pickSigners(_signerSeed));
        try POLICY.revokeMeasurement(m, block.timestamp, sigs) {
            _recordRevoked(m);
        } catch {}
    }

    function revokeByCouncil(uint256 _measurementSeed) external tracked {
        bytes32 m = _measurement(_measurementSeed);
        vm.prank(COUNCIL);
        try POLICY.revokeMeasurementByCouncil(m) {
            _recordRevoked(m);
        } catch {}
    }

    function setAuditors(uint256 _subsetSeed, uint256 _thresholdSeed) external tracked {
        uint256[] memory chosen = new uint256[](keyPool.length);
        uint256 n;
        for (uint256 i; i < keyPool.length; ++i) {
            if ((_subsetSeed >> i) & 1 == 1) chosen[n++] = keyPool[i];
        }
        if (n == 0) chosen[n++] = keyPool[_subsetSeed % keyPool.length];
        uint256[] memory sorted = new uint256[](n);
        for (uint256 i; i < n; ++i) sorted[i] = chosen[i];
        sorted = _sortByAddress(sorted);
        address[] memory addresses = new address[](n);
        for (uint256 i; i < n; ++i) addresses[i] = vm.addr(sorted[i]);

        vm.prank(GOVERNANCE);
        POLICY.setAuditors(addresses, bound(_thresholdSeed, 1, n));
        auditorKeys = sorted;
        ++ghostAuditorChanges;
    }

    function setThreshold(uint256 _thresholdSeed) external tracked {
        vm.prank(GOVERNANCE);
        POLICY.setThreshold(bound(_thresholdSeed, 1, auditorKeys.length));
        ++ghostAuditorChanges;
    }

    /// @dev Approval signatures made for the previous policy version must never count.
    function approveWithStaleVersion(uint256 _measurementSeed) external tracked {
        uint256 version = POLICY.policyVersion();
        if (version < 2) return;
        bytes32 m = _measurement(_measurementSeed);
        bytes[] memory sigs = _sign(APPROVE_TYPEHASH, m, version - 1, auditorKeys);
        try POLICY.approveMeasurement(m, block.timestamp, sigs) {
            ghostStaleSignatureAccepted = true;
        } catch {}
    }

    /// @dev Governance tries random values, in bounds or not, for every bounded parameter.
    function setRules(
        uint8 _teeTypes,
        uint8 _tcbStatuses,
        uint256 _maxReportAge,
        uint256 _keyLifetime
    ) external tracked {
        vm.startPrank(GOVERNANCE);
        try POLICY.setAcceptedTeeTypes(_teeTypes) {} catch {}
        try POLICY.setAcceptedTcbStatuses(_tcbStatuses) {} catch {}
        try POLICY.setMaxReportAge(_maxReportAge % 512) {} catch {}
        try POLICY.setKeyLifetime(_keyLifetime % (2 * 365 days)) {} catch {}
        vm.stopPrank();
    }

    function warp(uint256 _seconds) external tracked {
        vm.warp(block.timestamp + bound(_seconds, 1, 30 days));
    }

    // ───────────────────────────────────────── views for the invariants

    function revokedCount() external view returns (uint256) {
        return ghostRevoked.length;
    }

    function approvedCount() external view returns (uint256) {
        return ghostApproved.length;
    }

    // ───────────────────────────────────────── internal

    modifier tracked() {
        _;
        uint256 version = POLICY.policyVersion();
        if (version < lastVersion) ghostVersionDecreased = true;
        lastVersion = version;
    }

    function _recordRevoked(bytes32 _m) internal {
        if (!ghostIsRevoked[_m]) {
            ghostIsRevoked[_m] = true;
            ghostRevoked.push(_m);
        }
    }

    function _measurement(uint256 _seed) internal view returns (bytes32) {
        return measurementPool[_seed % measurementPool.length];
    }

    /// @dev A subset of the current auditors chosen by `_seed`, kept sorted; sometimes short of
    ///      the threshold, so that refusals are exercised too.
    function _pickSigners(uint256 _seed) internal view returns (uint256[] memory picked_) {
        uint256 n;
        uint256[] memory all = new uint256[](auditorKeys.length);
        for (uint256 i; i < auditorKeys.length; ++i) {
            if ((_seed >> i) & 1 == 1 || (_seed >> 128) % 4 != 0) all[n++] = auditorKeys[i];
        }
        picked_ = new uint256[](n);
        for (uint256 i; i < n; ++i) picked_[i] = all[i];
    }

    function _sign(
        bytes32 _typehash,
        bytes32 _m,
        uint256 _version,
        uint256[] memory _keys
    ) internal view returns (bytes[] memory sigs_) {
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                POLICY.domainSeparator(),
                keccak256(abi.encode(_typehash, _m, _version, block.timestamp))
            )
        );
        sigs_ = new bytes[](_keys.length);
        for (uint256 i; i < _keys.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[i], digest);
            sigs_[i] = abi.encodePacked(r, s, v);
        }
    }

    function _sortByAddress(uint256[] memory _keys) internal pure returns (uint256[] memory) {
        for (uint256 i = 1; i < _keys.length; ++i) {
            for (uint256 j = i; j > 0 && vm.addr(_keys[j - 1]) > vm.addr(_keys[j]); --j) {
                (_keys[j - 1], _keys[j]) = (_keys[j], _keys[j - 1]);
            }
        }
        return _keys;
    }
}

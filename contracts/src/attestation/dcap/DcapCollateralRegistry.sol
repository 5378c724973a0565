// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCertificateRegistry } from "../../interfaces/attestation/IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "../../interfaces/attestation/IDcapCollateralRegistry.sol";
import { DcapSignature } from "./lib/DcapSignature.sol";
import { PcsCollateral } from "./lib/PcsCollateral.sol";

/// @title DcapCollateralRegistry
/// @notice Intel-signed TCB Info and quoting-enclave identities on-chain, submitted by anyone,
///         accepted only under the TCB Signing key that `CERTIFICATES` vouches for (chained to the
///         pinned Intel SGX Root CA), within their validity, and only when newer than what is held.
/// @dev Immutable and without an administrator, like `DcapCertificateRegistry`.
contract DcapCollateralRegistry is IDcapCollateralRegistry {
    // ───────────────────────────────────────── immutables and storage

    /// @notice Where the TCB Signing key comes from.
    IDcapCertificateRegistry internal immutable CERTIFICATES;

    mapping(TcbId id => mapping(bytes6 fmspc => TcbInfo)) internal _tcbInfos;
    mapping(QeId id => EnclaveIdentity) internal _identities;

    // ───────────────────────────────────────── constructor

    constructor(IDcapCertificateRegistry _certificates) {
        CERTIFICATES = _certificates;
    }

    // ───────────────────────────────────────── submissions

    /// @inheritdoc IDcapCollateralRegistry
    function submitTcbInfo(bytes calldata _body, bytes calldata _signature) external {
        bytes32 contentHash = _checkSignature(_body, _signature);
        TcbInfo memory info = PcsCollateral.parseTcbInfo(_body);
        _checkWindow(info.issueDate, info.nextUpdate);
        TcbInfo storage held = _tcbInfos[info.id][info.fmspc];
        _checkNewer(held.tcbEvaluationDataNumber, held.issueDate, info.tcbEvaluationDataNumber, info.issueDate);

        held.id = info.id;
        held.fmspc = info.fmspc;
        held.pceId = info.pceId;
        held.tcbEvaluationDataNumber = info.tcbEvaluationDataNumber;
        held.issueDate = info.issueDate;
        held.nextUpdate = info.nextUpdate;
        held.contentHash = contentHash;
        held.tdxModule = info.tdxModule;
        delete held.tcbLevels;
        for (uint256 i; i < info.tcbLevels.length; ++i) held.tcbLevels.push(info.tcbLevels[i]);
        delete held.tdxModuleIdentities;
        for (uint256 i; i < info.tdxModuleIdentities.length; ++i) {
            TdxModuleIdentity memory identity = info.tdxModuleIdentities[i];
            TdxModuleIdentity storage stored = held.tdxModuleIdentities.push();
            stored.version = identity.version;
            stored.module = identity.module;
            for (uint256 j; j < identity.tcbLevels.length; ++j) stored.tcbLevels.push(identity.tcbLevels[j]);
        }
        emit TcbInfoUpdated(
            info.id,
            info.fmspc,
            info.tcbEvaluationDataNumber,
            info.issueDate,
            info.nextUpdate,
            contentHash
        );
    }

    /// @inheritdoc IDcapCollateralRegistry
    function submitEnclaveIdentity(bytes calldata _body, bytes calldata _signature) external {
        bytes32 contentHash = _checkSignature(_body, _signature);
        EnclaveIdentity memory identity = PcsCollateral.parseEnclaveIdentity(_body);
        _checkWindow(identity.issueDate, identity.nextUpdate);
        EnclaveIdentity storage held = _identities[identity.id];
        _checkNewer(held.tcbEvaluationDataNumber, held.issueDate, identity.tcbEvaluationDataNumber, identity.issueDate);

        held.id = identity.id;
        held.tcbEvaluationDataNumber = identity.tcbEvaluationDataNumber;
        held.issueDate = identity.issueDate;
        held.nextUpdate = identity.nextUpdate;
        held.miscselect = identity.miscselect;
        held.miscselectMask = identity.miscselectMask;
        held.attributes = identity.attributes;
        held.attributesMask = identity.attributesMask;
        held.mrSigner = identity.mrSigner;
        held.isvProdId = identity.isvProdId;
        held.contentHash = contentHash;
        delete held.tcbLevels;
        for (uint256 i; i < identity.tcbLevels.length; ++i) held.tcbLevels.push(identity.tcbLevels[i]);
        emit EnclaveIdentityUpdated(
            identity.id,
            identity.tcbEvaluationDataNumber,
            identity.issueDate,
            identity.nextUpdate,
            contentHash
        );
    }

    // ───────────────────────────────────────── views

    /// @inheritdoc IDcapCollateralRegistry
    function tcbInfo(TcbId _id, bytes6 _fmspc) external view returns (TcbInfo memory info_) {
        return _tcbInfos[_id][_fmspc];
    }

    /// @inheritdoc IDcapCollateralRegistry
    function enclaveIdentity(QeId _id) external view returns (EnclaveIdentity memory identity_) {
        return _identities[_id];
    }

    /// @inheritdoc IDcapCollateralRegistry
    function certificates() external view returns (IDcapCertificateRegistry certificates_) {
        return CERTIFICATES;
    }

    /// @inheritdoc IDcapCollateralRegistry
    function version() external pure returns (string memory version_) {
        return "1.0.0";
    }

    // ───────────────────────────────────────── internal

    /// @dev Verifies Intel's signature over the exact body; returns the body's sha256.
    function _checkSignature(bytes calldata _body, bytes calldata _signature) internal view returns (bytes32 digest_) {
        if (_signature.length != 64) revert DcapCollateralRegistry_InvalidSignature();
        (bytes32 x, bytes32 y) = CERTIFICATES.tcbSigningKey();
        digest_ = sha256(_body);
        if (!DcapSignature.verify(digest_, bytes32(_signature[0:32]), bytes32(_signature[32:64]), x, y)) {
            revert DcapCollateralRegistry_InvalidSignature();
        }
    }

    function _checkWindow(uint64 _issueDate, uint64 _nextUpdate) internal view {
        if (block.timestamp < _issueDate) revert DcapCollateralRegistry_NotYetValid(_issueDate);
        if (block.timestamp >= _nextUpdate) revert DcapCollateralRegistry_Expired(_nextUpdate);
    }

    function _checkNewer(uint32 _heldNumber, uint64 _heldIssueDate, uint32 _number, uint64 _issueDate) internal pure {
        if (_number < _heldNumber || (_number == _heldNumber && _issueDate <= _heldIssueDate)) {
            revert DcapCollateralRegistry_NotNewer(_heldNumber, _heldIssueDate);
        }
    }
}

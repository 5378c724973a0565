// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "../../../interfaces/attestation/IAttestationVerifier.sol";
import { IDcapCollateralRegistry } from "../../../interfaces/attestation/IDcapCollateralRegistry.sol";

/// @title DcapTcb
/// @notice TCB status evaluation as Intel's Quote Verification Library does it: the platform's TCB
///         level from TCB Info, the TDX module's from its identity, the quoting enclave's from its
///         identity, converged into one status.
library DcapTcb {
    /// @notice The quoting enclave's MRSIGNER, ISVPRODID, MISCSELECT or ATTRIBUTES differ from Intel's identity.
    error DcapTcb_QeIdentityMismatch();
    /// @notice No TCB level of the TCB info (or of the TDX module identity) matches the platform.
    error DcapTcb_TcbLevelNotFound();
    /// @notice The TCB info has no identity for the TDX module version the quote reports.
    error DcapTcb_TdxModuleNotFound(uint8 moduleVersion);
    /// @notice The TDX module's MRSIGNERSEAM or SEAM attributes differ from Intel's.
    error DcapTcb_TdxModuleMismatch();

    /// @notice The QE report fields an identity is checked against.
    struct QeReport {
        bytes4 miscSelect;
        bytes16 attributes;
        bytes32 mrSigner;
        uint16 isvProdId;
        uint16 isvSvn;
    }

    /// @notice The TD report fields the TDX evaluation uses.
    struct TdTcb {
        bytes16 teeTcbSvn;
        bytes32 mrSignerSeamHigh;
        bytes16 mrSignerSeamLow;
        bytes8 seamAttributes;
    }

    /// @notice The QE's status: its identity must match, then the first level (newest first) whose
    ///         ISV SVN it meets; `Revoked` if it meets none.
    function qeStatus(
        QeReport memory _qe,
        IDcapCollateralRegistry.EnclaveIdentity memory _identity
    ) internal pure returns (IAttestationVerifier.TcbStatus) {
        if (
            _qe.mrSigner != _identity.mrSigner ||
            _qe.isvProdId != _identity.isvProdId ||
            _qe.miscSelect & _identity.miscselectMask != _identity.miscselect & _identity.miscselectMask ||
            _qe.attributes & _identity.attributesMask != _identity.attributes & _identity.attributesMask
        ) revert DcapTcb_QeIdentityMismatch();
        return _isvStatus(_identity.tcbLevels, _qe.isvSvn, true);
    }

    /// @notice The platform status: the first TCB level whose SGX components and PCESVN the PCK
    ///         certificate meets and, for TDX, whose TDX components TEE_TCB_SVN meets (bytes 0-1,
    ///         the module's SVN and version, skipped when the version byte is set).
    function platformStatus(
        IDcapCollateralRegistry.TcbInfo memory _info,
        bytes16 _pckComponents,
        uint16 _pckPceSvn,
        bool _tdx,
        bytes16 _teeTcbSvn
    ) internal pure returns (IAttestationVerifier.TcbStatus) {
        uint256 tdxFrom = _tdx && _teeTcbSvn[1] != 0 ? 2 : 0;
        for (uint256 i; i < _info.tcbLevels.length; ++i) {
            IDcapCollateralRegistry.TcbLevel memory level = _info.tcbLevels[i];
            if (
                _pckPceSvn >= level.pceSvn &&
                _meets(_pckComponents, level.sgxComponents, 0) &&
                (!_tdx || _meets(_teeTcbSvn, level.tdxComponents, tdxFrom))
            ) return level.status;
        }
        revert DcapTcb_TcbLevelNotFound();
    }

    /// @notice The TDX module's status: identity `TDX_<version>` (TEE_TCB_SVN byte 1) and its first
    ///         level whose ISV SVN byte 0 meets; a version 0 module is checked against `tdxModule`
    ///         and has no status of its own (`UpToDate`).
    function tdxModuleStatus(
        IDcapCollateralRegistry.TcbInfo memory _info,
        TdTcb memory _td
    ) internal pure returns (IAttestationVerifier.TcbStatus status_) {
        uint8 moduleVersion = uint8(_td.teeTcbSvn[1]);
        IDcapCollateralRegistry.TdxModule memory expected = _info.tdxModule;
        status_ = IAttestationVerifier.TcbStatus.UpToDate;
        if (moduleVersion != 0) {
            uint256 i;
            while (i < _info.tdxModuleIdentities.length && _info.tdxModuleIdentities[i].version != moduleVersion) ++i;
            if (i == _info.tdxModuleIdentities.length) revert DcapTcb_TdxModuleNotFound(moduleVersion);
            expected = _info.tdxModuleIdentities[i].module;
            status_ = _isvStatus(_info.tdxModuleIdentities[i].tcbLevels, uint8(_td.teeTcbSvn[0]), false);
        }
        if (
            _td.mrSignerSeamHigh != expected.mrSignerHigh ||
            _td.mrSignerSeamLow != expected.mrSignerLow ||
            _td.seamAttributes & expected.attributesMask != expected.attributes & expected.attributesMask
        ) revert DcapTcb_TdxModuleMismatch();
    }

    /// @notice Intel's convergence of the platform status with an enclave's (QE or TDX module):
    ///         Revoked wins; OutOfDate turns UpToDate/SWHardeningNeeded into OutOfDate and the
    ///         configuration statuses into OutOfDateConfigurationNeeded.
    function converge(
        IAttestationVerifier.TcbStatus _platform,
        IAttestationVerifier.TcbStatus _other
    ) internal pure returns (IAttestationVerifier.TcbStatus) {
        if (_other == IAttestationVerifier.TcbStatus.Revoked) return IAttestationVerifier.TcbStatus.Revoked;
        if (_other == IAttestationVerifier.TcbStatus.OutOfDate) {
            if (
                _platform == IAttestationVerifier.TcbStatus.UpToDate ||
                _platform == IAttestationVerifier.TcbStatus.SWHardeningNeeded
            ) return IAttestationVerifier.TcbStatus.OutOfDate;
            if (
                _platform == IAttestationVerifier.TcbStatus.ConfigurationNeeded ||
                _platform == IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded
            ) return IAttestationVerifier.TcbStatus.OutOfDateConfigurationNeeded;
        }
        return _platform;
    }

    /// @dev Whether every component from `_from` of `_have` is at least the level's.
    function _meets(bytes16 _have, bytes16 _level, uint256 _from) private pure returns (bool) {
        for (uint256 i = _from; i < 16; ++i) {
            if (uint8(_have[i]) < uint8(_level[i])) return false;
        }
        return true;
    }

    /// @dev First level (newest first) with `isvSvn <= _svn`; none: `Revoked` for a QE (Intel's QVL),
    ///      no match for a TDX module.
    function _isvStatus(
        IDcapCollateralRegistry.IsvTcbLevel[] memory _levels,
        uint256 _svn,
        bool _qe
    ) private pure returns (IAttestationVerifier.TcbStatus) {
        for (uint256 i; i < _levels.length; ++i) {
            if (_svn >= _levels[i].isvSvn) return _levels[i].status;
        }
        if (_qe) return IAttestationVerifier.TcbStatus.Revoked;
        revert DcapTcb_TcbLevelNotFound();
    }
}

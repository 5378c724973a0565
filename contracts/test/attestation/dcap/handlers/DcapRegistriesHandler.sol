// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { CommonBase } from "forge-std/Base.sol";
import { StdUtils } from "forge-std/StdUtils.sol";
import { IDcapCertificateRegistry } from "../../../../src/interfaces/attestation/IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "../../../../src/interfaces/attestation/IDcapCollateralRegistry.sol";

/// @notice Submits real Intel certificates, CRLs, TCB infos and QE identities from several months
///         of 2025, in random order at random times, as anyone could; remembers what it saw.
contract DcapRegistriesHandler is CommonBase, StdUtils {
    IDcapCertificateRegistry public immutable CERTIFICATES;
    IDcapCollateralRegistry public immutable COLLATERAL;

    bytes[] internal rootCrls;
    bytes[] internal certificates;
    bytes[] internal pckCrls;
    bytes[] internal tcbInfos;
    bytes[] internal tcbInfoSignatures;
    bytes[] internal qeIdentities;
    bytes[] internal qeIdentitySignatures;

    /// Accepted submissions whose validity window did not contain the block time.
    uint256 public windowViolations;
    /// Accepted submissions that were not newer than what the registry held before.
    uint256 public rollbacks;
    uint256 public accepted;
    uint256 public refused;

    constructor(IDcapCertificateRegistry _certificates, IDcapCollateralRegistry _collateral) {
        CERTIFICATES = _certificates;
        COLLATERAL = _collateral;
    }

    function addRootCrl(bytes calldata _der) external {
        rootCrls.push(_der);
    }

    function addCertificate(bytes calldata _der) external {
        certificates.push(_der);
    }

    function addPckCrl(bytes calldata _der) external {
        pckCrls.push(_der);
    }

    function addTcbInfo(bytes calldata _body, bytes calldata _signature) external {
        tcbInfos.push(_body);
        tcbInfoSignatures.push(_signature);
    }

    function addQeIdentity(bytes calldata _body, bytes calldata _signature) external {
        qeIdentities.push(_body);
        qeIdentitySignatures.push(_signature);
    }

    // ───────────────────────────────────────── actions

    /// @notice Moves the clock, backwards too (a registry must not care), to within a day of a
    ///         moment when some of the items are current: both root CRLs (2025-03-25), both TCB
    ///         Signing issues (2025-05-10), and INDEX.md's June, July, August and October sets.
    function warp(uint256 _moment, uint256 _offset) external {
        uint32[6] memory moments = [
            1_742_860_800,
            1_746_835_200,
            1_749_095_100,
            1_752_000_000,
            1_755_236_700,
            1_761_289_818
        ];
        vm.warp(moments[_moment % moments.length] + bound(_offset, 0, 1 days));
    }

    function submitRootCrl(uint256 _which) external {
        _submitCrl(rootCrls[_which % rootCrls.length], IDcapCertificateRegistry.CertificateRole.RootCa);
    }

    function submitPckCrl(uint256 _which) external {
        _submitCrl(pckCrls[_which % pckCrls.length], IDcapCertificateRegistry.CertificateRole.PckPlatformCa);
    }

    function submitCertificate(uint256 _which) external {
        bytes memory der = certificates[_which % certificates.length];
        uint64[4] memory before;
        for (uint256 r = 1; r < 4; ++r)
            before[r] = CERTIFICATES.certificate(IDcapCertificateRegistry.CertificateRole(r)).notBefore;
        try CERTIFICATES.submitCertificate(der) {
            ++accepted;
            for (uint256 r = 1; r < 4; ++r) {
                IDcapCertificateRegistry.CertificateRecord memory held = CERTIFICATES.certificate(
                    IDcapCertificateRegistry.CertificateRole(r)
                );
                if (held.certificateHash != keccak256(der)) continue;
                if (held.notBefore <= before[r]) ++rollbacks;
                if (block.timestamp < held.notBefore || block.timestamp > held.notAfter) ++windowViolations;
            }
        } catch {
            ++refused;
        }
    }

    function submitTcbInfo(uint256 _which) external {
        uint256 i = _which % tcbInfos.length;
        IDcapCollateralRegistry.TcbInfo memory before = COLLATERAL.tcbInfo(
            IDcapCollateralRegistry.TcbId.Tdx,
            bytes6(0x00806f050000)
        );
        try COLLATERAL.submitTcbInfo(tcbInfos[i], tcbInfoSignatures[i]) {
            ++accepted;
            IDcapCollateralRegistry.TcbInfo memory held = COLLATERAL.tcbInfo(
                IDcapCollateralRegistry.TcbId.Tdx,
                bytes6(0x00806f050000)
            );
            _checkNewer(before.tcbEvaluationDataNumber, before.issueDate, held.tcbEvaluationDataNumber, held.issueDate);
            _checkWindow(held.issueDate, held.nextUpdate);
        } catch {
            ++refused;
        }
    }

    function submitQeIdentity(uint256 _which) external {
        uint256 i = _which % qeIdentities.length;
        IDcapCollateralRegistry.EnclaveIdentity memory before = COLLATERAL.enclaveIdentity(
            IDcapCollateralRegistry.QeId.Qe
        );
        try COLLATERAL.submitEnclaveIdentity(qeIdentities[i], qeIdentitySignatures[i]) {
            ++accepted;
            IDcapCollateralRegistry.EnclaveIdentity memory held = COLLATERAL.enclaveIdentity(
                IDcapCollateralRegistry.QeId.Qe
            );
            _checkNewer(before.tcbEvaluationDataNumber, before.issueDate, held.tcbEvaluationDataNumber, held.issueDate);
            _checkWindow(held.issueDate, held.nextUpdate);
        } catch {
            ++refused;
        }
    }

    // ───────────────────────────────────────── helpers

    function _submitCrl(bytes memory _der, IDcapCertificateRegistry.CertificateRole _issuer) internal {
        uint64 before = CERTIFICATES.crl(_issuer).thisUpdate;
        try CERTIFICATES.submitCrl(_der) {
            ++accepted;
            IDcapCertificateRegistry.CrlRecord memory held = CERTIFICATES.crl(_issuer);
            if (held.thisUpdate <= before) ++rollbacks;
            if (block.timestamp < held.thisUpdate || block.timestamp >= held.nextUpdate) ++windowViolations;
        } catch {
            ++refused;
        }
    }

    function _checkNewer(uint32 _oldNumber, uint64 _oldIssue, uint32 _number, uint64 _issue) internal {
        if (_number < _oldNumber || (_number == _oldNumber && _issue <= _oldIssue)) ++rollbacks;
    }

    function _checkWindow(uint64 _issueDate, uint64 _nextUpdate) internal {
        if (block.timestamp < _issueDate || block.timestamp >= _nextUpdate) ++windowViolations;
    }
}

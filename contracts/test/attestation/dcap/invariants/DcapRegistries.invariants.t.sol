// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCertificateRegistry } from "../../../../src/interfaces/attestation/IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "../../../../src/interfaces/attestation/IDcapCollateralRegistry.sol";
import { DcapTestBase } from "../DcapTestBase.sol";
import { DcapRegistriesHandler } from "../handlers/DcapRegistriesHandler.sol";

/// @title DCAP registries invariants
/// @notice Properties that hold whatever real Intel items anyone submits, in any order, at any time:
///         1. nothing is accepted outside its validity at the block time;
///         2. what a registry holds never goes back: CRLs by thisUpdate, certificates by notBefore,
///            TCB info and QE identity by (TCB evaluation data number, issue date);
///         3. the pinned root never changes;
///         4. everything held was signed under the pinned root (a held CRL or collateral item is
///            one of Intel's, never a modified copy: its hash is one of the fixtures').
contract DcapRegistriesInvariants is DcapTestBase {
    DcapRegistriesHandler internal handler;
    bytes32 internal rootHash;
    mapping(bytes32 contentHash => bool) internal intelItems;

    function setUp() public override {
        super.setUp();
        _deploy();
        vm.warp(1_749_095_100); // INDEX.md S2: the June 2025 items are current
        handler = new DcapRegistriesHandler(certificates, collateral);
        rootHash = certificates.certificate(IDcapCertificateRegistry.CertificateRole.RootCa).certificateHash;

        handler.addRootCrl(_known(_file("crl/intel-root-ca-crl-2025-03-20.der")));
        handler.addRootCrl(_known(_file("crl/intel-root-ca-crl-2024-03-20-expired.der")));
        handler.addCertificate(_file("certs/intel-sgx-pck-platform-ca.der"));
        handler.addCertificate(_file("certs/intel-sgx-tcb-signing-2025.der"));
        handler.addCertificate(_file("certs/intel-sgx-tcb-signing-2018-expired.der"));
        handler.addPckCrl(_known(_file("crl/pck-platform-crl-2025-06-04.der")));
        handler.addPckCrl(_known(_file("crl/pck-platform-crl-2025-07-07.der")));
        handler.addPckCrl(_known(_file("crl/pck-platform-crl-2025-08-15.der")));
        handler.addPckCrl(_known(_file("crl/pck-platform-crl-2025-10-13.der")));
        string[3] memory tdx = ["automata-2025-06", "automata-2025-07-solana", "automata-2025-10"];
        for (uint256 i; i < tdx.length; ++i) {
            (bytes memory body, bytes memory signature) = _pcs(
                string.concat("collateral/", tdx[i], "/tcbinfo-v3-tdx-00806f050000.json")
            );
            intelItems[sha256(body)] = true;
            handler.addTcbInfo(body, signature);
        }
        string[3] memory qe = [
            "automata-2025-06/qe-identity-sgx-qe.json",
            "automata-pccs-2025-06/qe-identity-sgx-qe-eval19.json",
            "automata-2025-08/qe-identity-sgx-qe.json"
        ];
        for (uint256 i; i < qe.length; ++i) {
            (bytes memory body, bytes memory signature) = _pcs(string.concat("collateral/", qe[i]));
            intelItems[sha256(body)] = true;
            handler.addQeIdentity(body, signature);
        }
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = DcapRegistriesHandler.warp.selector;
        selectors[1] = DcapRegistriesHandler.submitRootCrl.selector;
        selectors[2] = DcapRegistriesHandler.submitPckCrl.selector;
        selectors[3] = DcapRegistriesHandler.submitCertificate.selector;
        selectors[4] = DcapRegistriesHandler.submitTcbInfo.selector;
        selectors[5] = DcapRegistriesHandler.submitQeIdentity.selector;
        targetSelector(FuzzSelector({ addr: address(handler), selectors: selectors }));
    }

    /// hardhat-config: invariant.runs = 24
    /// hardhat-config: invariant.depth = 32
    function invariant_nothingAcceptedOutsideItsValidity() public view {
        assertEq(handler.windowViolations(), 0);
    }

    /// hardhat-config: invariant.runs = 24
    /// hardhat-config: invariant.depth = 32
    function invariant_heldCollateralNeverGoesBack() public view {
        assertEq(handler.rollbacks(), 0);
    }

    /// hardhat-config: invariant.runs = 24
    /// hardhat-config: invariant.depth = 32
    function invariant_rootIsPinned() public view {
        assertEq(certificates.certificate(IDcapCertificateRegistry.CertificateRole.RootCa).certificateHash, rootHash);
    }

    /// hardhat-config: invariant.runs = 24
    /// hardhat-config: invariant.depth = 32
    function invariant_everythingHeldIsIntels() public view {
        for (uint256 r; r < 3; ++r) {
            IDcapCertificateRegistry.CrlRecord memory held = certificates.crl(
                IDcapCertificateRegistry.CertificateRole(r)
            );
            if (held.generation != 0) assertTrue(intelItems[held.crlHash], "CRL");
        }
        bytes32 tcb = collateral.tcbInfo(IDcapCollateralRegistry.TcbId.Tdx, bytes6(0x00806f050000)).contentHash;
        if (tcb != bytes32(0)) assertTrue(intelItems[tcb], "TCB info");
        bytes32 qe = collateral.enclaveIdentity(IDcapCollateralRegistry.QeId.Qe).contentHash;
        if (qe != bytes32(0)) assertTrue(intelItems[qe], "QE identity");
    }

    /// @notice The handler's actions reach the registries (the invariants are not vacuous).
    function test_handler_acceptsIntelItems_succeeds() public {
        handler.submitRootCrl(0);
        handler.submitCertificate(0);
        handler.submitCertificate(1);
        handler.submitPckCrl(0);
        handler.submitTcbInfo(0);
        handler.submitQeIdentity(0);
        assertEq(handler.accepted(), 6);
        handler.submitQeIdentity(0); // not newer
        assertEq(handler.refused(), 1);
    }

    function _known(bytes memory _der) internal returns (bytes memory) {
        intelItems[keccak256(_der)] = true;
        return _der;
    }
}

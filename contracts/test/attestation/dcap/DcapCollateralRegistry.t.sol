// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCertificateRegistry } from "../../../src/interfaces/attestation/IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "../../../src/interfaces/attestation/IDcapCollateralRegistry.sol";
import { PcsCollateral } from "../../../src/attestation/dcap/lib/PcsCollateral.sol";
import { DcapTestBase } from "./DcapTestBase.sol";

/// @notice DcapCollateralRegistry with Intel's real TCB info and QE identities: acceptance rules,
///         refusals, and the on-chain JSON parser checked against forge's JSON parser on every
///         collateral fixture.
contract DcapCollateralRegistryTest is DcapTestBase {
    uint64 internal constant S1_TCB_ISSUE = 1_755_234_498; // 2025-08-15T05:08:18Z
    uint64 internal constant S1_TCB_NEXT = 1_757_826_498; // 2025-09-14T05:08:18Z
    uint64 internal constant S1_QE_NEXT = 1_757_824_606; // 2025-09-14T04:36:46Z

    // ───────────────────────────────────────── submissions

    function test_submitTcbInfo_sgx_succeeds() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.expectEmit(address(collateral));
        emit IDcapCollateralRegistry.TcbInfoUpdated(
            IDcapCollateralRegistry.TcbId.Sgx,
            bytes6(0x00606a000000),
            17,
            S1_TCB_ISSUE,
            S1_TCB_NEXT,
            sha256(s.collateral.tcbInfo)
        );
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
        IDcapCollateralRegistry.TcbInfo memory info = collateral.tcbInfo(
            IDcapCollateralRegistry.TcbId.Sgx,
            bytes6(0x00606a000000)
        );
        _assertTcbInfo(info, string(s.collateral.tcbInfo));
        assertEq(info.contentHash, sha256(s.collateral.tcbInfo));
        assertEq(collateral.version(), "1.0.0");
        assertEq(address(collateral.certificates()), address(certificates));
    }

    function test_submitTcbInfo_tdx_succeeds() public {
        Scenario memory s = _s2();
        _installCertificates(s);
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
        _assertTcbInfo(
            collateral.tcbInfo(IDcapCollateralRegistry.TcbId.Tdx, bytes6(0x00806f050000)),
            string(s.collateral.tcbInfo)
        );
    }

    function test_submitTcbInfo_replacesWithNewer_succeeds() public {
        // Same FMSPC, eval number 17 both times, later issue date (2025-06 then 2025-07 set).
        Scenario memory june = _s2();
        Scenario memory july = _s4();
        _installCertificates(june);
        collateral.submitTcbInfo(june.collateral.tcbInfo, june.collateral.tcbInfoSignature);
        vm.warp(july.time);
        collateral.submitTcbInfo(july.collateral.tcbInfo, july.collateral.tcbInfoSignature);
        IDcapCollateralRegistry.TcbInfo memory info = collateral.tcbInfo(
            IDcapCollateralRegistry.TcbId.Tdx,
            bytes6(0x00806f050000)
        );
        assertEq(info.contentHash, sha256(july.collateral.tcbInfo));
        _assertTcbInfo(info, string(july.collateral.tcbInfo));
    }

    function test_submitEnclaveIdentity_succeeds() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.expectEmit(address(collateral));
        emit IDcapCollateralRegistry.EnclaveIdentityUpdated(
            IDcapCollateralRegistry.QeId.Qe,
            17,
            1_755_232_606,
            S1_QE_NEXT,
            sha256(s.collateral.qeIdentity)
        );
        collateral.submitEnclaveIdentity(s.collateral.qeIdentity, s.collateral.qeIdentitySignature);
        _assertIdentity(collateral.enclaveIdentity(IDcapCollateralRegistry.QeId.Qe), string(s.collateral.qeIdentity));
    }

    function test_submitEnclaveIdentity_higherEvaluationNumber_succeeds() public {
        (bytes memory eval17, bytes memory sig17) = _pcs("collateral/automata-2025-06/qe-identity-sgx-qe.json");
        (bytes memory eval19, bytes memory sig19) = _pcs(
            "collateral/automata-pccs-2025-06/qe-identity-sgx-qe-eval19.json"
        );
        _installCertificates(_s2()); // 2025-06-05: both identities are current
        collateral.submitEnclaveIdentity(eval17, sig17);
        // Eval 19 was issued a day before eval 17 but is the newer TCB evaluation.
        collateral.submitEnclaveIdentity(eval19, sig19);
        assertEq(collateral.enclaveIdentity(IDcapCollateralRegistry.QeId.Qe).tcbEvaluationDataNumber, 19);
    }

    // ───────────────────────────────────────── refusals

    function test_submitTcbInfo_flippedSignatureBit_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.expectRevert(IDcapCollateralRegistry.DcapCollateralRegistry_InvalidSignature.selector);
        collateral.submitTcbInfo(s.collateral.tcbInfo, _flip(s.collateral.tcbInfoSignature, 10, 0x01));
    }

    function test_submitTcbInfo_flippedBodyBit_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        // "pcesvn":13 → "pcesvn":12 somewhere would be a real downgrade; any flipped bit is refused.
        vm.expectRevert(IDcapCollateralRegistry.DcapCollateralRegistry_InvalidSignature.selector);
        collateral.submitTcbInfo(_flip(s.collateral.tcbInfo, 300, 0x01), s.collateral.tcbInfoSignature);
    }

    function test_submitTcbInfo_shortSignature_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.expectRevert(IDcapCollateralRegistry.DcapCollateralRegistry_InvalidSignature.selector);
        collateral.submitTcbInfo(s.collateral.tcbInfo, new bytes(63));
    }

    function test_submitEnclaveIdentity_flippedSignatureBit_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.expectRevert(IDcapCollateralRegistry.DcapCollateralRegistry_InvalidSignature.selector);
        collateral.submitEnclaveIdentity(s.collateral.qeIdentity, _flip(s.collateral.qeIdentitySignature, 40, 0x80));
    }

    function test_submitTcbInfo_expired_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.warp(S1_TCB_NEXT);
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCollateralRegistry.DcapCollateralRegistry_Expired.selector, S1_TCB_NEXT)
        );
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
    }

    function test_submitTcbInfo_notYetValid_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.warp(S1_TCB_ISSUE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCollateralRegistry.DcapCollateralRegistry_NotYetValid.selector, S1_TCB_ISSUE)
        );
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
    }

    function test_submitEnclaveIdentity_expired_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        vm.warp(S1_QE_NEXT);
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCollateralRegistry.DcapCollateralRegistry_Expired.selector, S1_QE_NEXT)
        );
        collateral.submitEnclaveIdentity(s.collateral.qeIdentity, s.collateral.qeIdentitySignature);
    }

    function test_submitTcbInfo_sameTwice_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
        vm.expectRevert(
            abi.encodeWithSelector(IDcapCollateralRegistry.DcapCollateralRegistry_NotNewer.selector, 17, S1_TCB_ISSUE)
        );
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
    }

    function test_submitEnclaveIdentity_lowerEvaluationNumber_reverts() public {
        (bytes memory eval17, bytes memory sig17) = _pcs("collateral/automata-2025-06/qe-identity-sgx-qe.json");
        (bytes memory eval19, bytes memory sig19) = _pcs(
            "collateral/automata-pccs-2025-06/qe-identity-sgx-qe-eval19.json"
        );
        _installCertificates(_s2());
        collateral.submitEnclaveIdentity(eval19, sig19);
        // Eval 17 has the later issue date but is an older TCB evaluation: a rollback, refused.
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCollateralRegistry.DcapCollateralRegistry_NotNewer.selector,
                19,
                1_748_929_689 // 2025-06-03T05:48:09Z
            )
        );
        collateral.submitEnclaveIdentity(eval17, sig17);
    }

    function test_submitTcbInfo_withoutSigningCertificate_reverts() public {
        Scenario memory s = _s1();
        _deploy();
        vm.warp(s.time);
        certificates.submitCrl(s.collateral.rootCrl);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDcapCertificateRegistry.DcapCertificateRegistry_CertificateMissing.selector,
                IDcapCertificateRegistry.CertificateRole.TcbSigning
            )
        );
        collateral.submitTcbInfo(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
    }

    function test_submitTcbInfo_v2_reverts() public {
        (bytes memory body, bytes memory signature) = _pcs(
            "collateral/automata-2025-06/tcbinfo-v2-sgx-00606a000000.json"
        );
        _installCertificates(_s2());
        // Intel-signed, but TCB Info v2 is deprecated: the parser refuses its version.
        vm.expectPartialRevert(PcsCollateral.PcsCollateral_Unsupported.selector);
        collateral.submitTcbInfo(body, signature);
    }

    function test_submitEnclaveIdentity_tcbInfoAsIdentity_reverts() public {
        Scenario memory s = _s1();
        _installCertificates(s);
        // Signed by Intel, but a TCB info: its id "SGX" (at offset 7) is no enclave identity.
        vm.expectRevert(abi.encodeWithSelector(PcsCollateral.PcsCollateral_Unsupported.selector, 7));
        collateral.submitEnclaveIdentity(s.collateral.tcbInfo, s.collateral.tcbInfoSignature);
    }

    // ───────────────────────────────────────── the JSON parser against forge's, on every fixture

    function test_parseTcbInfo_everyFixture_succeeds() public view {
        string[6] memory files = [
            "collateral/automata-2025-05-solana/tcbinfo-v3-sgx-00a067110000.json",
            "collateral/automata-2025-06/tcbinfo-v3-tdx-00806f050000.json",
            "collateral/automata-2025-06/tcbinfo-v3-tdx-90c06f000000.json",
            "collateral/automata-2025-07-solana/tcbinfo-v3-tdx-00806f050000.json",
            "collateral/automata-2025-08/tcbinfo-v3-sgx-00606a000000.json",
            "collateral/automata-2025-10/tcbinfo-v3-tdx-00806f050000.json"
        ];
        for (uint256 i; i < files.length; ++i) {
            (bytes memory body, ) = _pcs(files[i]);
            _assertTcbInfo(harness.parseTcbInfo(body), string(body));
        }
        string[4] memory bundles = [
            "sgx-v3-quote-phala-00a067",
            "tdx-v4-quote-phala-b0c06f",
            "tdx-v4-quote-phala-near-20a06f",
            "tdx-v5-quote-phala-outdated-90c06f"
        ];
        for (uint256 i; i < bundles.length; ++i) {
            bytes memory body = _bundle(bundles[i]).tcbInfo;
            _assertTcbInfo(harness.parseTcbInfo(body), string(body));
        }
    }

    function test_parseEnclaveIdentity_everyFixture_succeeds() public view {
        string[6] memory files = [
            "collateral/automata-2025-06/qe-identity-sgx-qe.json",
            "collateral/automata-2025-06/qe-identity-td-qe.json",
            "collateral/automata-2025-07-solana/qe-identity-td-qe.json",
            "collateral/automata-2025-08/qe-identity-sgx-qe.json",
            "collateral/automata-2025-10/qe-identity-td-qe.json",
            "collateral/automata-pccs-2025-06/qe-identity-sgx-qe-eval19.json"
        ];
        for (uint256 i; i < files.length; ++i) {
            (bytes memory body, ) = _pcs(files[i]);
            _assertIdentity(harness.parseEnclaveIdentity(body), string(body));
        }
        string[4] memory bundles = [
            "sgx-v3-quote-phala-00a067",
            "tdx-v4-quote-phala-b0c06f",
            "tdx-v4-quote-phala-near-20a06f",
            "tdx-v5-quote-phala-outdated-90c06f"
        ];
        for (uint256 i; i < bundles.length; ++i) {
            bytes memory body = _bundle(bundles[i]).qeIdentity;
            _assertIdentity(harness.parseEnclaveIdentity(body), string(body));
        }
    }

    function test_parseTcbInfo_malformed_reverts() public {
        vm.expectPartialRevert(PcsCollateral.PcsCollateral_MissingField.selector);
        // solhint-disable-next-line quotes
        harness.parseTcbInfo(bytes('{"id":"SGX","version":3}'));
        vm.expectPartialRevert(PcsCollateral.PcsCollateral_DuplicateField.selector);
        // solhint-disable-next-line quotes
        harness.parseTcbInfo(bytes('{"id":"SGX","id":"TDX"}'));
        vm.expectPartialRevert(PcsCollateral.PcsCollateral_Unsupported.selector);
        // solhint-disable-next-line quotes
        harness.parseTcbInfo(bytes('{"id":"SEV"}'));
    }

    // ───────────────────────────────────────── helpers

    function _installCertificates(Scenario memory _s) internal {
        _deploy();
        vm.warp(_s.time);
        certificates.submitCrl(_s.collateral.rootCrl);
        certificates.submitCertificate(_s.collateral.tcbSigning);
    }

    function _assertTcbInfo(IDcapCollateralRegistry.TcbInfo memory _info, string memory _json) internal view {
        bool tdx = _eq(vm.parseJsonString(_json, ".id"), "TDX");
        assertEq(uint8(_info.id), tdx ? 1 : 0, "id");
        assertEq(bytes.concat(_info.fmspc), vm.parseBytes(string.concat("0x", vm.parseJsonString(_json, ".fmspc"))));
        assertEq(bytes.concat(_info.pceId), vm.parseBytes(string.concat("0x", vm.parseJsonString(_json, ".pceId"))));
        assertEq(_info.tcbEvaluationDataNumber, vm.parseJsonUint(_json, ".tcbEvaluationDataNumber"));
        assertEq(_info.issueDate, harness.isoTime(bytes(vm.parseJsonString(_json, ".issueDate"))));
        assertEq(_info.nextUpdate, harness.isoTime(bytes(vm.parseJsonString(_json, ".nextUpdate"))));
        uint256 count = _length(_json, ".tcbLevels");
        assertEq(_info.tcbLevels.length, count, "levels");
        for (uint256 i; i < count; ++i) {
            string memory p = string.concat(".tcbLevels[", vm.toString(i), "]");
            IDcapCollateralRegistry.TcbLevel memory level = _info.tcbLevels[i];
            assertEq(level.pceSvn, vm.parseJsonUint(_json, string.concat(p, ".tcb.pcesvn")), "pcesvn");
            assertEq(uint8(level.status), _status(vm.parseJsonString(_json, string.concat(p, ".tcbStatus"))));
            for (uint256 j; j < 16; ++j) {
                string memory c = string.concat("[", vm.toString(j), "].svn");
                assertEq(
                    uint8(level.sgxComponents[j]),
                    vm.parseJsonUint(_json, string.concat(p, ".tcb.sgxtcbcomponents", c))
                );
                uint256 tdxSvn = tdx ? vm.parseJsonUint(_json, string.concat(p, ".tcb.tdxtcbcomponents", c)) : 0;
                assertEq(uint8(level.tdxComponents[j]), tdxSvn);
            }
        }
        if (!tdx) {
            assertEq(_info.tdxModuleIdentities.length, 0);
            return;
        }
        _assertModule(_info.tdxModule, _json, ".tdxModule");
        uint256 modules = _length(_json, ".tdxModuleIdentities");
        assertEq(_info.tdxModuleIdentities.length, modules, "module identities");
        for (uint256 k; k < modules; ++k) {
            string memory p = string.concat(".tdxModuleIdentities[", vm.toString(k), "]");
            IDcapCollateralRegistry.TdxModuleIdentity memory identity = _info.tdxModuleIdentities[k];
            string memory id = vm.parseJsonString(_json, string.concat(p, ".id"));
            assertEq(bytes(id)[4], bytes("0123456789ABCDEF")[identity.version >> 4]);
            assertEq(bytes(id)[5], bytes("0123456789ABCDEF")[identity.version & 15]);
            _assertModule(identity.module, _json, p);
            _assertIsvLevels(identity.tcbLevels, _json, string.concat(p, ".tcbLevels"));
        }
    }

    function _assertModule(
        IDcapCollateralRegistry.TdxModule memory _module,
        string memory _json,
        string memory _p
    ) internal pure {
        bytes memory signer = vm.parseBytes(
            string.concat("0x", vm.parseJsonString(_json, string.concat(_p, ".mrsigner")))
        );
        assertEq(bytes.concat(_module.mrSignerHigh, _module.mrSignerLow), signer, "module mrsigner");
        assertEq(
            bytes.concat(_module.attributes),
            vm.parseBytes(string.concat("0x", vm.parseJsonString(_json, string.concat(_p, ".attributes"))))
        );
        assertEq(
            bytes.concat(_module.attributesMask),
            vm.parseBytes(string.concat("0x", vm.parseJsonString(_json, string.concat(_p, ".attributesMask"))))
        );
    }

    function _assertIdentity(IDcapCollateralRegistry.EnclaveIdentity memory _id, string memory _json) internal view {
        assertEq(uint8(_id.id), _eq(vm.parseJsonString(_json, ".id"), "TD_QE") ? 1 : 0, "id");
        assertEq(_id.tcbEvaluationDataNumber, vm.parseJsonUint(_json, ".tcbEvaluationDataNumber"));
        assertEq(_id.issueDate, harness.isoTime(bytes(vm.parseJsonString(_json, ".issueDate"))));
        assertEq(_id.nextUpdate, harness.isoTime(bytes(vm.parseJsonString(_json, ".nextUpdate"))));
        assertEq(bytes.concat(_id.miscselect), _hex(_json, ".miscselect"));
        assertEq(bytes.concat(_id.miscselectMask), _hex(_json, ".miscselectMask"));
        assertEq(bytes.concat(_id.attributes), _hex(_json, ".attributes"));
        assertEq(bytes.concat(_id.attributesMask), _hex(_json, ".attributesMask"));
        assertEq(bytes.concat(_id.mrSigner), _hex(_json, ".mrsigner"));
        assertEq(_id.isvProdId, vm.parseJsonUint(_json, ".isvprodid"));
        _assertIsvLevels(_id.tcbLevels, _json, ".tcbLevels");
    }

    function _assertIsvLevels(
        IDcapCollateralRegistry.IsvTcbLevel[] memory _levels,
        string memory _json,
        string memory _p
    ) internal view {
        uint256 count = _length(_json, _p);
        assertEq(_levels.length, count, "ISV levels");
        for (uint256 i; i < count; ++i) {
            string memory p = string.concat(_p, "[", vm.toString(i), "]");
            assertEq(_levels[i].isvSvn, vm.parseJsonUint(_json, string.concat(p, ".tcb.isvsvn")));
            assertEq(uint8(_levels[i].status), _status(vm.parseJsonString(_json, string.concat(p, ".tcbStatus"))));
        }
    }

    function _length(string memory _json, string memory _p) internal view returns (uint256 n_) {
        while (vm.keyExistsJson(_json, string.concat(_p, "[", vm.toString(n_), "]"))) ++n_;
    }

    function _hex(string memory _json, string memory _p) internal pure returns (bytes memory) {
        return vm.parseBytes(string.concat("0x", vm.parseJsonString(_json, _p)));
    }

    function _status(string memory _s) internal pure returns (uint8) {
        string[7] memory names = [
            "UpToDate",
            "SWHardeningNeeded",
            "ConfigurationNeeded",
            "ConfigurationAndSWHardeningNeeded",
            "OutOfDate",
            "OutOfDateConfigurationNeeded",
            "Revoked"
        ];
        for (uint8 i; i < names.length; ++i) if (_eq(_s, names[i])) return i;
        revert("unknown status");
    }

    function _eq(string memory _a, string memory _b) internal pure returns (bool) {
        return keccak256(bytes(_a)) == keccak256(bytes(_b));
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IDcapAttestationVerifier } from "../../../src/interfaces/attestation/IDcapAttestationVerifier.sol";
import { IDcapCertificateRegistry } from "../../../src/interfaces/attestation/IDcapCertificateRegistry.sol";
import { IDcapCollateralRegistry } from "../../../src/interfaces/attestation/IDcapCollateralRegistry.sol";
import { IDcapHarness } from "./harness/IDcapHarness.sol";

/// @notice Shared fixtures of the DCAP tests: the real Intel quotes and collateral of
///         `test-fixtures/dcap/` (INDEX.md), deployment of the registries and verifier, and the
///         verification scenarios of INDEX.md §2 with their pinned times.
/// @dev The DCAP contracts and libraries compile only with viaIR (OpenZeppelin P256, deep
///      parsers), which is slow with solc-js. So these tests compile with the fast legacy
///      pipeline: they import interfaces only, deploy the contracts from their artifacts
///      (`_create`), and reach the libraries through `DcapHarness`. When running one test file,
///      pass `test/attestation/dcap/harness/DcapHarness.t.sol` too so that it is built.
abstract contract DcapTestBase is Test {
    string internal constant FIXTURES = "../test-fixtures/dcap/";

    /// @notice Everything a scenario submits before verifying, in submission order.
    struct Collateral {
        bytes rootCrl;
        bytes pckCa;
        bytes tcbSigning;
        bytes pckCrl;
        bytes tcbInfo;
        bytes tcbInfoSignature;
        bytes qeIdentity;
        bytes qeIdentitySignature;
    }

    /// @notice One verification scenario of INDEX.md §2.
    struct Scenario {
        string quote;
        Collateral collateral;
        uint256 time;
    }

    IDcapHarness internal harness;
    IDcapCertificateRegistry internal certificates;
    IDcapCollateralRegistry internal collateral;
    IDcapAttestationVerifier internal verifier;

    function setUp() public virtual {
        harness = IDcapHarness(_create("DcapHarness", ""));
    }

    /// @dev Deploys an artifact of the default build profile with ABI-encoded constructor
    ///      arguments; a reverting constructor's error is bubbled up.
    function _create(string memory _artifact, bytes memory _args) internal returns (address deployed_) {
        bytes memory code = bytes.concat(vm.getCode(_artifact), _args);
        assembly ("memory-safe") {
            deployed_ := create(0, add(code, 0x20), mload(code))
            if iszero(deployed_) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
    }

    /// @dev `_create` as an external call, so that `vm.expectRevert` can catch a constructor's error.
    function createExternal(string calldata _artifact, bytes calldata _args) external returns (address) {
        return _create(_artifact, _args);
    }

    // ───────────────────────────────────────── files

    function _file(string memory _path) internal view returns (bytes memory) {
        return vm.readFileBinary(string.concat(FIXTURES, _path));
    }

    function _quote(string memory _name) internal view returns (bytes memory) {
        return _file(string.concat("quotes/", _name, ".bin"));
    }

    /// @dev Splits an Intel PCS response `{"<key>":<body>,"signature":"<128 hex>"}` into the exact
    ///      signed body and the signature (the fixtures have exactly this layout, see INDEX.md).
    function _pcs(string memory _path) internal view returns (bytes memory body_, bytes memory signature_) {
        bytes memory raw = _file(_path);
        uint256 open = 0;
        while (raw[open] != ":") ++open;
        uint256 suffix = 14 + 128 + 2; // ,"signature":"…"}
        body_ = new bytes(raw.length - suffix - open - 1);
        for (uint256 i; i < body_.length; ++i) body_[i] = raw[open + 1 + i];
        bytes memory hexText = new bytes(130);
        hexText[0] = "0";
        hexText[1] = "x";
        for (uint256 i; i < 128; ++i) hexText[2 + i] = raw[raw.length - 130 + i];
        signature_ = vm.parseBytes(string(hexText));
    }

    /// @dev An Automata collateral set (INDEX.md §1): Platform CA chain, the 2025 TCB Signing
    ///      certificate and the 2025-03-20 root CA CRL.
    function _automata(
        string memory _dir,
        string memory _tcbInfo,
        string memory _qeIdentity,
        string memory _pckCrl
    ) internal view returns (Collateral memory c_) {
        c_.rootCrl = _file("crl/intel-root-ca-crl-2025-03-20.der");
        c_.pckCa = _file("certs/intel-sgx-pck-platform-ca.der");
        c_.tcbSigning = _file("certs/intel-sgx-tcb-signing-2025.der");
        c_.pckCrl = _file(string.concat("crl/", _pckCrl));
        (c_.tcbInfo, c_.tcbInfoSignature) = _pcs(string.concat("collateral/", _dir, "/", _tcbInfo));
        (c_.qeIdentity, c_.qeIdentitySignature) = _pcs(string.concat("collateral/", _dir, "/", _qeIdentity));
    }

    /// @dev A dcap-qvl `QuoteCollateralV3` bundle (Phala): its own CRLs, issuer chains and signed strings.
    function _bundle(string memory _name) internal view returns (Collateral memory c_) {
        string memory json = vm.readFile(
            string.concat(FIXTURES, "collateral/phala-bundles/collateral-", _name, ".json")
        );
        c_.rootCrl = vm.parseBytes(string.concat("0x", vm.parseJsonString(json, ".root_ca_crl")));
        c_.pckCrl = vm.parseBytes(string.concat("0x", vm.parseJsonString(json, ".pck_crl")));
        c_.pckCa = harness.firstPemCertificate(bytes(vm.parseJsonString(json, ".pck_crl_issuer_chain")));
        c_.tcbSigning = harness.firstPemCertificate(bytes(vm.parseJsonString(json, ".tcb_info_issuer_chain")));
        c_.tcbInfo = bytes(vm.parseJsonString(json, ".tcb_info"));
        c_.tcbInfoSignature = vm.parseBytes(string.concat("0x", vm.parseJsonString(json, ".tcb_info_signature")));
        c_.qeIdentity = bytes(vm.parseJsonString(json, ".qe_identity"));
        c_.qeIdentitySignature = vm.parseBytes(string.concat("0x", vm.parseJsonString(json, ".qe_identity_signature")));
    }

    // ───────────────────────────────────────── scenarios (INDEX.md §2)

    function _s1() internal view returns (Scenario memory) {
        return
            Scenario(
                "sgx-v3-quote-automata-00606a",
                _automata(
                    "automata-2025-08",
                    "tcbinfo-v3-sgx-00606a000000.json",
                    "qe-identity-sgx-qe.json",
                    "pck-platform-crl-2025-08-15.der"
                ),
                1_755_236_700
            );
    }

    function _s2() internal view returns (Scenario memory) {
        return Scenario("tdx-v4-quote-automata-00806f05", _tdx00806f2025(), 1_749_095_100);
    }

    function _s3() internal view returns (Scenario memory) {
        return
            Scenario(
                "tdx-v4-quote-automata-00806f05",
                _automata(
                    "automata-2025-10",
                    "tcbinfo-v3-tdx-00806f050000.json",
                    "qe-identity-td-qe.json",
                    "pck-platform-crl-2025-10-13.der"
                ),
                1_761_289_818
            );
    }

    /// @dev S4 pins no time; 1752000000 (2025-07-08T18:40:00Z) lies inside its stated window.
    function _s4() internal view returns (Scenario memory) {
        return
            Scenario(
                "tdx-v4-quote-automata-00806f05",
                _automata(
                    "automata-2025-07-solana",
                    "tcbinfo-v3-tdx-00806f050000.json",
                    "qe-identity-td-qe.json",
                    "pck-platform-crl-2025-07-07.der"
                ),
                1_752_000_000
            );
    }

    function _s5() internal view returns (Scenario memory) {
        return Scenario("tdx-v5-quote-automata-alibaba-90c06f", _tdx90c06f2025(), 1_749_945_600);
    }

    function _s6() internal view returns (Scenario memory) {
        return Scenario("sgx-v3-quote-phala-00a067", _bundle("sgx-v3-quote-phala-00a067"), 1_752_919_277);
    }

    function _s7() internal view returns (Scenario memory) {
        return Scenario("tdx-v4-quote-phala-b0c06f", _bundle("tdx-v4-quote-phala-b0c06f"), 1_752_919_234);
    }

    function _s8() internal view returns (Scenario memory) {
        return Scenario("tdx-v4-quote-phala-near-20a06f", _bundle("tdx-v4-quote-phala-near-20a06f"), 1_757_462_400);
    }

    function _s9() internal view returns (Scenario memory) {
        return
            Scenario(
                "tdx-v5-quote-phala-outdated-90c06f",
                _bundle("tdx-v5-quote-phala-outdated-90c06f"),
                1_774_003_274
            );
    }

    function _s10() internal view returns (Scenario memory) {
        return Scenario("sgx-v3-quote-automata-debug-00a067", _bundle("sgx-v3-quote-phala-00a067"), 1_752_919_277);
    }

    function _tdx00806f2025() internal view returns (Collateral memory) {
        return
            _automata(
                "automata-2025-06",
                "tcbinfo-v3-tdx-00806f050000.json",
                "qe-identity-td-qe.json",
                "pck-platform-crl-2025-06-04.der"
            );
    }

    function _tdx90c06f2025() internal view returns (Collateral memory) {
        return
            _automata(
                "automata-2025-06",
                "tcbinfo-v3-tdx-90c06f000000.json",
                "qe-identity-td-qe.json",
                "pck-platform-crl-2025-06-04.der"
            );
    }

    // ───────────────────────────────────────── deployment and submission

    function _deploy() internal {
        certificates = IDcapCertificateRegistry(
            _create("DcapCertificateRegistry", abi.encode(_file("certs/intel-sgx-root-ca.der")))
        );
        collateral = IDcapCollateralRegistry(_create("DcapCollateralRegistry", abi.encode(certificates)));
        verifier = IDcapAttestationVerifier(_create("DcapAttestationVerifier", abi.encode(collateral)));
    }

    /// @dev Deploys, warps to the scenario's time and submits all its collateral.
    function _install(Scenario memory _s) internal {
        _deploy();
        vm.warp(_s.time);
        _submit(_s.collateral);
    }

    function _submit(Collateral memory _c) internal {
        certificates.submitCrl(_c.rootCrl);
        certificates.submitCertificate(_c.pckCa);
        certificates.submitCertificate(_c.tcbSigning);
        certificates.submitCrl(_c.pckCrl);
        collateral.submitTcbInfo(_c.tcbInfo, _c.tcbInfoSignature);
        collateral.submitEnclaveIdentity(_c.qeIdentity, _c.qeIdentitySignature);
    }

    function _report(bytes memory _quoteBytes) internal pure returns (bytes memory) {
        return abi.encode(_quoteBytes, _key());
    }

    function _key() internal pure returns (bytes memory) {
        return abi.encodePacked(keccak256("x"), keccak256("y"));
    }

    function _verify(Scenario memory _s) internal view returns (IAttestationVerifier.AttestationResult memory) {
        return verifier.verify(_report(_quote(_s.quote)));
    }

    function _flip(bytes memory _data, uint256 _at, uint8 _mask) internal pure returns (bytes memory copy_) {
        copy_ = bytes.concat(_data);
        copy_[_at] = bytes1(uint8(copy_[_at]) ^ _mask);
    }

    function _role(uint256 _i) internal pure returns (IDcapCertificateRegistry.CertificateRole) {
        return IDcapCertificateRegistry.CertificateRole(_i);
    }
}

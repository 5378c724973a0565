// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { EnclavePolicy } from "../../../src/attestation/EnclavePolicy.sol";
import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IEnclavePolicy } from "../../../src/interfaces/attestation/IEnclavePolicy.sol";
import { Secp256k1Keys } from "./Secp256k1Keys.sol";

/// @notice Builds dev reports and auditor signatures the way an independent implementation
///         would (straight from docs/attestation.md), and deploys a policy behind a proxy.
///         The TypeScript SDK is checked against the same layout by the shared test vectors.
abstract contract AttestationFixtures is Test {
    /// @dev The fields of a dev report body, SGX integers given as numbers (a memory-only struct).
    // solhint-disable-next-line gas-struct-packing
    struct DevReport {
        bytes16 cpuSvn;
        uint32 miscSelect;
        uint64 attributeFlags;
        uint64 xfrm;
        bytes32 mrEnclave;
        bytes32 mrSigner;
        uint16 isvProdId;
        uint16 isvSvn;
        bytes reportData;
        bytes publicKey;
        uint8 tcbStatus;
    }

    bytes32 internal constant REPORT_DOMAIN = keccak256("Obscuro.DevAttestationReport.v1");
    bytes32 internal constant APPROVE_TYPEHASH = keccak256(
        "ApproveMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)"
    );
    bytes32 internal constant REVOKE_TYPEHASH = keccak256(
        "RevokeMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)"
    );
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint64 internal constant SGX_FLAGS_DEBUG = 0x02;
    uint64 internal constant SGX_FLAGS_INIT_MODE64 = 0x05;

    uint256 internal constant VENDOR_KEY = 0xD0D0;
    uint256 internal constant ENCLAVE_KEY = 0xE7C1A7E;
    /// @dev ENCLAVE_KEY's public key (checked by `test_publicKey_derivation_succeeds`).
    bytes internal constant ENCLAVE_PUBLIC_KEY =
        hex"eec6de370945a55b02737cd86d2b8d4174ec82b1b09624b4a0e77951e4c21ee8"
        hex"9300499e21978b4c8da627dce8a3c4991cc073abf21e6f94f0b77573be674583";
    bytes32 internal constant MEASUREMENT = keccak256("obscuro enclave v1.0.0");
    bytes32 internal constant SIGNER = keccak256("obscuro enclave signing key");

    // ───────────────────────────────────────── reports

    function _defaultReport() internal pure returns (DevReport memory report_) {
        report_.cpuSvn = bytes16(hex"0f0f0202ff0100000000000000000000");
        report_.miscSelect = 0;
        report_.attributeFlags = SGX_FLAGS_INIT_MODE64;
        report_.xfrm = 0xe7;
        report_.mrEnclave = MEASUREMENT;
        report_.mrSigner = SIGNER;
        report_.isvProdId = 0x0102;
        report_.isvSvn = 0x0304;
        report_.reportData = abi.encodePacked(keccak256("binding"), bytes32(0));
        report_.publicKey = ENCLAVE_PUBLIC_KEY;
        report_.tcbStatus = uint8(IAttestationVerifier.TcbStatus.UpToDate);
    }

    /// @dev The 64-byte public key of `_privateKey`, checked against the address `vm.addr` derives.
    function _publicKey(uint256 _privateKey) internal pure returns (bytes memory key_) {
        (uint256 x, uint256 y) = _publicKeyOf(_privateKey);
        key_ = abi.encodePacked(x, y);
        assertEq(address(uint160(uint256(keccak256(key_)))), vm.addr(_privateKey), "public key derivation");
    }

    function _publicKeyOf(uint256 _privateKey) private pure returns (uint256, uint256) {
        // The modexp precompile is read-only; cast the view helper to pure for convenience.
        function(uint256) internal view returns (uint256, uint256) derive = Secp256k1Keys.publicKey;
        function(uint256) internal pure returns (uint256, uint256) derivePure;
        assembly {
            derivePure := derive
        }
        return derivePure(_privateKey);
    }

    function _body(DevReport memory _r) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                uint16(1),
                _r.cpuSvn,
                _le(_r.miscSelect, 4),
                _le(_r.attributeFlags, 8),
                _le(_r.xfrm, 8),
                _r.mrEnclave,
                _r.mrSigner,
                _le(_r.isvProdId, 2),
                _le(_r.isvSvn, 2),
                _r.reportData,
                _r.publicKey,
                _r.tcbStatus
            );
    }

    function _sign(bytes memory _reportBody, uint256 _vendorKey) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_vendorKey, keccak256(abi.encodePacked(REPORT_DOMAIN, _reportBody)));
        return abi.encodePacked(_reportBody, r, s, v);
    }

    function _signedReport(DevReport memory _r) internal pure returns (bytes memory) {
        return _sign(_body(_r), VENDOR_KEY);
    }

    /// @dev `_x` as `_n` little-endian bytes (SGX's integer encoding).
    function _le(uint256 _x, uint256 _n) internal pure returns (bytes memory b_) {
        b_ = new bytes(_n);
        for (uint256 i; i < _n; ++i) b_[i] = bytes1(uint8(_x >> (8 * i)));
    }

    /// @dev An attestation result as a verifier would return it for `_measurement`.
    function _result(bytes32 _measurement) internal pure returns (IAttestationVerifier.AttestationResult memory r_) {
        r_.teeType = IAttestationVerifier.TeeType.Simulated;
        r_.measurement = _measurement;
        r_.signerMeasurement = SIGNER;
        r_.productId = 1;
        r_.securityVersion = 3;
        r_.debug = false;
        r_.tcbStatus = IAttestationVerifier.TcbStatus.UpToDate;
        r_.enclavePublicKey = ENCLAVE_PUBLIC_KEY;
        r_.reportData = new bytes(64);
    }

    // ───────────────────────────────────────── policy

    function _deployPolicy(
        address _governance,
        address _council,
        IAttestationVerifier _verifier,
        address[] memory _auditors,
        uint256 _threshold
    ) internal returns (EnclavePolicy) {
        IEnclavePolicy.InitParams memory policy = _initialPolicy(_verifier, _auditors, _threshold);
        EnclavePolicy implementation = new EnclavePolicy();
        bytes memory init = abi.encodeCall(EnclavePolicy.initialize, (_governance, _council, policy));
        return EnclavePolicy(address(new ERC1967Proxy(address(implementation), init)));
    }

    function _initialPolicy(
        IAttestationVerifier _verifier,
        address[] memory _auditors,
        uint256 _threshold
    ) internal pure returns (IEnclavePolicy.InitParams memory) {
        return
            IEnclavePolicy.InitParams({
                verifier: _verifier,
                auditors: _auditors,
                threshold: _threshold,
                acceptedTeeTypes: uint8(1 << uint8(IAttestationVerifier.TeeType.Simulated)),
                acceptedTcbStatuses: uint8(1 << uint8(IAttestationVerifier.TcbStatus.UpToDate)),
                maxReportAge: 64,
                keyLifetime: 30 days
            });
    }

    /// @dev Private keys sorted by the address they control.
    function _sortKeysByAddress(uint256[] memory _keys) internal pure returns (uint256[] memory) {
        for (uint256 i = 1; i < _keys.length; ++i) {
            for (uint256 j = i; j > 0 && vm.addr(_keys[j - 1]) > vm.addr(_keys[j]); --j) {
                (_keys[j - 1], _keys[j]) = (_keys[j], _keys[j - 1]);
            }
        }
        return _keys;
    }

    function _addresses(uint256[] memory _keys) internal pure returns (address[] memory addresses_) {
        addresses_ = new address[](_keys.length);
        for (uint256 i; i < _keys.length; ++i) addresses_[i] = vm.addr(_keys[i]);
    }

    /// @dev EIP-712 signatures of `(_typehash, _measurement, _version, _deadline)` by `_keys`, in
    ///      the order given.
    function _signStatement(
        EnclavePolicy _policy,
        bytes32 _typehash,
        bytes32 _measurement,
        uint256 _version,
        uint256 _deadline,
        uint256[] memory _keys
    ) internal view returns (bytes[] memory signatures_) {
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                _domainSeparator(address(_policy), block.chainid),
                keccak256(abi.encode(_typehash, _measurement, _version, _deadline))
            )
        );
        signatures_ = new bytes[](_keys.length);
        for (uint256 i; i < _keys.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[i], digest);
            signatures_[i] = abi.encodePacked(r, s, v);
        }
    }

    function _domainSeparator(address _verifyingContract, uint256 _chainId) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                    keccak256("Obscuro EnclavePolicy"),
                    keccak256("1"),
                    _chainId,
                    _verifyingContract
                )
            );
    }

    function _keyList(uint256 _a, uint256 _b) internal pure returns (uint256[] memory k_) {
        k_ = new uint256[](2);
        (k_[0], k_[1]) = (_a, _b);
    }

    function _keyList(uint256 _a, uint256 _b, uint256 _c) internal pure returns (uint256[] memory k_) {
        k_ = new uint256[](3);
        (k_[0], k_[1], k_[2]) = (_a, _b, _c);
    }
}

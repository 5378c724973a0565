// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { EnclavePolicy } from "../../../src/attestation/EnclavePolicy.sol";
import { IAttestationVerifier } from "../../../src/interfaces/attestation/IAttestationVerifier.sol";
import { IEnclavePolicy } from "../../../src/interfaces/attestation/IEnclavePolicy.sol";
import { AttestationFixtures } from "../helpers/AttestationFixtures.sol";
import { DcapTestBase } from "./DcapTestBase.sol";

/// @notice `EnclavePolicy` in front of the real `DcapAttestationVerifier`: a scenario of INDEX.md §2
///         installed at its pinned time, a policy proxy whose verifier is the DCAP verifier, auditors
///         who approve and revoke measurements by EIP-712 signatures, and the expected measurements
///         of the real quotes taken from INDEX.md §4 (`quote-fields.json`), not from the verifier.
abstract contract DcapPolicyTestBase is DcapTestBase, AttestationFixtures {
    string internal constant QUOTE_FIELDS = "../test-fixtures/dcap-derived/quote-fields.json";

    uint8 internal constant SIMULATED = uint8(1 << uint8(IAttestationVerifier.TeeType.Simulated));
    uint8 internal constant SGX = uint8(1 << uint8(IAttestationVerifier.TeeType.Sgx));
    uint8 internal constant TDX = uint8(1 << uint8(IAttestationVerifier.TeeType.Tdx));

    uint8 internal constant UP_TO_DATE = uint8(1 << uint8(IAttestationVerifier.TcbStatus.UpToDate));
    uint8 internal constant SW_HARDENING = uint8(1 << uint8(IAttestationVerifier.TcbStatus.SWHardeningNeeded));
    uint8 internal constant CONFIG_AND_SW_HARDENING = uint8(
        1 << uint8(IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded)
    );
    uint8 internal constant OUT_OF_DATE = uint8(1 << uint8(IAttestationVerifier.TcbStatus.OutOfDate));
    /// @dev The accepted set the issue names for real platforms: UpToDate and SWHardeningNeeded.
    uint8 internal constant DEFAULT_TCB_STATUSES = UP_TO_DATE | SW_HARDENING;

    address internal governance = makeAddr("governance");
    address internal council = makeAddr("council");
    EnclavePolicy internal policy;
    /// @dev Auditor keys, sorted by address.
    uint256[] internal auditorKeys;

    // ───────────────────────────────────────── deployment

    /// @dev Installs `_s` (registries, verifier, collateral, block time) and a policy over its
    ///      verifier accepting SGX and TDX with UpToDate and SWHardeningNeeded, 2 of 3 auditors.
    function _installPolicy(Scenario memory _s) internal {
        _install(_s);
        auditorKeys = _sortKeysByAddress(_keyList(0xA11CE, 0xB0B, 0xCA401));
        IEnclavePolicy.InitParams memory initial = IEnclavePolicy.InitParams({
            verifier: verifier,
            auditors: _addresses(auditorKeys),
            threshold: 2,
            acceptedTeeTypes: SGX | TDX,
            acceptedTcbStatuses: DEFAULT_TCB_STATUSES,
            maxReportAge: 64,
            keyLifetime: 30 days
        });
        EnclavePolicy implementation = new EnclavePolicy();
        policy = EnclavePolicy(
            address(
                new ERC1967Proxy(
                    address(implementation),
                    abi.encodeCall(EnclavePolicy.initialize, (governance, council, initial))
                )
            )
        );
    }

    // ───────────────────────────────────────── auditors

    function _approve(bytes32 _measurement) internal {
        uint256 deadline = block.timestamp + 1 hours;
        bytes[] memory signatures = _signStatement(
            policy,
            APPROVE_TYPEHASH,
            _measurement,
            policy.policyVersion(),
            deadline,
            _keyList(auditorKeys[0], auditorKeys[2])
        );
        policy.approveMeasurement(_measurement, deadline, signatures);
        assertEq(uint8(policy.measurementStatus(_measurement)), uint8(IEnclavePolicy.MeasurementStatus.Approved));
    }

    function _revoke(bytes32 _measurement) internal {
        uint256 deadline = block.timestamp + 1 hours;
        bytes[] memory signatures = _signStatement(
            policy,
            REVOKE_TYPEHASH,
            _measurement,
            policy.policyVersion(),
            deadline,
            _keyList(auditorKeys[1], auditorKeys[2])
        );
        policy.revokeMeasurement(_measurement, deadline, signatures);
        assertEq(uint8(policy.measurementStatus(_measurement)), uint8(IEnclavePolicy.MeasurementStatus.Revoked));
    }

    // ───────────────────────────────────────── reports

    /// @dev The DCAP envelope of `_s`'s quote with a real secp256k1 enclave key (`ENCLAVE_KEY`'s).
    function _policyReport(Scenario memory _s) internal view returns (bytes memory) {
        return abi.encode(_quote(_s.quote), ENCLAVE_PUBLIC_KEY);
    }

    // ───────────────────────────────────────── expected values (INDEX.md §4)

    /// @dev The JSON path of `_name`'s entry in quote-fields.json.
    function _quoteFields(string memory _name) internal view returns (string memory path_) {
        string memory json = vm.readFile(QUOTE_FIELDS);
        string memory file = string.concat(_name, ".bin");
        for (uint256 i; i < 14; ++i) {
            path_ = string.concat(".quotes[", vm.toString(i), "]");
            if (keccak256(bytes(vm.parseJsonString(json, string.concat(path_, ".file")))) == keccak256(bytes(file))) {
                return path_;
            }
        }
        revert("no such quote");
    }

    function _field(string memory _name, string memory _key) internal view returns (bytes memory) {
        return vm.parseJsonBytes(vm.readFile(QUOTE_FIELDS), string.concat(_quoteFields(_name), ".", _key));
    }

    /// @dev What auditors approve for quote `_name`, per docs/attestation-dcap.md: MRENCLAVE for SGX;
    ///      for TDX keccak256(MRTD ‖ MRCONFIGID ‖ RTMR0..3 ‖ MRSERVICETD ‖ TDATTRIBUTES ‖ XFAM).
    function _expectedMeasurement(string memory _name) internal view returns (bytes32) {
        string memory json = vm.readFile(QUOTE_FIELDS);
        string memory path = _quoteFields(_name);
        if (vm.parseJsonUint(json, string.concat(path, ".teeType")) == 0) {
            return vm.parseJsonBytes32(json, string.concat(path, ".mrEnclave"));
        }
        bool td15 = vm.parseJsonUint(json, string.concat(path, ".v5BodyType")) == 3;
        return
            keccak256(
                bytes.concat(
                    _field(_name, "mrTd"),
                    _field(_name, "mrConfigId"),
                    _field(_name, "rtmr0"),
                    _field(_name, "rtmr1"),
                    _field(_name, "rtmr2"),
                    _field(_name, "rtmr3"),
                    td15 ? _field(_name, "mrServiceTd") : new bytes(48),
                    _field(_name, "tdAttributes"),
                    _field(_name, "xfam")
                )
            );
    }

    /// @dev The signer identity of quote `_name`: MRSIGNER for SGX, keccak256(MROWNER ‖ MROWNERCONFIG) for TDX.
    function _expectedSigner(string memory _name) internal view returns (bytes32) {
        string memory json = vm.readFile(QUOTE_FIELDS);
        string memory path = _quoteFields(_name);
        if (vm.parseJsonUint(json, string.concat(path, ".teeType")) == 0) {
            return vm.parseJsonBytes32(json, string.concat(path, ".mrSigner"));
        }
        return keccak256(bytes.concat(_field(_name, "mrOwner"), _field(_name, "mrOwnerConfig")));
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import { EIP712 } from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import { GovernedModule } from "../common/GovernedModule.sol";
import { IGovernedModule } from "../interfaces/common/IGovernedModule.sol";
import { IAttestationVerifier } from "../interfaces/attestation/IAttestationVerifier.sol";
import { IEnclavePolicy } from "../interfaces/attestation/IEnclavePolicy.sol";
import { Secp256k1 } from "../libraries/Secp256k1.sol";
import { AttestationBinding } from "../libraries/AttestationBinding.sol";

/// @title EnclavePolicy
/// @notice The attestation requirements of the Obscuro network (see `IEnclavePolicy`).
/// @dev The EIP-712 domain's name and version are immutables of the implementation (OpenZeppelin
///      `EIP712`, proxy-safe: it rebuilds the separator with the proxy's address); they are short
///      strings, so `EIP712`'s fallback storage slots are never written. All other state lives in
///      the ERC-7201 namespace `obscuro.storage.EnclavePolicy`.
///
///      Invariants (tested in test/attestation/invariants/):
///      1. a revoked measurement stays revoked and is never acceptable again;
///      2. `policyVersion` only grows, and grows with every auditor-set or threshold change;
///      3. signatures made for an older `policyVersion` never count;
///      4. 1 ≤ threshold ≤ auditor count ≤ `MAX_AUDITORS`, auditors strictly ascending;
///      5. every parameter stays within its bounds.
contract EnclavePolicy is GovernedModule, EIP712, IEnclavePolicy {
    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc IEnclavePolicy
    bytes32 public constant APPROVE_MEASUREMENT_TYPEHASH = keccak256(
        "ApproveMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)"
    );

    /// @inheritdoc IEnclavePolicy
    bytes32 public constant REVOKE_MEASUREMENT_TYPEHASH = keccak256(
        "RevokeMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)"
    );

    /// @inheritdoc IEnclavePolicy
    uint256 public constant MAX_AUDITORS = 32;

    /// @inheritdoc IEnclavePolicy
    uint256 public constant MIN_REPORT_AGE = 4;
    /// @inheritdoc IEnclavePolicy
    uint256 public constant MAX_REPORT_AGE = 256;

    /// @inheritdoc IEnclavePolicy
    uint256 public constant MIN_KEY_LIFETIME = 1 hours;
    /// @inheritdoc IEnclavePolicy
    uint256 public constant MAX_KEY_LIFETIME = 365 days;

    /// @dev TEE types that exist: Simulated, Sgx, Tdx.
    uint8 private constant ALL_TEE_TYPES = uint8((1 << (uint256(type(IAttestationVerifier.TeeType).max) + 1)) - 1);

    /// @dev TCB statuses governance may accept: everything but Revoked and Unrecognized.
    uint8 private constant ACCEPTABLE_TCB_STATUSES = uint8(
        ((1 << (uint256(type(IAttestationVerifier.TcbStatus).max) + 1)) - 1) &
            ~(1 << uint256(IAttestationVerifier.TcbStatus.Revoked)) &
            ~(1 << uint256(IAttestationVerifier.TcbStatus.Unrecognized))
    );

    /// @dev The accepted TCB statuses must include UpToDate.
    uint8 private constant UP_TO_DATE = uint8(1 << uint256(IAttestationVerifier.TcbStatus.UpToDate));

    // ─────────────────────────────────────────────────────────────── storage

    /// @dev The rules read on every `isAcceptable`, packed in one slot.
    struct Rules {
        uint8 acceptedTeeTypes;
        uint8 acceptedTcbStatuses;
        bool productIdEnforced;
        uint16 requiredProductId;
        uint16 minSecurityVersion;
        uint16 maxReportAge;
        uint64 keyLifetime;
    }

    /// @custom:storage-location erc7201:obscuro.storage.EnclavePolicy
    struct EnclavePolicyStorage {
        /// Slot 0: read together by approvals.
        IAttestationVerifier verifier;
        uint8 threshold;
        uint64 policyVersion;
        /// Slot 1.
        Rules rules;
        bytes32 requiredSignerMeasurement;
        address[] auditors;
        mapping(address account => bool) isAuditor;
        mapping(bytes32 measurement => MeasurementStatus) measurements;
    }

    // keccak256(abi.encode(uint256(keccak256("obscuro.storage.EnclavePolicy")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ENCLAVE_POLICY_STORAGE =
        0x6452d06d89663a7b93afa1ce5576faa6ced66e23e7c0448deb84e1f45e53ff00;

    // ─────────────────────────────────────────────────────────────── constructor / initializer

    /// @dev EIP712's constructor only sets immutables here (short strings: no fallback storage).
    /// @custom:oz-upgrades-unsafe-allow-reachable constructor
    constructor() EIP712("Obscuro EnclavePolicy", "1") {
        _disableInitializers();
    }

    /// @inheritdoc IEnclavePolicy
    function initialize(address _governance, address _council, InitParams calldata _params) external initializer {
        __GovernedModule_init(_governance, _council);
        _setVerifier(_params.verifier);
        _setAuditors(_params.auditors, _params.threshold);
        _setAcceptedTeeTypes(_params.acceptedTeeTypes);
        _setAcceptedTcbStatuses(_params.acceptedTcbStatuses);
        _setMaxReportAge(_params.maxReportAge);
        _setKeyLifetime(_params.keyLifetime);
    }

    // ─────────────────────────────────────────────────────────────── external: auditors

    /// @inheritdoc IEnclavePolicy
    function approveMeasurement(bytes32 _measurement, uint256 _deadline, bytes[] calldata _signatures) external {
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        if (_measurement == bytes32(0)) revert EnclavePolicy_ZeroMeasurement();
        MeasurementStatus status = $.measurements[_measurement];
        if (status == MeasurementStatus.Approved) revert EnclavePolicy_MeasurementAlreadyApproved(_measurement);
        if (status == MeasurementStatus.Revoked) revert EnclavePolicy_MeasurementRevoked(_measurement);
        uint256 currentVersion = $.policyVersion;
        address[] memory signers = _checkAuditorSignatures(
            $,
            keccak256(abi.encode(APPROVE_MEASUREMENT_TYPEHASH, _measurement, currentVersion, _deadline)),
            _deadline,
            _signatures
        );
        $.measurements[_measurement] = MeasurementStatus.Approved;
        emit MeasurementApproved(_measurement, currentVersion, signers);
    }

    /// @inheritdoc IEnclavePolicy
    function revokeMeasurement(bytes32 _measurement, uint256 _deadline, bytes[] calldata _signatures) external {
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        _requireRevocable($, _measurement);
        uint256 currentVersion = $.policyVersion;
        address[] memory signers = _checkAuditorSignatures(
            $,
            keccak256(abi.encode(REVOKE_MEASUREMENT_TYPEHASH, _measurement, currentVersion, _deadline)),
            _deadline,
            _signatures
        );
        $.measurements[_measurement] = MeasurementStatus.Revoked;
        emit MeasurementRevokedByAuditors(_measurement, currentVersion, signers);
    }

    /// @inheritdoc IEnclavePolicy
    function revokeMeasurementByCouncil(bytes32 _measurement) external onlyCouncil {
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        _requireRevocable($, _measurement);
        $.measurements[_measurement] = MeasurementStatus.Revoked;
        emit MeasurementRevokedByCouncil(_measurement, msg.sender);
    }

    // ─────────────────────────────────────────────────────────────── external: governance

    /// @inheritdoc IEnclavePolicy
    function setVerifier(IAttestationVerifier _verifier) external onlyGovernance {
        _setVerifier(_verifier);
    }

    /// @inheritdoc IEnclavePolicy
    function setAuditors(address[] calldata _auditors, uint256 _threshold) external onlyGovernance {
        _setAuditors(_auditors, _threshold);
    }

    /// @inheritdoc IEnclavePolicy
    function setThreshold(uint256 _threshold) external onlyGovernance {
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        uint256 count = $.auditors.length;
        if (_threshold == 0 || _threshold > count) revert EnclavePolicy_InvalidThreshold(_threshold, count);
        $.threshold = uint8(_threshold);
        uint64 newVersion = ++$.policyVersion;
        emit AuditorsChanged($.auditors, _threshold, newVersion);
    }

    /// @inheritdoc IEnclavePolicy
    function setAcceptedTeeTypes(uint8 _mask) external onlyGovernance {
        _setAcceptedTeeTypes(_mask);
    }

    /// @inheritdoc IEnclavePolicy
    function setAcceptedTcbStatuses(uint8 _mask) external onlyGovernance {
        _setAcceptedTcbStatuses(_mask);
    }

    /// @inheritdoc IEnclavePolicy
    function setRequiredSignerMeasurement(bytes32 _signerMeasurement) external onlyGovernance {
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        bytes32 previous = $.requiredSignerMeasurement;
        $.requiredSignerMeasurement = _signerMeasurement;
        emit RequiredSignerMeasurementSet(previous, _signerMeasurement);
    }

    /// @inheritdoc IEnclavePolicy
    function setRequiredProductId(bool _enforced, uint16 _productId) external onlyGovernance {
        Rules storage rules = _enclavePolicyStorage().rules;
        // A rule that is not enforced keeps no stale product id around.
        uint16 productId = _enforced ? _productId : 0;
        rules.productIdEnforced = _enforced;
        rules.requiredProductId = productId;
        emit RequiredProductIdSet(_enforced, productId);
    }

    /// @inheritdoc IEnclavePolicy
    function setMinSecurityVersion(uint16 _minimum) external onlyGovernance {
        Rules storage rules = _enclavePolicyStorage().rules;
        uint16 previous = rules.minSecurityVersion;
        rules.minSecurityVersion = _minimum;
        emit MinSecurityVersionSet(previous, _minimum);
    }

    /// @inheritdoc IEnclavePolicy
    function setMaxReportAge(uint256 _maxReportAge) external onlyGovernance {
        _setMaxReportAge(_maxReportAge);
    }

    /// @inheritdoc IEnclavePolicy
    function setKeyLifetime(uint256 _keyLifetime) external onlyGovernance {
        _setKeyLifetime(_keyLifetime);
    }

    // ─────────────────────────────────────────────────────────────── external: checks

    /// @inheritdoc IEnclavePolicy
    function verifyReport(
        bytes calldata _report
    ) external view returns (IAttestationVerifier.AttestationResult memory result_) {
        result_ = _enclavePolicyStorage().verifier.verify(_report);
        if (result_.reportData.length != AttestationBinding.REPORT_DATA_LENGTH) {
            revert EnclavePolicy_MalformedReportData(result_.reportData.length);
        }
        if (!Secp256k1.isValidPublicKey(result_.enclavePublicKey)) revert EnclavePolicy_InvalidEnclavePublicKey();
        _revertIfViolated(
            _firstViolation(
                result_.measurement,
                result_.teeType,
                result_.debug,
                result_.tcbStatus,
                result_.signerMeasurement,
                result_.productId,
                result_.securityVersion
            )
        );
    }

    /// @inheritdoc IEnclavePolicy
    function validate(IAttestationVerifier.AttestationResult calldata _result) external view {
        _revertIfViolated(_firstViolation(_result));
    }

    /// @inheritdoc IEnclavePolicy
    function isAcceptable(IAttestationVerifier.AttestationResult calldata _result) external view returns (bool) {
        return _firstViolation(_result).length == 0;
    }

    /// @inheritdoc IEnclavePolicy
    function checkFreshness(uint256 _l1BlockNumber, bytes32 _l1BlockHash) external view {
        if (_l1BlockNumber >= block.number) revert EnclavePolicy_ReportBlockNotInPast(_l1BlockNumber, block.number);
        uint256 maxAge = _enclavePolicyStorage().rules.maxReportAge;
        if (block.number - _l1BlockNumber > maxAge) {
            revert EnclavePolicy_ReportTooOld(_l1BlockNumber, block.number, maxAge);
        }
        // Within 256 blocks (maxAge ≤ MAX_REPORT_AGE), so blockhash knows the block.
        bytes32 actual = blockhash(_l1BlockNumber);
        if (actual != _l1BlockHash || actual == bytes32(0)) {
            revert EnclavePolicy_BlockHashMismatch(_l1BlockNumber, actual, _l1BlockHash);
        }
    }

    /// @inheritdoc IGovernedModule
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── views

    /// @inheritdoc IEnclavePolicy
    function verifier() external view returns (IAttestationVerifier) {
        return _enclavePolicyStorage().verifier;
    }

    /// @inheritdoc IEnclavePolicy
    function auditors() external view returns (address[] memory) {
        return _enclavePolicyStorage().auditors;
    }

    /// @inheritdoc IEnclavePolicy
    function isAuditor(address _account) external view returns (bool) {
        return _enclavePolicyStorage().isAuditor[_account];
    }

    /// @inheritdoc IEnclavePolicy
    function threshold() external view returns (uint256) {
        return _enclavePolicyStorage().threshold;
    }

    /// @inheritdoc IEnclavePolicy
    function policyVersion() external view returns (uint256) {
        return _enclavePolicyStorage().policyVersion;
    }

    /// @inheritdoc IEnclavePolicy
    function measurementStatus(bytes32 _measurement) external view returns (MeasurementStatus) {
        return _enclavePolicyStorage().measurements[_measurement];
    }

    /// @inheritdoc IEnclavePolicy
    function acceptedTeeTypes() external view returns (uint8) {
        return _enclavePolicyStorage().rules.acceptedTeeTypes;
    }

    /// @inheritdoc IEnclavePolicy
    function acceptedTcbStatuses() external view returns (uint8) {
        return _enclavePolicyStorage().rules.acceptedTcbStatuses;
    }

    /// @inheritdoc IEnclavePolicy
    function requiredSignerMeasurement() external view returns (bytes32) {
        return _enclavePolicyStorage().requiredSignerMeasurement;
    }

    /// @inheritdoc IEnclavePolicy
    function requiredProductId() external view returns (bool enforced_, uint16 productId_) {
        Rules storage rules = _enclavePolicyStorage().rules;
        return (rules.productIdEnforced, rules.requiredProductId);
    }

    /// @inheritdoc IEnclavePolicy
    function minSecurityVersion() external view returns (uint16) {
        return _enclavePolicyStorage().rules.minSecurityVersion;
    }

    /// @inheritdoc IEnclavePolicy
    function maxReportAge() external view returns (uint256) {
        return _enclavePolicyStorage().rules.maxReportAge;
    }

    /// @inheritdoc IEnclavePolicy
    function keyLifetime() external view returns (uint256) {
        return _enclavePolicyStorage().rules.keyLifetime;
    }

    /// @inheritdoc IEnclavePolicy
    function hashApproveMeasurement(
        bytes32 _measurement,
        uint256 _policyVersion,
        uint256 _deadline
    ) external view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(APPROVE_MEASUREMENT_TYPEHASH, _measurement, _policyVersion, _deadline))
            );
    }

    /// @inheritdoc IEnclavePolicy
    function hashRevokeMeasurement(
        bytes32 _measurement,
        uint256 _policyVersion,
        uint256 _deadline
    ) external view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(REVOKE_MEASUREMENT_TYPEHASH, _measurement, _policyVersion, _deadline))
            );
    }

    /// @inheritdoc IEnclavePolicy
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ─────────────────────────────────────────────────────────────── internal: setters

    function _setVerifier(IAttestationVerifier _verifier) internal {
        if (address(_verifier).code.length == 0) revert EnclavePolicy_InvalidVerifier(address(_verifier));
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        address previous = address($.verifier);
        $.verifier = _verifier;
        emit VerifierSet(previous, address(_verifier));
    }

    function _setAuditors(address[] calldata _auditors, uint256 _threshold) internal {
        uint256 count = _auditors.length;
        if (count == 0 || count > MAX_AUDITORS) revert EnclavePolicy_InvalidAuditorCount(count);
        if (_threshold == 0 || _threshold > count) revert EnclavePolicy_InvalidThreshold(_threshold, count);
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();

        address[] storage current = $.auditors;
        for (uint256 i = current.length; i > 0; --i) {
            delete $.isAuditor[current[i - 1]];
            current.pop();
        }
        address previous;
        for (uint256 i; i < count; ++i) {
            address auditor = _auditors[i];
            // Strictly ascending from address(0): no zero address, no repeats.
            if (auditor <= previous) revert EnclavePolicy_AuditorsNotAscending(i, auditor);
            $.isAuditor[auditor] = true;
            current.push(auditor);
            previous = auditor;
        }
        $.threshold = uint8(_threshold);
        uint64 newVersion = ++$.policyVersion;
        emit AuditorsChanged(_auditors, _threshold, newVersion);
    }

    function _setAcceptedTeeTypes(uint8 _mask) internal {
        if (_mask == 0 || _mask & ~ALL_TEE_TYPES != 0) revert EnclavePolicy_InvalidTeeTypeMask(_mask);
        Rules storage rules = _enclavePolicyStorage().rules;
        uint8 previous = rules.acceptedTeeTypes;
        rules.acceptedTeeTypes = _mask;
        emit AcceptedTeeTypesSet(previous, _mask);
    }

    function _setAcceptedTcbStatuses(uint8 _mask) internal {
        if (_mask & UP_TO_DATE == 0 || _mask & ~ACCEPTABLE_TCB_STATUSES != 0) {
            revert EnclavePolicy_InvalidTcbStatusMask(_mask);
        }
        Rules storage rules = _enclavePolicyStorage().rules;
        uint8 previous = rules.acceptedTcbStatuses;
        rules.acceptedTcbStatuses = _mask;
        emit AcceptedTcbStatusesSet(previous, _mask);
    }

    function _setMaxReportAge(uint256 _maxReportAge) internal {
        if (_maxReportAge < MIN_REPORT_AGE || _maxReportAge > MAX_REPORT_AGE) {
            revert EnclavePolicy_MaxReportAgeOutOfBounds(_maxReportAge);
        }
        Rules storage rules = _enclavePolicyStorage().rules;
        uint256 previous = rules.maxReportAge;
        rules.maxReportAge = uint16(_maxReportAge);
        emit MaxReportAgeSet(previous, _maxReportAge);
    }

    function _setKeyLifetime(uint256 _keyLifetime) internal {
        if (_keyLifetime < MIN_KEY_LIFETIME || _keyLifetime > MAX_KEY_LIFETIME) {
            revert EnclavePolicy_KeyLifetimeOutOfBounds(_keyLifetime);
        }
        Rules storage rules = _enclavePolicyStorage().rules;
        uint256 previous = rules.keyLifetime;
        rules.keyLifetime = uint64(_keyLifetime);
        emit KeyLifetimeSet(previous, _keyLifetime);
    }

    // ─────────────────────────────────────────────────────────────── internal: checks

    /// @dev Zero measurements and revoked ones cannot be revoked (again).
    function _requireRevocable(EnclavePolicyStorage storage $, bytes32 _measurement) internal view {
        if (_measurement == bytes32(0)) revert EnclavePolicy_ZeroMeasurement();
        if ($.measurements[_measurement] == MeasurementStatus.Revoked) {
            revert EnclavePolicy_MeasurementRevoked(_measurement);
        }
    }

    /// @dev Checks `_signatures` over the EIP-712 struct `_structHash` and returns their signers:
    ///      the deadline has not passed, at least `threshold` signatures, each a well-formed
    ///      65-byte low-s signature by an auditor, signers strictly ascending (so no auditor counts
    ///      twice). A signature over another statement, policy version, chain or contract recovers
    ///      to an unrelated address and fails as `NotAuditor`.
    function _checkAuditorSignatures(
        EnclavePolicyStorage storage $,
        bytes32 _structHash,
        uint256 _deadline,
        bytes[] calldata _signatures
    ) internal view returns (address[] memory signers_) {
        if (block.timestamp > _deadline) revert EnclavePolicy_SignaturesExpired(_deadline);
        uint256 count = _signatures.length;
        uint256 required = $.threshold;
        if (count < required) revert EnclavePolicy_InsufficientSignatures(count, required);

        bytes32 digest = _hashTypedDataV4(_structHash);
        signers_ = new address[](count);
        address previous;
        for (uint256 i; i < count; ++i) {
            (address signer, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(digest, _signatures[i]);
            if (recoverError != ECDSA.RecoverError.NoError) revert EnclavePolicy_InvalidSignature(i);
            if (signer <= previous) revert EnclavePolicy_SignersNotAscending(i, signer);
            if (!$.isAuditor[signer]) revert EnclavePolicy_NotAuditor(i, signer);
            signers_[i] = signer;
            previous = signer;
        }
    }

    /// @dev The revert data of the first rule `_result` breaks, or empty when it breaks none.
    function _firstViolation(
        IAttestationVerifier.AttestationResult calldata _result
    ) internal view returns (bytes memory) {
        return
            _firstViolation(
                _result.measurement,
                _result.teeType,
                _result.debug,
                _result.tcbStatus,
                _result.signerMeasurement,
                _result.productId,
                _result.securityVersion
            );
    }

    /// @dev The rules, in the order `validate` documents. Builds revert data only on failure, so
    ///      the `isAcceptable` of a good result allocates nothing.
    function _firstViolation(
        bytes32 _measurement,
        IAttestationVerifier.TeeType _teeType,
        bool _debug,
        IAttestationVerifier.TcbStatus _tcbStatus,
        bytes32 _signerMeasurement,
        uint16 _productId,
        uint16 _securityVersion
    ) internal view returns (bytes memory) {
        EnclavePolicyStorage storage $ = _enclavePolicyStorage();
        MeasurementStatus status = $.measurements[_measurement];
        if (status == MeasurementStatus.Revoked) {
            return abi.encodeWithSelector(EnclavePolicy_MeasurementRevoked.selector, _measurement);
        }
        if (status != MeasurementStatus.Approved) {
            return abi.encodeWithSelector(EnclavePolicy_MeasurementNotApproved.selector, _measurement);
        }
        Rules memory rules = $.rules;
        if (rules.acceptedTeeTypes & (1 << uint8(_teeType)) == 0) {
            return abi.encodeWithSelector(EnclavePolicy_TeeTypeNotAccepted.selector, _teeType);
        }
        if (_debug) return abi.encodeWithSelector(EnclavePolicy_DebugEnclave.selector);
        if (rules.acceptedTcbStatuses & (1 << uint8(_tcbStatus)) == 0) {
            return abi.encodeWithSelector(EnclavePolicy_TcbStatusNotAccepted.selector, _tcbStatus);
        }
        bytes32 requiredSigner = $.requiredSignerMeasurement;
        if (requiredSigner != bytes32(0) && _signerMeasurement != requiredSigner) {
            return
                abi.encodeWithSelector(
                    EnclavePolicy_SignerMeasurementMismatch.selector,
                    _signerMeasurement,
                    requiredSigner
                );
        }
        if (rules.productIdEnforced && _productId != rules.requiredProductId) {
            return
                abi.encodeWithSelector(EnclavePolicy_ProductIdMismatch.selector, _productId, rules.requiredProductId);
        }
        if (_securityVersion < rules.minSecurityVersion) {
            return
                abi.encodeWithSelector(
                    EnclavePolicy_SecurityVersionTooLow.selector,
                    _securityVersion,
                    rules.minSecurityVersion
                );
        }
        return "";
    }

    // ─────────────────────────────────────────────────────────────── private

    function _revertIfViolated(bytes memory _revertData) private pure {
        if (_revertData.length != 0) {
            assembly ("memory-safe") {
                revert(add(_revertData, 0x20), mload(_revertData))
            }
        }
    }

    function _enclavePolicyStorage() private pure returns (EnclavePolicyStorage storage $) {
        assembly {
            $.slot := ENCLAVE_POLICY_STORAGE
        }
    }
}

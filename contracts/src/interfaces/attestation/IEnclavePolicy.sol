// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import { IGovernedModule } from "../common/IGovernedModule.sol";
import { IAttestationVerifier } from "./IAttestationVerifier.sol";

/// @title IEnclavePolicy
/// @notice The attestation requirements of the Obscuro network: which enclave code may join
///         (measurements approved by k of n auditors, revocable for ever), which platforms are
///         trusted (TEE types, TCB statuses, no debug enclaves, optional signer / product /
///         security-version rules), how fresh a report must be, and how long an enclave key lives.
///         NetworkManagement asks `measurementStatus` on every use of an attested enclave, so a
///         revoked measurement stops working at once; other rules apply at the next attestation.
/// @dev Powers: governance (the Timelock in a deployment) sets the verifier, the auditor set and
///      threshold and every rule, each within hard-coded bounds; auditors, `threshold` of them,
///      approve and revoke measurements with EIP-712 signatures that anyone may submit; the
///      security council may revoke a measurement. Revocation is permanent.
interface IEnclavePolicy is IGovernedModule, IERC5267 {
    // ─────────────────────────────────────────────────────────────── types

    /// @notice Where a measurement stands. `Revoked` is final.
    enum MeasurementStatus {
        Unknown,
        Approved,
        Revoked
    }

    /// @notice The policy a proxy starts with (see `initialize`).
    struct InitParams {
        /// The attestation verifier (`setVerifier`).
        IAttestationVerifier verifier;
        /// The auditors, sorted by address, strictly ascending (`setAuditors`).
        address[] auditors;
        /// How many auditor signatures approve or revoke a measurement.
        uint256 threshold;
        /// Bit i set = `TeeType(i)` accepted (`setAcceptedTeeTypes`).
        uint8 acceptedTeeTypes;
        /// Bit i set = `TcbStatus(i)` accepted (`setAcceptedTcbStatuses`).
        uint8 acceptedTcbStatuses;
        /// Maximum age of the L1 block a report binds, in blocks (`setMaxReportAge`).
        uint256 maxReportAge;
        /// How long an attested enclave key stays valid, in seconds (`setKeyLifetime`).
        uint256 keyLifetime;
    }

    // ─────────────────────────────────────────────────────────────── errors: configuration

    /// @notice The verifier is the zero address or has no code.
    error EnclavePolicy_InvalidVerifier(address verifier);

    /// @notice The auditor list is empty or longer than `MAX_AUDITORS`.
    error EnclavePolicy_InvalidAuditorCount(uint256 count);

    /// @notice The auditor at `index` is zero, repeated or out of order: the list must be
    ///         strictly ascending.
    error EnclavePolicy_AuditorsNotAscending(uint256 index, address auditor);

    /// @notice The threshold is zero or larger than the number of auditors.
    error EnclavePolicy_InvalidThreshold(uint256 threshold, uint256 auditorCount);

    /// @notice The TEE type mask is empty or names an unknown type.
    error EnclavePolicy_InvalidTeeTypeMask(uint8 mask);

    /// @notice The TCB status mask lacks `UpToDate`, or accepts `Revoked`/`Unrecognized`.
    error EnclavePolicy_InvalidTcbStatusMask(uint8 mask);

    /// @notice `maxReportAge` outside [`MIN_REPORT_AGE`, `MAX_REPORT_AGE`].
    error EnclavePolicy_MaxReportAgeOutOfBounds(uint256 maxReportAge);

    /// @notice `keyLifetime` outside [`MIN_KEY_LIFETIME`, `MAX_KEY_LIFETIME`].
    error EnclavePolicy_KeyLifetimeOutOfBounds(uint256 keyLifetime);

    // ─────────────────────────────────────────────────────────────── errors: approvals

    /// @notice The zero measurement can be neither approved nor revoked.
    error EnclavePolicy_ZeroMeasurement();

    /// @notice The signed statement's deadline has passed.
    error EnclavePolicy_SignaturesExpired(uint256 deadline);

    /// @notice Fewer signatures than the threshold.
    error EnclavePolicy_InsufficientSignatures(uint256 count, uint256 threshold);

    /// @notice The signature at `index` is malformed or malleable.
    error EnclavePolicy_InvalidSignature(uint256 index);

    /// @notice The signer recovered at `index` is not above the previous one: signatures must be
    ///         sorted by signer, strictly ascending, so a signer cannot count twice.
    error EnclavePolicy_SignersNotAscending(uint256 index, address signer);

    /// @notice The signer recovered at `index` is not an auditor (or signed another statement,
    ///         another policy version, chain or contract, which recovers to an unrelated address).
    error EnclavePolicy_NotAuditor(uint256 index, address signer);

    /// @notice The measurement is already approved.
    error EnclavePolicy_MeasurementAlreadyApproved(bytes32 measurement);

    // ─────────────────────────────────────────────────────────────── errors: validation

    /// @notice The measurement was revoked (for ever).
    error EnclavePolicy_MeasurementRevoked(bytes32 measurement);

    /// @notice The measurement was never approved.
    error EnclavePolicy_MeasurementNotApproved(bytes32 measurement);

    /// @notice The report comes from a TEE type the policy does not accept.
    error EnclavePolicy_TeeTypeNotAccepted(IAttestationVerifier.TeeType teeType);

    /// @notice The enclave runs in debug mode: the host can read its memory.
    error EnclavePolicy_DebugEnclave();

    /// @notice The platform's TCB status is not accepted.
    error EnclavePolicy_TcbStatusNotAccepted(IAttestationVerifier.TcbStatus tcbStatus);

    /// @notice The enclave was signed by another key than the required signer measurement.
    error EnclavePolicy_SignerMeasurementMismatch(bytes32 signerMeasurement, bytes32 required);

    /// @notice The enclave's product id is not the required one.
    error EnclavePolicy_ProductIdMismatch(uint16 productId, uint16 required);

    /// @notice The enclave's security version is below the minimum.
    error EnclavePolicy_SecurityVersionTooLow(uint16 securityVersion, uint16 minimum);

    /// @notice The verifier returned report data that is not 64 bytes.
    error EnclavePolicy_MalformedReportData(uint256 length);

    /// @notice The verifier returned an enclave key that is not a 64-byte secp256k1 point.
    error EnclavePolicy_InvalidEnclavePublicKey();

    // ─────────────────────────────────────────────────────────────── errors: freshness

    /// @notice The report names an L1 block that is not in the past.
    error EnclavePolicy_ReportBlockNotInPast(uint256 l1BlockNumber, uint256 currentBlock);

    /// @notice The report names an L1 block more than `maxReportAge` blocks old.
    error EnclavePolicy_ReportTooOld(uint256 l1BlockNumber, uint256 currentBlock, uint256 maxReportAge);

    /// @notice The report names a block hash that is not this chain's hash of that block.
    error EnclavePolicy_BlockHashMismatch(uint256 l1BlockNumber, bytes32 actual, bytes32 given);

    // ─────────────────────────────────────────────────────────────── events

    /// @notice Emitted when governance sets the verifier.
    event VerifierSet(address indexed oldVerifier, address indexed newVerifier);

    /// @notice Emitted when the auditor set or the threshold changes; `policyVersion` is the new
    ///         version, and signatures over older versions no longer count.
    event AuditorsChanged(address[] auditors, uint256 threshold, uint256 indexed policyVersion);

    /// @notice Emitted when `threshold` auditors approve a measurement.
    event MeasurementApproved(bytes32 indexed measurement, uint256 indexed policyVersion, address[] auditors);

    /// @notice Emitted when `threshold` auditors revoke a measurement.
    event MeasurementRevokedByAuditors(bytes32 indexed measurement, uint256 indexed policyVersion, address[] auditors);

    /// @notice Emitted when the security council revokes a measurement.
    event MeasurementRevokedByCouncil(bytes32 indexed measurement, address indexed council);

    /// @notice Emitted when governance sets the accepted TEE types (bit i = `TeeType(i)`).
    event AcceptedTeeTypesSet(uint8 oldMask, uint8 newMask);

    /// @notice Emitted when governance sets the accepted TCB statuses (bit i = `TcbStatus(i)`).
    event AcceptedTcbStatusesSet(uint8 oldMask, uint8 newMask);

    /// @notice Emitted when governance sets the required signer measurement (zero: any signer).
    event RequiredSignerMeasurementSet(bytes32 oldSignerMeasurement, bytes32 newSignerMeasurement);

    /// @notice Emitted when governance sets the product id rule (a rule not enforced keeps product id
    ///         0). It carries the new rule only: the previous one is in the previous such event (or
    ///         not enforced, before any), and reading it back would grow the contract.
    event RequiredProductIdSet(bool enforced, uint16 productId);

    /// @notice Emitted when governance sets the minimum security version.
    event MinSecurityVersionSet(uint16 oldMinSecurityVersion, uint16 newMinSecurityVersion);

    /// @notice Emitted when governance sets the maximum report age (L1 blocks).
    event MaxReportAgeSet(uint256 oldMaxReportAge, uint256 newMaxReportAge);

    /// @notice Emitted when governance sets the enclave key lifetime (seconds).
    event KeyLifetimeSet(uint256 oldKeyLifetime, uint256 newKeyLifetime);

    // ─────────────────────────────────────────────────────────────── initializer

    /// @notice Sets the roles and the initial policy; called once, by the proxy's constructor.
    /// @dev Every field is checked as its setter checks it; `policyVersion` starts at 1.
    function initialize(address _governance, address _council, InitParams calldata _params) external;

    // ─────────────────────────────────────────────────────────────── auditors

    /// @notice Approves `_measurement` with `threshold` auditor signatures over EIP-712
    ///         `ApproveMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)`,
    ///         for the current `policyVersion`. Anyone may submit.
    /// @param _measurement The enclave measurement (MRENCLAVE, or the TDX digest) to approve.
    /// @param _deadline The signed deadline (unix seconds); refused after it.
    /// @param _signatures 65-byte signatures (r ‖ s ‖ v), sorted by signer, strictly ascending.
    function approveMeasurement(bytes32 _measurement, uint256 _deadline, bytes[] calldata _signatures) external;

    /// @notice Revokes `_measurement` for ever with `threshold` auditor signatures over EIP-712
    ///         `RevokeMeasurement(bytes32 measurement,uint256 policyVersion,uint256 deadline)`.
    ///         Anyone may submit. A measurement never approved may be revoked pre-emptively.
    /// @param _measurement The measurement to revoke.
    /// @param _deadline The signed deadline (unix seconds); refused after it.
    /// @param _signatures 65-byte signatures (r ‖ s ‖ v), sorted by signer, strictly ascending.
    function revokeMeasurement(bytes32 _measurement, uint256 _deadline, bytes[] calldata _signatures) external;

    /// @notice Revokes `_measurement` for ever: the council's emergency power.
    /// @dev Only the council.
    function revokeMeasurementByCouncil(bytes32 _measurement) external;

    // ─────────────────────────────────────────────────────────────── governance

    /// @notice Picks the attestation verifier `verifyReport` uses.
    /// @dev Only governance. Results of the previous verifier keep their `teeType`; restrict
    ///      `acceptedTeeTypes` to retire them.
    function setVerifier(IAttestationVerifier _verifier) external;

    /// @notice Replaces the auditor set and threshold; increments `policyVersion`.
    /// @dev Only governance. 1 ≤ auditors ≤ `MAX_AUDITORS`, strictly ascending (no zero address,
    ///      no repeats); 1 ≤ threshold ≤ auditors. Outstanding signatures stop counting.
    function setAuditors(address[] calldata _auditors, uint256 _threshold) external;

    /// @notice Changes the threshold alone; increments `policyVersion`.
    /// @dev Only governance. 1 ≤ threshold ≤ auditors.
    function setThreshold(uint256 _threshold) external;

    /// @notice Sets which TEE types are accepted: bit i = `TeeType(i)`.
    /// @dev Only governance. Non-empty, known types only.
    function setAcceptedTeeTypes(uint8 _mask) external;

    /// @notice Sets which TCB statuses are accepted: bit i = `TcbStatus(i)`.
    /// @dev Only governance. Must contain `UpToDate`; may never contain `Revoked` or `Unrecognized`.
    function setAcceptedTcbStatuses(uint8 _mask) external;

    /// @notice Requires enclaves signed by `_signerMeasurement` (MRSIGNER); zero accepts any signer.
    /// @dev Only governance.
    function setRequiredSignerMeasurement(bytes32 _signerMeasurement) external;

    /// @notice Requires product id `_productId` when `_enforced`; any product id otherwise.
    /// @dev Only governance.
    function setRequiredProductId(bool _enforced, uint16 _productId) external;

    /// @notice Requires a security version of at least `_minimum` (zero: any).
    /// @dev Only governance.
    function setMinSecurityVersion(uint16 _minimum) external;

    /// @notice Sets the maximum age, in L1 blocks, of the block a report binds.
    /// @dev Only governance. Within [`MIN_REPORT_AGE`, `MAX_REPORT_AGE`] (256: the `blockhash` window).
    function setMaxReportAge(uint256 _maxReportAge) external;

    /// @notice Sets how long, in seconds, an attested enclave key stays valid.
    /// @dev Only governance. Within [`MIN_KEY_LIFETIME`, `MAX_KEY_LIFETIME`].
    function setKeyLifetime(uint256 _keyLifetime) external;

    // ─────────────────────────────────────────────────────────────── checks

    /// @notice Verifies `_report` with the current verifier, then applies the whole policy.
    /// @dev Reverts with the verifier's error for a bad report, else with the error of the first
    ///      broken rule: `EnclavePolicy_MalformedReportData`, `EnclavePolicy_InvalidEnclavePublicKey`,
    ///      then the rules of `validate`. Freshness and the report-data binding are the caller's
    ///      (see `checkFreshness` and `AttestationBinding`).
    /// @return result_ The verified, acceptable result.
    function verifyReport(
        bytes calldata _report
    ) external view returns (IAttestationVerifier.AttestationResult memory result_);

    /// @notice Reverts with the error of the first rule `_result` breaks, in this order:
    ///         measurement revoked, not approved, TEE type, debug, TCB status, signer measurement,
    ///         product id, security version.
    function validate(IAttestationVerifier.AttestationResult calldata _result) external view;

    /// @notice Whether `_result` meets every rule of `validate` now. A contract that keeps a
    ///         node's whole result may call it on every use, so that rule changes apply at once.
    function isAcceptable(IAttestationVerifier.AttestationResult calldata _result) external view returns (bool);

    /// @notice Reverts unless L1 block `_l1BlockNumber` is in the past, at most `maxReportAge`
    ///         blocks old, and has hash `_l1BlockHash` on this chain.
    function checkFreshness(uint256 _l1BlockNumber, bytes32 _l1BlockHash) external view;

    // ─────────────────────────────────────────────────────────────── views

    /// @notice The EIP-712 type of an approval.
    function APPROVE_MEASUREMENT_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 type of a revocation.
    function REVOKE_MEASUREMENT_TYPEHASH() external view returns (bytes32);

    /// @notice The most auditors the set may hold (bounds the cost of a set change).
    function MAX_AUDITORS() external view returns (uint256);

    /// @notice The least `maxReportAge`, in L1 blocks: a few blocks to get a transaction included.
    function MIN_REPORT_AGE() external view returns (uint256);

    /// @notice The largest `maxReportAge`, in L1 blocks: `blockhash` sees no further back.
    function MAX_REPORT_AGE() external view returns (uint256);

    /// @notice The least `keyLifetime`, in seconds.
    function MIN_KEY_LIFETIME() external view returns (uint256);

    /// @notice The largest `keyLifetime`, in seconds.
    function MAX_KEY_LIFETIME() external view returns (uint256);

    /// @notice The verifier `verifyReport` uses.
    function verifier() external view returns (IAttestationVerifier);

    /// @notice The auditors, strictly ascending.
    function auditors() external view returns (address[] memory);

    /// @notice Whether `_account` is an auditor.
    function isAuditor(address _account) external view returns (bool);

    /// @notice How many auditor signatures approve or revoke a measurement.
    function threshold() external view returns (uint256);

    /// @notice The version auditor signatures must name; grows with every auditor-set or
    ///         threshold change.
    function policyVersion() external view returns (uint256);

    /// @notice Where `_measurement` stands.
    function measurementStatus(bytes32 _measurement) external view returns (MeasurementStatus);

    /// @notice The accepted TEE types: bit i = `TeeType(i)`.
    function acceptedTeeTypes() external view returns (uint8);

    /// @notice The accepted TCB statuses: bit i = `TcbStatus(i)`.
    function acceptedTcbStatuses() external view returns (uint8);

    /// @notice The required signer measurement; zero: any.
    function requiredSignerMeasurement() external view returns (bytes32);

    /// @notice The product id rule.
    function requiredProductId() external view returns (bool enforced_, uint16 productId_);

    /// @notice The minimum security version.
    function minSecurityVersion() external view returns (uint16);

    /// @notice The maximum age, in L1 blocks, of the block a report binds.
    function maxReportAge() external view returns (uint256);

    /// @notice How long, in seconds, an attested enclave key stays valid.
    function keyLifetime() external view returns (uint256);

    /// @notice The EIP-712 digest auditors sign to approve `_measurement` at `_policyVersion`.
    function hashApproveMeasurement(
        bytes32 _measurement,
        uint256 _policyVersion,
        uint256 _deadline
    ) external view returns (bytes32);

    /// @notice The EIP-712 digest auditors sign to revoke `_measurement` at `_policyVersion`.
    function hashRevokeMeasurement(
        bytes32 _measurement,
        uint256 _policyVersion,
        uint256 _deadline
    ) external view returns (bytes32);

    /// @notice The EIP-712 domain separator (name "Obscuro EnclavePolicy", version "1", this
    ///         chain, the proxy's address).
    function domainSeparator() external view returns (bytes32);
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import { IAttestationVerifier } from "../interfaces/attestation/IAttestationVerifier.sol";
import { IDevAttestationVerifier } from "../interfaces/attestation/IDevAttestationVerifier.sol";
import { Secp256k1 } from "../libraries/Secp256k1.sol";

/// @title DevAttestationVerifier
/// @notice The simulated TEE vendor of tests and devnets (see `IDevAttestationVerifier`).
/// @dev Not upgradeable and not governed: the vendor key is fixed at deploy; to change it, deploy
///      another verifier and have governance point `EnclavePolicy` at it.
///
///      Layout (offsets in bytes; SGX fields keep SGX's little-endian encoding):
///        [  0,   2) format version, uint16 big-endian, = 1
///        [  2,  18) CPUSVN
///        [ 18,  22) MISCSELECT, uint32 little-endian
///        [ 22,  38) ATTRIBUTES: flags uint64 LE ‖ XFRM uint64 LE; DEBUG is flags bit 1
///        [ 38,  70) MRENCLAVE
///        [ 70, 102) MRSIGNER
///        [102, 104) ISVPRODID, uint16 little-endian
///        [104, 106) ISVSVN, uint16 little-endian
///        [106, 170) REPORTDATA
///        [170, 234) enclave public key, x ‖ y big-endian
///        [234, 235) TCB status, uint8 (`IAttestationVerifier.TcbStatus`)
///        [235, 300) vendor signature r ‖ s ‖ v over keccak256(REPORT_DOMAIN ‖ report[0:235])
contract DevAttestationVerifier is IDevAttestationVerifier {
    // ─────────────────────────────────────────────────────────────── constants

    /// @inheritdoc IDevAttestationVerifier
    uint16 public constant FORMAT_VERSION = 1;

    /// @inheritdoc IDevAttestationVerifier
    bytes32 public constant REPORT_DOMAIN = keccak256("Obscuro.DevAttestationReport.v1");

    /// @inheritdoc IDevAttestationVerifier
    uint256 public constant BODY_LENGTH = 235;

    /// @inheritdoc IDevAttestationVerifier
    uint256 public constant REPORT_LENGTH = 300;

    uint256 private constant OFFSET_ATTRIBUTES = 22;
    uint256 private constant OFFSET_MRENCLAVE = 38;
    uint256 private constant OFFSET_MRSIGNER = 70;
    uint256 private constant OFFSET_ISVPRODID = 102;
    uint256 private constant OFFSET_ISVSVN = 104;
    uint256 private constant OFFSET_REPORTDATA = 106;
    uint256 private constant OFFSET_PUBLIC_KEY = 170;
    uint256 private constant OFFSET_TCB_STATUS = 234;

    /// @dev SGX_FLAGS_DEBUG: bit 1 of the attributes' flags, i.e. 0x02 in their first (LE) byte.
    uint8 private constant SGX_FLAGS_DEBUG = 0x02;

    /// @dev The largest `TcbStatus` value.
    uint8 private constant MAX_TCB_STATUS = uint8(type(IAttestationVerifier.TcbStatus).max);

    /// @notice The address of the vendor key that signs reports.
    address internal immutable VENDOR_KEY;

    // ─────────────────────────────────────────────────────────────── constructor

    /// @param _vendorKey The address of the vendor key that signs reports.
    constructor(address _vendorKey) {
        if (_vendorKey == address(0)) revert DevAttestationVerifier_ZeroVendor();
        VENDOR_KEY = _vendorKey;
        emit VendorFixed(_vendorKey);
    }

    // ─────────────────────────────────────────────────────────────── external

    /// @inheritdoc IAttestationVerifier
    function verify(bytes calldata _report) external view returns (AttestationResult memory result_) {
        if (_report.length != REPORT_LENGTH) revert DevAttestationVerifier_InvalidLength(_report.length);
        uint16 format = uint16(bytes2(_report[0:2]));
        if (format != FORMAT_VERSION) revert DevAttestationVerifier_UnsupportedFormat(format);

        (address signer, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(
            reportDigest(_report[0:BODY_LENGTH]),
            _report[BODY_LENGTH:REPORT_LENGTH]
        );
        if (recoverError != ECDSA.RecoverError.NoError) revert DevAttestationVerifier_InvalidSignature();
        if (signer != VENDOR_KEY) revert DevAttestationVerifier_WrongSigner(signer);

        uint8 tcbStatus = uint8(_report[OFFSET_TCB_STATUS]);
        if (tcbStatus > MAX_TCB_STATUS) revert DevAttestationVerifier_UnknownTcbStatus(tcbStatus);

        uint256 x = uint256(bytes32(_report[OFFSET_PUBLIC_KEY:OFFSET_PUBLIC_KEY + 32]));
        uint256 y = uint256(bytes32(_report[OFFSET_PUBLIC_KEY + 32:OFFSET_TCB_STATUS]));
        if (!Secp256k1.isOnCurve(x, y)) revert DevAttestationVerifier_InvalidEnclavePublicKey();

        result_.teeType = TeeType.Simulated;
        result_.measurement = bytes32(_report[OFFSET_MRENCLAVE:OFFSET_MRSIGNER]);
        result_.signerMeasurement = bytes32(_report[OFFSET_MRSIGNER:OFFSET_ISVPRODID]);
        result_.productId = _uint16LittleEndian(_report, OFFSET_ISVPRODID);
        result_.securityVersion = _uint16LittleEndian(_report, OFFSET_ISVSVN);
        result_.debug = uint8(_report[OFFSET_ATTRIBUTES]) & SGX_FLAGS_DEBUG != 0;
        result_.tcbStatus = TcbStatus(tcbStatus);
        result_.enclavePublicKey = _report[OFFSET_PUBLIC_KEY:OFFSET_TCB_STATUS];
        result_.reportData = _report[OFFSET_REPORTDATA:OFFSET_PUBLIC_KEY];
    }

    /// @inheritdoc IDevAttestationVerifier
    function vendorKey() external view returns (address) {
        return VENDOR_KEY;
    }

    /// @inheritdoc IDevAttestationVerifier
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ─────────────────────────────────────────────────────────────── public

    /// @inheritdoc IDevAttestationVerifier
    function reportDigest(bytes calldata _body) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(REPORT_DOMAIN, _body));
    }

    // ─────────────────────────────────────────────────────────────── private

    function _uint16LittleEndian(bytes calldata _data, uint256 _offset) private pure returns (uint16) {
        return uint16(uint8(_data[_offset])) | (uint16(uint8(_data[_offset + 1])) << 8);
    }
}

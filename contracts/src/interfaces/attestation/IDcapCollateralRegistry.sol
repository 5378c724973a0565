// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "./IAttestationVerifier.sol";
import { IDcapCertificateRegistry } from "./IDcapCertificateRegistry.sol";

/// @title IDcapCollateralRegistry
/// @notice Intel-signed TCB collateral on-chain: TCB Info (v3, SGX and TDX, per FMSPC) and the
///         quoting enclaves' identities (v2, `QE` and `TD_QE`). Anyone may submit the exact JSON
///         body Intel's PCS served and its signature; it is accepted only if the signature
///         verifies under the TCB Signing key of `certificates()`, the item is valid at the block
///         time, and it is newer than the stored one (higher TCB evaluation data number, or the
///         same number and a later issue date). The JSON is parsed once, here, and stored compactly.
interface IDcapCollateralRegistry {
    // ───────────────────────────────────────── types

    /// @notice Which TCB info: `SGX` or `TDX`.
    enum TcbId {
        Sgx,
        Tdx
    }

    /// @notice Which quoting enclave identity: `QE` (SGX) or `TD_QE` (TDX).
    enum QeId {
        Qe,
        TdQe
    }

    /// @notice One platform TCB level.
    struct TcbLevel {
        /// SGX TCB component SVNs, component i in byte i.
        bytes16 sgxComponents;
        /// TDX TCB component SVNs (TDX TCB info only).
        bytes16 tdxComponents;
        uint16 pceSvn;
        IAttestationVerifier.TcbStatus status;
    }

    /// @notice A TDX module's expected signer (MRSIGNERSEAM, 48 bytes) and SEAM attributes.
    struct TdxModule {
        bytes32 mrSignerHigh;
        bytes16 mrSignerLow;
        bytes8 attributes;
        bytes8 attributesMask;
    }

    /// @notice One TCB level of an enclave (QE) or TDX module, by ISV SVN.
    struct IsvTcbLevel {
        uint16 isvSvn;
        IAttestationVerifier.TcbStatus status;
    }

    /// @notice A TDX module identity `TDX_<version>`.
    struct TdxModuleIdentity {
        uint8 version;
        TdxModule module;
        IsvTcbLevel[] tcbLevels;
    }

    /// @notice A stored TCB info.
    struct TcbInfo {
        TcbId id;
        bytes6 fmspc;
        bytes2 pceId;
        uint32 tcbEvaluationDataNumber;
        uint64 issueDate;
        uint64 nextUpdate;
        /// sha256 of the signed JSON body.
        bytes32 contentHash;
        /// TDX only.
        TdxModule tdxModule;
        /// Newest first, as Intel orders them.
        TcbLevel[] tcbLevels;
        /// TDX only.
        TdxModuleIdentity[] tdxModuleIdentities;
    }

    /// @notice A stored quoting enclave identity.
    /// @dev Packed in 5 slots; solhint's packing rule sizes the 1-byte enum as a full slot.
    // solhint-disable-next-line gas-struct-packing
    struct EnclaveIdentity {
        bytes32 mrSigner;
        /// sha256 of the signed JSON body.
        bytes32 contentHash;
        bytes16 attributes;
        bytes16 attributesMask;
        uint64 issueDate;
        uint64 nextUpdate;
        uint32 tcbEvaluationDataNumber;
        bytes4 miscselect;
        bytes4 miscselectMask;
        uint16 isvProdId;
        QeId id;
        IsvTcbLevel[] tcbLevels;
    }

    // ───────────────────────────────────────── errors

    /// @notice The signature is not 64 bytes (`r ‖ s`) or does not verify under the TCB Signing key.
    error DcapCollateralRegistry_InvalidSignature();
    /// @notice The item's issueDate is after the block time.
    error DcapCollateralRegistry_NotYetValid(uint64 issueDate);
    /// @notice The item's nextUpdate is not after the block time.
    error DcapCollateralRegistry_Expired(uint64 nextUpdate);
    /// @notice The item is not newer than the one held (TCB evaluation data number, then issue date).
    error DcapCollateralRegistry_NotNewer(uint32 heldEvaluationNumber, uint64 heldIssueDate);

    // ───────────────────────────────────────── events

    /// @notice A TCB info is now the registry's current one for (`id`, `fmspc`).
    event TcbInfoUpdated(
        TcbId indexed id,
        bytes6 indexed fmspc,
        uint32 tcbEvaluationDataNumber,
        uint64 issueDate,
        uint64 nextUpdate,
        bytes32 contentHash
    );

    /// @notice A quoting enclave identity is now the registry's current one for `id`.
    event EnclaveIdentityUpdated(
        QeId indexed id,
        uint32 tcbEvaluationDataNumber,
        uint64 issueDate,
        uint64 nextUpdate,
        bytes32 contentHash
    );

    // ───────────────────────────────────────── submissions

    /// @notice Submits a TCB info (v3).
    /// @param _body The exact JSON value of `tcbInfo` that Intel signed.
    /// @param _signature The `signature` field, decoded: `r ‖ s`, 64 bytes.
    function submitTcbInfo(bytes calldata _body, bytes calldata _signature) external;

    /// @notice Submits a quoting enclave identity (v2, `QE` or `TD_QE`).
    /// @param _body The exact JSON value of `enclaveIdentity` that Intel signed.
    /// @param _signature The `signature` field, decoded: `r ‖ s`, 64 bytes.
    function submitEnclaveIdentity(bytes calldata _body, bytes calldata _signature) external;

    // ───────────────────────────────────────── views

    /// @notice The current TCB info of (`_id`, `_fmspc`); `issueDate == 0` if none.
    function tcbInfo(TcbId _id, bytes6 _fmspc) external view returns (TcbInfo memory info_);

    /// @notice The current identity of quoting enclave `_id`; `issueDate == 0` if none.
    function enclaveIdentity(QeId _id) external view returns (EnclaveIdentity memory identity_);

    /// @notice The certificate registry whose TCB Signing key the collateral must carry.
    function certificates() external view returns (IDcapCertificateRegistry certificates_);

    /// @notice The contract's version.
    function version() external pure returns (string memory version_);
}

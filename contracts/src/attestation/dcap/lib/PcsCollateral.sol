// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IAttestationVerifier } from "../../../interfaces/attestation/IAttestationVerifier.sol";
import { IDcapCollateralRegistry } from "../../../interfaces/attestation/IDcapCollateralRegistry.sol";
import { Asn1Der } from "./Asn1Der.sol";
import { DcapTime } from "./DcapTime.sol";
import { JsonReader } from "./JsonReader.sol";

/// @title PcsCollateral
/// @notice Parses the signed JSON bodies of Intel's PCS collateral into the compact structs the
///         collateral registry stores: TCB Info v3 (SGX and TDX) and Enclave Identity v2 (QE, TD_QE).
/// @dev Members may come in any order; unknown members (tcbDate, advisoryIDs, category, …) are
///      skipped; a required member missing, present twice, or out of range reverts. The SDK's
///      `collateral.ts` implements the same rules.
library PcsCollateral {
    /// @notice The collateral is of a kind or version the contracts do not support, or a value is out of range.
    error PcsCollateral_Unsupported(uint256 offset);
    /// @notice A required member is missing (`missing` is the bitmask of missing members).
    error PcsCollateral_MissingField(uint256 missing);
    /// @notice A member appears twice.
    error PcsCollateral_DuplicateField(uint256 offset);
    /// @notice A list is empty or longer than the contracts' bound.
    error PcsCollateral_BadListLength(uint256 offset);

    uint256 internal constant MAX_TCB_LEVELS = 64;
    uint256 internal constant MAX_TDX_MODULE_IDENTITIES = 16;
    uint256 internal constant MAX_ISV_TCB_LEVELS = 32;
    uint256 internal constant COMPONENT_COUNT = 16;

    // TCB info members (bit i of the seen-mask).
    uint256 private constant F_ID = 1 << 0;
    uint256 private constant F_VERSION = 1 << 1;
    uint256 private constant F_ISSUE_DATE = 1 << 2;
    uint256 private constant F_NEXT_UPDATE = 1 << 3;
    uint256 private constant F_FMSPC = 1 << 4;
    uint256 private constant F_PCE_ID = 1 << 5;
    uint256 private constant F_TCB_TYPE = 1 << 6;
    uint256 private constant F_EVAL_NUMBER = 1 << 7;
    uint256 private constant F_TDX_MODULE = 1 << 8;
    uint256 private constant F_TDX_IDENTITIES = 1 << 9;
    uint256 private constant F_TCB_LEVELS = 1 << 10;
    uint256 private constant F_MISCSELECT = 1 << 11;
    uint256 private constant F_MISCSELECT_MASK = 1 << 12;
    uint256 private constant F_ATTRIBUTES = 1 << 13;
    uint256 private constant F_ATTRIBUTES_MASK = 1 << 14;
    uint256 private constant F_MRSIGNER = 1 << 15;
    uint256 private constant F_ISVPRODID = 1 << 16;
    uint256 private constant TCB_INFO_REQUIRED =
        F_ID |
            F_VERSION |
            F_ISSUE_DATE |
            F_NEXT_UPDATE |
            F_FMSPC |
            F_PCE_ID |
            F_TCB_TYPE |
            F_EVAL_NUMBER |
            F_TCB_LEVELS;
    uint256 private constant IDENTITY_REQUIRED =
        F_ID |
            F_VERSION |
            F_ISSUE_DATE |
            F_NEXT_UPDATE |
            F_EVAL_NUMBER |
            F_MISCSELECT |
            F_MISCSELECT_MASK |
            F_ATTRIBUTES |
            F_ATTRIBUTES_MASK |
            F_MRSIGNER |
            F_ISVPRODID |
            F_TCB_LEVELS;
    uint256 private constant MODULE_REQUIRED = F_ATTRIBUTES | F_ATTRIBUTES_MASK | F_MRSIGNER;

    // ───────────────────────────────────────── TCB info

    /// @notice Parses a TCB Info v3 body (the value of `tcbInfo`).
    function parseTcbInfo(bytes memory _json) internal pure returns (IDcapCollateralRegistry.TcbInfo memory info_) {
        (uint256 i, bool more) = JsonReader.beginObject(_json, 0);
        uint256 seen;
        bool tdxLevels;
        while (more) {
            bytes32 name;
            uint256 pos = JsonReader.skipWhitespace(_json, i);
            (name, i) = JsonReader.key(_json, pos);
            uint256 field = _tcbInfoField(name);
            if (field & seen != 0) revert PcsCollateral_DuplicateField(pos);
            seen |= field;
            if (field == F_TCB_LEVELS) (info_.tcbLevels, tdxLevels, i) = _tcbLevels(_json, i);
            else i = _tcbInfoMember(_json, i, field, info_);
            (i, more) = JsonReader.endMember(_json, i, "}");
        }
        JsonReader.expectEnd(_json, i);
        bool tdx = info_.id == IDcapCollateralRegistry.TcbId.Tdx;
        uint256 required = TCB_INFO_REQUIRED | (tdx ? F_TDX_MODULE : 0);
        if (seen & required != required) revert PcsCollateral_MissingField(required & ~seen);
        // TDX-only members and components must be there exactly for TDX.
        if (tdx != tdxLevels || (!tdx && seen & (F_TDX_MODULE | F_TDX_IDENTITIES) != 0)) {
            revert PcsCollateral_Unsupported(0);
        }
    }

    /// @dev Reads the value of TCB info member `_field` (any but `tcbLevels`) into `_info`.
    function _tcbInfoMember(
        bytes memory _json,
        uint256 _i,
        uint256 _field,
        IDcapCollateralRegistry.TcbInfo memory _info
    ) private pure returns (uint256 next_) {
        if (_field == F_ID) {
            (uint256 s, uint256 e, uint256 n) = JsonReader.readString(_json, _i);
            if (Asn1Der.equals(_json, s, e, "SGX") && e - s == 3) _info.id = IDcapCollateralRegistry.TcbId.Sgx;
            else if (Asn1Der.equals(_json, s, e, "TDX") && e - s == 3) _info.id = IDcapCollateralRegistry.TcbId.Tdx;
            else revert PcsCollateral_Unsupported(s);
            next_ = n;
        } else if (_field == F_VERSION) {
            next_ = _expectUint(_json, _i, 3);
        } else if (_field == F_ISSUE_DATE) {
            (_info.issueDate, next_) = _time(_json, _i);
        } else if (_field == F_NEXT_UPDATE) {
            (_info.nextUpdate, next_) = _time(_json, _i);
        } else if (_field == F_FMSPC) {
            bytes32 v;
            (v, next_) = _hex(_json, _i, 6);
            _info.fmspc = bytes6(v);
        } else if (_field == F_PCE_ID) {
            bytes32 v;
            (v, next_) = _hex(_json, _i, 2);
            _info.pceId = bytes2(v);
        } else if (_field == F_TCB_TYPE) {
            next_ = _expectUint(_json, _i, 0);
        } else if (_field == F_EVAL_NUMBER) {
            uint256 v;
            (v, next_) = _uint(_json, _i, type(uint32).max);
            _info.tcbEvaluationDataNumber = uint32(v);
        } else if (_field == F_TDX_MODULE) {
            (_info.tdxModule, next_) = _tdxModule(_json, _i);
        } else if (_field == F_TDX_IDENTITIES) {
            (_info.tdxModuleIdentities, next_) = _tdxModuleIdentities(_json, _i);
        } else {
            next_ = JsonReader.skipValue(_json, _i);
        }
    }

    function _tcbInfoField(bytes32 _name) private pure returns (uint256) {
        if (_name == "id") return F_ID;
        if (_name == "version") return F_VERSION;
        if (_name == "issueDate") return F_ISSUE_DATE;
        if (_name == "nextUpdate") return F_NEXT_UPDATE;
        if (_name == "fmspc") return F_FMSPC;
        if (_name == "pceId") return F_PCE_ID;
        if (_name == "tcbType") return F_TCB_TYPE;
        if (_name == "tcbEvaluationDataNumber") return F_EVAL_NUMBER;
        if (_name == "tdxModule") return F_TDX_MODULE;
        if (_name == "tdxModuleIdentities") return F_TDX_IDENTITIES;
        if (_name == "tcbLevels") return F_TCB_LEVELS;
        return 0;
    }

    /// @dev Parses `tcbLevels`; `tdx_` tells whether the levels carry TDX components (all or none).
    function _tcbLevels(
        bytes memory _json,
        uint256 _i
    ) private pure returns (IDcapCollateralRegistry.TcbLevel[] memory levels_, bool tdx_, uint256 next_) {
        levels_ = new IDcapCollateralRegistry.TcbLevel[](MAX_TCB_LEVELS);
        bool more;
        (next_, more) = JsonReader.beginArray(_json, _i);
        if (!more) revert PcsCollateral_BadListLength(_i);
        uint256 count;
        while (more) {
            if (count == MAX_TCB_LEVELS) revert PcsCollateral_BadListLength(next_);
            bool levelTdx;
            (levels_[count], levelTdx, next_) = _tcbLevel(_json, next_);
            if (count == 0) tdx_ = levelTdx;
            else if (levelTdx != tdx_) revert PcsCollateral_Unsupported(next_);
            ++count;
            (next_, more) = JsonReader.endMember(_json, next_, "]");
        }
        assembly ("memory-safe") {
            mstore(levels_, count)
        }
    }

    function _tcbLevel(
        bytes memory _json,
        uint256 _i
    ) private pure returns (IDcapCollateralRegistry.TcbLevel memory level_, bool tdx_, uint256 next_) {
        bool more;
        (next_, more) = JsonReader.beginObject(_json, _i);
        uint256 seen; // 1 tcb, 2 tcbStatus
        while (more) {
            bytes32 name;
            uint256 pos = JsonReader.skipWhitespace(_json, next_);
            (name, next_) = JsonReader.key(_json, pos);
            if (name == "tcb") {
                if (seen & 1 != 0) revert PcsCollateral_DuplicateField(pos);
                seen |= 1;
                (level_, tdx_, next_) = _tcbComponents(_json, next_);
            } else if (name == "tcbStatus") {
                if (seen & 2 != 0) revert PcsCollateral_DuplicateField(pos);
                seen |= 2;
                (level_.status, next_) = _status(_json, next_, false);
            } else {
                next_ = JsonReader.skipValue(_json, next_);
            }
            (next_, more) = JsonReader.endMember(_json, next_, "}");
        }
        if (seen != 3) revert PcsCollateral_MissingField(3 & ~seen);
    }

    /// @dev Parses a level's `tcb` object. The returned level's status is set by the caller.
    function _tcbComponents(
        bytes memory _json,
        uint256 _i
    ) private pure returns (IDcapCollateralRegistry.TcbLevel memory level_, bool tdx_, uint256 next_) {
        bool more;
        (next_, more) = JsonReader.beginObject(_json, _i);
        uint256 seen; // 1 sgx, 2 pcesvn, 4 tdx
        while (more) {
            bytes32 name;
            uint256 pos = JsonReader.skipWhitespace(_json, next_);
            (name, next_) = JsonReader.key(_json, pos);
            uint256 field =
                name == "sgxtcbcomponents"
                    ? 1
                    : name == "pcesvn"
                        ? 2
                        : name == "tdxtcbcomponents"
                            ? 4
                            : 0;
            if (field & seen != 0) revert PcsCollateral_DuplicateField(pos);
            seen |= field;
            if (field == 1) {
                (level_.sgxComponents, next_) = _components(_json, next_);
            } else if (field == 2) {
                uint256 v;
                (v, next_) = _uint(_json, next_, type(uint16).max);
                level_.pceSvn = uint16(v);
            } else if (field == 4) {
                (level_.tdxComponents, next_) = _components(_json, next_);
            } else {
                next_ = JsonReader.skipValue(_json, next_);
            }
            (next_, more) = JsonReader.endMember(_json, next_, "}");
        }
        if (seen & 3 != 3) revert PcsCollateral_MissingField(3 & ~seen);
        tdx_ = seen & 4 != 0;
    }

    /// @dev Parses 16 `{"svn": n, …}` objects into bytes16 (component i in byte i).
    function _components(bytes memory _json, uint256 _i) private pure returns (bytes16 components_, uint256 next_) {
        bool more;
        (next_, more) = JsonReader.beginArray(_json, _i);
        uint256 count;
        uint128 packed;
        while (more) {
            if (count == COMPONENT_COUNT) revert PcsCollateral_BadListLength(next_);
            // {"svn": n, …}: Intel puts svn first; anything else is read member by member.
            bool inner;
            (next_, inner) = JsonReader.beginObject(_json, next_);
            bool found;
            while (inner) {
                bytes32 name;
                uint256 pos = JsonReader.skipWhitespace(_json, next_);
                (name, next_) = JsonReader.key(_json, pos);
                if (name == "svn") {
                    if (found) revert PcsCollateral_DuplicateField(pos);
                    found = true;
                    uint256 svn;
                    (svn, next_) = _uint(_json, next_, type(uint8).max);
                    packed |= uint128(svn << (8 * (15 - count)));
                    // The rest of a component ("category", "type") is flat and of no use here.
                    next_ = JsonReader.skipFlatObjectRest(_json, next_);
                    break;
                }
                next_ = JsonReader.skipValue(_json, next_);
                (next_, inner) = JsonReader.endMember(_json, next_, "}");
            }
            if (!found) revert PcsCollateral_MissingField(1);
            ++count;
            (next_, more) = JsonReader.endMember(_json, next_, "]");
        }
        if (count != COMPONENT_COUNT) revert PcsCollateral_BadListLength(next_);
        components_ = bytes16(packed);
    }

    /// @dev Parses `tdxModule`.
    function _tdxModule(
        bytes memory _json,
        uint256 _i
    ) private pure returns (IDcapCollateralRegistry.TdxModule memory module_, uint256 next_) {
        IDcapCollateralRegistry.TdxModuleIdentity memory object;
        next_ = _tdxModuleObject(_json, _i, false, object);
        module_ = object.module;
    }

    /// @dev Parses a TDX module object into `_out`: `tdxModule`, or with `_identity` an entry of
    ///      `tdxModuleIdentities` (which also has `id` and `tcbLevels`).
    function _tdxModuleObject(
        bytes memory _json,
        uint256 _i,
        bool _identity,
        IDcapCollateralRegistry.TdxModuleIdentity memory _out
    ) private pure returns (uint256 next_) {
        bool more;
        (next_, more) = JsonReader.beginObject(_json, _i);
        uint256 seen;
        while (more) {
            bytes32 name;
            uint256 pos = JsonReader.skipWhitespace(_json, next_);
            (name, next_) = JsonReader.key(_json, pos);
            uint256 field = _moduleField(name, _identity);
            if (field & seen != 0) revert PcsCollateral_DuplicateField(pos);
            seen |= field;
            next_ = _moduleMember(_json, next_, field, _out);
            (next_, more) = JsonReader.endMember(_json, next_, "}");
        }
        uint256 required = MODULE_REQUIRED | (_identity ? F_ID | F_TCB_LEVELS : 0);
        if (seen & required != required) revert PcsCollateral_MissingField(required & ~seen);
    }

    function _moduleField(bytes32 _name, bool _identity) private pure returns (uint256) {
        if (_name == "mrsigner") return F_MRSIGNER;
        if (_name == "attributes") return F_ATTRIBUTES;
        if (_name == "attributesMask") return F_ATTRIBUTES_MASK;
        if (_identity && _name == "id") return F_ID;
        if (_identity && _name == "tcbLevels") return F_TCB_LEVELS;
        return 0;
    }

    function _moduleMember(
        bytes memory _json,
        uint256 _i,
        uint256 _field,
        IDcapCollateralRegistry.TdxModuleIdentity memory _out
    ) private pure returns (uint256 next_) {
        bytes32 v;
        if (_field == F_MRSIGNER) {
            (uint256 s, uint256 e, uint256 n) = JsonReader.readString(_json, _i);
            if (e - s != 96) revert PcsCollateral_Unsupported(s);
            _out.module.mrSignerHigh = JsonReader.hexBytes(_json, s, s + 64, 32);
            _out.module.mrSignerLow = bytes16(JsonReader.hexBytes(_json, s + 64, e, 16));
            next_ = n;
        } else if (_field == F_ATTRIBUTES) {
            (v, next_) = _hex(_json, _i, 8);
            _out.module.attributes = bytes8(v);
        } else if (_field == F_ATTRIBUTES_MASK) {
            (v, next_) = _hex(_json, _i, 8);
            _out.module.attributesMask = bytes8(v);
        } else if (_field == F_ID) {
            (uint256 s, uint256 e, uint256 n) = JsonReader.readString(_json, _i);
            if (e - s != 6 || !Asn1Der.equals(_json, s, s + 4, "TDX_")) revert PcsCollateral_Unsupported(s);
            _out.version = uint8(bytes1(JsonReader.hexBytes(_json, s + 4, e, 1)));
            next_ = n;
        } else if (_field == F_TCB_LEVELS) {
            (_out.tcbLevels, next_) = _isvLevels(_json, _i, true);
        } else {
            next_ = JsonReader.skipValue(_json, _i);
        }
    }

    function _tdxModuleIdentities(
        bytes memory _json,
        uint256 _i
    ) private pure returns (IDcapCollateralRegistry.TdxModuleIdentity[] memory identities_, uint256 next_) {
        identities_ = new IDcapCollateralRegistry.TdxModuleIdentity[](MAX_TDX_MODULE_IDENTITIES);
        bool more;
        (next_, more) = JsonReader.beginArray(_json, _i);
        if (!more) revert PcsCollateral_BadListLength(_i);
        uint256 count;
        while (more) {
            if (count == MAX_TDX_MODULE_IDENTITIES) revert PcsCollateral_BadListLength(next_);
            next_ = _tdxModuleObject(_json, next_, true, identities_[count]);
            ++count;
            (next_, more) = JsonReader.endMember(_json, next_, "]");
        }
        assembly ("memory-safe") {
            mstore(identities_, count)
        }
    }

    // ───────────────────────────────────────── enclave identity

    /// @notice Parses an Enclave Identity v2 body (the value of `enclaveIdentity`) of `QE` or `TD_QE`.
    function parseEnclaveIdentity(
        bytes memory _json
    ) internal pure returns (IDcapCollateralRegistry.EnclaveIdentity memory identity_) {
        (uint256 i, bool more) = JsonReader.beginObject(_json, 0);
        uint256 seen;
        while (more) {
            bytes32 name;
            uint256 pos = JsonReader.skipWhitespace(_json, i);
            (name, i) = JsonReader.key(_json, pos);
            uint256 field = _identityField(name);
            if (field & seen != 0) revert PcsCollateral_DuplicateField(pos);
            seen |= field;
            i = _identityMember(_json, i, field, identity_);
            (i, more) = JsonReader.endMember(_json, i, "}");
        }
        JsonReader.expectEnd(_json, i);
        if (seen & IDENTITY_REQUIRED != IDENTITY_REQUIRED) revert PcsCollateral_MissingField(IDENTITY_REQUIRED & ~seen);
    }

    /// @dev Reads the value of enclave identity member `_field` into `_identity`.
    function _identityMember(
        bytes memory _json,
        uint256 _i,
        uint256 _field,
        IDcapCollateralRegistry.EnclaveIdentity memory _identity
    ) private pure returns (uint256 next_) {
        bytes32 v;
        if (_field == F_ID) {
            (uint256 s, uint256 e, uint256 n) = JsonReader.readString(_json, _i);
            if (e - s == 2 && Asn1Der.equals(_json, s, e, "QE")) _identity.id = IDcapCollateralRegistry.QeId.Qe;
            else if (e - s == 5 && Asn1Der.equals(_json, s, e, "TD_QE")) {
                _identity.id = IDcapCollateralRegistry.QeId.TdQe;
            } else revert PcsCollateral_Unsupported(s);
            next_ = n;
        } else if (_field == F_VERSION) {
            next_ = _expectUint(_json, _i, 2);
        } else if (_field == F_ISSUE_DATE) {
            (_identity.issueDate, next_) = _time(_json, _i);
        } else if (_field == F_NEXT_UPDATE) {
            (_identity.nextUpdate, next_) = _time(_json, _i);
        } else if (_field == F_EVAL_NUMBER) {
            uint256 n;
            (n, next_) = _uint(_json, _i, type(uint32).max);
            _identity.tcbEvaluationDataNumber = uint32(n);
        } else if (_field == F_MISCSELECT) {
            (v, next_) = _hex(_json, _i, 4);
            _identity.miscselect = bytes4(v);
        } else if (_field == F_MISCSELECT_MASK) {
            (v, next_) = _hex(_json, _i, 4);
            _identity.miscselectMask = bytes4(v);
        } else if (_field == F_ATTRIBUTES) {
            (v, next_) = _hex(_json, _i, 16);
            _identity.attributes = bytes16(v);
        } else if (_field == F_ATTRIBUTES_MASK) {
            (v, next_) = _hex(_json, _i, 16);
            _identity.attributesMask = bytes16(v);
        } else if (_field == F_MRSIGNER) {
            (_identity.mrSigner, next_) = _hex(_json, _i, 32);
        } else if (_field == F_ISVPRODID) {
            uint256 n;
            (n, next_) = _uint(_json, _i, type(uint16).max);
            _identity.isvProdId = uint16(n);
        } else if (_field == F_TCB_LEVELS) {
            (_identity.tcbLevels, next_) = _isvLevels(_json, _i, false);
        } else {
            next_ = JsonReader.skipValue(_json, _i);
        }
    }

    function _identityField(bytes32 _name) private pure returns (uint256) {
        if (_name == "id") return F_ID;
        if (_name == "version") return F_VERSION;
        if (_name == "issueDate") return F_ISSUE_DATE;
        if (_name == "nextUpdate") return F_NEXT_UPDATE;
        if (_name == "tcbEvaluationDataNumber") return F_EVAL_NUMBER;
        if (_name == "miscselect") return F_MISCSELECT;
        if (_name == "miscselectMask") return F_MISCSELECT_MASK;
        if (_name == "attributes") return F_ATTRIBUTES;
        if (_name == "attributesMask") return F_ATTRIBUTES_MASK;
        if (_name == "mrsigner") return F_MRSIGNER;
        if (_name == "isvprodid") return F_ISVPRODID;
        if (_name == "tcbLevels") return F_TCB_LEVELS;
        return 0;
    }

    /// @dev Parses `[{"tcb":{"isvsvn":n},"tcbStatus":"…",…},…]` (QE or TDX module levels).
    function _isvLevels(
        bytes memory _json,
        uint256 _i,
        bool _module
    ) private pure returns (IDcapCollateralRegistry.IsvTcbLevel[] memory levels_, uint256 next_) {
        levels_ = new IDcapCollateralRegistry.IsvTcbLevel[](MAX_ISV_TCB_LEVELS);
        bool more;
        (next_, more) = JsonReader.beginArray(_json, _i);
        if (!more) revert PcsCollateral_BadListLength(_i);
        uint256 count;
        while (more) {
            if (count == MAX_ISV_TCB_LEVELS) revert PcsCollateral_BadListLength(next_);
            IDcapCollateralRegistry.IsvTcbLevel memory level = levels_[count];
            bool inner;
            (next_, inner) = JsonReader.beginObject(_json, next_);
            uint256 seen;
            while (inner) {
                bytes32 name;
                uint256 pos = JsonReader.skipWhitespace(_json, next_);
                (name, next_) = JsonReader.key(_json, pos);
                if (name == "tcb") {
                    if (seen & 1 != 0) revert PcsCollateral_DuplicateField(pos);
                    seen |= 1;
                    (level.isvSvn, next_) = _isvSvn(_json, next_, _module);
                } else if (name == "tcbStatus") {
                    if (seen & 2 != 0) revert PcsCollateral_DuplicateField(pos);
                    seen |= 2;
                    (level.status, next_) = _status(_json, next_, true);
                } else {
                    next_ = JsonReader.skipValue(_json, next_);
                }
                (next_, inner) = JsonReader.endMember(_json, next_, "}");
            }
            if (seen != 3) revert PcsCollateral_MissingField(3 & ~seen);
            ++count;
            (next_, more) = JsonReader.endMember(_json, next_, "]");
        }
        assembly ("memory-safe") {
            mstore(levels_, count)
        }
    }

    function _isvSvn(bytes memory _json, uint256 _i, bool _module) private pure returns (uint16 svn_, uint256 next_) {
        bool more;
        (next_, more) = JsonReader.beginObject(_json, _i);
        bool found;
        while (more) {
            bytes32 name;
            uint256 pos = JsonReader.skipWhitespace(_json, next_);
            (name, next_) = JsonReader.key(_json, pos);
            if (name == "isvsvn") {
                if (found) revert PcsCollateral_DuplicateField(pos);
                found = true;
                uint256 v;
                (v, next_) = _uint(_json, next_, _module ? type(uint8).max : type(uint16).max);
                svn_ = uint16(v);
            } else {
                next_ = JsonReader.skipValue(_json, next_);
            }
            (next_, more) = JsonReader.endMember(_json, next_, "}");
        }
        if (!found) revert PcsCollateral_MissingField(1);
    }

    // ───────────────────────────────────────── values

    function _status(
        bytes memory _json,
        uint256 _i,
        bool _isv
    ) private pure returns (IAttestationVerifier.TcbStatus status_, uint256 next_) {
        uint256 s;
        uint256 e;
        (s, e, next_) = JsonReader.readString(_json, _i);
        bytes32 h = Asn1Der.hashRange(_json, s, e);
        if (h == keccak256("UpToDate")) return (IAttestationVerifier.TcbStatus.UpToDate, next_);
        if (h == keccak256("OutOfDate")) return (IAttestationVerifier.TcbStatus.OutOfDate, next_);
        if (h == keccak256("Revoked")) return (IAttestationVerifier.TcbStatus.Revoked, next_);
        if (!_isv) {
            if (h == keccak256("SWHardeningNeeded")) return (IAttestationVerifier.TcbStatus.SWHardeningNeeded, next_);
            if (h == keccak256("ConfigurationNeeded")) {
                return (IAttestationVerifier.TcbStatus.ConfigurationNeeded, next_);
            }
            if (h == keccak256("ConfigurationAndSWHardeningNeeded")) {
                return (IAttestationVerifier.TcbStatus.ConfigurationAndSWHardeningNeeded, next_);
            }
            if (h == keccak256("OutOfDateConfigurationNeeded")) {
                return (IAttestationVerifier.TcbStatus.OutOfDateConfigurationNeeded, next_);
            }
        }
        revert PcsCollateral_Unsupported(s);
    }

    function _time(bytes memory _json, uint256 _i) private pure returns (uint64 time_, uint256 next_) {
        (uint256 s, uint256 e, uint256 n) = JsonReader.readString(_json, _i);
        return (DcapTime.isoTime(_json, s, e), n);
    }

    function _hex(bytes memory _json, uint256 _i, uint256 _size) private pure returns (bytes32 v_, uint256 next_) {
        (uint256 s, uint256 e, uint256 n) = JsonReader.readString(_json, _i);
        return (JsonReader.hexBytes(_json, s, e, _size), n);
    }

    function _uint(bytes memory _json, uint256 _i, uint256 _max) private pure returns (uint256 v_, uint256 next_) {
        uint256 pos = JsonReader.skipWhitespace(_json, _i);
        (v_, next_) = JsonReader.readUint(_json, pos);
        if (v_ > _max) revert PcsCollateral_Unsupported(pos);
    }

    function _expectUint(bytes memory _json, uint256 _i, uint256 _expected) private pure returns (uint256 next_) {
        uint256 pos = JsonReader.skipWhitespace(_json, _i);
        uint256 v;
        (v, next_) = JsonReader.readUint(_json, pos);
        if (v != _expected) revert PcsCollateral_Unsupported(pos);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCollateralRegistry } from "../../../../src/interfaces/attestation/IDcapCollateralRegistry.sol";
import { DcapQuote } from "../../../../src/attestation/dcap/lib/DcapQuote.sol";
import { DcapTime } from "../../../../src/attestation/dcap/lib/DcapTime.sol";
import { PcsCollateral } from "../../../../src/attestation/dcap/lib/PcsCollateral.sol";
import { X509 } from "../../../../src/attestation/dcap/lib/X509.sol";
import { IDcapHarness } from "./IDcapHarness.sol";

/// @notice See `IDcapHarness`. A `.t.sol` file so that Hardhat builds it with the tests; it has no tests.
contract DcapHarness is IDcapHarness {
    function parseQuote(bytes calldata _quote) external pure returns (DcapQuote.Quote memory) {
        return DcapQuote.parse(_quote);
    }

    function le(bytes calldata _data, uint256 _offset, uint256 _size) external pure returns (uint256) {
        return DcapQuote.le(_data, _offset, _size);
    }

    function parseCertificate(bytes calldata _der) external pure returns (X509.Certificate memory) {
        return X509.parseCertificate(_der);
    }

    function parsePckTcb(bytes calldata _der) external pure returns (X509.PckTcb memory) {
        bytes memory der = _der;
        return X509.parsePckTcb(der, X509.parseCertificate(der));
    }

    function parseCrl(bytes calldata _der) external pure returns (X509.Crl memory) {
        return X509.parseCrl(_der);
    }

    function revokedSerialHashes(bytes calldata _crl) external pure returns (bytes32[] memory hashes_) {
        bytes memory der = _crl;
        X509.Crl memory list = X509.parseCrl(der);
        hashes_ = new bytes32[](512);
        uint256 count;
        for (uint256 next = list.revokedStart; next < list.revokedEnd; ++count) {
            (hashes_[count], next) = X509.revokedSerialAt(der, next, list.revokedEnd);
        }
        assembly ("memory-safe") {
            mstore(hashes_, count)
        }
    }

    function firstPemCertificate(bytes calldata _pem) external pure returns (bytes memory) {
        return X509.firstPemCertificate(_pem);
    }

    function parseTcbInfo(bytes calldata _json) external pure returns (IDcapCollateralRegistry.TcbInfo memory) {
        return PcsCollateral.parseTcbInfo(_json);
    }

    function parseEnclaveIdentity(
        bytes calldata _json
    ) external pure returns (IDcapCollateralRegistry.EnclaveIdentity memory) {
        return PcsCollateral.parseEnclaveIdentity(_json);
    }

    function isoTime(bytes calldata _text) external pure returns (uint64) {
        return DcapTime.isoTime(_text, 0, _text.length);
    }

    function asn1Time(bytes calldata _text, bool _generalized) external pure returns (uint64) {
        return DcapTime.asn1Time(_text, 0, _text.length, _generalized);
    }
}

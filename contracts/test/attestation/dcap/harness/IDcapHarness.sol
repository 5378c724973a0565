// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { IDcapCollateralRegistry } from "../../../../src/interfaces/attestation/IDcapCollateralRegistry.sol";
import { DcapQuote } from "../../../../src/attestation/dcap/lib/DcapQuote.sol";
import { X509 } from "../../../../src/attestation/dcap/lib/X509.sol";

/// @notice The DCAP parsing libraries as external calls, for the tests. The libraries need viaIR
///         (see hardhat/via-ir-overrides.ts); the tests themselves compile with the fast legacy
///         pipeline, import only this interface and the contracts' interfaces, and deploy the
///         harness and the contracts from their artifacts (`DcapTestBase._create`).
interface IDcapHarness {
    function parseQuote(bytes memory _quote) external pure returns (DcapQuote.Quote memory);

    function le(bytes memory _data, uint256 _offset, uint256 _size) external pure returns (uint256);

    function parseCertificate(bytes memory _der) external pure returns (X509.Certificate memory);

    function parsePckTcb(bytes memory _der) external pure returns (X509.PckTcb memory);

    function parseCrl(bytes memory _der) external pure returns (X509.Crl memory);

    function revokedSerialHashes(bytes memory _der) external pure returns (bytes32[] memory);

    function firstPemCertificate(bytes memory _pem) external pure returns (bytes memory);

    function parseTcbInfo(bytes memory _json) external pure returns (IDcapCollateralRegistry.TcbInfo memory);

    function parseEnclaveIdentity(
        bytes memory _json
    ) external pure returns (IDcapCollateralRegistry.EnclaveIdentity memory);

    function isoTime(bytes memory _text) external pure returns (uint64);

    function asn1Time(bytes memory _text, bool _generalized) external pure returns (uint64);
}

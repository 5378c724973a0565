// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { ERC1967Proxy } from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { DevAttestationVerifier } from "../../src/attestation/DevAttestationVerifier.sol";
import { EnclavePolicy } from "../../src/attestation/EnclavePolicy.sol";
import { IEnclavePolicy } from "../../src/interfaces/attestation/IEnclavePolicy.sol";
import { INetworkRegistry } from "../../src/interfaces/network/INetworkRegistry.sol";
import { NetworkManagement } from "../../src/network/NetworkManagement.sol";
import { ObscuroToken } from "../../src/token/ObscuroToken.sol";
import { AttestationFixtures } from "../attestation/helpers/AttestationFixtures.sol";

/// @notice Deploys the real attestation stack (dev verifier, EnclavePolicy with an approved
///         measurement), the token and NetworkManagement behind a proxy, and gives tests helpers
///         that build reports, sign the two EIP-712 statements (from docs/network.md, not from
///         the contract) and walk nodes through registration, the secret and staking.
abstract contract NetworkTestBase is AttestationFixtures {
    uint96 internal constant FEE = 0.01 ether;
    uint96 internal constant MIN_STAKE = 1_000 ether;
    uint32 internal constant UNBONDING = 7 days;
    uint32 internal constant TIMEOUT = 1 days;
    uint256 internal constant SUPPLY = 1_000_000_000 ether;

    /// The network key: off-chain it is derived from the master secret; here it is just a key.
    uint256 internal constant NETWORK_KEY = 0x4E7;
    uint256 internal constant GENESIS_KEY = 0x6E4E515;
    uint256 internal constant JOINER_KEY = 0x101;
    uint256 internal constant JOINER2_KEY = 0x202;

    string internal constant HOST =
        "/ip4/203.0.113.7/tcp/30303/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";

    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant INITIALIZE_TYPEHASH = keccak256(
        "InitializeNetwork(bytes32 encryptedSecretHash,address networkKey)"
    );
    bytes32 internal constant RESPONSE_TYPEHASH = keccak256(
        "SecretResponse(address requester,address responder,bytes32 encryptedSecretHash)"
    );

    address internal governance = makeAddr("governance");
    address internal council = makeAddr("council");
    address internal treasury = makeAddr("treasury");
    address internal slasher = makeAddr("slasher");
    address internal bank = makeAddr("bank");
    address internal genesisOperator = makeAddr("genesisOperator");
    address internal joinerOperator = makeAddr("joinerOperator");
    address internal joiner2Operator = makeAddr("joiner2Operator");

    DevAttestationVerifier internal verifier;
    EnclavePolicy internal policy;
    ObscuroToken internal token;
    NetworkManagement internal network;
    uint256[] internal auditorKeys;

    mapping(uint256 key => bytes publicKey) private publicKeys;

    function setUp() public virtual {
        vm.roll(1_000);
        vm.warp(1_700_000_000);
        verifier = new DevAttestationVerifier(vm.addr(VENDOR_KEY));
        auditorKeys = _sortKeysByAddress(_keyList(0xA11CE, 0xB0B, 0xCA401));
        policy = _deployPolicy(governance, council, verifier, _addresses(auditorKeys), 2);
        _approveMeasurement(MEASUREMENT);
        token = new ObscuroToken(bank, SUPPLY);
        network = _deployNetwork(IERC20(address(token)), _defaultParams());
        vm.deal(genesisOperator, 10 ether);
        vm.deal(joinerOperator, 10 ether);
        vm.deal(joiner2Operator, 10 ether);
    }

    // ───────────────────────────────────────── deployment

    function _defaultParams() internal view returns (INetworkRegistry.InitParams memory) {
        return
            INetworkRegistry.InitParams({
                registrationFee: FEE,
                minStake: MIN_STAKE,
                unbondingPeriod: UNBONDING,
                responseTimeout: TIMEOUT,
                treasury: treasury
            });
    }

    function _deployNetwork(
        IERC20 _token,
        INetworkRegistry.InitParams memory _params
    ) internal returns (NetworkManagement) {
        NetworkManagement implementation = new NetworkManagement(policy, _token, slasher);
        bytes memory init = abi.encodeCall(NetworkManagement.initialize, (governance, council, _params));
        return NetworkManagement(address(new ERC1967Proxy(address(implementation), init)));
    }

    function _approveMeasurement(bytes32 _measurement) internal {
        uint256 deadline = block.timestamp + 1 hours;
        bytes[] memory sigs = _signStatement(
            policy,
            APPROVE_TYPEHASH,
            _measurement,
            policy.policyVersion(),
            deadline,
            _keyList(auditorKeys[0], auditorKeys[1])
        );
        policy.approveMeasurement(_measurement, deadline, sigs);
    }

    function _revokeMeasurement(bytes32 _measurement) internal {
        vm.prank(council);
        policy.revokeMeasurementByCouncil(_measurement);
    }

    // ───────────────────────────────────────── reports

    /// @dev The public key of `_key`, derived once per test.
    function _pub(uint256 _key) internal returns (bytes memory) {
        if (publicKeys[_key].length == 0) publicKeys[_key] = _publicKey(_key);
        return publicKeys[_key];
    }

    /// @dev The previous block, with a hash set if the test runner has none for it.
    function _recentBlock() internal returns (uint256 n_) {
        n_ = block.number - 1;
        if (blockhash(n_) == bytes32(0)) vm.setBlockhash(n_, keccak256(abi.encode("block", n_)));
    }

    /// @dev A dev report for `_enclaveKey` with `_measurement`, binding `_operator` and block `_n`
    ///      as docs/attestation.md specifies.
    function _reportFor(
        uint256 _enclaveKey,
        address _operator,
        uint256 _n,
        bytes32 _measurement
    ) internal returns (bytes memory) {
        DevReport memory r = _defaultReport();
        r.mrEnclave = _measurement;
        r.publicKey = _pub(_enclaveKey);
        r.reportData = abi.encodePacked(keccak256(abi.encode(r.publicKey, _operator, _n, blockhash(_n))), bytes32(0));
        return _signedReport(r);
    }

    function _report(uint256 _enclaveKey, address _operator, uint256 _n) internal returns (bytes memory) {
        return _reportFor(_enclaveKey, _operator, _n, MEASUREMENT);
    }

    // ───────────────────────────────────────── EIP-712, built by hand

    function _networkDomain() internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256("Obscuro NetworkManagement"),
                    keccak256("1"),
                    block.chainid,
                    address(network)
                )
            );
    }

    function _digest(bytes32 _structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", _networkDomain(), _structHash));
    }

    function _signDigest(uint256 _key, bytes32 _d) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_key, _d);
        return abi.encodePacked(r, s, v);
    }

    function _initializeDigest(bytes memory _secret, address _networkKey) internal view returns (bytes32) {
        return _digest(keccak256(abi.encode(INITIALIZE_TYPEHASH, keccak256(_secret), _networkKey)));
    }

    function _responseDigest(
        address _requester,
        address _responder,
        bytes memory _secret
    ) internal view returns (bytes32) {
        return _digest(keccak256(abi.encode(RESPONSE_TYPEHASH, _requester, _responder, keccak256(_secret))));
    }

    /// @dev 129 bytes standing in for an ECIES ciphertext to `_enclave` (the contract stores it as is).
    function _ciphertext(address _enclave) internal pure returns (bytes memory c_) {
        c_ = new bytes(129);
        bytes32 seed = keccak256(abi.encode("ciphertext", _enclave));
        c_[0] = 0x04;
        for (uint256 i = 1; i < 129; ++i) c_[i] = bytes1(uint8(uint256(keccak256(abi.encode(seed, i)))));
    }

    // ───────────────────────────────────────── flows

    function _register(uint256 _enclaveKey, address _operator) internal returns (address enclaveId_) {
        bytes memory report = _report(_enclaveKey, _operator, _recentBlock());
        uint256 fee = network.registrationFee();
        vm.prank(_operator);
        enclaveId_ = network.registerNode{ value: fee }(report, block.number - 1);
    }

    function _initialize(uint256 _genesisKey, address _operator) internal returns (address genesis_) {
        genesis_ = vm.addr(_genesisKey);
        bytes memory c = _ciphertext(genesis_);
        bytes32 d = _initializeDigest(c, vm.addr(NETWORK_KEY));
        vm.prank(_operator);
        network.initializeNetwork(
            genesis_,
            c,
            vm.addr(NETWORK_KEY),
            _signDigest(_genesisKey, d),
            _signDigest(NETWORK_KEY, d)
        );
    }

    /// @dev Registers the genesis node and founds the network.
    function _genesis() internal returns (address genesis_) {
        _register(GENESIS_KEY, genesisOperator);
        genesis_ = _initialize(GENESIS_KEY, genesisOperator);
    }

    function _respond(address _requester, uint256 _responderKey) internal {
        address responder = vm.addr(_responderKey);
        bytes memory c = _ciphertext(_requester);
        bytes32 d = _responseDigest(_requester, responder, c);
        network.respondSecret(_requester, responder, c, _signDigest(_responderKey, d), _signDigest(NETWORK_KEY, d));
    }

    /// @dev Registers `_enclaveKey` for `_operator` and has the genesis node respond.
    function _join(uint256 _enclaveKey, address _operator) internal returns (address enclaveId_) {
        enclaveId_ = _register(_enclaveKey, _operator);
        _respond(enclaveId_, GENESIS_KEY);
    }

    function _fund(address _account, uint256 _amount) internal {
        vm.prank(bank);
        token.transfer(_account, _amount);
    }

    function _stake(address _operator, address _enclaveId, uint256 _amount) internal {
        _fund(_operator, _amount);
        vm.startPrank(_operator);
        token.approve(address(network), _amount);
        network.registerAggregator(_enclaveId, HOST, _amount);
        vm.stopPrank();
    }

    function _nodeStatus(address _enclaveId) internal view returns (INetworkRegistry.NodeStatus) {
        return network.node(_enclaveId).status;
    }

    function _noRecipients() internal pure returns (address[] memory) {
        return new address[](0);
    }

    function _recipients(address _a, address _b) internal pure returns (address[] memory r_) {
        r_ = new address[](2);
        (r_[0], r_[1]) = (_a, _b);
    }

    function _policyStatus(bytes32 _m) internal view returns (IEnclavePolicy.MeasurementStatus) {
        return policy.measurementStatus(_m);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title DataContract
/// @notice Stores immutable bytes as the code of a contract (the "SSTORE2" pattern) and reads them
///         back. Writing n bytes costs one CREATE (32,000 gas) plus 200 gas per byte of code, about
///         half the price of fresh storage slots (22,100 gas per 32 bytes) for data of a few words;
///         reading costs one EXTCODECOPY.
/// @dev The data contract's code is `0x00 ‖ data`: the STOP byte first makes any call to it return
///      at once, so it can never execute the data. Its init code, placed in front of the data, is
///
///        61 LLLL   PUSH2 L         L = data length + 1 (the code size)
///        80        DUP1
///        60 0a     PUSH1 10        where the code starts inside the init code
///        3d        RETURNDATASIZE  0 (cheaper than PUSH1 0)
///        39        CODECOPY        memory[0, L) = init code [10, 10 + L)
///        3d        RETURNDATASIZE
///        f3        RETURN          the code is memory[0, L)
///        00 ‖ data                 the code
///
///      The code is immutable and the data contract has no selfdestruct, so the data can never
///      change once written: a pointer names its bytes for ever.
library DataContract {
    /// @notice The data is longer than a contract's code may be (EIP-170) minus the STOP byte.
    error DataContract_TooLarge(uint256 length);

    /// @notice CREATE failed (out of gas, or the nonce's address already holds code).
    error DataContract_DeploymentFailed();

    /// @notice The pointer holds no code: nothing was written there.
    error DataContract_NoData(address pointer);

    /// @notice The most bytes one data contract holds: the EIP-170 code size limit minus the STOP byte.
    uint256 internal constant MAX_DATA_LENGTH = 24_575;

    /// @dev The init code's 11 bytes before the data, without the length: `61 0000 80 600a 3d 39 3d f3 00`.
    uint256 private constant INIT_CODE_HEADER = 0x61000080600a3d393df300;

    /// @dev Bytes of init code in front of the data (10 of init code and the STOP byte).
    uint256 private constant HEADER_LENGTH = 11;

    /// @notice Writes `_data` into a new data contract and returns its address.
    /// @dev Temporarily overwrites the 32 bytes in front of `_data` (its length word) with the init
    ///      code header, and restores them before returning.
    function write(bytes memory _data) internal returns (address pointer_) {
        uint256 length = _data.length;
        if (length > MAX_DATA_LENGTH) revert DataContract_TooLarge(length);
        assembly ("memory-safe") {
            // The length word becomes, in its last 11 bytes, the init code header with L = length + 1.
            mstore(_data, or(INIT_CODE_HEADER, shl(64, add(length, 1))))
            pointer_ := create(0, add(_data, sub(0x20, HEADER_LENGTH)), add(length, HEADER_LENGTH))
            mstore(_data, length)
        }
        if (pointer_ == address(0)) revert DataContract_DeploymentFailed();
    }

    /// @notice The bytes written to the data contract at `_pointer`.
    function read(address _pointer) internal view returns (bytes memory data_) {
        uint256 size = _pointer.code.length;
        if (size == 0) revert DataContract_NoData(_pointer);
        data_ = new bytes(size - 1);
        assembly ("memory-safe") {
            extcodecopy(_pointer, add(data_, 0x20), 1, sub(size, 1))
        }
    }
}

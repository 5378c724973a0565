// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Asn1Der
/// @notice Strict DER reading over a `bytes memory` buffer, by offsets (no copies). Elements are
///         (tag, contentStart, end) triples; every read is bounded by the enclosing element's end.
/// @dev Accepted: single-byte tags, definite minimal lengths of at most three length bytes (16 MiB).
///      Anything else reverts with `Asn1Der_Malformed`. The SDK's `der.ts` applies the same rules.
library Asn1Der {
    /// @notice The DER at `offset` is not well formed (truncated, bad length, or runs past its container).
    error Asn1Der_Malformed(uint256 offset);
    /// @notice The element at `offset` has tag `actual` where `expected` was required.
    error Asn1Der_UnexpectedTag(uint256 offset, uint256 expected, uint256 actual);

    uint256 internal constant BOOLEAN = 0x01;
    uint256 internal constant INTEGER = 0x02;
    uint256 internal constant BIT_STRING = 0x03;
    uint256 internal constant OCTET_STRING = 0x04;
    uint256 internal constant OID = 0x06;
    uint256 internal constant ENUMERATED = 0x0a;
    uint256 internal constant UTC_TIME = 0x17;
    uint256 internal constant GENERALIZED_TIME = 0x18;
    uint256 internal constant SEQUENCE = 0x30;
    uint256 internal constant SET = 0x31;
    uint256 internal constant CONTEXT_0 = 0xa0;
    uint256 internal constant CONTEXT_3 = 0xa3;

    /// @notice Reads the element at `_offset`, which must end at or before `_limit`.
    function read(
        bytes memory _der,
        uint256 _offset,
        uint256 _limit
    ) internal pure returns (uint256 tag_, uint256 contentStart_, uint256 end_) {
        if (_limit > _der.length || _offset + 2 > _limit) revert Asn1Der_Malformed(_offset);
        uint256 head = uint256(word(_der, _offset));
        tag_ = head >> 248;
        if (tag_ & 0x1f == 0x1f) revert Asn1Der_Malformed(_offset);
        uint256 length = (head >> 240) & 0xff;
        contentStart_ = _offset + 2;
        if (length & 0x80 != 0) {
            uint256 count = length & 0x7f;
            if (count == 0 || count > 3 || contentStart_ + count > _limit) revert Asn1Der_Malformed(_offset);
            length = (head >> (240 - 8 * count)) & ((1 << (8 * count)) - 1);
            contentStart_ += count;
            if (length < 0x80 || (count > 1 && length < 1 << (8 * (count - 1)))) revert Asn1Der_Malformed(_offset);
        }
        end_ = contentStart_ + length;
        if (end_ > _limit) revert Asn1Der_Malformed(_offset);
    }

    /// @notice Reads the element at `_offset` and requires its tag to be `_tag`.
    function expect(
        bytes memory _der,
        uint256 _offset,
        uint256 _limit,
        uint256 _tag
    ) internal pure returns (uint256 contentStart_, uint256 end_) {
        uint256 tag;
        (tag, contentStart_, end_) = read(_der, _offset, _limit);
        if (tag != _tag) revert Asn1Der_UnexpectedTag(_offset, _tag, tag);
    }

    /// @notice The 32 bytes of `_data` starting at `_offset` (bytes past the end read as whatever follows).
    function word(bytes memory _data, uint256 _offset) internal pure returns (bytes32 word_) {
        assembly ("memory-safe") {
            word_ := mload(add(add(_data, 0x20), _offset))
        }
    }

    /// @notice Whether `_data[_start:_end]` equals the first `_end - _start` (≤ 32) bytes of `_expected`.
    function equals(bytes memory _data, uint256 _start, uint256 _end, bytes32 _expected) internal pure returns (bool) {
        uint256 length = _end - _start;
        if (length > 32 || length == 0) return false;
        bytes32 mask = bytes32(type(uint256).max << (8 * (32 - length)));
        return word(_data, _start) & mask == _expected;
    }

    /// @notice keccak256 of `_data[_start:_end]`.
    function hashRange(bytes memory _data, uint256 _start, uint256 _end) internal pure returns (bytes32 hash_) {
        assembly ("memory-safe") {
            hash_ := keccak256(add(add(_data, 0x20), _start), sub(_end, _start))
        }
    }

    /// @notice A copy of `_data[_start:_end]`.
    function slice(bytes memory _data, uint256 _start, uint256 _end) internal pure returns (bytes memory out_) {
        uint256 length = _end - _start;
        out_ = new bytes(length);
        assembly ("memory-safe") {
            mcopy(add(out_, 0x20), add(add(_data, 0x20), _start), length)
        }
    }

    /// @notice The value of a non-negative INTEGER of at most 8 content bytes.
    function uintValue(bytes memory _der, uint256 _contentStart, uint256 _end) internal pure returns (uint256 value_) {
        uint256 length = _end - _contentStart;
        if (length == 0 || length > 8 || uint8(_der[_contentStart]) & 0x80 != 0) {
            revert Asn1Der_Malformed(_contentStart);
        }
        value_ = uint256(word(_der, _contentStart)) >> (256 - 8 * length);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Asn1Der } from "./Asn1Der.sol";

/// @title JsonReader
/// @notice A small strict JSON reader for Intel's signed PCS collateral, by offsets over
///         `bytes memory`. Strings may not contain escapes or control characters (Intel's never
///         do); numbers are non-negative integers. Anything it cannot read exactly reverts.
/// @dev Usage: `beginObject`, then per member `key` … (read or `skipValue`) … `endMember` until it
///      returns false; arrays likewise with `beginArray` / `endMember(']')`. Keys are returned as
///      a left-aligned `bytes32` (keys longer than 32 bytes as `LONG_KEY`, which matches nothing).
library JsonReader {
    /// @notice The JSON is not what the reader expected at `offset`.
    error JsonReader_Malformed(uint256 offset);

    bytes32 internal constant LONG_KEY = bytes32(type(uint256).max);
    bytes1 private constant QUOTE = 0x22;
    uint256 private constant MAX_DEPTH = 16;

    /// @notice The offset of the first non-whitespace byte at or after `_i`.
    function skipWhitespace(bytes memory _json, uint256 _i) internal pure returns (uint256) {
        uint256 length = _json.length;
        while (_i < length) {
            bytes1 c = _json[_i];
            if (c != " " && c != "\n" && c != "\r" && c != "\t") break;
            ++_i;
        }
        return _i;
    }

    /// @notice Requires byte `_c` (after whitespace) and returns the offset after it.
    function expectByte(bytes memory _json, uint256 _i, bytes1 _c) internal pure returns (uint256) {
        _i = skipWhitespace(_json, _i);
        if (_i >= _json.length || _json[_i] != _c) revert JsonReader_Malformed(_i);
        return _i + 1;
    }

    /// @notice Opens an object at `_i`: returns the offset inside it and whether it has members.
    function beginObject(bytes memory _json, uint256 _i) internal pure returns (uint256 next_, bool hasMembers_) {
        next_ = skipWhitespace(_json, expectByte(_json, _i, "{"));
        if (next_ >= _json.length) revert JsonReader_Malformed(next_);
        hasMembers_ = _json[next_] != "}";
        if (!hasMembers_) ++next_;
    }

    /// @notice Opens an array at `_i`: returns the offset inside it and whether it has items.
    function beginArray(bytes memory _json, uint256 _i) internal pure returns (uint256 next_, bool hasItems_) {
        next_ = skipWhitespace(_json, expectByte(_json, _i, "["));
        if (next_ >= _json.length) revert JsonReader_Malformed(next_);
        hasItems_ = _json[next_] != "]";
        if (!hasItems_) ++next_;
    }

    /// @notice Reads a member's key and the colon: returns the key and the offset of its value.
    function key(bytes memory _json, uint256 _i) internal pure returns (bytes32 key_, uint256 next_) {
        (uint256 start, uint256 end, uint256 after_) = readString(_json, _i);
        uint256 length = end - start;
        if (length > 32) key_ = LONG_KEY;
        else if (length > 0) key_ = Asn1Der.word(_json, start) & bytes32(type(uint256).max << (8 * (32 - length)));
        next_ = expectByte(_json, after_, ":");
    }

    /// @notice After a member or item: consumes `,` (returns true) or `_close` (returns false).
    function endMember(
        bytes memory _json,
        uint256 _i,
        bytes1 _close
    ) internal pure returns (uint256 next_, bool more_) {
        next_ = skipWhitespace(_json, _i);
        if (next_ >= _json.length) revert JsonReader_Malformed(next_);
        bytes1 c = _json[next_];
        if (c == ",") return (next_ + 1, true);
        if (c != _close) revert JsonReader_Malformed(next_);
        return (next_ + 1, false);
    }

    /// @notice Reads a string at `_i` (after whitespace): its content range and the offset after it.
    function readString(
        bytes memory _json,
        uint256 _i
    ) internal pure returns (uint256 start_, uint256 end_, uint256 next_) {
        start_ = expectByte(_json, _i, QUOTE);
        uint256 length = _json.length;
        end_ = start_;
        while (true) {
            if (end_ >= length) revert JsonReader_Malformed(end_);
            bytes1 c = _json[end_];
            if (c == QUOTE) break;
            if (c == "\\" || uint8(c) < 0x20) revert JsonReader_Malformed(end_);
            ++end_;
        }
        next_ = end_ + 1;
    }

    /// @notice Reads a non-negative integer (no sign, fraction or exponent) of at most 18 digits.
    function readUint(bytes memory _json, uint256 _i) internal pure returns (uint256 value_, uint256 next_) {
        uint256 start = skipWhitespace(_json, _i);
        next_ = start;
        uint256 length = _json.length;
        while (next_ < length) {
            uint8 c = uint8(_json[next_]);
            if (c < 0x30 || c > 0x39) break;
            value_ = value_ * 10 + (c - 0x30);
            ++next_;
        }
        uint256 digits = next_ - start;
        if (digits == 0 || digits > 18 || (digits > 1 && _json[start] == "0")) revert JsonReader_Malformed(start);
        if (next_ < length) {
            bytes1 c = _json[next_];
            if (c == "." || c == "e" || c == "E") revert JsonReader_Malformed(next_);
        }
    }

    /// @notice Skips any value at `_i` and returns the offset after it.
    function skipValue(bytes memory _json, uint256 _i) internal pure returns (uint256) {
        return _skipValue(_json, _i, 0);
    }

    /// @notice Requires only whitespace from `_i` to the end.
    function expectEnd(bytes memory _json, uint256 _i) internal pure {
        _i = skipWhitespace(_json, _i);
        if (_i != _json.length) revert JsonReader_Malformed(_i);
    }

    /// @notice The bytes of a hex string of exactly `_size` (≤ 32) bytes, left-aligned; either letter case.
    function hexBytes(
        bytes memory _json,
        uint256 _start,
        uint256 _end,
        uint256 _size
    ) internal pure returns (bytes32 v_) {
        if (_end - _start != 2 * _size || _size > 32) revert JsonReader_Malformed(_start);
        uint256 value;
        for (uint256 i = _start; i < _end; ++i) {
            value = (value << 4) | _nibble(_json, i);
        }
        v_ = bytes32(value << (8 * (32 - _size)));
    }

    function _nibble(bytes memory _json, uint256 _i) private pure returns (uint256) {
        uint8 c = uint8(_json[_i]);
        if (c >= 0x30 && c <= 0x39) return c - 0x30;
        if (c >= 0x61 && c <= 0x66) return c - 0x57;
        if (c >= 0x41 && c <= 0x46) return c - 0x37;
        revert JsonReader_Malformed(_i);
    }

    function _skipValue(bytes memory _json, uint256 _i, uint256 _depth) private pure returns (uint256 next_) {
        next_ = skipWhitespace(_json, _i);
        if (next_ >= _json.length || _depth > MAX_DEPTH) revert JsonReader_Malformed(next_);
        bytes1 c = _json[next_];
        bool more;
        if (c == QUOTE) {
            (, , next_) = readString(_json, next_);
        } else if (c == "{") {
            (next_, more) = beginObject(_json, next_);
            while (more) {
                (, next_) = key(_json, next_);
                next_ = _skipValue(_json, next_, _depth + 1);
                (next_, more) = endMember(_json, next_, "}");
            }
        } else if (c == "[") {
            (next_, more) = beginArray(_json, next_);
            while (more) {
                next_ = _skipValue(_json, next_, _depth + 1);
                (next_, more) = endMember(_json, next_, "]");
            }
        } else if (c == "t" && Asn1Der.equals(_json, next_, next_ + 4, "true") && next_ + 4 <= _json.length) {
            next_ += 4;
        } else if (c == "f" && Asn1Der.equals(_json, next_, next_ + 5, "false") && next_ + 5 <= _json.length) {
            next_ += 5;
        } else if (c == "n" && Asn1Der.equals(_json, next_, next_ + 4, "null") && next_ + 4 <= _json.length) {
            next_ += 4;
        } else {
            (, next_) = readUint(_json, next_);
        }
    }
}

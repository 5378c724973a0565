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
    /// `_scan` stop sets: characters packed low byte first, then their count in the top byte.
    uint256 private constant STRING_STOPS = (2 << 248) | 0x5c22; // '"', '\\'
    uint256 private constant ONES = 0x0101010101010101010101010101010101010101010101010101010101010101;
    uint256 private constant LOW7 = 0x7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f;
    uint256 private constant HIGH = 0x8080808080808080808080808080808080808080808080808080808080808080;
    uint256 private constant MAX_DEPTH = 16;

    /// @notice The offset of the first non-whitespace byte at or after `_i`.
    function skipWhitespace(bytes memory _json, uint256 _i) internal pure returns (uint256 next_) {
        assembly ("memory-safe") {
            let src := add(_json, 0x20)
            let length := mload(_json)
            // space, \t, \n, \r
            for {
                next_ := _i
            } lt(next_, length) {
                next_ := add(next_, 1)
            } {
                let c := byte(0, mload(add(src, next_)))
                if iszero(and(lt(c, 0x21), and(shr(c, 0x100002600), 1))) {
                    break
                }
            }
        }
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
        end_ = _scan(_json, start_, STRING_STOPS);
        // The closing quote; not a backslash (escapes are refused), a control character or the end.
        if (end_ >= _json.length || _json[end_] != QUOTE) revert JsonReader_Malformed(end_);
        next_ = end_ + 1;
    }

    /// @notice Reads a non-negative integer (no sign, fraction or exponent) of at most 18 digits.
    function readUint(bytes memory _json, uint256 _i) internal pure returns (uint256 value_, uint256 next_) {
        uint256 start = skipWhitespace(_json, _i);
        uint256 length = _json.length;
        assembly ("memory-safe") {
            let src := add(_json, 0x20)
            for {
                next_ := start
            } lt(next_, length) {
                next_ := add(next_, 1)
            } {
                let d := sub(byte(0, mload(add(src, next_))), 0x30)
                if gt(d, 9) {
                    break
                }
                value_ := add(mul(value_, 10), d)
            }
        }
        uint256 digits = next_ - start;
        if (digits == 0 || digits > 18 || (digits > 1 && _json[start] == "0")) revert JsonReader_Malformed(start);
        if (next_ < length) {
            bytes1 c = _json[next_];
            if (c == "." || c == "e" || c == "E") revert JsonReader_Malformed(next_);
        }
    }

    /// @notice From inside a flat object (one whose remaining members hold only strings, numbers,
    ///         `true`, `false` or `null`), skips to just after its closing brace. Nested objects
    ///         or arrays revert. Used to pass over members a parser has no use for; one pass, no calls.
    function skipFlatObjectRest(bytes memory _json, uint256 _i) internal pure returns (uint256 next_) {
        bool bad = true;
        assembly ("memory-safe") {
            let src := add(_json, 0x20)
            let length := mload(_json)
            let inString := 0
            for {
                next_ := _i
            } lt(next_, length) {
                next_ := add(next_, 1)
            } {
                let c := byte(0, mload(add(src, next_)))
                switch inString
                case 0 {
                    if eq(c, 0x22) {
                        inString := 1
                        continue
                    }
                    if eq(c, 0x7d) {
                        bad := 0
                        next_ := add(next_, 1)
                        break
                    }
                    // '{', '[' or ']': not flat
                    if or(eq(c, 0x7b), or(eq(c, 0x5b), eq(c, 0x5d))) {
                        break
                    }
                }
                default {
                    if eq(c, 0x22) {
                        inString := 0
                    }
                    // no escapes and no control characters
                    if or(eq(c, 0x5c), lt(c, 0x20)) {
                        break
                    }
                }
            }
        }
        if (bad) revert JsonReader_Malformed(next_);
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
        bool bad;
        assembly ("memory-safe") {
            let src := add(_json, 0x20)
            let value := 0
            for {
                let i := _start
            } lt(i, _end) {
                i := add(i, 1)
            } {
                let c := byte(0, mload(add(src, i)))
                let lower := or(c, 0x20)
                let n := 0xff
                if and(gt(c, 0x2f), lt(c, 0x3a)) {
                    n := sub(c, 0x30)
                }
                if and(gt(lower, 0x60), lt(lower, 0x67)) {
                    n := sub(lower, 0x57)
                }
                bad := or(bad, gt(n, 15))
                value := or(shl(4, value), and(n, 15))
            }
            v_ := shl(mul(8, sub(32, _size)), value)
        }
        if (bad) revert JsonReader_Malformed(_start);
    }

    /// @dev The offset of the first byte at or after `_from` that is one of the stop characters
    ///      or a control character (< 0x20), or the length if none. Scans a word (32 bytes) per
    ///      step with exact per-byte tests, no carries between bytes.
    ///      One assembly loop on purpose (gas), hence longer than the usual function.
    // solhint-disable-next-line function-max-lines
    function _scan(bytes memory _data, uint256 _from, uint256 _stops) private pure returns (uint256 pos_) {
        assembly ("memory-safe") {
            let src := add(_data, 0x20)
            let length := mload(_data)
            let count := shr(248, _stops)
            for {
                pos_ := _from
            } lt(pos_, length) {
                pos_ := add(pos_, 32)
            } {
                let w := mload(add(src, pos_))
                // bytes < 0x20: high bit clear in ((w & 0x7f..) + 0x60..) | w
                let hit := not(or(add(and(w, LOW7), mul(ONES, 0x60)), w))
                for {
                    let k := 0
                } lt(k, count) {
                    k := add(k, 1)
                } {
                    // bytes equal to the stop character: zero bytes of x, high bit clear in ((x & 0x7f..) + 0x7f..) | x
                    let x := xor(w, mul(ONES, and(shr(mul(8, k), _stops), 0xff)))
                    hit := or(hit, not(or(add(and(x, LOW7), LOW7), x)))
                }
                hit := and(hit, HIGH)
                let rest := sub(length, pos_)
                if lt(rest, 32) {
                    hit := and(hit, shl(mul(8, sub(32, rest)), not(0)))
                }
                if hit {
                    // index of the most significant set byte (the first in memory order)
                    let i := 0
                    if iszero(shr(128, hit)) {
                        i := 16
                        hit := shl(128, hit)
                    }
                    if iszero(shr(192, hit)) {
                        i := add(i, 8)
                        hit := shl(64, hit)
                    }
                    if iszero(shr(224, hit)) {
                        i := add(i, 4)
                        hit := shl(32, hit)
                    }
                    if iszero(shr(240, hit)) {
                        i := add(i, 2)
                        hit := shl(16, hit)
                    }
                    if iszero(shr(248, hit)) {
                        i := add(i, 1)
                    }
                    pos_ := add(pos_, i)
                    break
                }
            }
            if gt(pos_, length) {
                pos_ := length
            }
        }
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

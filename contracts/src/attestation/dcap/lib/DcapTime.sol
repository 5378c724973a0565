// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title DcapTime
/// @notice Unix time of the UTC timestamps that DCAP collateral carries: X.509 UTCTime
///         (`YYMMDDHHMMSSZ`), GeneralizedTime (`YYYYMMDDHHMMSSZ`) and Intel's PCS JSON
///         (`YYYY-MM-DDTHH:MM:SSZ`). Anything else, or an impossible date, is refused.
library DcapTime {
    /// @notice The text at `offset` is not a valid timestamp of the expected form.
    error DcapTime_Malformed(uint256 offset);

    /// @notice Parses an X.509 UTCTime (`_generalized == false`) or GeneralizedTime.
    function asn1Time(
        bytes memory _data,
        uint256 _start,
        uint256 _end,
        bool _generalized
    ) internal pure returns (uint64) {
        uint256 year;
        uint256 p = _start;
        if (_generalized) {
            if (_end - _start != 15) revert DcapTime_Malformed(_start);
            year = _digits(_data, p, 4);
            p += 4;
        } else {
            if (_end - _start != 13) revert DcapTime_Malformed(_start);
            year = _digits(_data, p, 2);
            year += year < 50 ? 2000 : 1900; // RFC 5280 §4.1.2.5.1
            p += 2;
        }
        if (_data[_end - 1] != "Z") revert DcapTime_Malformed(_start);
        return
            _timestamp(
                _start,
                year,
                _digits(_data, p, 2),
                _digits(_data, p + 2, 2),
                _digits(_data, p + 4, 2),
                _digits(_data, p + 6, 2),
                _digits(_data, p + 8, 2)
            );
    }

    /// @notice Parses `YYYY-MM-DDTHH:MM:SSZ` in `_data[_start:_end]`.
    function isoTime(bytes memory _data, uint256 _start, uint256 _end) internal pure returns (uint64) {
        if (
            _end - _start != 20 ||
            _data[_start + 4] != "-" ||
            _data[_start + 7] != "-" ||
            _data[_start + 10] != "T" ||
            _data[_start + 13] != ":" ||
            _data[_start + 16] != ":" ||
            _data[_start + 19] != "Z"
        ) revert DcapTime_Malformed(_start);
        return
            _timestamp(
                _start,
                _digits(_data, _start, 4),
                _digits(_data, _start + 5, 2),
                _digits(_data, _start + 8, 2),
                _digits(_data, _start + 11, 2),
                _digits(_data, _start + 14, 2),
                _digits(_data, _start + 17, 2)
            );
    }

    function _digits(bytes memory _data, uint256 _at, uint256 _count) private pure returns (uint256 value_) {
        for (uint256 i; i < _count; ++i) {
            uint8 c = uint8(_data[_at + i]);
            if (c < 0x30 || c > 0x39) revert DcapTime_Malformed(_at);
            value_ = value_ * 10 + (c - 0x30);
        }
    }

    /// @dev Days from civil (H. Hinnant), valid for years ≥ 1970.
    function _timestamp(
        uint256 _at,
        uint256 _year,
        uint256 _month,
        uint256 _day,
        uint256 _hour,
        uint256 _minute,
        uint256 _second
    ) private pure returns (uint64) {
        if (
            _year < 1970 ||
            _month == 0 ||
            _month > 12 ||
            _day == 0 ||
            _day > _daysInMonth(_year, _month) ||
            _hour > 23 ||
            _minute > 59 ||
            _second > 59
        ) revert DcapTime_Malformed(_at);
        uint256 y = _month <= 2 ? _year - 1 : _year;
        uint256 era = y / 400;
        uint256 yoe = y - era * 400;
        uint256 doy = (153 * (_month > 2 ? _month - 3 : _month + 9) + 2) / 5 + _day - 1;
        uint256 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        uint256 days_ = era * 146_097 + doe - 719_468;
        return uint64(days_ * 86_400 + _hour * 3600 + _minute * 60 + _second);
    }

    function _daysInMonth(uint256 _year, uint256 _month) private pure returns (uint256) {
        if (_month == 2) return (_year % 4 == 0 && _year % 100 != 0) || _year % 400 == 0 ? 29 : 28;
        if (_month == 4 || _month == 6 || _month == 9 || _month == 11) return 30;
        return 31;
    }
}

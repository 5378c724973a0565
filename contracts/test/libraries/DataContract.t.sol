// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import { Test } from "forge-std/Test.sol";
import { DataContract } from "../../src/libraries/DataContract.sol";

/// @notice Exposes the library's internal functions.
contract DataContractHarness {
    function write(bytes calldata _data) external returns (address) {
        return DataContract.write(_data);
    }

    /// @dev Writes, then returns the caller's buffer as it is afterwards (it must be intact).
    function writeKeepsBuffer(bytes calldata _data) external returns (address pointer_, bytes memory after_) {
        after_ = _data;
        pointer_ = DataContract.write(after_);
    }

    function read(address _pointer) external view returns (bytes memory) {
        return DataContract.read(_pointer);
    }
}

contract DataContractTest is Test {
    DataContractHarness internal harness;

    function setUp() public {
        harness = new DataContractHarness();
    }

    function test_write_roundTrip_succeeds() public {
        bytes memory data = hex"04c0ffee0000deadbeef";
        address pointer = harness.write(data);
        assertEq(harness.read(pointer), data);
    }

    function test_write_codeIsStopThenData_succeeds() public {
        bytes memory data = hex"6001600101";
        address pointer = harness.write(data);
        assertEq(pointer.code, abi.encodePacked(hex"00", data));
    }

    function test_write_empty_succeeds() public {
        address pointer = harness.write("");
        assertEq(pointer.code, hex"00");
        assertEq(harness.read(pointer).length, 0);
    }

    function test_write_callingTheDataContractDoesNothing_succeeds() public {
        // Data that would be code: PUSH1 0 PUSH1 0 REVERT. The STOP byte in front keeps it inert.
        address pointer = harness.write(hex"60006000fd");
        (bool ok, bytes memory returned) = pointer.call(hex"12345678");
        assertTrue(ok);
        assertEq(returned.length, 0);
    }

    function test_write_maxLength_succeeds() public {
        bytes memory data = new bytes(DataContract.MAX_DATA_LENGTH);
        data[0] = 0x01;
        data[data.length - 1] = 0xff;
        address pointer = harness.write(data);
        assertEq(pointer.code.length, 24_576);
        assertEq(keccak256(harness.read(pointer)), keccak256(data));
    }

    function test_write_tooLong_reverts() public {
        uint256 length = DataContract.MAX_DATA_LENGTH + 1;
        vm.expectRevert(abi.encodeWithSelector(DataContract.DataContract_TooLarge.selector, length));
        harness.write(new bytes(length));
    }

    function test_write_outOfGas_reverts() public {
        // CREATE fails when the code deposit cannot be paid; the library reports it.
        bytes memory data = new bytes(1000);
        vm.expectRevert(DataContract.DataContract_DeploymentFailed.selector);
        harness.write{ gas: 150_000 }(data);
    }

    function test_read_noCode_reverts() public {
        address nothing = makeAddr("nothing");
        vm.expectRevert(abi.encodeWithSelector(DataContract.DataContract_NoData.selector, nothing));
        harness.read(nothing);
    }

    function testFuzz_write_roundTrip_succeeds(bytes memory _data) public {
        vm.assume(_data.length <= DataContract.MAX_DATA_LENGTH);
        (address pointer, bytes memory afterWrite) = harness.writeKeepsBuffer(_data);
        assertEq(afterWrite, _data, "the caller's buffer is restored");
        assertEq(harness.read(pointer), _data);
        assertEq(pointer.code.length, _data.length + 1);
    }

    function testFuzz_write_distinctPointers_succeeds(bytes memory _a, bytes memory _b) public {
        vm.assume(_a.length <= 4096 && _b.length <= 4096);
        address first = harness.write(_a);
        address second = harness.write(_b);
        assertTrue(first != second);
        assertEq(harness.read(first), _a);
        assertEq(harness.read(second), _b);
    }
}

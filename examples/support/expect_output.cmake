# SPDX-License-Identifier: MIT
# ctest helper for the teaching examples: run COMMAND (arguments separated by '|') and require exit code 0 and
# standard output matching STDOUT_REGEX (PASS_REGULAR_EXPRESSION alone would pass a program that crashed after
# printing the expected lines). Usage:
#   cmake -DCOMMAND="example|arg1" -DSTDOUT_REGEX="..." -P expect_output.cmake
string(REPLACE "|" ";" _cmd "${COMMAND}")
execute_process(COMMAND ${_cmd} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "expected exit code 0, got ${_rc}\nstdout:\n${_out}\nstderr:\n${_err}")
endif()
if(NOT _out MATCHES "${STDOUT_REGEX}")
  message(FATAL_ERROR "stdout does not match '${STDOUT_REGEX}':\n${_out}")
endif()
message(STATUS "${_out}")

# SPDX-License-Identifier: MIT
# ctest helper: run COMMAND (arguments separated by '|') and require exit code EXPECT (default 2) and, if given,
# a line on stderr matching STDERR_REGEX. Usage:
#   cmake -DCOMMAND="tool|arg1|arg2" -DEXPECT=2 -DSTDERR_REGEX="..." -P expect_exit_code.cmake
if(NOT DEFINED EXPECT)
  set(EXPECT 2)
endif()
string(REPLACE "|" ";" _cmd "${COMMAND}")
execute_process(COMMAND ${_cmd} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL EXPECT)
  message(FATAL_ERROR "expected exit code ${EXPECT}, got ${_rc}\nstdout: ${_out}\nstderr: ${_err}")
endif()
if(DEFINED STDERR_REGEX AND NOT _err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}':\n${_err}")
endif()
string(REGEX MATCHALL "\n" _lines "${_err}")
list(LENGTH _lines _n)
if(_n GREATER 1)
  message(FATAL_ERROR "expected one line on stderr, got ${_n}:\n${_err}")
endif()
if(NOT _out STREQUAL "")
  message(FATAL_ERROR "expected no output on stdout, got:\n${_out}")
endif()

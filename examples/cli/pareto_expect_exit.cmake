# SPDX-License-Identifier: MIT
# cmake -DCMD=<program;args...> -DEXPECT=<regex> -P pareto_expect_exit.cmake
# Passes when the command exits with code 2 and prints one line matching EXPECT on stderr.
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got '${rc}'\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "stderr does not match '${EXPECT}': ${err}")
endif()
string(REGEX MATCHALL "\n" _lines "${err}")
list(LENGTH _lines _n)
if(NOT _n EQUAL 1)
  message(FATAL_ERROR "expected one line on stderr, got ${_n}: ${err}")
endif()

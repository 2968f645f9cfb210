# Runs the fuzz loop on a target with a planted bug and checks that it fails,
# names the saved input, and that replaying that input fails the same way.
#   cmake -DFUZZ=<prhost_fuzz> -DTARGET=<planted-…> -DCORPUS=<dir> -DFINDINGS=<dir> -P expect_finding.cmake
file(REMOVE_RECURSE "${FINDINGS}")
execute_process(COMMAND "${FUZZ}" --target "${TARGET}" --corpus "${CORPUS}" --seconds 20 --seed 7 --per-input-ms 500
                        --findings "${FINDINGS}" RESULT_VARIABLE result ERROR_VARIABLE err OUTPUT_VARIABLE out)
message(STATUS "exit: ${result}\n${out}${err}")
if(result EQUAL 0)
  message(FATAL_ERROR "${TARGET}: the fuzz loop found nothing, but the target has a planted bug")
endif()
if(NOT err MATCHES "FUZZ FINDING: [^\n]* saved as ([^\n]+)")
  message(FATAL_ERROR "${TARGET}: the failure does not name a saved input")
endif()
set(saved "${CMAKE_MATCH_1}")
if(NOT EXISTS "${saved}")
  message(FATAL_ERROR "${TARGET}: the saved input ${saved} does not exist")
endif()
execute_process(COMMAND "${FUZZ}" --target "${TARGET}" --replay "${saved}" --per-input-ms 500 --findings
                        "${FINDINGS}/replay" RESULT_VARIABLE replayed ERROR_VARIABLE replay_err)
if(replayed EQUAL 0 OR NOT replay_err MATCHES "FUZZ FINDING")
  message(FATAL_ERROR "${TARGET}: replaying ${saved} did not reproduce the finding (exit ${replayed})")
endif()
message(STATUS "${TARGET}: found, saved as ${saved}, and reproduced by --replay")

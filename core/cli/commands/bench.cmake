# `prhost bench` (phase 1); the bench logic itself lives in core/bench/.
target_sources(prhost_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/bench_command.cpp)

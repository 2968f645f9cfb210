# `prhost prepare` end to end: pip, uv and poetry fixture projects with real
# pytest, pytest-benchmark and memray; CI jobs run locally, then --collect.
prhost_add_test(prepare_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/prepare_e2e_test.cpp LABELS e2e)
add_dependencies(prepare_e2e_test prhost prhost_default_plugins)

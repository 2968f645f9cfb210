# `prhost compare` on real repositories with real pytest-benchmark, memray and codeflash.
prhost_add_test(compare_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/compare_e2e_test.cpp LABELS e2e)
add_dependencies(compare_e2e_test prhost prhost_default_plugins)
# --metric instructions|both under the real valgrind.
prhost_add_test(instructions_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/instructions_e2e_test.cpp LABELS e2e)
add_dependencies(instructions_e2e_test prhost prhost_default_plugins)
# The pairs layout (fresh timing workers per pair) on CPU-bound benchmarks: A/A and a true 2x.
prhost_add_test(compare_pairs_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/compare_pairs_e2e_test.cpp LABELS e2e)
add_dependencies(compare_pairs_e2e_test prhost prhost_default_plugins)

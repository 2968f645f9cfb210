# `prhost inventory` end to end on real repositories (phase 0).
prhost_add_test(inventory_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/inventory_e2e_test.cpp LABELS e2e)
add_dependencies(inventory_e2e_test prhost prhost_default_plugins)

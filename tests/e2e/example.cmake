# The README's main command on the bundled example repository
# (scripts/make-example-repo.sh), with the real binary and default plugins.
prhost_add_test(example_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/example_e2e_test.cpp LABELS e2e)
add_dependencies(example_e2e_test prhost prhost_default_plugins)

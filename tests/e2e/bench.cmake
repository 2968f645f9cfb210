# `prhost bench` end to end on Python fixture projects, one per domain, plus
# the in-house example plugin (built in-tree here from sdk/examples, into its
# own directory so it loads only where a test asks for it).
prhost_add_plugin(acme-mocks-example SOURCES ${PROJECT_SOURCE_DIR}/sdk/examples/inhouse-mocks/acme_module.cpp
                  ${PROJECT_SOURCE_DIR}/sdk/examples/inhouse-mocks/acme_gpu_domain.cpp
                  ENTRY ${PROJECT_SOURCE_DIR}/sdk/examples/inhouse-mocks/plugin.cpp
                  OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/inhouse-plugin NO_INSTALL)

prhost_add_test(bench_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_e2e_test.cpp LABELS e2e)
add_dependencies(bench_e2e_test prhost prhost_default_plugins prhost-acme-mocks-example)
target_compile_definitions(bench_e2e_test PRIVATE PRHOST_INHOUSE_PLUGIN_DIR="${CMAKE_BINARY_DIR}/tests/inhouse-plugin")

# The "needs review" causes of a validation run (a hang, a call too fast to
# measure anything, a memory benchmark that allocates nothing), through the
# binary so `--timeout` is the user's flag.
prhost_add_test(bench_review_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_review_e2e_test.cpp LABELS e2e)
add_dependencies(bench_review_e2e_test prhost prhost_default_plugins)

# Recorded calls on fixture projects shaped like the real commits they were
# missing for: a private method behind a public one, a rule in a rule list,
# a dataclass with required fields, a method added over an inherited one.
prhost_add_test(recording_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/recording_e2e_test.cpp LABELS e2e)
add_dependencies(recording_e2e_test prhost prhost_default_plugins)

# `prhost doctor` end to end: real uv, poetry and pip/venv projects, real
# pytest; and the generated docs (docs/doctor.md, docs/configuration.md)
# compared with the binary's own output.
prhost_add_test(doctor_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/doctor_e2e_test.cpp LABELS e2e)
add_dependencies(doctor_e2e_test prhost prhost_default_plugins)
prhost_add_test(doctor_docs_e2e_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/doctor_docs_e2e_test.cpp LABELS e2e)
add_dependencies(doctor_docs_e2e_test prhost prhost_default_plugins)

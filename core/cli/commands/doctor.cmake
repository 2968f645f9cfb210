# `prhost doctor` (phase 2); the work lives in core/doctor/, the targets come
# from prepare's plan (refs per optimization).
target_sources(prhost_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/doctor_command.cpp ${CMAKE_CURRENT_LIST_DIR}/doctor_targets.cpp)
target_link_libraries(prhost_cli PRIVATE prhost_doctor prhost_prepare)

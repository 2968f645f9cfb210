target_sources(prhost_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/compare_command.cpp)

target_sources(prhost_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/calibrate_command.cpp)

target_sources(prhost_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/calibrate_command.cpp)

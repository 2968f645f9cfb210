# `prhost inventory` (phase 0); the inventory logic itself lives in core/inventory/.
target_sources(prhost_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/inventory_command.cpp)

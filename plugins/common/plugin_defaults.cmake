# Settings every default plugin shares, applied after prhost_add_plugin():
# the plugins/ directory on the include path (so modules include
# "common/..." and tests include "domain-mem/mem_module.hpp"), and the
# project's warning level. PUBLIC on the OBJECT library so a test that links
# it sees the same include path.
function(prhost_default_plugin_settings name)
  string(REPLACE "-" "_" target_id "${name}")
  set(objects prhost_plugin_${target_id}_objects)
  target_include_directories(${objects} PUBLIC ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/..)
  target_include_directories(prhost-${name} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/..)
  target_compile_options(${objects} PRIVATE -Wall -Wextra -Wpedantic)
  target_compile_options(prhost-${name} PRIVATE -Wall -Wextra -Wpedantic)
endfunction()

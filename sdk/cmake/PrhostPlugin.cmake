# prhost_add_plugin(<name> SOURCES <module sources...> ENTRY <plugin.cpp> [LIBRARIES <libs...>]
#                   [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds two targets:
#   prhost_plugin_<name>_objects  OBJECT library with the module's code (tests
#                                 link it and call its register function
#                                 directly, without dlopen)
#   prhost-<name>                 MODULE library (the .so the host loads); the
#                                 entry point lives only here so several
#                                 plugins can be linked into one test binary.
# Plugins are compiled with hidden visibility: only `prhost_plugin_entry` is
# exported, so two plugins never clash on a symbol.
function(prhost_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_INSTALL" "ENTRY;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES")
  if(NOT arg_ENTRY)
    message(FATAL_ERROR "prhost_add_plugin(${name}): ENTRY <plugin.cpp> is required")
  endif()
  string(REPLACE "-" "_" target_id "${name}")
  set(objects prhost_plugin_${target_id}_objects)

  add_library(${objects} OBJECT ${arg_SOURCES})
  target_link_libraries(${objects} PUBLIC prhost::sdk ${arg_LIBRARIES})
  set_target_properties(${objects} PROPERTIES POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden
                                              VISIBILITY_INLINES_HIDDEN ON)

  add_library(prhost-${name} MODULE ${arg_ENTRY} $<TARGET_OBJECTS:${objects}>)
  target_link_libraries(prhost-${name} PRIVATE prhost::sdk ${arg_LIBRARIES})
  set_target_properties(prhost-${name} PROPERTIES PREFIX "" CXX_VISIBILITY_PRESET hidden
                                                  VISIBILITY_INLINES_HIDDEN ON)
  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(prhost-${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${arg_OUTPUT_DIRECTORY})
  elseif(DEFINED PRHOST_PLUGIN_OUTPUT_DIR)
    set_target_properties(prhost-${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PRHOST_PLUGIN_OUTPUT_DIR})
  endif()
  if(DEFINED PRHOST_PLUGIN_INSTALL_SUBDIR AND NOT arg_NO_INSTALL)
    install(TARGETS prhost-${name} LIBRARY DESTINATION ${PRHOST_PLUGIN_INSTALL_SUBDIR})
  endif()
endfunction()

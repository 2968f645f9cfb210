# Text files compiled into the binary, so an installed prhost needs no data
# directory beside it:
#   prhost_embed_python(<name> <file.py>)  -> prhost::python::<name>()
#   prhost_embed_text(<name> <file>)       -> prhost::embedded::<name>()
# The header is written at configure time; editing the file re-runs the
# configure step (CMAKE_CONFIGURE_DEPENDS), so it never goes stale. This works
# from any subdirectory, unlike add_custom_command outputs.
set(PRHOST_EMBED_DIR ${CMAKE_BINARY_DIR}/generated/embedded)

function(prhost_embed_file name file namespace)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  set(NAME ${name})
  set(INPUT ${file})
  set(OUTPUT ${PRHOST_EMBED_DIR}/${name}.hpp)
  set(NAMESPACE ${namespace})
  include(${PROJECT_SOURCE_DIR}/core/python/embed_file.cmake)
endfunction()

function(prhost_embed_python name file)
  prhost_embed_file(${name} ${file} prhost::python)
endfunction()

function(prhost_embed_text name file)
  prhost_embed_file(${name} ${file} prhost::embedded)
endfunction()

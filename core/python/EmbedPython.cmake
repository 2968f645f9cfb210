# prhost_embed_python(<name> <file.py>): makes `prhost::python::<name>()` return
# the file's text, regenerated whenever the .py file changes.
set(PRHOST_EMBED_DIR ${CMAKE_BINARY_DIR}/generated/embedded)
target_include_directories(prhost_core PUBLIC ${CMAKE_BINARY_DIR}/generated)

function(prhost_embed_python name file)
  set(out ${PRHOST_EMBED_DIR}/${name}.hpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DINPUT=${file} -DOUTPUT=${out} -P
            ${PROJECT_SOURCE_DIR}/core/python/embed_file.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/core/python/embed_file.cmake
    COMMENT "Embedding ${name} Python helper")
  target_sources(prhost_core PRIVATE ${out})
endfunction()

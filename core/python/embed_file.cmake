# Writes ${OUTPUT}: a header exposing ${INPUT}'s content as a raw string
# literal. Rewritten only when the text changes, so builds stay incremental.
# Every argument is quoted: an unquoted ';' in the content would split it.
file(READ "${INPUT}" content)
string(CONCAT header "// Generated from ${INPUT}; do not edit.\n#pragma once\n#include <string_view>\n"
       "namespace ${NAMESPACE} {\ninline constexpr std::string_view ${NAME}() {\n  return R\"PRHOST_EMBED("
       "${content}" ")PRHOST_EMBED\";\n}\n}  // namespace ${NAMESPACE}\n")
set(previous "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
endif()
if(NOT previous STREQUAL header)
  file(WRITE "${OUTPUT}" "${header}")
endif()

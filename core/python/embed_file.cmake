# Writes a header with the file's content as a raw string literal.
file(READ ${INPUT} content)
set(delim "PRHOST_PY")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#pragma once\n#include <string_view>\n"
                     "namespace prhost::python {\ninline constexpr std::string_view ${NAME}() {\n"
                     "  return R\"${delim}(${content})${delim}\";\n}\n}  // namespace prhost::python\n")

# Refuses std::regex in the host, the plugins and the SDK: libstdc++'s regex
# recurses once per character, so a long line in a user's file (a 30 KB hint
# block, a 1 MB HANDOFF.md line) overflowed the stack. RE2 (linear time) or a
# hand-written scan does the same job. Comment lines may still name it.
#
#   cmake -DROOTS="<dir>;<dir>" -P forbid_std_regex.cmake
#
# Run on every build (target forbid_std_regex) and by ctest, which also proves
# it fails on a planted file.
if(NOT ROOTS)
  message(FATAL_ERROR "forbid_std_regex.cmake: pass -DROOTS=<dir>;<dir>")
endif()

set(offenders "")
foreach(root IN LISTS ROOTS)
  file(GLOB_RECURSE sources "${root}/*.cpp" "${root}/*.cc" "${root}/*.hpp" "${root}/*.h")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "#[ \t]*include[ \t]*<regex>|std::(w?regex|regex_|w?[sc]regex_|w?[sc]match|w?sub_match)")
    foreach(line IN LISTS lines)
      if(line MATCHES "^[ \t]*//")
        continue()
      endif()
      string(STRIP "${line}" line)
      list(APPEND offenders "${source}: ${line}")
    endforeach()
  endforeach()
endforeach()

if(offenders)
  list(JOIN offenders "\n  " listed)
  message(FATAL_ERROR "std::regex is not allowed in core/, plugins/ or sdk/ (it recurses per character and crashes "
                      "on long input); use RE2 (<re2/re2.h>, linked as PkgConfig::RE2) or a linear scan:\n  ${listed}")
endif()

#include "util/signal_name.hpp"

#include <string.h>

namespace prhost::util {

std::string signal_name(int signal) {
  // sigabbrev_np (glibc 2.32+) gives "SEGV" for 11, without the prefix.
  if (const char* abbreviation = ::sigabbrev_np(signal)) return std::string("SIG") + abbreviation;
  return "signal " + std::to_string(signal);
}

}  // namespace prhost::util

// Targets with a planted bug, so the suite proves the loop can fail: one
// crashes on any input holding a 0xff byte, one hangs on any input holding
// a NUL. The fuzz loop must find each within seconds and save the input.
#include <cstdlib>
#include <thread>

#include "fuzz_targets.hpp"

namespace prhost::fuzz {

const std::vector<FuzzTarget>& planted_targets() {
  static const std::vector<FuzzTarget> targets{
      {"planted-crash",
       "a parser with a planted crash",
       [](std::string_view input) {
         if (input.find('\xff') != std::string_view::npos) std::abort();
       },
       {}},
      {"planted-hang",
       "a parser with a planted hang",
       [](std::string_view input) {
         if (input.find('\0') != std::string_view::npos) std::this_thread::sleep_for(std::chrono::seconds(30));
       },
       {}},
  };
  return targets;
}

}  // namespace prhost::fuzz

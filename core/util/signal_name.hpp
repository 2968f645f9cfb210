// A signal by its name ("SIGSEGV"), so no message calls a crash "exit code 11".
#pragma once

#include <string>

namespace prhost::util {

// "SIGSEGV" for 11; "signal 64" for one without a name.
std::string signal_name(int signal);

}  // namespace prhost::util

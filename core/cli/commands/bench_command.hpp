// `prhost bench` (phase 1): writes a pytest-benchmark test for every
// optimized function that has none, and runs each once at head.
#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

std::unique_ptr<Command> make_bench_command();

}  // namespace prhost::cli

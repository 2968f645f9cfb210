#include "cli/app.hpp"

namespace prhost::cli {
int run(int, char**) { return 0; }
}  // namespace prhost::cli

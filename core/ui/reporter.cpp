#include "ui/reporter.hpp"

#include <cstdio>

namespace prhost::ui {

void Reporter::progress(const std::string& message) const {
  if (!quiet_) fmt::print(stderr, "→ {}\n", message);
}
void Reporter::note(const std::string& message) const {
  if (!quiet_) fmt::print(stderr, "{}\n", message);
}
void Reporter::warning(const std::string& message) const { fmt::print(stderr, "warning: {}\n", message); }
void Reporter::error(const std::string& message) const { fmt::print(stderr, "error: {}\n", message); }
void Reporter::debug(const std::string& message) const {
  if (verbose_) fmt::print(stderr, "debug: {}\n", message);
}

}  // namespace prhost::ui

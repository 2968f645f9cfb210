#include "ui/reporter.hpp"

#include <cstdio>

namespace prhost::ui {

void Reporter::emit(const std::string& line) const {
  if (*sink_) {
    (*sink_)(line);
  } else {
    fmt::print(stderr, "{}\n", line);
  }
}

void Reporter::progress(const std::string& message) const {
  if (!quiet_) emit("→ " + message);
}
void Reporter::note(const std::string& message) const {
  if (!quiet_) emit(message);
}
void Reporter::warning(const std::string& message) const { emit("warning: " + message); }
void Reporter::error(const std::string& message) const { emit("error: " + message); }
void Reporter::debug(const std::string& message) const {
  if (verbose_) emit("debug: " + message);
}

}  // namespace prhost::ui

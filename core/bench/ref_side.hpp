// Where bench runs Python at one ref: a checkout of the optimization's base
// or head commit, with the interpreter and environment that import that
// checkout's own code, and the pytest plugins the project needs (autoloading
// off, so an unrelated plugin in the interpreter cannot break the run).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"

namespace prhost::bench {

struct RefSide {
  std::string name;  // "head" or "base"
  std::string sha;
  std::filesystem::path dir;
  std::vector<std::string> python;
  std::map<std::string, std::string> env;
  std::optional<std::vector<std::string>> plugin_modules;  // nullopt: pytest autoloads (no plan)
  std::string failure;                                     // non-empty: nothing can run here, and why

  [[nodiscard]] bool usable() const { return failure.empty() && !python.empty(); }
  [[nodiscard]] std::string label() const { return name + (sha.empty() ? "" : " (" + sha.substr(0, 7) + ")"); }
};

using ProcessRunner = std::function<sdk::ProcessResult(const sdk::ProcessRequest&)>;

}  // namespace prhost::bench

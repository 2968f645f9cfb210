// The real `codeflash compare`, run through the project's runner, for teams
// whose PR bodies must come from codeflash itself. prhost passes the chosen
// flags, asks for markdown with -o, and parses it back into numbers so the
// JSON output has the same shape as the built-in engine's where it can.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/codeflash_markdown_parser.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::compare {

// Raised when codeflash ran and failed; `cause` says why and what to do.
class CodeflashRunError : public std::runtime_error {
 public:
  CodeflashRunError(const std::string& message, std::string cause_id)
      : std::runtime_error(message), cause_id_(std::move(cause_id)) {}
  [[nodiscard]] const std::string& cause_id() const { return cause_id_; }

 private:
  std::string cause_id_;
};

struct CodeflashRequest {
  std::vector<std::string> python;  // the runner's interpreter argv
  std::filesystem::path project_root;
  std::string base_ref;
  std::string head_ref;
  bool memory = false;
  std::optional<int> timeout_seconds;
  std::vector<std::string> inject;  // paths relative to the project root
};

struct CodeflashResult {
  // The codeflash command as a user would run it; prhost runs it through a
  // launcher that only moves codeflash's worktrees (codeflash_worktrees.hpp).
  std::vector<std::string> argv;
  std::string markdown;  // codeflash's own -o output, unchanged
  codeflash::ParsedComparison parsed;
  double seconds = 0.0;
};

// `python -c "import codeflash"` through the runner.
bool codeflash_importable(const std::vector<std::string>& python, sdk::HostServices& services);

// The argv for `codeflash compare` (exposed for tests and the PR body's
// reproduce line).
std::vector<std::string> codeflash_compare_argv(const CodeflashRequest& request, const std::string& output_file);

CodeflashResult run_codeflash_compare(const CodeflashRequest& request, sdk::HostServices& services);

nlohmann::json to_json(const CodeflashRequest& request, const CodeflashResult& result);

}  // namespace prhost::compare

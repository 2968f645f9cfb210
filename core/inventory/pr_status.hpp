// Whether a pull request already exists for an optimization, asked of the
// GitHub CLI (`gh pr list --search <keyword> --state all --json ...`). Without
// gh, or when gh is not logged in, the answer is "unknown", never an error:
// the inventory is still useful offline.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "inventory/function_locator.hpp"

namespace prhost::inventory {

struct PullRequest {
  int number = 0;
  std::string state;  // OPEN, CLOSED, MERGED as gh prints them
  std::string title;
  std::string url;
  // The refs the pull request compares, when gh reports them: prepare
  // measures an optimization whose PR exists on the PR's own base and head.
  std::string base_ref_name;  // e.g. "main"
  std::string head_ref_name;  // e.g. "codeflash/optimize-count-words"
  std::string head_ref_oid;   // full SHA of the PR's head commit
};

struct PrStatus {
  enum class State { Unknown, None, Found };
  State state = State::Unknown;
  std::string text = "unknown: gh not available";  // what the table shows
  std::string keyword;                             // what was searched for
  std::vector<PullRequest> pull_requests;
};

std::string to_string(PrStatus::State state);

// Parses `gh pr list --json number,state,title,url,baseRefName,headRefName,headRefOid` output. Throws
// std::runtime_error when the text is not that JSON.
std::vector<PullRequest> parse_gh_pr_list(const std::string& json_text);

// "#12 open, #9 merged", or "none".
std::string describe_pull_requests(const std::vector<PullRequest>& pull_requests);

class PrStatusLookup {
 public:
  // `path_env` is the PATH gh is looked up on and run with (the process's own
  // PATH when nullopt); `cwd` is the repository gh asks about.
  PrStatusLookup(std::filesystem::path cwd, ProcessRunner run_process,
                 std::optional<std::string> path_env = std::nullopt);

  PrStatus lookup(const std::string& keyword);

  // Why lookups answer "unknown" (empty when gh is usable); checked once.
  [[nodiscard]] const std::string& unavailable_reason();

 private:
  std::filesystem::path cwd_;
  ProcessRunner run_process_;
  std::string path_env_;
  std::optional<std::filesystem::path> gh_;
  std::optional<std::string> unavailable_;  // set after the first check
};

}  // namespace prhost::inventory

#include "inventory/pr_status.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace prhost::inventory {
namespace {

constexpr const char* kNotAvailable = "unknown: gh not available";

std::optional<std::filesystem::path> find_on_path(const std::string& program, const std::string& path_env) {
  std::size_t start = 0;
  while (start <= path_env.size()) {
    const auto colon = path_env.find(':', start);
    const std::string directory =
        path_env.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!directory.empty()) {
      const auto candidate = std::filesystem::path(directory) / program;
      std::error_code error;
      if (std::filesystem::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0)
        return candidate;
    }
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

std::string first_line(const std::string& text) {
  const auto begin = text.find_first_not_of(" \n\r\t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find('\n', begin) - begin);
}

}  // namespace

std::string to_string(PrStatus::State state) {
  switch (state) {
    case PrStatus::State::None:
      return "none";
    case PrStatus::State::Found:
      return "found";
    case PrStatus::State::Unknown:
      break;
  }
  return "unknown";
}

std::vector<PullRequest> parse_gh_pr_list(const std::string& json_text) {
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error("gh printed something that is not JSON: " + first_line(json_text));
  }
  if (!parsed.is_array()) throw std::runtime_error("gh printed JSON that is not a list of pull requests");
  std::vector<PullRequest> pull_requests;
  for (const auto& item : parsed) {
    if (!item.is_object()) continue;
    PullRequest pr;
    pr.number = item.value("number", 0);
    pr.state = item.value("state", "");
    pr.title = item.value("title", "");
    pr.url = item.value("url", "");
    pr.base_ref_name = item.value("baseRefName", "");
    pr.head_ref_name = item.value("headRefName", "");
    pr.head_ref_oid = item.value("headRefOid", "");
    pull_requests.push_back(std::move(pr));
  }
  return pull_requests;
}

std::string describe_pull_requests(const std::vector<PullRequest>& pull_requests) {
  if (pull_requests.empty()) return "none";
  std::string text;
  for (const auto& pr : pull_requests) {
    text += (text.empty() ? "" : ", ") + ("#" + std::to_string(pr.number)) + " " + sdk::helpers::to_lower(pr.state);
  }
  return text;
}

PrStatusLookup::PrStatusLookup(std::filesystem::path cwd, ProcessRunner run_process,
                               std::optional<std::string> path_env)
    : cwd_(std::move(cwd)), run_process_(std::move(run_process)) {
  if (path_env) {
    path_env_ = *path_env;
  } else if (const char* path = std::getenv("PATH"); path != nullptr) {
    path_env_ = path;
  }
}

const std::string& PrStatusLookup::unavailable_reason() {
  if (unavailable_) return *unavailable_;
  gh_ = find_on_path("gh", path_env_);
  if (!gh_) {
    unavailable_ = kNotAvailable;
    return *unavailable_;
  }
  sdk::ProcessRequest request;
  request.argv = {gh_->string(), "auth", "status"};
  request.cwd = cwd_;
  request.env = {{"PATH", path_env_}, {"GH_PROMPT_DISABLED", "1"}, {"NO_COLOR", "1"}};
  request.timeout = std::chrono::seconds(20);
  const auto status = run_process_(request);
  unavailable_ = status.ok() ? "" : kNotAvailable;
  return *unavailable_;
}

PrStatus PrStatusLookup::lookup(const std::string& keyword) {
  PrStatus status;
  status.keyword = keyword;
  if (const auto& reason = unavailable_reason(); !reason.empty()) {
    status.text = reason;
    return status;
  }
  sdk::ProcessRequest request;
  request.argv = {gh_->string(),
                  "pr",
                  "list",
                  "--search",
                  keyword,
                  "--state",
                  "all",
                  "--limit",
                  "20",
                  "--json",
                  "number,state,title,url,baseRefName,headRefName,headRefOid"};
  request.cwd = cwd_;
  request.env = {{"PATH", path_env_}, {"GH_PROMPT_DISABLED", "1"}, {"NO_COLOR", "1"}};
  request.timeout = std::chrono::seconds(30);
  const auto outcome = run_process_(request);
  if (!outcome.ok()) {
    const auto why = first_line(outcome.err.empty() ? outcome.out : outcome.err);
    status.text = "unknown: gh pr list failed" + (why.empty() ? std::string() : ": " + why);
    return status;
  }
  try {
    status.pull_requests = parse_gh_pr_list(outcome.out);
  } catch (const std::runtime_error& error) {
    status.text = std::string("unknown: ") + error.what();
    return status;
  }
  status.state = status.pull_requests.empty() ? PrStatus::State::None : PrStatus::State::Found;
  status.text = describe_pull_requests(status.pull_requests);
  return status;
}

}  // namespace prhost::inventory

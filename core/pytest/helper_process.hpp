// Runs one of prhost's embedded Python helpers with the project's
// interpreter: the helper's modules are written into a prhost-owned
// temporary directory, the request goes in as a JSON file (the process runner
// gives a child no stdin), and the reply is one JSON document, read from a
// reply file when the helper writes one (so pytest's own output on stdout
// cannot get in the way) or else from the last line of stdout (runners such
// as uv and poetry may print their own lines first).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "prhost/sdk/host_services.hpp"

namespace prhost::pytest {

using ProcessRunner = std::function<sdk::ProcessResult(const sdk::ProcessRequest&)>;

struct HelperModule {
  std::string name;         // importable module name, e.g. "prhost_fingerprint"
  std::string_view source;  // its text (an embedded helper)
};

struct HelperRun {
  std::vector<std::string> python;    // the interpreter argv prefix
  std::filesystem::path cwd;          // usually the project root or a checkout
  std::vector<HelperModule> modules;  // the first one is run as the script; the others are importable beside it
  nlohmann::json request;             // written to a file whose path is the script's first argument
  bool reply_in_file = false;         // the helper writes its reply to request["reply_file"]
  std::chrono::milliseconds timeout{std::chrono::minutes(2)};
  std::map<std::string, std::string> env;
  std::string what;  // "record calls of the changed functions": used in failure messages
};

// The process's reply, or why there is none ("`<python>` could not <what>
// (exit 1): <first stderr lines>"). The process result is kept for callers
// that want its output (e.g. the last frame of a hang).
struct HelperReply {
  nlohmann::json reply;
  sdk::ProcessResult process;
};
tl::expected<HelperReply, std::string> run_python_helper(const HelperRun& run, const ProcessRunner& run_process);

// "python3", "uv run python": the interpreter as a user would type it.
std::string command_text(const std::vector<std::string>& python);

// The first `count` lines of `text`, joined with " | ".
std::string first_lines(std::string_view text, int count);

}  // namespace prhost::pytest

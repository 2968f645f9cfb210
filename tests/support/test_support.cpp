#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "services/process_runner.hpp"

namespace prhost::testing {

void write_file(const std::filesystem::path& path, const std::string& content) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

sdk::ProcessResult run(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                       const std::map<std::string, std::string>& env) {
  sdk::ProcessRequest request;
  request.argv = argv;
  request.cwd = cwd;
  request.env = env;
  request.timeout = std::chrono::minutes(5);
  return services::run_process(request);
}

sdk::ProcessResult run_ok(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::map<std::string, std::string>& env) {
  auto result = run(argv, cwd, env);
  if (!result.ok()) {
    std::string command;
    for (const auto& arg : argv) command += arg + " ";
    ADD_FAILURE() << "command failed (exit " << result.exit_code << "): " << command << "\nstdout:\n"
                  << result.out << "\nstderr:\n"
                  << result.err;
  }
  return result;
}

namespace {
const std::map<std::string, std::string>& git_identity() {
  static const std::map<std::string, std::string> env{
      {"GIT_AUTHOR_NAME", "prhost test"},    {"GIT_AUTHOR_EMAIL", "test@prhost.invalid"},
      {"GIT_COMMITTER_NAME", "prhost test"}, {"GIT_COMMITTER_EMAIL", "test@prhost.invalid"},
      {"GIT_CONFIG_NOSYSTEM", "1"},          {"HOME", std::filesystem::temp_directory_path().string()}};
  return env;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}
}  // namespace

GitRepo::GitRepo() { git({"init", "-q", "-b", "main"}); }

void GitRepo::write(const std::string& relative, const std::string& content) const {
  write_file(root() / relative, content);
}

std::string GitRepo::commit(const std::string& message) const {
  git({"add", "-A"});
  git({"commit", "-q", "--allow-empty", "-m", message});
  return git({"rev-parse", "HEAD"});
}

std::string GitRepo::git(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  return trimmed(run_ok(argv, root(), git_identity()).out);
}

sdk::ProcessResult run_prhost(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                              const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{PRHOST_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  // The plugin-probe cache and the trust store live in the user's home; a
  // test keeps its own, shared by the prhost runs of one test process.
  static const ScratchDir home;
  auto with_home = env;
  with_home.try_emplace("XDG_CACHE_HOME", (home / "cache").string());
  with_home.try_emplace("XDG_CONFIG_HOME", (home / "config").string());
  return run(argv, cwd, with_home);
}

}  // namespace prhost::testing

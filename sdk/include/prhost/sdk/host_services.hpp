// Everything a plugin may ask of the outside world goes through HostServices,
// so a plugin can be unit-tested with a fake and never touches processes,
// files or git directly.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace prhost::sdk {

struct ProcessRequest {
  std::vector<std::string> argv;           // argv[0] is looked up on PATH; never a shell
  std::filesystem::path cwd;               // empty = project root
  std::map<std::string, std::string> env;  // added to (or overriding) the host environment
  std::vector<std::string> unset_env;      // removed from the environment
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};
};

struct ProcessResult {
  int exit_code = -1;  // the exit status; 128 + signal when a signal killed it (as a shell reports it)
  bool timed_out = false;
  bool failed_to_start = false;  // argv[0] not found or not executable
  std::string out;
  std::string err;
  std::chrono::milliseconds elapsed{0};
  int signal = 0;  // the signal that killed it (SIGSEGV, SIGABRT, ...); 0 when it exited by itself

  [[nodiscard]] bool ok() const { return !timed_out && !failed_to_start && signal == 0 && exit_code == 0; }
};

enum class LogLevel { Debug, Info, Warning, Error };

// A typed option value read from the plugin's own table in prhost.toml
// (`[plugin.<name>]`). Plugins only ever see their own table.
class HostServices {
 public:
  virtual ~HostServices() = default;

  virtual ProcessResult run(const ProcessRequest& request) = 0;
  // Absolute path of an executable on PATH, if any.
  [[nodiscard]] virtual std::optional<std::filesystem::path> which(const std::string& program) const = 0;

  [[nodiscard]] virtual std::optional<std::string> read_file(const std::filesystem::path& path) const = 0;
  [[nodiscard]] virtual bool exists(const std::filesystem::path& path) const = 0;
  // A file's content at a git revision (`HEAD`, a branch, a SHA), read with
  // libgit2; nullopt when the revision or the path does not exist.
  [[nodiscard]] virtual std::optional<std::string> read_git_file(const std::string& revision,
                                                                 const std::string& path) const = 0;

  [[nodiscard]] virtual std::optional<std::string> option_string(const std::string& key) const = 0;
  [[nodiscard]] virtual std::optional<long long> option_int(const std::string& key) const = 0;
  [[nodiscard]] virtual std::optional<bool> option_bool(const std::string& key) const = 0;
  [[nodiscard]] virtual std::vector<std::string> option_strings(const std::string& key) const = 0;

  virtual void log(LogLevel level, const std::string& message) = 0;
};

}  // namespace prhost::sdk

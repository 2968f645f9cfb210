// Helpers shared by the unit and end-to-end tests: scratch directories, real
// git repositories built with the git CLI (tests may use it; prhost itself
// reads git through libgit2), and running the prhost binary.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "util/temp_path.hpp"

namespace prhost::testing {

// A scratch directory removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() : dir_(util::TempPath::directory("prhost-test")) {}
  [[nodiscard]] const std::filesystem::path& path() const { return dir_.path(); }
  [[nodiscard]] std::filesystem::path operator/(const std::string& relative) const { return dir_.path() / relative; }

 private:
  util::TempPath dir_;
};

void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

// Runs argv and fails the current test (ADD_FAILURE) when it exits non-zero.
sdk::ProcessResult run_ok(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::map<std::string, std::string>& env = {});
sdk::ProcessResult run(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                       const std::map<std::string, std::string>& env = {});

// A real git repository in a scratch directory.
class GitRepo {
 public:
  GitRepo();
  [[nodiscard]] const std::filesystem::path& root() const { return dir_.path(); }
  void write(const std::string& relative, const std::string& content) const;
  // Stages everything and commits; returns the new commit's full SHA.
  std::string commit(const std::string& message) const;
  std::string git(const std::vector<std::string>& args) const;  // trimmed stdout

 private:
  ScratchDir dir_;
};

// Runs the built prhost binary with `args` in `cwd`.
sdk::ProcessResult run_prhost(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                              const std::map<std::string, std::string>& env = {});

}  // namespace prhost::testing

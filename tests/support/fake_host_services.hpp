// A HostServices for plugin unit tests: files come from a real directory
// (tests build real layouts), processes really run unless a canned answer is
// registered, options come from a map.
#pragma once

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "services/process_runner.hpp"

namespace prhost::testing {

class FakeHostServices : public sdk::HostServices {
 public:
  std::map<std::string, std::string> string_options;
  std::map<std::string, long long> int_options;
  std::map<std::string, bool> bool_options;
  std::map<std::string, std::vector<std::string>> list_options;
  std::map<std::string, std::string> git_files;  // "rev:path" -> content
  std::map<std::string, std::string> programs;   // program -> absolute path for which()
  std::vector<sdk::ProcessRequest> requests;     // every run() call, in order
  std::vector<std::string> logged;

  sdk::ProcessResult run(const sdk::ProcessRequest& request) override {
    requests.push_back(request);
    return services::run_process(request);
  }
  [[nodiscard]] std::optional<std::filesystem::path> which(const std::string& program) const override {
    if (auto it = programs.find(program); it != programs.end()) return std::filesystem::path(it->second);
    return std::nullopt;
  }
  [[nodiscard]] std::optional<std::string> read_file(const std::filesystem::path& path) const override;
  [[nodiscard]] bool exists(const std::filesystem::path& path) const override { return std::filesystem::exists(path); }
  [[nodiscard]] std::optional<std::string> read_git_file(const std::string& revision,
                                                         const std::string& path) const override {
    if (auto it = git_files.find(revision + ":" + path); it != git_files.end()) return it->second;
    return std::nullopt;
  }
  [[nodiscard]] std::optional<std::string> option_string(const std::string& key) const override {
    return lookup(string_options, key);
  }
  [[nodiscard]] std::optional<long long> option_int(const std::string& key) const override {
    return lookup(int_options, key);
  }
  [[nodiscard]] std::optional<bool> option_bool(const std::string& key) const override {
    return lookup(bool_options, key);
  }
  [[nodiscard]] std::vector<std::string> option_strings(const std::string& key) const override {
    return lookup(list_options, key).value_or(std::vector<std::string>{});
  }
  void log(sdk::LogLevel /*level*/, const std::string& message) override { logged.push_back(message); }

 private:
  template <typename Map>
  static std::optional<typename Map::mapped_type> lookup(const Map& map, const std::string& key) {
    if (auto it = map.find(key); it != map.end()) return it->second;
    return std::nullopt;
  }
};

inline std::optional<std::string> FakeHostServices::read_file(const std::filesystem::path& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace prhost::testing

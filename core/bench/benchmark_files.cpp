#include "bench/benchmark_files.hpp"

#include "util/atomic_write.hpp"

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace prhost::bench {

std::string benchmark_test_name(const std::string& function_name, const std::optional<std::string>& class_name) {
  return "test_benchmark_" + (class_name ? *class_name + "_" : std::string()) + function_name;
}

std::optional<std::string> needs_input_reason(const std::string& source) {
  const auto pos = source.find(kNeedsInputMarker);
  if (pos == std::string::npos) return std::nullopt;
  const auto start = pos + std::char_traits<char>::length(kNeedsInputMarker);
  return source.substr(start, source.find('\n', start) - start);
}

std::vector<std::filesystem::path> ensure_benchmarks_root(const std::filesystem::path& directory,
                                                          bool tests_use_packages) {
  std::vector<std::filesystem::path> created;
  if (std::filesystem::is_directory(directory)) return created;
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw std::runtime_error("cannot create the benchmarks root " + directory.string() + ": " + error.message() +
                             " (set [tool.codeflash] benchmarks-root in pyproject.toml to a writable directory)");
  }
  created.push_back(directory);
  if (tests_use_packages && std::filesystem::exists(directory.parent_path() / "__init__.py")) {
    util::write_file_atomically(directory / "__init__.py", "");
    created.push_back(directory / "__init__.py");
  }
  return created;
}

}  // namespace prhost::bench

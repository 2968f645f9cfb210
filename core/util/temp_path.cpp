#include "util/temp_path.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace prhost::util {
namespace {

std::vector<char> make_template(const std::string& prefix) {
  const std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  return {pattern.begin(), pattern.end() + 1};  // keep the NUL for mkstemp/mkdtemp
}

}  // namespace

TempPath TempPath::file(const std::string& prefix) {
  auto buffer = make_template(prefix);
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
  }
  ::close(fd);
  return TempPath(buffer.data());
}

TempPath TempPath::directory(const std::string& prefix) {
  auto buffer = make_template(prefix);
  if (::mkdtemp(buffer.data()) == nullptr) {
    throw std::system_error(
        errno, std::generic_category(),
        "cannot create a temporary directory in " + std::filesystem::temp_directory_path().string());
  }
  return TempPath(buffer.data());
}

TempPath::TempPath(TempPath&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

TempPath& TempPath::operator=(TempPath&& other) noexcept {
  if (this != &other) {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

TempPath::~TempPath() {
  if (!path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
}

std::filesystem::path TempPath::release() {
  auto kept = std::move(path_);
  path_.clear();
  return kept;
}

}  // namespace prhost::util

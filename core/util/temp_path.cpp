#include "util/temp_path.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <system_error>
#include <vector>

namespace prhost::util {
namespace {

constexpr std::string_view kRandomSuffix = "XXXXXX";

std::vector<char> make_template(const std::filesystem::path& parent, const std::string& prefix) {
  const std::string pattern =
      (parent / (prefix + "-" + std::to_string(::getpid()) + "-" + std::string(kRandomSuffix))).string();
  return {pattern.begin(), pattern.end() + 1};  // keep the NUL for mkstemp/mkdtemp
}

[[noreturn]] void fail_to_create(const char* what, const std::filesystem::path& parent) {
  const int error = errno;
  throw TempDirError(std::string("cannot create a temporary ") + what + " in " + parent.string() + ": " +
                     std::generic_category().message(error) + " (set TMPDIR to a writable directory)");
}

}  // namespace

std::filesystem::path temp_root() {
  const char* variable = std::getenv("TMPDIR");
  const std::filesystem::path root = variable != nullptr && *variable != '\0' ? variable : "/tmp";
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) {
    throw TempDirError(root.string() + ": the temporary directory does not exist or is not a directory" +
                       (variable != nullptr ? " (from TMPDIR; point TMPDIR at a writable directory, or unset it)"
                                            : " (create /tmp, or set TMPDIR to a writable directory)"));
  }
  return root;
}

TempPath TempPath::file(const std::string& prefix) {
  const auto parent = temp_root();
  auto buffer = make_template(parent, prefix);
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) fail_to_create("file", parent);
  ::close(fd);
  return TempPath(buffer.data());
}

TempPath TempPath::directory(const std::string& prefix) { return directory_in(temp_root(), prefix); }

TempPath TempPath::directory_in(const std::filesystem::path& parent, const std::string& prefix) {
  auto buffer = make_template(parent, prefix);
  if (::mkdtemp(buffer.data()) == nullptr) fail_to_create("directory", parent);
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

std::optional<pid_t> temp_owner_pid(std::string_view name) {
  // prhost-<what>-<pid>-XXXXXX: the pid is the last dash-separated number
  // before the random suffix.
  if (!name.starts_with("prhost-") || name.size() < kRandomSuffix.size() + 3) return std::nullopt;
  const auto suffix_dash = name.size() - kRandomSuffix.size() - 1;
  if (name[suffix_dash] != '-') return std::nullopt;
  const auto pid_dash = name.rfind('-', suffix_dash - 1);
  if (pid_dash == std::string_view::npos || pid_dash + 1 >= suffix_dash) return std::nullopt;
  long long pid = 0;
  const auto* first = name.data() + pid_dash + 1;
  const auto* last = name.data() + suffix_dash;
  const auto [end, error] = std::from_chars(first, last, pid);
  if (error != std::errc() || end != last || pid <= 0 || pid > 0x3fffffff) return std::nullopt;
  return static_cast<pid_t>(pid);
}

}  // namespace prhost::util

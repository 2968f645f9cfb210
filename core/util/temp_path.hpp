// A temporary file or directory removed when the owner goes out of scope, so
// no exit path leaves one behind. Every name carries the owner's pid
// (`prhost-out-4242-Xy12ab`), so what a SIGKILLed prhost could not remove is
// recognised and swept by the next run (see temp_sweep.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace prhost::util {

// The temporary directory is unusable: TMPDIR names something that is not a
// directory, or it cannot be written. An environment problem, not a bug.
class TempDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// $TMPDIR (or /tmp), checked to be a directory; throws TempDirError saying
// which variable to fix.
std::filesystem::path temp_root();

class TempPath {
 public:
  // `<temp_root>/<prefix>-<pid>-XXXXXX`, created with mkstemp/mkdtemp (0600/0700).
  static TempPath file(const std::string& prefix);
  static TempPath directory(const std::string& prefix);
  // The same, inside `parent` instead of the temp root.
  static TempPath directory_in(const std::filesystem::path& parent, const std::string& prefix);

  TempPath(TempPath&& other) noexcept;
  TempPath& operator=(TempPath&& other) noexcept;
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  ~TempPath();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // Keep the path on disk; the caller owns it from now on.
  std::filesystem::path release();

 private:
  explicit TempPath(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

// The pid a TempPath name records (`prhost-out-4242-Xy12ab` -> 4242);
// nullopt for names TempPath did not make.
std::optional<pid_t> temp_owner_pid(std::string_view file_name);

}  // namespace prhost::util

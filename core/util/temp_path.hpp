// A temporary file or directory removed when the owner goes out of scope, so
// no exit path leaves one behind.
#pragma once

#include <filesystem>
#include <string>

namespace prhost::util {

class TempPath {
 public:
  static TempPath file(const std::string& prefix);
  static TempPath directory(const std::string& prefix);

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

}  // namespace prhost::util

#include "util/atomic_write.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>
#include <vector>

namespace prhost::util {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::filesystem::create_directories(directory);
  std::string pattern = (directory / ("." + path.filename().string() + ".prhost-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
  const std::string temp(name.data());
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::system_error(error, std::generic_category(), "cannot write " + path.string());
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail(errno);
  // mkstemp creates 0600; a written report should have ordinary permissions.
  ::fchmod(fd, 0644);
  ::close(fd);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw std::system_error(error, std::generic_category(), "cannot replace " + path.string());
  }
}

}  // namespace prhost::util

#include "util/read_file.hpp"

#include <fstream>
#include <sstream>

namespace prhost::util {

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

std::string kind_problem(const std::filesystem::file_status& status) {
  using std::filesystem::file_type;
  switch (status.type()) {
    case file_type::directory:
      return "is a directory, not a file; it was not read";
    case file_type::fifo:
      return "is a fifo (named pipe), not a file; it was not read (reading could block forever)";
    case file_type::character:
    case file_type::block:
      return "is a device, not a file; it was not read";
    case file_type::socket:
      return "is a socket, not a file; it was not read";
    default:
      return "is not a regular file; it was not read";
  }
}

}  // namespace

InputFile read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::error_code error;
  const auto link = std::filesystem::symlink_status(path, error);
  if (error || link.type() == std::filesystem::file_type::not_found) return {};
  const auto target = std::filesystem::status(path, error);
  if (link.type() == std::filesystem::file_type::symlink && target.type() == std::filesystem::file_type::not_found) {
    return {std::nullopt, "is a symbolic link to " + std::filesystem::read_symlink(path, error).string() +
                              ", which does not exist; it was not read"};
  }
  if (target.type() != std::filesystem::file_type::regular) return {std::nullopt, kind_problem(target)};
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > max_bytes) {
    return {std::nullopt, "is " + std::to_string(size >> 20) + " MiB, more than the " +
                              std::to_string(max_bytes >> 20) + " MiB prhost reads; it was not read"};
  }
  auto text = read_text_file(path);
  if (!text) return {std::nullopt, "cannot be read (check its permissions)"};
  return {std::move(text), ""};
}

}  // namespace prhost::util

#include "services/host_services_impl.hpp"

#include <boost/process/search_path.hpp>

#include "services/process_runner.hpp"
#include "util/read_file.hpp"

namespace prhost::services {

HostServicesImpl::HostServicesImpl(std::filesystem::path project_root,
                                   std::shared_ptr<const git::Repository> repository, const toml::table* options,
                                   std::string plugin_name, LogSink sink)
    : project_root_(std::move(project_root)),
      repository_(std::move(repository)),
      options_(options),
      plugin_name_(std::move(plugin_name)),
      sink_(std::move(sink)) {}

std::filesystem::path HostServicesImpl::absolute(const std::filesystem::path& path) const {
  return path.is_absolute() ? path : project_root_ / path;
}

sdk::ProcessResult HostServicesImpl::run(const sdk::ProcessRequest& request) {
  sdk::ProcessRequest resolved = request;
  resolved.cwd = request.cwd.empty() ? project_root_ : absolute(request.cwd);
  return run_process(resolved);
}

std::optional<std::filesystem::path> HostServicesImpl::which(const std::string& program) const {
  const auto found = boost::process::search_path(program);
  if (found.empty()) return std::nullopt;
  return std::filesystem::path(found.string());
}

std::optional<std::string> HostServicesImpl::read_file(const std::filesystem::path& path) const {
  return util::read_text_file(absolute(path));
}

bool HostServicesImpl::exists(const std::filesystem::path& path) const {
  std::error_code ignored;
  return std::filesystem::exists(absolute(path), ignored);
}

std::optional<std::string> HostServicesImpl::read_git_file(const std::string& revision, const std::string& path) const {
  if (!repository_) return std::nullopt;
  return repository_->read_file(revision, path);
}

std::optional<std::string> HostServicesImpl::option_string(const std::string& key) const {
  if (options_ == nullptr) return std::nullopt;
  return options_->at_path(key).value<std::string>();
}

std::optional<long long> HostServicesImpl::option_int(const std::string& key) const {
  if (options_ == nullptr) return std::nullopt;
  return options_->at_path(key).value<long long>();
}

std::optional<bool> HostServicesImpl::option_bool(const std::string& key) const {
  if (options_ == nullptr) return std::nullopt;
  return options_->at_path(key).value<bool>();
}

std::vector<std::string> HostServicesImpl::option_strings(const std::string& key) const {
  std::vector<std::string> values;
  if (options_ == nullptr) return values;
  if (const auto* array = options_->at_path(key).as_array()) {
    for (const auto& element : *array) {
      if (auto text = element.value<std::string>()) values.push_back(*text);
    }
  }
  return values;
}

void HostServicesImpl::log(sdk::LogLevel level, const std::string& message) {
  if (sink_) sink_(level, "[" + plugin_name_ + "] " + message);
}

}  // namespace prhost::services

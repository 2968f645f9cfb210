#include "cli/commands/doctor_targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "prepare/prepare.hpp"
#include "pytest/benchmarks_root.hpp"

namespace prhost::cli {
namespace {

// The benchmark files compare would run between explicit refs: every
// test_*.py under the benchmarks root of the working tree.
std::vector<std::string> working_tree_benchmarks(const Session& session) {
  std::vector<std::string> files;
  std::string root;
  try {
    root = pytest::benchmarks_root(session.project_root(), session.config());
  } catch (const std::exception&) {
    return files;  // the benchmarks-root check reports the broken pyproject.toml
  }
  const auto dir = session.project_root() / root;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name.rfind("test_", 0) == 0 && entry.path().extension() == ".py") {
      files.push_back(std::filesystem::relative(entry.path(), session.project_root()).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

doctor::DoctorTarget explicit_target(const Session& session, const std::string& base, const std::string& head,
                                     bool memory) {
  doctor::DoctorTarget target;
  for (const auto* ref : {&base, &head}) {
    const auto sha = session.repository()->resolve(*ref);
    if (!sha)
      throw std::invalid_argument(fmt::format("'{}' names no commit in {}", *ref, session.project_root().string()));
    (ref == &base ? target.base_ref : target.head_ref) = *sha;
  }
  target.label =
      fmt::format("{} ({}) → {} ({})", base, target.base_ref.substr(0, 12), head, target.head_ref.substr(0, 12));
  target.benchmark_files = working_tree_benchmarks(session);
  target.memory = memory;
  return target;
}

std::vector<doctor::DoctorTarget> inventory_targets(const Session& session, const std::vector<int>& only,
                                                    std::vector<std::string>& notes) {
  const auto plan = prepare::plan_prepare(session, only).plan;
  std::vector<doctor::DoctorTarget> targets;
  for (const auto& group : plan.groups) targets.push_back(prepare::doctor_target(plan, group));
  for (const auto& item : plan.items) {
    const auto& o = *item.optimization;
    if (!item.refs.ok())
      notes.push_back(fmt::format("#{}: not checked, {}", o.number, item.refs.error));
    else if (item.benchmarks.empty())
      notes.push_back(fmt::format("#{}: not checked, no function to benchmark", o.number));
  }
  if (targets.empty()) {
    doctor::DoctorTarget environment_only;
    environment_only.label = "the working tree (no optimization to compare; give --base and --head to check two refs)";
    environment_only.benchmark_files = working_tree_benchmarks(session);
    targets.push_back(std::move(environment_only));
  }
  return targets;
}

}  // namespace prhost::cli

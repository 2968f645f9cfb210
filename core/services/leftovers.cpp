#include "services/leftovers.hpp"

#include <unistd.h>

#include <cstdint>
#include <map>
#include <mutex>

#include "services/descendants.hpp"
#include "services/watchdog.hpp"
#include "util/run_temp_dir.hpp"
#include "util/temp_path.hpp"
#include "util/temp_sweep.hpp"

namespace prhost::services {
namespace {

struct Checks {
  std::mutex mutex;
  std::uint64_t next_id = 1;
  std::map<std::uint64_t, std::pair<std::string, LeftoverCheck>> entries;
};

Checks& checks() {
  static Checks instance;
  return instance;
}

void add_temp_paths(LeftoverReport& report) {
  report.checked.emplace_back("temporary paths");
  try {
    for (const auto& path : util::temp_paths_of(util::temp_root(), ::getpid())) {
      report.remaining.push_back("temporary path " + path.string() + " is still there");
    }
  } catch (const std::exception&) {
    // No usable temporary directory: nothing can have been left in it.
  }
}

void add_processes(LeftoverReport& report) {
  report.checked.emplace_back("child processes");
  std::vector<pid_t> excluded;
  if (const pid_t watchdog = watchdog_pid(); watchdog > 0) excluded.push_back(watchdog);
  for (const auto& process : live_descendants(excluded)) {
    if (process.state == 'Z') continue;  // already dead, only not yet reaped
    report.remaining.push_back("process " + std::to_string(process.pid) + " (" + process.name + ") is still running");
  }
}

}  // namespace

void add_leftover_check(std::string what, LeftoverCheck check) {
  auto& all = checks();
  std::lock_guard lock(all.mutex);
  all.entries.emplace(all.next_id++, std::make_pair(std::move(what), std::move(check)));
}

LeftoverReport check_leftovers() {
  util::remove_run_temp_dir();
  LeftoverReport report;
  add_temp_paths(report);
  add_processes(report);
  auto& all = checks();
  std::lock_guard lock(all.mutex);
  for (const auto& [id, entry] : all.entries) {
    report.checked.push_back(entry.first);
    try {
      const auto found = entry.second();
      report.remaining.insert(report.remaining.end(), found.begin(), found.end());
    } catch (const std::exception& error) {
      report.remaining.push_back(entry.first + " could not be checked: " + error.what());
    }
  }
  return report;
}

}  // namespace prhost::services

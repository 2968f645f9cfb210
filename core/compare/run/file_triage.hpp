// One benchmark file that fails must not stop the comparison of the others
// (the seed's "continue past a broken benchmark"). When a full round fails,
// each file is run once on its own at both refs; the files that fail there
// are set aside with their cause, and the rest are compared as usual.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compare/report/compare_report.hpp"
#include "prhost/sdk/host_services.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::compare {

struct FileTriage {
  std::vector<std::string> runnable;  // files that ran at both refs, in the original order
  std::vector<SetAsideFile> set_aside;
};

// One single-round process per file and side. A file fails at its first
// failing side; its other side is not run.
FileTriage triage_benchmark_files(const pytest::PytestTarget& base, const pytest::PytestTarget& head,
                                  sdk::HostServices& services, const std::function<void(const std::string&)>& say);

}  // namespace prhost::compare

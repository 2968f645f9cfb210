#include "compare/run/file_triage.hpp"

#include <fmt/format.h>

#include <optional>

#include "compare/measure/timing_round.hpp"

namespace prhost::compare {
namespace {

// The quickest run that still imports, collects and calls the benchmark:
// one round, no warm-up, pytest-benchmark's own loop calibration.
std::optional<pytest::FailureCause> first_failure(const pytest::PytestTarget& side, const std::string& file,
                                                  sdk::HostServices& services) {
  measure::RoundRequest request;
  request.target = side;
  request.target.benchmark_files = {file};
  request.rounds = 1;
  request.warmup = false;
  const auto round = measure::run_timing_round(request, services);
  if (round.ok) return std::nullopt;
  return round.failure.value_or(pytest::FailureCause{"unknown", "the timing process reported no benchmark", "", ""});
}

std::optional<SetAsideFile> failure_of(const pytest::PytestTarget& base, const pytest::PytestTarget& head,
                                       const std::string& file, sdk::HostServices& services) {
  for (const auto* side : {&base, &head}) {
    if (auto cause = first_failure(*side, file, services)) {
      return SetAsideFile{file, side == &base ? "base" : "head", side->ref, std::move(*cause)};
    }
  }
  return std::nullopt;
}

}  // namespace

FileTriage triage_benchmark_files(const pytest::PytestTarget& base, const pytest::PytestTarget& head,
                                  sdk::HostServices& services, const std::function<void(const std::string&)>& say) {
  FileTriage triage;
  for (const auto& file : base.benchmark_files) {
    say(fmt::format("running {} on its own at both refs", file));
    if (auto failed = failure_of(base, head, file, services)) {
      say(fmt::format("set aside {}: {} ({} side)", file, failed->cause.title, failed->side));
      triage.set_aside.push_back(std::move(*failed));
    } else {
      triage.runnable.push_back(file);
    }
  }
  return triage;
}

}  // namespace prhost::compare

#include "compare/engine/process_backend.hpp"

#include "compare/measure/timing_round.hpp"

namespace prhost::compare {

MeasurementFailed::MeasurementFailed(Side side, pytest::FailureCause cause)
    : std::runtime_error(cause.title), side_(side), cause_(std::move(cause)) {}

ProcessBackend::ProcessBackend(pytest::PytestTarget base, pytest::PytestTarget head, ProcessBackendOptions options,
                               sdk::HostServices& services)
    : base_(std::move(base)), head_(std::move(head)), options_(options), services_(services) {}

TimingRound ProcessBackend::timing_round(Side side, const std::map<std::string, long long>& iterations) {
  measure::RoundRequest request;
  request.target = target(side);
  request.fixed_iterations = iterations;
  request.rounds = options_.rounds_per_process;
  const auto round = measure::run_timing_round(request, services_);
  if (!round.ok) {
    throw MeasurementFailed(side, round.failure.value_or(pytest::FailureCause{
                                      "unknown", "the timing process reported no benchmark", "", ""}));
  }
  TimingRound result;
  result.process_seconds = static_cast<double>(round.process.elapsed.count()) / 1000.0;
  for (const auto& benchmark : round.benchmarks) {
    // Keyed by pytest node id: two files may both define a test of one name.
    result.samples.push_back({benchmark.fullname, benchmark.median_ns, benchmark.min_ns, benchmark.mean_ns,
                              benchmark.rounds, benchmark.iterations});
  }
  return result;
}

MemoryRound ProcessBackend::memory_round(Side side) {
  measure::MemoryRequest request;
  request.target = target(side);
  request.backend = options_.memory_backend;
  const auto run = measure::run_memory_once(request, services_);
  if (!run.ok) {
    throw MeasurementFailed(side, run.failure.value_or(pytest::FailureCause{
                                      "unknown", "the memory process reported no benchmark", "", ""}));
  }
  MemoryRound result;
  result.process_seconds = static_cast<double>(run.process.elapsed.count()) / 1000.0;
  for (const auto& benchmark : run.benchmarks) {
    result.samples.push_back({benchmark.fullname, static_cast<double>(benchmark.peak_bytes), benchmark.allocations,
                              static_cast<double>(benchmark.rss_bytes),
                              std::string(measure::to_string(benchmark.backend))});
  }
  return result;
}

}  // namespace prhost::compare

// The MeasurementBackend that really measures: each timing round and memory
// run is a fresh pytest process in the side's checkout (compare/measure).
// A failed process becomes a MeasurementFailed carrying the classified cause,
// so the user reads "benchmark missing at base — fix: …", not an exit code.
#pragma once

#include <stdexcept>
#include <string>

#include "compare/engine/measurement_backend.hpp"
#include "compare/measure/failure_causes.hpp"
#include "compare/measure/memory_run.hpp"
#include "compare/measure/pytest_target.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::compare {

class MeasurementFailed : public std::runtime_error {
 public:
  MeasurementFailed(Side side, measure::FailureCause cause);
  [[nodiscard]] Side side() const { return side_; }
  [[nodiscard]] const measure::FailureCause& cause() const { return cause_; }

 private:
  Side side_;
  measure::FailureCause cause_;
};

struct ProcessBackendOptions {
  int rounds_per_process = 5;  // pytest-benchmark rounds inside each process
  measure::MemoryBackend memory_backend = measure::MemoryBackend::Auto;
};

class ProcessBackend : public MeasurementBackend {
 public:
  ProcessBackend(measure::PytestTarget base, measure::PytestTarget head, ProcessBackendOptions options,
                 sdk::HostServices& services);

  TimingRound timing_round(Side side, const std::map<std::string, long long>& iterations) override;
  MemoryRound memory_round(Side side) override;

 private:
  const measure::PytestTarget& target(Side side) const { return side == Side::Base ? base_ : head_; }
  measure::PytestTarget base_;
  measure::PytestTarget head_;
  ProcessBackendOptions options_;
  sdk::HostServices& services_;
};

}  // namespace prhost::compare

// The MeasurementBackend that really measures: each timing round and memory
// run is a fresh pytest process in the side's checkout (compare/measure).
// A failed process becomes a MeasurementFailed carrying the classified cause,
// so the user reads "benchmark missing at base — fix: …", not an exit code.
#pragma once

#include <stdexcept>
#include <string>

#include "compare/engine/measurement_backend.hpp"
#include "compare/measure/memory_run.hpp"
#include "prhost/sdk/host_services.hpp"
#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::compare {

class MeasurementFailed : public std::runtime_error {
 public:
  MeasurementFailed(Side side, pytest::FailureCause cause);
  [[nodiscard]] Side side() const { return side_; }
  [[nodiscard]] const pytest::FailureCause& cause() const { return cause_; }

 private:
  Side side_;
  pytest::FailureCause cause_;
};

struct ProcessBackendOptions {
  int rounds_per_process = 5;  // pytest-benchmark rounds inside each process
  measure::MemoryBackend memory_backend = measure::MemoryBackend::Auto;
};

class ProcessBackend : public MeasurementBackend {
 public:
  ProcessBackend(pytest::PytestTarget base, pytest::PytestTarget head, ProcessBackendOptions options,
                 sdk::HostServices& services);

  TimingRound timing_round(Side side, const std::map<std::string, long long>& iterations) override;
  MemoryRound memory_round(Side side) override;

 private:
  const pytest::PytestTarget& target(Side side) const { return side == Side::Base ? base_ : head_; }
  pytest::PytestTarget base_;
  pytest::PytestTarget head_;
  ProcessBackendOptions options_;
  sdk::HostServices& services_;
};

}  // namespace prhost::compare

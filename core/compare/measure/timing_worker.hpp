// One timing worker (core/python/prhost_timing_worker.py): a pytest session
// in one side's checkout that times a benchmark's call only when asked, over
// a line protocol on its stdin/stdout. The engine's sample-level layout
// starts one per side per pair and alternates them sample by sample
// (engine/worker_pair_backend.hpp); this class only speaks the protocol.
//
// Every answer is awaited at most the benchmark timeout: a worker that does
// not answer is ended and the failure classified like a timed-out benchmark
// process (pytest/failure_causes.hpp), as is a worker that fails a test,
// crashes, or ends its session with a non-zero status. A session the worker
// cannot time (a conftest.py defining its own `benchmark` fixture) throws
// WorkerUnsupported, so the caller can fall back to the process layout.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::services {
class InteractiveProcess;
}

namespace prhost::compare::measure {

class WorkerFailed : public std::runtime_error {
 public:
  explicit WorkerFailed(pytest::FailureCause cause);
  [[nodiscard]] const pytest::FailureCause& cause() const { return cause_; }

 private:
  pytest::FailureCause cause_;
};

class WorkerUnsupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WorkerStart {
  pytest::PytestTarget target;        // checkout, interpreter, files (or node ids), timeout
  std::filesystem::path script;       // prhost_timing_worker.py, written by the caller
  std::uint32_t hashseed = 0;         // PYTHONHASHSEED of this worker
  std::vector<std::string> node_ids;  // empty: target.benchmark_files; else exactly these benchmarks
};

// What the worker announced before serving a benchmark's timing requests.
struct AnnouncedBenchmark {
  std::string id;  // pytest node id
  std::string function;
  std::optional<std::string> module_file;  // where the timed function's module was imported from
};

// Raw samples, each one `loops` calls, on both clocks.
struct RawSamples {
  std::vector<double> wall_ns;
  std::vector<double> cpu_ns;
};

class TimingWorker {
 public:
  // Starts the worker without waiting for it, so two can start up in
  // parallel. Throws WorkerFailed when it cannot start.
  explicit TimingWorker(const WorkerStart& start);
  ~TimingWorker();
  TimingWorker(const TimingWorker&) = delete;
  TimingWorker& operator=(const TimingWorker&) = delete;

  // The next benchmark the session reached, or nullopt when the session
  // ended cleanly (exit status 0; the process has exited).
  std::optional<AnnouncedBenchmark> next_benchmark();
  // The loop count whose sample lasts at least `target_ns` (1-2-5 steps).
  long long calibrate(long long target_ns);
  RawSamples time(long long loops, int samples);
  // The test gets its result back and goes on to the next one.
  void release();

  [[nodiscard]] std::uint32_t hashseed() const { return hashseed_; }

 private:
  nlohmann::json request(const nlohmann::json& op, const char* expected_event);
  nlohmann::json read_event();
  [[noreturn]] void fail_from_process(bool timed_out);
  [[noreturn]] void fail_after_session(int exit_status);

  pytest::PytestTarget target_;
  std::uint32_t hashseed_;
  std::unique_ptr<services::InteractiveProcess> process_;
  std::vector<std::string> failed_tests_;  // `test_failed` events seen so far
};

}  // namespace prhost::compare::measure

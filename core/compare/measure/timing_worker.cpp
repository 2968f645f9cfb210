#include "compare/measure/timing_worker.hpp"

#include <fmt/format.h>

#include "services/interactive_process.hpp"

namespace prhost::compare::measure {
namespace {

// A worker prints `done` and returns from pytest.main: it needs no more
// than this to exit once its session ended.
constexpr std::chrono::milliseconds kExitGrace{10'000};

sdk::ProcessRequest worker_request(const WorkerStart& start) {
  auto target = start.target;
  if (!start.node_ids.empty()) target.benchmark_files = start.node_ids;
  sdk::ProcessRequest request;
  request.argv = target.python;
  request.argv.push_back(start.script.string());
  const auto arguments = pytest::detail::pytest_arguments(target, std::nullopt, {});
  request.argv.insert(request.argv.end(), arguments.begin(), arguments.end());
  request.cwd = target.checkout;
  request.env = pytest::detail::env_with_plugin(target, start.script.parent_path());
  // A fresh seed per worker: each worker pair is one independent draw of the
  // process-level offsets (hash layout), which is what the interval is over.
  request.env["PYTHONHASHSEED"] = std::to_string(start.hashseed);
  return request;
}

pytest::FailureCause protocol_error(const std::string& what) {
  return {std::string(pytest::cause::kUnknown), "the timing worker broke its protocol", what,
          "Run the comparison with `--layout process` (one pytest process per side and round) and report this."};
}

}  // namespace

WorkerFailed::WorkerFailed(pytest::FailureCause cause) : std::runtime_error(cause.title), cause_(std::move(cause)) {}

TimingWorker::TimingWorker(const WorkerStart& start)
    : target_(start.target),
      hashseed_(start.hashseed),
      process_(std::make_unique<services::InteractiveProcess>(worker_request(start))) {
  if (!process_->started()) {
    pytest::FailedRun run;
    run.failed_to_start = true;
    run.err = process_->start_error();
    run.ref = target_.ref;
    throw WorkerFailed(pytest::classify_failure(run));
  }
}

TimingWorker::~TimingWorker() = default;

std::optional<AnnouncedBenchmark> TimingWorker::next_benchmark() {
  const auto event = read_event();
  const auto kind = event.value("event", "");
  if (kind == "done") {
    const int status = event.value("exitstatus", -1);
    if (status != 0 || !failed_tests_.empty()) fail_after_session(status);
    process_->finish(kExitGrace);
    return std::nullopt;
  }
  if (kind != "benchmark") throw WorkerFailed(protocol_error("expected a benchmark, got " + event.dump()));
  AnnouncedBenchmark benchmark;
  benchmark.id = event.value("id", "");
  benchmark.function = event.value("function", "");
  if (const auto file = event.find("module_file"); file != event.end() && file->is_string()) {
    benchmark.module_file = file->get<std::string>();
  }
  return benchmark;
}

long long TimingWorker::calibrate(long long target_ns) {
  return request({{"op", "calibrate"}, {"target_ns", target_ns}}, "calibrated").at("loops").get<long long>();
}

RawSamples TimingWorker::time(long long loops, int samples) {
  const auto reply = request({{"op", "time"}, {"loops", loops}, {"samples", samples}}, "samples");
  RawSamples raw;
  raw.wall_ns = reply.at("ns").get<std::vector<double>>();
  raw.cpu_ns = reply.at("cpu_ns").get<std::vector<double>>();
  if (raw.wall_ns.size() != static_cast<std::size_t>(samples) || raw.cpu_ns.size() != raw.wall_ns.size()) {
    throw WorkerFailed(protocol_error(fmt::format("asked for {} samples, got {}", samples, reply.dump())));
  }
  return raw;
}

void TimingWorker::release() {
  if (!process_->write_line(nlohmann::json{{"op", "next"}}.dump())) fail_from_process(false);
}

nlohmann::json TimingWorker::request(const nlohmann::json& op, const char* expected_event) {
  if (!process_->write_line(op.dump())) fail_from_process(false);
  const auto reply = read_event();
  if (reply.value("event", "") != expected_event) {
    throw WorkerFailed(protocol_error(fmt::format("expected `{}`, got {}", expected_event, reply.dump())));
  }
  return reply;
}

// The next protocol event; a failed test is remembered (the session goes on
// and ends with `done`), anything the worker cannot time throws.
nlohmann::json TimingWorker::read_event() {
  while (true) {
    const auto read = process_->read_line(target_.timeout);
    if (read.status == services::InteractiveProcess::ReadStatus::TimedOut) fail_from_process(true);
    if (read.status == services::InteractiveProcess::ReadStatus::Closed) fail_from_process(false);
    auto event = nlohmann::json::parse(read.line, nullptr, false);
    if (event.is_discarded() || !event.is_object()) throw WorkerFailed(protocol_error("not JSON: " + read.line));
    const auto kind = event.value("event", "");
    if (kind == "hello") continue;  // the worker is up; its session starts
    if (kind == "test_failed") {
      failed_tests_.push_back(event.value("id", ""));
      continue;
    }
    if (kind == "error") throw WorkerUnsupported(event.value("message", "the worker cannot time this session"));
    return event;
  }
}

// The worker stopped answering (timed out) or went away: ended, then
// classified from its exit and its stderr (the session's output).
void TimingWorker::fail_from_process(bool timed_out) {
  const auto result = timed_out ? process_->end_timed_out() : process_->finish(kExitGrace);
  throw WorkerFailed(pytest::classify_failure(pytest::detail::failed_run(result, target_)));
}

void TimingWorker::fail_after_session(int exit_status) {
  auto result = process_->finish(kExitGrace);
  if (result.exit_code == 0 && result.signal == 0) result.exit_code = exit_status != 0 ? exit_status : 1;
  throw WorkerFailed(pytest::classify_failure(pytest::detail::failed_run(result, target_)));
}

}  // namespace prhost::compare::measure

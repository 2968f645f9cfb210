#include "compare/measure/timing_round.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "embedded/prhost_timing_plugin.hpp"

namespace prhost::compare::measure {
namespace {

constexpr std::string_view kPluginModule = "prhost_timing_plugin";
constexpr std::string_view kFixedIterationsEnv = "PRHOST_FIXED_ITERATIONS";
constexpr double kNanosPerSecond = 1e9;

double seconds_to_ns(const nlohmann::json& stats, const char* key) {
  const auto it = stats.find(key);
  return it != stats.end() && it->is_number() ? it->get<double>() * kNanosPerSecond : 0.0;
}

std::vector<std::string> timing_options(const RoundRequest& request, const std::filesystem::path& json_path) {
  return {
      "--benchmark-only",
      "--benchmark-json=" + json_path.string(),
      // GC pauses land in whichever round they happen to hit; off, as
      // codeflash's own timing plugin does.
      "--benchmark-disable-gc",
      "--benchmark-min-rounds=" + std::to_string(request.rounds),
      // rounds = max(ceil(max_time / round time), min_rounds): max-time 0
      // makes every process run exactly `rounds` rounds, whatever the speed.
      "--benchmark-max-time=0",
      fmt::format("--benchmark-min-time={:.6f}", static_cast<double>(request.min_round_time.count()) / 1e6),
      std::string("--benchmark-warmup=") + (request.warmup ? "on" : "off"),
  };
}

std::string read_text(const std::filesystem::path& path, sdk::HostServices& services) {
  return services.read_file(path).value_or("");
}

}  // namespace

std::map<std::string, long long> TimingRound::iterations() const {
  std::map<std::string, long long> out;
  for (const auto& benchmark : benchmarks) out[benchmark.fullname] = benchmark.iterations;
  return out;
}

const BenchmarkTiming* TimingRound::find(std::string_view fullname) const {
  for (const auto& benchmark : benchmarks) {
    if (benchmark.fullname == fullname) return &benchmark;
  }
  return nullptr;
}

std::vector<BenchmarkTiming> parse_benchmark_json(std::string_view json_text) {
  const auto report = nlohmann::json::parse(json_text);
  if (!report.is_object() || !report.contains("benchmarks") || !report["benchmarks"].is_array()) {
    throw std::runtime_error("not a pytest-benchmark report: no \"benchmarks\" array");
  }
  nlohmann::json fixed = nlohmann::json::object();
  if (auto it = report.find("prhost"); it != report.end() && it->is_object()) {
    fixed = it->value("fixed_iterations", nlohmann::json::object());
  }

  std::vector<BenchmarkTiming> out;
  for (const auto& entry : report["benchmarks"]) {
    const auto& stats = entry.at("stats");
    BenchmarkTiming timing;
    timing.name = entry.value("name", "");
    timing.fullname = entry.value("fullname", timing.name);
    timing.iterations = stats.value("iterations", 1LL);
    timing.rounds = stats.value("rounds", 0);
    timing.median_ns = seconds_to_ns(stats, "median");
    timing.min_ns = seconds_to_ns(stats, "min");
    timing.max_ns = seconds_to_ns(stats, "max");
    timing.mean_ns = seconds_to_ns(stats, "mean");
    timing.stddev_ns = seconds_to_ns(stats, "stddev");
    timing.ops = stats.value("ops", timing.mean_ns > 0 ? kNanosPerSecond / timing.mean_ns : 0.0);
    if (auto data = stats.find("data"); data != stats.end() && data->is_array()) {
      timing.data_ns.reserve(data->size());
      for (const auto& value : *data) timing.data_ns.push_back(value.get<double>() * kNanosPerSecond);
    }
    timing.fixed_iterations = fixed.contains(timing.fullname);
    out.push_back(std::move(timing));
  }
  return out;
}

TimingRound run_timing_round(const RoundRequest& request, sdk::HostServices& services) {
  if (request.rounds < 1) throw std::invalid_argument("run_timing_round: rounds must be >= 1");
  const util::TempPath plugin_dir = pytest::detail::write_plugin(kPluginModule, python::prhost_timing_plugin());
  const auto json_path = plugin_dir.path() / "benchmark.json";

  sdk::ProcessRequest process;
  process.argv = pytest::detail::pytest_argv(request.target, kPluginModule, timing_options(request, json_path));
  process.cwd = request.target.checkout;
  process.env = pytest::detail::env_with_plugin(request.target, plugin_dir.path());
  process.timeout = request.target.timeout;
  if (request.fixed_iterations.empty()) {
    // A value inherited from the host environment would silently pin counts.
    process.unset_env.emplace_back(kFixedIterationsEnv);
  } else {
    process.env[std::string(kFixedIterationsEnv)] = nlohmann::json(request.fixed_iterations).dump();
  }

  TimingRound round;
  round.argv = process.argv;
  round.process = services.run(process);

  // A failing run may still have measured the benchmarks that passed.
  if (!round.process.timed_out && services.exists(json_path)) {
    try {
      round.benchmarks = parse_benchmark_json(read_text(json_path, services));
    } catch (const std::exception& error) {
      round.failure =
          pytest::FailureCause{std::string(pytest::cause::kUnknown), "pytest-benchmark wrote an unreadable report",
                               error.what(), "Check the pytest-benchmark version in that interpreter (5.x expected)."};
    }
  }
  round.ok = round.process.ok() && !round.failure && !round.benchmarks.empty();
  if (!round.ok && !round.failure) {
    round.failure = pytest::classify_failure(pytest::detail::failed_run(round.process, request.target));
  }
  return round;
}

}  // namespace prhost::compare::measure

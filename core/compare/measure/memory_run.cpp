#include "compare/measure/memory_run.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "embedded/prhost_fixture_standin.hpp"
#include "embedded/prhost_memory_plugin.hpp"

namespace prhost::compare::measure {
namespace {

constexpr std::string_view kPluginModule = "prhost_memory_plugin";
constexpr std::string_view kOutEnv = "PRHOST_MEMORY_OUT";
constexpr std::string_view kBackendEnv = "PRHOST_MEMORY_BACKEND";

// Backend <-> the names the plugin reads from and writes to JSON.
constexpr auto kBackendNames = std::to_array<std::pair<MemoryBackend, std::string_view>>({
    {MemoryBackend::Auto, "auto"},
    {MemoryBackend::Memray, "memray"},
    {MemoryBackend::Tracemalloc, "tracemalloc"},
});

MemoryBackend backend_from(std::string_view name) {
  for (const auto& [backend, text] : kBackendNames) {
    if (text == name) return backend;
  }
  throw std::runtime_error("unknown memory backend in plugin output: " + std::string(name));
}

}  // namespace

std::string_view to_string(MemoryBackend backend) {
  for (const auto& [value, text] : kBackendNames) {
    if (value == backend) return text;
  }
  return "auto";
}

const MemoryMeasurement* MemoryRun::find(std::string_view fullname) const {
  for (const auto& benchmark : benchmarks) {
    if (benchmark.fullname == fullname) return &benchmark;
  }
  return nullptr;
}

std::vector<MemoryMeasurement> parse_memory_json(std::string_view json_text) {
  const auto report = nlohmann::json::parse(json_text);
  if (!report.is_object() || !report.contains("benchmarks") || !report["benchmarks"].is_array()) {
    throw std::runtime_error("not a prhost memory report: no \"benchmarks\" array");
  }
  std::vector<MemoryMeasurement> out;
  for (const auto& entry : report["benchmarks"]) {
    MemoryMeasurement measurement;
    measurement.name = entry.value("name", "");
    measurement.fullname = entry.value("fullname", measurement.name);
    measurement.backend = backend_from(entry.value("backend", report.value("backend", "auto")));
    measurement.peak_bytes = entry.at("peak_bytes").get<long long>();
    if (auto it = entry.find("allocations"); it != entry.end() && it->is_number()) {
      measurement.allocations = it->get<long long>();
    }
    measurement.rss_bytes = entry.value("rss_bytes", 0LL);
    out.push_back(std::move(measurement));
  }
  return out;
}

MemoryRun run_memory_once(const MemoryRequest& request, sdk::HostServices& services) {
  const util::TempPath plugin_dir = pytest::detail::write_plugin(
      kPluginModule, python::prhost_memory_plugin(), {{"prhost_fixture_standin", python::prhost_fixture_standin()}});
  const auto json_path = plugin_dir.path() / "memory.json";

  sdk::ProcessRequest process;
  // --benchmark-only skips tests that do not use `benchmark`, as in timing
  // rounds, so both measure the same set. No --benchmark-json: the plugin
  // replaces the fixture, pytest-benchmark measures nothing here.
  process.argv = pytest::detail::pytest_argv(request.target, kPluginModule, {"--benchmark-only"});
  process.cwd = request.target.checkout;
  process.env = pytest::detail::env_with_plugin(request.target, plugin_dir.path());
  process.env[std::string(kOutEnv)] = json_path.string();
  process.env[std::string(kBackendEnv)] = std::string(to_string(request.backend));
  process.timeout = request.target.timeout;

  MemoryRun run;
  run.argv = process.argv;
  run.process = services.run(process);

  // The plugin rewrites its file after every benchmark, so even a run killed
  // midway reports what it finished.
  if (services.exists(json_path)) {
    try {
      run.benchmarks = parse_memory_json(services.read_file(json_path).value_or(""));
    } catch (const std::exception& error) {
      run.failure =
          pytest::FailureCause{std::string(pytest::cause::kUnknown), "The memory plugin wrote an unreadable report",
                               error.what(), "Report this as a prhost bug, with the interpreter's version."};
    }
  }
  run.ok = run.process.ok() && !run.failure && !run.benchmarks.empty();
  if (!run.ok && !run.failure) {
    run.failure = pytest::classify_failure(pytest::detail::failed_run(run.process, request.target));
  }
  return run;
}

}  // namespace prhost::compare::measure

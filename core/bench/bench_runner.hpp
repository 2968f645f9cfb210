// Phase 1, `prhost bench`: for every optimized function without a benchmark,
// choose its inputs, let the domain's generator write
// `test_benchmark_<function>` into the benchmarks root, and run it once at
// head to prove it works. Existing benchmarks are left alone unless --force;
// a second run changes nothing.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/ref_checkouts.hpp"
#include "bench/run_evidence.hpp"
#include "config/config.hpp"
#include "inventory/inventory.hpp"
#include "plugin_host/plugin_registry.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::bench {

// A request bench cannot serve at all (e.g. --only names no optimization).
class BenchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BenchOptions {
  std::optional<int> only;  // one optimization number
  bool force = false;       // regenerate files prhost wrote before
  bool validate = true;     // run each new benchmark once at head (and at base)
  bool record = true;       // record calls of the targets while the project's tests run
};

struct BenchContext {
  std::filesystem::path project_root;
  const inventory::Inventory* inventory = nullptr;
  std::string benchmarks_root;  // relative to the project root
  std::optional<std::string> handoff_text;
  std::vector<config::BenchmarkHint> hints;
  const plugin_host::PluginRegistry* registry = nullptr;
  std::function<sdk::HostServices&(const std::string& plugin)> services_for;
  std::vector<std::string> python;  // the runner's interpreter argv
  std::string python_unavailable;
  std::function<sdk::ProcessResult(const sdk::ProcessRequest&)> run_process;
  std::chrono::seconds validation_timeout{60};  // one validation run (`prhost bench --timeout`)
  std::chrono::seconds recording_budget{60};    // running the tests that reach the targets, per ref
  std::function<void(const std::string&)> progress;
  // Base/head checkouts for recording and for validating at both refs; when
  // unset, bench validates at the project root only (no coverage, no
  // equivalence, no recorded calls).
  std::shared_ptr<const git::Repository> repository;
  SideMaker make_side;
};

// Blocked: head returns a different result than base for the same input.
enum class BenchStatus { Created, Exists, NeedsReview, Blocked };

struct BenchRow {
  int number = 0;            // the optimization's number in the inventory
  std::string optimization;  // its description
  std::string function;      // module:Qualname
  std::string test_name;
  std::string path;    // the benchmark file, relative to the project root
  std::string inputs;  // where the inputs came from, short
  std::vector<std::string> domains;
  std::string generator;  // the generator id that wrote it
  BenchStatus status = BenchStatus::NeedsReview;
  std::string cause;  // for NeedsReview: why
  std::string fix;    // for NeedsReview: what to do, when known
  std::vector<std::string> notes;
  std::string input_source;  // "hint", "recorded", "tests", "recipe", "missing"
  std::string public_entry;  // for a private target: the public caller(s) the tests reach it through
  std::optional<LineCoverage> coverage;
  Equivalence equivalence;
};

struct BenchReport {
  std::string benchmarks_root;
  std::vector<BenchRow> rows;
  std::vector<std::string> created_paths;  // every file or directory bench created
  std::vector<std::string> notes;
};

BenchReport run_bench(const BenchContext& context, const BenchOptions& options);

const char* status_id(BenchStatus status);     // "created", "exists", "needs review", "blocked" (JSON ids)
std::string status_text(const BenchRow& row);  // the id, and for needs review/blocked ": <cause>"

}  // namespace prhost::bench

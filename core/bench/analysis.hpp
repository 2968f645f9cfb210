// Runs the embedded bench_analysis.py helper with the project's interpreter,
// once for every function to benchmark: parameters (with annotations
// resolved through the module's imports), how to build an instance for a
// method, call sites harvested from the project's tests, the inference
// boundaries each function reaches, and which optional libraries the project
// can import. The helper reads source text only; it never imports project
// code.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "prhost/sdk/host_services.hpp"

namespace prhost::bench {

struct ParamInfo {
  std::string name;
  std::string annotation;  // as written; empty when none
  std::string resolved;    // dotted name through the module's imports, when it names a class
  std::optional<std::string> default_value;
  std::string kind;  // positional_only, positional_or_keyword, var_positional, keyword_only, var_keyword

  [[nodiscard]] bool required() const { return !default_value && kind != "var_positional" && kind != "var_keyword"; }
  [[nodiscard]] bool keyword_only() const { return kind == "keyword_only"; }
};

struct HarvestedArg {
  std::string source;  // self-contained Python expression
  std::string scaled;  // a bigger version when growing it is safe, else empty
  std::string scale_note;
};

// One call (or construction) found in the project's tests or docstring examples.
struct Harvest {
  std::string file;
  int line = 0;
  std::vector<HarvestedArg> args;
  std::map<std::string, HarvestedArg> kwargs;
  bool from_docstring = false;  // a `>>>` example in the function's module, not a test
};

struct BoundaryUse {
  std::string boundary;                    // the mock provider's dotted name
  std::vector<std::string> patch_targets;  // where the project looks it up
};

// A public function of the project that reaches a private target.
struct EntryPoint {
  std::string id;    // "pkg.mod:Cls.public"
  std::string file;  // its source file, relative to the project root
};

struct TargetAnalysis {
  std::string key;
  bool found = false;
  std::string error;
  std::string kind = "function";  // function, method, staticmethod, classmethod, property
  bool is_async = false;
  std::vector<ParamInfo> params;  // self/cls already dropped
  bool has_class = false;
  std::string class_path;  // "Outer.Inner" for nested classes
  std::vector<ParamInfo> init_params;
  bool init_known = false;
  std::vector<Harvest> calls;
  std::vector<Harvest> constructions;
  std::vector<BoundaryUse> boundaries;
  // For a private target: the nearest public functions of the project that
  // reach it ("pkg.mod:Cls.public"), from a name-based call graph.
  std::vector<std::string> public_callers;
  std::vector<EntryPoint> entry_points;  // the same callers with their files: the recorder records them too
  // Test files likely to call it (they mention it, its class or a public
  // caller), best first: what the call recorder runs.
  std::vector<std::string> record_tests;
  std::vector<std::string> record_first;  // node ids of the test functions that name it: run first
};

struct AnalysisRequestTarget {
  std::string key;
  std::string file;
  std::string module;
  std::string qualname;
};

struct AnalysisRequest {
  std::filesystem::path root;
  std::string benchmarks_root;
  std::vector<AnalysisRequestTarget> targets;
  std::vector<std::string> modules;     // probed with importlib.util.find_spec
  std::vector<std::string> boundaries;  // mock providers' dotted names
};

struct AnalysisResult {
  std::map<std::string, bool> modules;
  std::vector<std::string> project_imports;
  bool tests_use_packages = false;
  std::map<std::string, TargetAnalysis> targets;  // by key
  std::string failure;                            // non-empty when the helper could not run
};

using ProcessRunner = std::function<sdk::ProcessResult(const sdk::ProcessRequest&)>;

AnalysisResult analyse(const std::vector<std::string>& python, const AnalysisRequest& request,
                       const ProcessRunner& run_process);

// The helper's reply (exposed for tests).
AnalysisResult parse_analysis(const nlohmann::json& reply);

}  // namespace prhost::bench

// Benchmark contributions (phase 1, `prhost bench`): generators that write a
// pytest-benchmark test, mocks for inference boundaries, and input recipes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/project.hpp"

namespace prhost::sdk {

struct Parameter {
  std::string name;
  std::string annotation;     // as written in the source, may be empty
  std::string default_value;  // as written in the source, may be empty
};

struct FunctionTarget {
  std::string module;    // e.g. "pkg.items"
  std::string qualname;  // e.g. "InlineTable.as_string"
  std::string file;      // relative to the project root
  bool is_async = false;
  bool is_method = false;
  std::vector<Parameter> parameters;
  std::string return_annotation;
};

// Python source for a fake object at an inference boundary (model loading,
// forward pass). It must allocate its production footprint and return the
// project's real types.
struct MockProvider {
  std::string id;
  std::string description;
  std::vector<std::string> boundaries;  // dotted names it replaces, e.g. "pkg.ocr.OCRAgent"
  std::string python_source;            // class/def definitions
  std::vector<std::string> imports;     // import lines the source needs
  std::size_t allocates_bytes = 0;
};

// The name a mock's source defines first (`class FakeOCRAgent:` gives
// "FakeOCRAgent"): what a benchmark instantiates or patches in. Empty when the
// source defines nothing at the top level.
inline std::string mock_python_name(const MockProvider& mock) {
  const std::string& source = mock.python_source;
  std::size_t start = 0;
  while (start < source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string::npos) end = source.size();
    const std::string line = source.substr(start, end - start);
    for (const std::string keyword : {"class ", "def "}) {
      if (line.rfind(keyword, 0) == 0) {
        const std::size_t name_end = line.find_first_of("(:", keyword.size());
        return line.substr(keyword.size(),
                           name_end == std::string::npos ? std::string::npos : name_end - keyword.size());
      }
    }
    start = end + 1;
  }
  return {};
}

// A realistic input for a parameter, chosen by its annotation.
struct InputRecipe {
  std::string id;
  std::vector<std::string> annotations;  // e.g. {"str"}, {"bytes"}, {"np.ndarray", "numpy.ndarray"}
  std::string requires_module;           // only used when the project has it (empty = stdlib)
  std::vector<std::string> imports;
  std::string expression;        // Python expression producing the value
  std::string size_description;  // e.g. "~1 MB of text"
};

// A boundary name replaced by a mock while the benchmark runs
// (`unittest.mock.patch(target, replacement)`): only inference boundaries,
// never the function under test, never configuration.
struct MockPatch {
  std::string target;       // dotted name where the project looks it up, e.g. "pkg.pipeline.OCRAgent"
  std::string replacement;  // Python expression, e.g. "FakeOCRAgent"
};

// Everything a generator needs to write one test; the host has already chosen
// the inputs (hint, recipe, harvested call site, or none).
struct BenchmarkRequest {
  Project project;
  FunctionTarget target;
  std::vector<std::string> domains;
  std::string test_name;                 // test_benchmark_<function> or test_benchmark_<Class>_<method>
  std::vector<std::string> imports;      // resolved imports for setup + call (the function's own import included)
  std::string setup_code;                // statements that build the inputs, run once outside the timed call
  std::string instance_expression;       // methods: builds one instance (may use setup names); else empty
  std::string call_expression;           // the call to benchmark; a method call uses the name `instance`;
                                         // for a coroutine function it is the awaitable
  std::vector<MockProvider> mocks;       // mocks chosen for this target
  std::vector<MockPatch> patches;        // boundary names the mocks replace during the call
  std::string missing_input_reason;      // non-empty: no realistic input found; write an explicit failure
  std::vector<std::string> input_notes;  // where each input came from, for the module docstring
  bool project_uses_anyio = false;       // the project imports anyio: async benchmarks run on anyio.run
  std::string benchmark_path;            // relative to the project root, e.g. tests/benchmarks/test_benchmark_f.py
  std::string compare_flags;             // from the domains' compare-flag policies, e.g. "--memory"
};

struct GeneratedBenchmark {
  std::string source;  // a whole test module
  std::vector<std::string> notes;
};

struct BenchmarkGenerator {
  std::string id;
  std::string domain;  // the generator for a change's primary domain is used
  std::function<GeneratedBenchmark(const BenchmarkRequest&, HostServices&)> generate;
  // When a change has several domains, the generator with the highest
  // precedence among them writes its one test (a struct change measured for
  // time and memory beats a plain timing).
  int precedence = 0;
  // Used when none of a change's domains has a generator (unclassified change).
  bool fallback = false;
};

}  // namespace prhost::sdk

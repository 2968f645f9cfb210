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

// A realistic input for a parameter, chosen by its annotation.
struct InputRecipe {
  std::string id;
  std::vector<std::string> annotations;  // e.g. {"str"}, {"bytes"}, {"np.ndarray", "numpy.ndarray"}
  std::string requires_module;           // only used when the project has it (empty = stdlib)
  std::vector<std::string> imports;
  std::string expression;                // Python expression producing the value
  std::string size_description;          // e.g. "~1 MB of text"
};

struct BenchmarkRequest {
  Project project;
  FunctionTarget target;
  std::vector<std::string> domains;
  std::string test_name;                 // test_benchmark_<function>
  std::vector<std::string> imports;      // resolved imports for setup + call
  std::string setup_code;                // statements that build the inputs
  std::string call_expression;           // the call to benchmark
  std::vector<MockProvider> mocks;       // mocks chosen for this target
  std::string missing_input_reason;      // non-empty: no realistic input found
};

struct GeneratedBenchmark {
  std::string source;  // a whole test module
  std::vector<std::string> notes;
};

struct BenchmarkGenerator {
  std::string id;
  std::string domain;  // the generator for a change's primary domain is used
  std::function<GeneratedBenchmark(const BenchmarkRequest&, HostServices&)> generate;
};

}  // namespace prhost::sdk

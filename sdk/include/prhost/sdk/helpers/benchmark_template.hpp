// The shape every default benchmark generator writes: a module docstring that
// says what is measured and how to run it, the imports (the REAL function,
// never a patched one), the mocks with their production-sized allocations,
// and one `test_benchmark_<name>(benchmark)`. Each domain plugin supplies only
// what differs: the metric it documents, its constants, and the test body.
//
// Header-only, like the other plugins/common helpers, so each plugin carries
// its own copy and no plugin depends on another's symbols.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/benchmarks.hpp"

namespace prhost::sdk::helpers {

// What one domain's generator contributes to the shared module shape.
struct BenchmarkStyle {
  std::string domain;
  std::string metric;          // docstring paragraph: what the benchmark measures and why
  std::string test_doc;        // the test's one-line docstring: primary (and secondary) metric
  std::string pytest_options;  // e.g. "--benchmark-only" or "--memray"
  std::vector<std::string> imports;
  std::string constants;  // module-level assignments, each line ending in '\n'
  // The test body after the inputs are built: Python lines indented four
  // spaces. It may call `_once()` (one call of the function under test).
  std::string (*body)(const sdk::BenchmarkRequest& request) = nullptr;
  // How `_once()` runs a coroutine function: true = a new event loop per call
  // (and anyio.run when the project uses anyio), false = asyncio.run.
  bool explicit_event_loop = false;
};

namespace benchmark_template_detail {

inline std::string indent(std::string_view text, int spaces) {
  const std::string pad(static_cast<std::size_t>(spaces), ' ');
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    out += line.empty() ? "\n" : pad + std::string(line) + "\n";
    start = end + 1;
  }
  return out;
}

// A Python string literal for arbitrary text (docstrings, failure messages).
inline std::string py_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// Text safe inside a triple-quoted docstring.
inline std::string doc_safe(std::string text) {
  for (std::size_t pos = 0; (pos = text.find("\"\"\"", pos)) != std::string::npos; pos += 4)
    text.replace(pos, 3, "\"\\\"\"");
  for (std::size_t pos = 0; (pos = text.find('\\', pos)) != std::string::npos; pos += 2) text.replace(pos, 1, "\\\\");
  return text;
}

inline std::string display_name(const sdk::FunctionTarget& target) { return target.module + ":" + target.qualname; }

}  // namespace benchmark_template_detail

inline std::string mock_name(const sdk::MockProvider& mock) { return sdk::mock_python_name(mock); }

// `def _once(): ...`: one call of the function under test, at module
// indentation 4 (inside the test). A coroutine function gets a fresh event
// loop for every call, so no state leaks from one round into the next.
inline std::string once_function(const sdk::BenchmarkRequest& request, bool explicit_event_loop) {
  const std::string& call = request.call_expression;
  if (!request.target.is_async) return "def _once():\n    return " + call + "\n";
  if (request.project_uses_anyio) {
    return "async def _main():\n    return await " + call + "\n\ndef _once():\n    return anyio.run(_main)\n";
  }
  if (!explicit_event_loop) return "def _once():\n    return asyncio.run(" + call + ")\n";
  return "def _once():\n"
         "    loop = asyncio.new_event_loop()\n"
         "    asyncio.set_event_loop(loop)\n"
         "    try:\n"
         "        return loop.run_until_complete(" +
         call +
         ")\n"
         "    finally:\n"
         "        loop.run_until_complete(loop.shutdown_asyncgens())\n"
         "        asyncio.set_event_loop(None)\n"
         "        loop.close()\n";
}

// The patches around `inner` when the request replaces inference
// boundaries (an ExitStack, which every Python 3 version parses, unlike a
// parenthesised multi-item `with`); `inner` unchanged otherwise. Both at
// indentation 4.
inline std::string with_patches(const sdk::BenchmarkRequest& request, const std::string& inner) {
  if (request.patches.empty()) return inner;
  std::string out = "with contextlib.ExitStack() as patches:\n";
  for (const auto& patch : request.patches) {
    out += "    patches.enter_context(mock.patch(" + benchmark_template_detail::py_string(patch.target) + ", " +
           patch.replacement + "))\n";
  }
  return out + benchmark_template_detail::indent(inner, 4);
}

// The statements that build the inputs (and the instance, for methods).
inline std::string setup_block(const sdk::BenchmarkRequest& request) {
  std::string out = request.setup_code;
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (!request.instance_expression.empty()) out += "instance = " + request.instance_expression + "\n";
  return out;
}

inline std::string render_benchmark_module(const sdk::BenchmarkRequest& request, const BenchmarkStyle& style) {
  using namespace benchmark_template_detail;
  const bool missing = !request.missing_input_reason.empty();
  std::string out = "\"\"\"Benchmark for " + doc_safe(display_name(request.target)) + " (" + style.domain +
                    " domain).\n\n" + doc_safe(style.metric) + "\n";
  if (!request.input_notes.empty()) {
    out += "\nInputs:\n";
    for (const auto& note : request.input_notes) out += "    - " + doc_safe(note) + "\n";
  }
  if (!request.mocks.empty()) {
    out += "\nMocks (inference boundaries only, production-sized allocations, real return types):\n";
    for (const auto& mock : request.mocks) {
      out += "    - " + doc_safe(mock_name(mock)) + ": " + doc_safe(mock.description) + "\n";
    }
  }
  out += "\nRun it:\n    python -m pytest " + request.benchmark_path + " " + style.pytest_options + "\n";
  out += "    prhost compare <base> <head>" + (request.compare_flags.empty() ? "" : " " + request.compare_flags) + "\n";
  out += "\nWritten by `prhost bench`; edit it freely: prhost never overwrites it without --force.\n\"\"\"\n\n";

  // What the test itself needs (standard library, pytest) first, then the
  // project's imports, each group sorted, as isort would lay them out.
  std::vector<std::string> tooling = style.imports;
  if (!request.patches.empty()) tooling.insert(tooling.end(), {"import contextlib", "from unittest import mock"});
  if (request.target.is_async) tooling.emplace_back(request.project_uses_anyio ? "import anyio" : "import asyncio");
  if (missing) tooling.emplace_back("import pytest");
  std::vector<std::string> project = request.imports;
  for (const auto& mock : request.mocks) project.insert(project.end(), mock.imports.begin(), mock.imports.end());
  for (auto* group : {&tooling, &project}) {
    // Plain imports before from-imports; duplicates once.
    std::sort(group->begin(), group->end(), [](const std::string& a, const std::string& b) {
      const bool a_from = a.starts_with("from "), b_from = b.starts_with("from ");
      return a_from != b_from ? !a_from : a < b;
    });
    group->erase(std::unique(group->begin(), group->end()), group->end());
  }
  for (const auto& line : tooling) {
    if (std::find(project.begin(), project.end(), line) == project.end()) out += line + "\n";
  }
  if (!tooling.empty() && !project.empty()) out += "\n";
  for (const auto& line : project) out += line + "\n";

  if (!style.constants.empty()) out += "\n" + style.constants;
  for (const auto& mock : request.mocks) {
    out += "\n\n" + mock.python_source;
    if (!mock.python_source.empty() && mock.python_source.back() != '\n') out += "\n";
  }

  out += "\n\ndef " + request.test_name + "(benchmark):\n";
  if (missing) {
    // An explicit failure instead of a trivial input: a benchmark on a toy
    // value would measure nothing and still look green.
    out += "    # prhost: needs input: " + request.missing_input_reason + "\n";
    out += "    pytest.fail(\n        " +
           py_string("prhost could not find a realistic input: " + request.missing_input_reason +
                     ". Add a [[benchmark]] entry (function, setup, call) to prhost.toml or a ```python block "
                     "under this optimization in .codeflash/HANDOFF.md, then run `prhost bench --force`; or "
                     "write the inputs here.") +
           ",\n        pytrace=False,\n    )\n";
    return out;
  }
  out += "    \"\"\"" + doc_safe(style.test_doc) + "\"\"\"\n";
  const std::string setup = setup_block(request);
  out += indent(setup, 4) + (setup.empty() ? "" : "\n");
  out += indent(once_function(request, style.explicit_event_loop), 4);
  out += "\n" + indent(with_patches(request, style.body(request)), 4);
  return out;
}

}  // namespace prhost::sdk::helpers

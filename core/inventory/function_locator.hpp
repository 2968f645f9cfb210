// Finds the Python functions (methods and nested functions included) whose
// lines a change touched, by running the embedded changed_functions.py helper
// with the project's interpreter: its `ast` matches the project's Python.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "git/history.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::inventory {

struct FunctionParam {
  std::string name;
  std::optional<std::string> annotation;
  std::optional<std::string> default_value;
  std::string kind;  // positional_only, positional_or_keyword, var_positional, keyword_only, var_keyword
};

struct ChangedFunction {
  std::string key;       // the request's key (tells apart the same path in two commits)
  std::string file;      // path relative to the project root
  std::string module;    // dotted import path, e.g. "pkg.items"
  std::string qualname;  // __qualname__, e.g. "InlineTable.as_string" or "outer.<locals>.inner"
  std::string name;      // the bare function name
  int lineno = 0;        // the `def` line
  int start_lineno = 0;  // first decorator line
  int end_lineno = 0;
  bool is_async = false;
  bool is_method = false;
  bool is_nested = false;  // defined inside another function: not importable by itself
  std::optional<std::string> class_name;
  std::vector<FunctionParam> params;
  std::optional<std::string> return_annotation;
  std::vector<std::string> decorators;
  // A class whose layout changed (`__slots__`, bases, fields): the target is
  // the class itself, built like a function call; `params` are its __init__'s.
  bool is_class = false;
  std::vector<int> layout_lines;  // the changed lines that run when the class is created, not in a call

  // "pkg.items:InlineTable.as_string"
  [[nodiscard]] std::string id() const { return module + ":" + qualname; }
};

struct LocateFile {
  std::string key;
  std::string path;    // relative to the project root
  std::string source;  // the file's content at the commit that changed it
  std::vector<git::LineRange> ranges;
};

// A file the helper could not analyse (syntax error, unreadable).
struct LocateError {
  std::string key;
  std::string file;
  std::string message;
};

struct LocateResult {
  std::vector<ChangedFunction> functions;
  std::vector<LocateError> errors;
  std::string failure;  // non-empty when the helper could not run at all (interpreter missing, crash)
};

using ProcessRunner = std::function<sdk::ProcessResult(const sdk::ProcessRequest&)>;

// Runs the helper once for all `files` (one interpreter start, however many
// commits). `python` is the runner's argv prefix, e.g. {"uv", "run", "python"}.
LocateResult locate_changed_functions(const std::vector<std::string>& python, const std::filesystem::path& project_root,
                                      const std::vector<LocateFile>& files, const ProcessRunner& run_process);

// True for paths the helper can read (.py and .pyi).
bool is_python_path(const std::string& path);

}  // namespace prhost::inventory

#include "inventory/function_locator.hpp"

#include <nlohmann/json.hpp>

#include "embedded/changed_functions.hpp"
#include "embedded/prhost_module_names.hpp"
#include "pytest/helper_process.hpp"

namespace prhost::inventory {
namespace {

using nlohmann::json;

std::optional<std::string> optional_string(const json& value, const char* key) {
  const auto it = value.find(key);
  if (it == value.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string string_or_empty(const json& value, const char* key) { return optional_string(value, key).value_or(""); }

ChangedFunction read_function(const json& item) {
  ChangedFunction function;
  function.key = string_or_empty(item, "key");
  function.file = string_or_empty(item, "file");
  function.module = string_or_empty(item, "module");
  function.qualname = string_or_empty(item, "qualname");
  function.name = string_or_empty(item, "name");
  function.lineno = item.value("lineno", 0);
  function.start_lineno = item.value("start_lineno", function.lineno);
  function.end_lineno = item.value("end_lineno", function.lineno);
  function.is_async = item.value("is_async", false);
  function.is_method = item.value("is_method", false);
  function.is_nested = item.value("is_nested", false);
  function.class_name = optional_string(item, "class_name");
  function.return_annotation = optional_string(item, "return_annotation");
  if (const auto params = item.find("params"); params != item.end() && params->is_array()) {
    for (const auto& param : *params) {
      function.params.push_back({string_or_empty(param, "name"), optional_string(param, "annotation"),
                                 optional_string(param, "default"), string_or_empty(param, "kind")});
    }
  }
  if (const auto decorators = item.find("decorators"); decorators != item.end() && decorators->is_array()) {
    for (const auto& decorator : *decorators) {
      if (decorator.is_string()) function.decorators.push_back(decorator.get<std::string>());
    }
  }
  function.is_class = item.value("is_class", false);
  if (const auto lines = item.find("layout_lines"); lines != item.end() && lines->is_array()) {
    for (const auto& line : *lines) {
      if (line.is_number_integer()) function.layout_lines.push_back(line.get<int>());
    }
  }
  return function;
}

}  // namespace

bool is_python_path(const std::string& path) { return path.ends_with(".py") || path.ends_with(".pyi"); }

LocateResult locate_changed_functions(const std::vector<std::string>& python, const std::filesystem::path& project_root,
                                      const std::vector<LocateFile>& files, const ProcessRunner& run_process) {
  LocateResult result;
  if (files.empty()) return result;
  if (python.empty()) {
    result.failure = "no Python interpreter command was given by the runner";
    return result;
  }

  json request{{"root", project_root.string()}, {"files", json::array()}};
  for (const auto& file : files) {
    json ranges = json::array();
    for (const auto& range : file.ranges) ranges.push_back({range.start, range.end});
    request["files"].push_back({{"key", file.key}, {"path", file.path}, {"source", file.source}, {"ranges", ranges}});
  }
  // Sources may not be valid UTF-8 (latin-1 files): the helper runner
  // replaces bad bytes rather than fail; line numbers are unaffected.
  pytest::HelperRun run;
  run.python = python;
  run.cwd = project_root;
  run.modules = {{"changed_functions", python::changed_functions()},
                 {"prhost_module_names", python::prhost_module_names()}};
  run.request = std::move(request);
  run.what = "find the changed functions";
  const auto replied = pytest::run_python_helper(run, run_process);
  if (!replied) {
    result.failure = replied.error();
    return result;
  }
  const json& reply = replied->reply;
  if (const auto functions = reply.find("functions"); functions != reply.end() && functions->is_array()) {
    for (const auto& item : *functions) result.functions.push_back(read_function(item));
  }
  if (const auto errors = reply.find("errors"); errors != reply.end() && errors->is_array()) {
    for (const auto& item : *errors) {
      result.errors.push_back(
          {string_or_empty(item, "key"), string_or_empty(item, "file"), string_or_empty(item, "error")});
    }
  }
  return result;
}

}  // namespace prhost::inventory

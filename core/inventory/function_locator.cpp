#include "inventory/function_locator.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "embedded/changed_functions.hpp"
#include "util/temp_path.hpp"

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
  return function;
}

std::string first_lines(const std::string& text, std::size_t count) {
  std::size_t position = 0;
  for (std::size_t i = 0; i < count && position != std::string::npos; ++i) {
    position = text.find('\n', position == 0 ? 0 : position + 1);
  }
  return position == std::string::npos ? text : text.substr(0, position);
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
  // Sources may not be valid UTF-8 (latin-1 files): replace bad bytes rather
  // than fail; line numbers are unaffected.
  const std::string input = request.dump(-1, ' ', false, json::error_handler_t::replace);

  // Our process runner gives the child no stdin, so the request goes in a
  // temporary file named on the command line.
  const auto input_file = util::TempPath::file("prhost-changed-functions");
  {
    std::ofstream out(input_file.path(), std::ios::binary | std::ios::trunc);
    out << input;
    if (!out) {
      result.failure = "cannot write " + input_file.path().string();
      return result;
    }
  }

  sdk::ProcessRequest process;
  process.argv = python;
  process.argv.emplace_back("-c");
  process.argv.emplace_back(std::string(python::changed_functions()));
  process.argv.push_back(input_file.path().string());
  process.cwd = project_root;
  process.timeout = std::chrono::minutes(2);
  const auto outcome = run_process(process);

  std::string command;
  for (const auto& part : python) command += (command.empty() ? "" : " ") + part;
  if (outcome.failed_to_start) {
    result.failure = "cannot start `" + command + "`: " + outcome.err;
    return result;
  }
  if (outcome.timed_out) {
    result.failure = "`" + command + "` did not finish finding changed functions within 2 minutes";
    return result;
  }
  if (outcome.exit_code != 0) {
    result.failure = "`" + command + "` failed (exit " + std::to_string(outcome.exit_code) +
                     ") while finding changed functions: " + first_lines(outcome.err, 5);
    return result;
  }
  json reply;
  try {
    // The runner (uv, poetry) may print its own lines first; the reply is the
    // last line.
    auto text = outcome.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const auto last_newline = text.rfind('\n');
    reply = json::parse(last_newline == std::string::npos ? text : text.substr(last_newline + 1));
  } catch (const json::exception& error) {
    result.failure =
        "`" + command + "` printed something that is not the helper's JSON: " + first_lines(outcome.out, 3);
    return result;
  }
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

#include "bench/analysis.hpp"

#include <nlohmann/json.hpp>

#include "embedded/bench_analysis.hpp"
#include "embedded/prhost_module_names.hpp"
#include "pytest/helper_process.hpp"

namespace prhost::bench {
namespace {

using nlohmann::json;

std::string text_of(const json& item, const char* key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A member of an object, or null: iterating a null json visits nothing, and
// unlike `value(key, json::array())` it needs no temporary.
const json& member(const json& item, const char* key) {
  static const json kNull;
  if (!item.is_object()) return kNull;
  const auto it = item.find(key);
  return it == item.end() ? kNull : *it;
}

std::vector<ParamInfo> read_params(const json& items) {
  std::vector<ParamInfo> params;
  if (!items.is_array()) return params;
  for (const auto& item : items) {
    ParamInfo param;
    param.name = text_of(item, "name");
    param.annotation = text_of(item, "annotation");
    param.resolved = text_of(item, "resolved");
    if (const auto it = item.find("default"); it != item.end() && it->is_string()) param.default_value = *it;
    param.kind = text_of(item, "kind");
    params.push_back(std::move(param));
  }
  return params;
}

HarvestedArg read_arg(const json& item) {
  return {text_of(item, "source"), text_of(item, "scaled"), text_of(item, "scale_note")};
}

std::vector<Harvest> read_harvests(const json& items) {
  std::vector<Harvest> harvests;
  if (!items.is_array()) return harvests;
  for (const auto& item : items) {
    Harvest harvest;
    harvest.file = text_of(item, "file");
    harvest.line = item.value("line", 0);
    harvest.from_docstring = item.value("origin", std::string()) == "docstring";
    for (const auto& arg : member(item, "args")) harvest.args.push_back(read_arg(arg));
    for (const auto& [name, arg] : member(item, "kwargs").items()) harvest.kwargs[name] = read_arg(arg);
    harvests.push_back(std::move(harvest));
  }
  return harvests;
}

}  // namespace

AnalysisResult parse_analysis(const json& reply) {
  AnalysisResult result;
  for (const auto& [name, available] : member(reply, "modules").items()) {
    result.modules[name] = available.is_boolean() && available.get<bool>();
  }
  for (const auto& name : member(reply, "project_imports")) {
    if (name.is_string()) result.project_imports.push_back(name);
  }
  result.tests_use_packages = reply.value("tests_use_packages", false);
  for (const auto& item : member(reply, "targets")) {
    TargetAnalysis target;
    target.key = text_of(item, "key");
    target.found = item.value("found", false);
    target.error = text_of(item, "error");
    target.kind = text_of(item, "kind");
    target.is_async = item.value("is_async", false);
    target.params = read_params(member(item, "params"));
    if (const auto cls = item.find("class"); cls != item.end() && cls->is_object()) {
      target.has_class = true;
      target.class_path = text_of(*cls, "path");
      target.init_params = read_params(member(*cls, "init_params"));
      target.init_known = cls->value("init_known", false);
    }
    target.calls = read_harvests(member(item, "calls"));
    target.constructions = read_harvests(member(item, "constructions"));
    for (const auto& use : member(item, "boundaries")) {
      BoundaryUse boundary{text_of(use, "boundary"), {}};
      for (const auto& patch : member(use, "patch_targets")) {
        if (patch.is_string()) boundary.patch_targets.push_back(patch);
      }
      target.boundaries.push_back(std::move(boundary));
    }
    for (const auto& name : member(item, "public_callers")) {
      if (name.is_string()) target.public_callers.push_back(name);
    }
    for (const auto& entry : member(item, "entry_points")) {
      if (entry.is_object()) target.entry_points.push_back({text_of(entry, "id"), text_of(entry, "file")});
    }
    for (const auto& name : member(item, "record_tests")) {
      if (name.is_string()) target.record_tests.push_back(name);
    }
    for (const auto& name : member(item, "record_first")) {
      if (name.is_string()) target.record_first.push_back(name);
    }
    result.targets[target.key] = std::move(target);
  }
  return result;
}

AnalysisResult analyse(const std::vector<std::string>& python, const AnalysisRequest& request,
                       const ProcessRunner& run_process) {
  AnalysisResult result;
  if (python.empty()) {
    result.failure = "no project interpreter (no runner was chosen)";
    return result;
  }
  json input{{"root", request.root.string()},
             {"benchmarks_root", request.benchmarks_root},
             {"modules", request.modules},
             {"boundaries", request.boundaries},
             {"targets", json::array()}};
  for (const auto& target : request.targets) {
    input["targets"].push_back(
        {{"key", target.key}, {"file", target.file}, {"module", target.module}, {"qualname", target.qualname}});
  }
  pytest::HelperRun run;
  run.python = python;
  run.cwd = request.root;
  run.modules = {{"bench_analysis", python::bench_analysis()}, {"prhost_module_names", python::prhost_module_names()}};
  run.request = std::move(input);
  run.timeout = std::chrono::minutes(3);
  run.what = "analyse the functions";
  const auto replied = pytest::run_python_helper(run, run_process);
  if (!replied) {
    result.failure = replied.error();
    return result;
  }
  return parse_analysis(replied->reply);
}

}  // namespace prhost::bench

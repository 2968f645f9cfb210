#include "bench/input_planner.hpp"

#include <algorithm>
#include <set>

namespace prhost::bench {
namespace {

// Names the generated test itself uses; an input with one of them is renamed.
const std::set<std::string> kReservedNames = {"benchmark", "instance", "instances", "_once",   "_main", "_round",
                                              "_many",     "mock",     "pytest",    "asyncio", "anyio", "gc"};

struct Choice {
  std::string expression;
  std::string note;    // for the docstring
  std::string short_;  // for the table
};

std::string strip_wrapper(const std::string& text, const std::string& prefix) {
  if (text.starts_with(prefix) && text.ends_with("]"))
    return text.substr(prefix.size(), text.size() - prefix.size() - 1);
  return text;
}

std::string variable_for(const std::string& name, const std::set<std::string>& taken) {
  std::string variable = name;
  if (kReservedNames.contains(name)) variable += "_input";
  while (taken.contains(variable)) variable = "init_" + variable;
  return variable;
}

bool mock_matches(const sdk::MockProvider& mock, const ParamInfo& param) {
  const std::string annotation = normalize_annotation(param.annotation);
  for (const auto& boundary : mock.boundaries) {
    if (!param.resolved.empty() && param.resolved == boundary) return true;
    if (!annotation.empty() && (annotation == boundary || boundary.ends_with("." + annotation))) return true;
  }
  return false;
}

bool recipe_matches(const sdk::InputRecipe& recipe, const ParamInfo& param) {
  const std::string annotation = normalize_annotation(param.annotation);
  if (annotation.empty()) return false;
  for (const auto& candidate : recipe.annotations) {
    const std::string normalized = normalize_annotation(candidate);
    if (normalized == annotation || (!param.resolved.empty() && normalized == param.resolved)) return true;
  }
  return false;
}

class Planner {
 public:
  Planner(const PlanSources& sources, InputPlan& plan) : sources_(sources), plan_(plan) {}

  void use_mock(const sdk::MockProvider& mock) {
    const bool known = std::any_of(plan_.mocks.begin(), plan_.mocks.end(),
                                   [&](const sdk::MockProvider& m) { return m.id == mock.id; });
    if (!known) plan_.mocks.push_back(mock);
  }

  // A mock or a recipe for the parameter's annotation.
  std::optional<Choice> from_plugins(const ParamInfo& param) {
    for (const auto& mock : sources_.mocks) {
      if (!mock_matches(mock, param)) continue;
      use_mock(mock);
      return Choice{sdk::mock_python_name(mock) + "()", "mock " + mock.id + " (" + mock.description + ")",
                    "mock " + mock.id};
    }
    for (const auto& recipe : sources_.recipes) {
      if (!recipe_matches(recipe, param)) continue;
      if (!recipe.requires_module.empty()) {
        const auto it = sources_.modules.find(recipe.requires_module);
        if (it == sources_.modules.end() || !it->second) continue;  // the project does not have the library
      }
      plan_.imports.insert(plan_.imports.end(), recipe.imports.begin(), recipe.imports.end());
      return Choice{recipe.expression, recipe.size_description + " (input recipe " + recipe.id + ")",
                    "recipe " + recipe.id};
    }
    return std::nullopt;
  }

  // Resolves `params` into setup assignments named after them (renamed when
  // the name is in `avoid`); returns the call's argument list, records the
  // names it assigned in `assigned`, and adds every unresolved required
  // parameter to `missing`.
  std::string resolve(const std::vector<ParamInfo>& params, const std::vector<Harvest>& harvests,
                      const std::set<std::string>& avoid, std::set<std::string>& assigned,
                      std::vector<std::string>& missing, const std::string& what) {
    std::map<std::string, Choice> chosen;
    std::vector<const ParamInfo*> open;
    for (const auto& param : params) {
      if (!param.required()) continue;
      if (auto choice = from_plugins(param)) {
        chosen[param.name] = *choice;
      } else {
        open.push_back(&param);
      }
    }
    // Call sites from the tests: the one that covers the most open
    // parameters first, so inputs that belong together stay together.
    std::vector<std::map<std::string, const HarvestedArg*>> bound;
    bound.reserve(harvests.size());
    for (const auto& harvest : harvests) bound.push_back(bind(params, harvest));
    while (!open.empty()) {
      std::size_t best = bound.size(), best_count = 0;
      for (std::size_t i = 0; i < bound.size(); ++i) {
        const auto count = static_cast<std::size_t>(
            std::count_if(open.begin(), open.end(), [&](const ParamInfo* p) { return bound[i].contains(p->name); }));
        if (count > best_count) best = i, best_count = count;
      }
      if (best == bound.size()) break;
      const Harvest& harvest = harvests[best];
      for (auto it = open.begin(); it != open.end();) {
        const auto found = bound[best].find((*it)->name);
        if (found == bound[best].end()) {
          ++it;
          continue;
        }
        const HarvestedArg& arg = *found->second;
        const bool scaled = !arg.scaled.empty();
        const std::string where = harvest.file + ":" + std::to_string(harvest.line);
        const std::string source = harvest.from_docstring ? "docstring" : "tests";
        const std::string as_is =
            harvest.from_docstring ? " (as the docstring example passes it)" : " (as the test passes it)";
        chosen[(*it)->name] = Choice{scaled ? arg.scaled : arg.source,
                                     scaled ? "from " + where + ", " + arg.scale_note : "from " + where + as_is,
                                     scaled ? source + " (scaled)" : source};
        it = open.erase(it);
      }
    }
    for (const auto* param : open) {
      missing.push_back("`" + param->name + (param->annotation.empty() ? "" : ": " + param->annotation) + "` of " +
                        what);
    }

    std::string args;
    for (const auto& param : params) {
      const auto it = chosen.find(param.name);
      if (it == chosen.end()) continue;
      const std::string variable = variable_for(param.name, avoid);
      assigned.insert(variable);
      plan_.setup += variable + " = " + it->second.expression + "\n";
      plan_.notes.push_back(param.name + ": " + it->second.note);
      shorts_.insert(it->second.short_);
      args += (args.empty() ? "" : ", ") + (param.keyword_only() ? param.name + "=" + variable : variable);
    }
    return args;
  }

  [[nodiscard]] std::string summary() const {
    std::string out;
    for (const auto& item : shorts_) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "no arguments" : out;
  }

 private:
  // Which harvested value each parameter gets from one call site.
  static std::map<std::string, const HarvestedArg*> bind(const std::vector<ParamInfo>& params, const Harvest& harvest) {
    std::map<std::string, const HarvestedArg*> bound;
    std::size_t position = 0;
    for (const auto& param : params) {
      if (param.kind != "positional_only" && param.kind != "positional_or_keyword") continue;
      if (position < harvest.args.size()) bound[param.name] = &harvest.args[position];
      ++position;
    }
    for (const auto& [name, arg] : harvest.kwargs) bound[name] = &arg;
    return bound;
  }

  const PlanSources& sources_;
  InputPlan& plan_;
  std::set<std::string> shorts_;
};

// Inference boundaries the function reaches by name are replaced for the
// whole call: the mock stands in wherever the project looks the name up.
void mock_reached_boundaries(const TargetAnalysis& analysis, const PlanSources& sources, Planner& planner,
                             InputPlan& plan) {
  for (const auto& use : analysis.boundaries) {
    for (const auto& mock : sources.mocks) {
      if (std::find(mock.boundaries.begin(), mock.boundaries.end(), use.boundary) == mock.boundaries.end()) continue;
      planner.use_mock(mock);
      for (const auto& where : use.patch_targets) plan.patches.push_back({where, sdk::mock_python_name(mock)});
      plan.notes.push_back(use.boundary + ": replaced by mock " + mock.id + " (" + mock.description + ")");
      break;
    }
  }
}

// A [[benchmark]] hint gives the inputs and the call outright.
void take_hint(const InputHint& hint, InputPlan& plan) {
  plan.imports.insert(plan.imports.end(), hint.imports.begin(), hint.imports.end());
  plan.setup = hint.setup;
  plan.call = hint.call;
  plan.notes.push_back("inputs and call from " + hint.origin);
  plan.summary = "hint (" + hint.origin + ")";
}

// __init__ comes from a base class we did not read: only a construction the
// tests write is trustworthy.
std::string construction_from_tests(const Harvest& harvest) {
  std::string args;
  for (const auto& arg : harvest.args) {
    args += (args.empty() ? "" : ", ") + (arg.scaled.empty() ? arg.source : arg.scaled);
  }
  for (const auto& [name, arg] : harvest.kwargs) {
    args += (args.empty() ? "" : ", ") + name + "=" + (arg.scaled.empty() ? arg.source : arg.scaled);
  }
  return args;
}

// The instance a method or property is called on; what it lacks is appended
// to `missing`. Its inputs are named first and give way to the call's own
// parameter names (`init_text` when both take a `text`), collected in
// `init_names`.
void plan_instance(const TargetAnalysis& analysis, Planner& planner, const std::set<std::string>& call_names,
                   std::set<std::string>& init_names, InputPlan& plan, std::vector<std::string>& missing) {
  std::vector<std::string> instance_missing;
  const std::string what = "`" + analysis.class_path + "`'s __init__";
  if (analysis.init_known) {
    const auto args =
        planner.resolve(analysis.init_params, analysis.constructions, call_names, init_names, instance_missing, what);
    if (instance_missing.empty()) plan.instance_expression = analysis.class_path + "(" + args + ")";
  } else if (!analysis.constructions.empty()) {
    const Harvest& harvest = analysis.constructions.front();
    plan.instance_expression = analysis.class_path + "(" + construction_from_tests(harvest) + ")";
    plan.notes.push_back("instance: built as in " + harvest.file + ":" + std::to_string(harvest.line));
  } else {
    instance_missing.push_back("an instance of `" + analysis.class_path +
                               "` (its __init__ is inherited and no test constructs one)");
  }
  missing.insert(missing.end(), instance_missing.begin(), instance_missing.end());
}

// What the call is made on: the function, the class's static, or the instance.
std::string callee_of(const PlanTarget& target, const TargetAnalysis& analysis, bool needs_instance) {
  if (!analysis.has_class) return target.name;
  return needs_instance ? "instance." + target.name : analysis.class_path + "." + target.name;
}

void report_missing(const std::vector<std::string>& missing, InputPlan& plan) {
  if (missing.empty()) return;
  for (const auto& item : missing) plan.missing += (plan.missing.empty() ? "" : "; ") + item;
  plan.missing = "no realistic input for " + plan.missing +
                 " (no [[benchmark]] hint, no input recipe for the annotation, no call site in the tests)";
  plan.summary = "missing";
}

}  // namespace

std::string normalize_annotation(const std::string& annotation) {
  std::string text;
  for (char c : annotation) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '"' && c != '\'') text += c;
  }
  for (const char* prefix : {"typing.", "typing_extensions.", "collections.abc."}) {
    for (std::size_t pos; (pos = text.find(prefix)) != std::string::npos;) text.erase(pos, std::string(prefix).size());
  }
  text = strip_wrapper(text, "Optional[");
  for (const char* none : {"|None", "None|"}) {
    if (const auto pos = text.find(none); pos != std::string::npos) text.erase(pos, 5);
  }
  // typing's capitalised aliases read the same as the builtins.
  static const std::pair<const char*, const char*> kAliases[] = {
      {"List[", "list["}, {"Dict[", "dict["}, {"Tuple[", "tuple["}, {"Set[", "set["}, {"FrozenSet[", "frozenset["}};
  for (const auto& [alias, builtin] : kAliases) {
    if (text.starts_with(alias)) text = builtin + text.substr(std::string(alias).size());
  }
  return text;
}

InputPlan plan_inputs(const PlanTarget& target, const std::optional<InputHint>& hint, const PlanSources& sources) {
  InputPlan plan;
  const TargetAnalysis& analysis = *target.analysis;
  Planner planner(sources, plan);

  const std::string top_level =
      analysis.has_class ? analysis.class_path.substr(0, analysis.class_path.find('.')) : target.name;
  plan.imports.push_back("from " + target.module + " import " + top_level);
  mock_reached_boundaries(analysis, sources, planner, plan);
  if (hint) {
    take_hint(*hint, plan);
    return plan;
  }

  std::vector<std::string> missing;
  std::set<std::string> call_names;
  for (const auto& param : analysis.params) call_names.insert(param.name);
  std::set<std::string> init_names;
  const bool needs_instance = analysis.kind == "method" || analysis.kind == "property";
  if (needs_instance) plan_instance(analysis, planner, call_names, init_names, plan, missing);

  const std::string what = "`" + target.module + ":" + target.qualname + "`";
  std::set<std::string> call_assigned;
  const auto args = planner.resolve(analysis.params, analysis.calls, init_names, call_assigned, missing, what);
  const std::string callee = callee_of(target, analysis, needs_instance);
  plan.call = analysis.kind == "property" ? callee : callee + "(" + args + ")";
  plan.summary = planner.summary();
  report_missing(missing, plan);
  return plan;
}

}  // namespace prhost::bench

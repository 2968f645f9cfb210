#include "prepare/compare_step.hpp"

#include <fmt/format.h>

#include "compare/engine/process_backend.hpp"
#include "compare/run/compare_run.hpp"
#include "git/history.hpp"
#include "prepare/compare_reading.hpp"
#include "services/cancellation.hpp"
#include "util/read_file.hpp"
#include "worktree/own_code_proof.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::prepare {
namespace {

std::set<std::string> test_names(const PlanItem& item) {
  std::set<std::string> names;
  for (const auto& benchmark : item.benchmarks) names.insert(benchmark.test_name);
  return names;
}

std::string members(const Plan& plan, const ComparisonGroup& group) {
  std::string text;
  for (const auto index : group.items) {
    text += (text.empty() ? "#" : ", #") + std::to_string(plan.items[index].optimization->number);
  }
  return text;
}

// Why a comparison failed, in one line with its fix.
std::string failure_text(const std::exception& error) {
  if (const auto* measurement = dynamic_cast<const compare::MeasurementFailed*>(&error)) {
    const auto& cause = measurement->cause();
    return fmt::format("compare failed at {}: {} — {} (fix: {})", compare::stats::to_string(measurement->side()),
                       cause.title, cause.detail, cause.fix);
  }
  return std::string("compare failed: ") + error.what();
}

struct GroupResult {
  std::optional<StoredCompare> stored;
  std::string source;
  std::string failure;  // non-empty: the comparison failed
  std::string missing;  // non-empty: no result (reuse-only, not collected, skipped)
};

GroupResult measure(const Session& session, const ComparisonGroup& group, const ResultStore& store,
                    const std::string& key, Progress& progress, int groups_left) {
  compare::CompareOptions options;
  options.base_ref = group.base_sha;
  options.head_ref = group.head_sha;
  options.memory = group.memory;
  // A domain asked for instruction counts: without valgrind they are a note
  // in the result, not a failed comparison.
  options.metric = group.instructions ? "both" : "time";
  options.instructions_required = false;
  options.timeout_seconds = group.timeout_seconds;
  options.benchmark_files = group.benchmark_paths;
  options.backend = "builtin";
  const int min_pairs = session.config().min_pairs;
  options.on_pair = [&progress, groups_left, min_pairs](int done, int next_look, int max_pairs) {
    progress.pairs(done, next_look, max_pairs, groups_left, min_pairs);
  };
  GroupResult result;
  try {
    const auto outcome = compare::run_compare(session, options);
    result.stored = store.save_compare(key, outcome.json, outcome.markdown);
    result.source = "measured now";
  } catch (const services::Interrupted&) {
    throw;
  } catch (const std::exception& error) {
    result.failure = failure_text(error);
  }
  return result;
}

const StoredCompare* collected_for(const std::vector<StoredCompare>& collected, const ComparisonGroup& group,
                                   const std::set<std::string>& names) {
  for (const auto& stored : collected) {
    const auto& json = stored.json;
    if (json["base"].value("sha", "") != group.base_sha || json["head"].value("sha", "") != group.head_sha) continue;
    std::set<std::string> reported;
    for (const auto& benchmark : json["benchmarks"]) reported.insert(benchmark.value("name", ""));
    bool all = true;
    for (const auto& name : names) all = all && reported.count(name) != 0;
    if (all) return &stored;
  }
  return nullptr;
}

}  // namespace

nlohmann::json comparison_identity(const Session& session, const ComparisonGroup& group) {
  nlohmann::json benchmarks = nlohmann::json::array();
  for (const auto& path : group.benchmark_paths) {
    const auto content = util::read_text_file(session.project_root() / path);
    benchmarks.push_back({{"path", path}, {"blob", content ? git::blob_id(*content) : "missing"}});
  }
  const auto& config = session.config();
  return {{"format", 1},
          {"base", group.base_sha},
          {"head", group.head_sha},
          {"benchmarks", benchmarks},
          {"memory", group.memory},
          {"instructions", group.instructions},
          {"instruction_pairs", config.instruction_pairs},
          {"timeout", group.timeout_seconds ? *group.timeout_seconds : config.timeout_seconds},
          {"margin_percent", config.margin_percent ? nlohmann::json(*config.margin_percent) : nlohmann::json()},
          {"min_pairs", config.min_pairs},
          {"max_pairs", config.max_pairs},
          {"memory_runs", config.memory_runs}};
}

std::vector<std::string> compare_arguments(const ComparisonGroup& group) {
  std::vector<std::string> arguments{"compare", group.base_sha, group.head_sha, "--backend", "builtin"};
  if (group.memory) arguments.emplace_back("--memory");
  if (group.instructions) arguments.insert(arguments.end(), {"--metric", "both"});
  if (group.timeout_seconds) {
    arguments.emplace_back("--timeout");
    arguments.push_back(std::to_string(*group.timeout_seconds));
  }
  for (const auto& path : group.benchmark_paths) {
    arguments.emplace_back("--benchmark");
    arguments.push_back(path);
  }
  return arguments;
}

std::map<std::size_t, pr_body::CompareEvidence> run_compare_step(const Session& session, const Plan& plan,
                                                                 const ResultStore& store,
                                                                 const CompareStepOptions& options,
                                                                 const std::map<std::size_t, std::string>& skip,
                                                                 Progress& progress) {
  std::map<std::size_t, pr_body::CompareEvidence> evidence;
  std::vector<StoredCompare> collected;
  std::vector<std::string> unreadable;
  if (options.mode == CompareStepOptions::Mode::Directory) {
    collected = read_compare_directory(options.directory, unreadable);
    for (const auto& file : unreadable) session.reporter().warning(file);
  }
  int index = 0;
  for (const auto& group : plan.groups) {
    ++index;
    std::set<std::string> names;
    for (const auto item : group.items) names.merge(test_names(plan.items[item]));
    const auto key = compare_key(comparison_identity(session, group));
    progress.step(
        index, static_cast<int>(plan.groups.size()),
        fmt::format("{} {}..{}", members(plan, group), group.base_sha.substr(0, 7), group.head_sha.substr(0, 7)));
    GroupResult result;
    bool all_skipped = true;
    for (const auto item : group.items) all_skipped = all_skipped && skip.count(item) != 0;
    if (options.mode == CompareStepOptions::Mode::Directory) {
      if (const auto* found = collected_for(collected, group, names)) {
        result.stored = *found;
        result.source = "collected from " + found->file.string();
      } else {
        result.missing = fmt::format("no result for {}..{} in {} (run the CI job for {})", group.base_sha.substr(0, 12),
                                     group.head_sha.substr(0, 12), options.directory.string(), members(plan, group));
      }
    } else if (auto stored = options.reuse ? store.compare(key) : std::nullopt) {
      result.stored = std::move(stored);
      result.source = "reused " + std::filesystem::relative(result.stored->file, session.project_root()).string();
      session.reporter().progress(fmt::format("{}: {}", members(plan, group), result.source));
    } else if (all_skipped) {
      result.missing = "not compared: " + skip.at(group.items.front());
    } else if (options.mode == CompareStepOptions::Mode::ReuseOnly) {
      result.missing = "not compared yet (run `prhost prepare`)";
    } else {
      result = measure(session, group, store, key, progress, static_cast<int>(plan.groups.size()) - index);
    }
    for (const auto item : group.items) {
      if (!result.failure.empty()) {
        evidence[item] = failed_compare(result.failure);
      } else if (!result.stored) {
        evidence[item] = missing_compare(result.missing);
      } else {
        evidence[item] =
            read_compare(result.stored->json, result.stored->markdown, test_names(plan.items[item]), result.source);
      }
    }
  }
  return evidence;
}

}  // namespace prhost::prepare

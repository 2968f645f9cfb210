#include "inventory/inventory_enricher.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domains/domain_resolver.hpp"
#include "git/git_error.hpp"
#include "git/history.hpp"
#include "inventory/domain_words.hpp"
#include "inventory/test_code.hpp"
#include "prhost/sdk/domain.hpp"

namespace prhost::inventory {
namespace {

std::string key_for(const Optimization& optimization, const std::string& path) {
  return std::to_string(optimization.number) + ":" + path;
}

// A class is a target of its own only when the commit changes no function
// besides it (a bare `__slots__` commit): otherwise the changed functions,
// which build and use its instances, are what gets benchmarked and compared.
void keep_class_targets_alone(Optimization& optimization) {
  auto& functions = optimization.functions;
  const bool changes_functions = std::any_of(functions.begin(), functions.end(), [](const ChangedFunction& function) {
    return !function.is_class && !function.is_nested;
  });
  if (!changes_functions) return;
  std::string classes;
  for (const auto& function : functions) {
    if (function.is_class) classes += (classes.empty() ? "" : ", ") + function.id();
  }
  if (classes.empty()) return;
  std::erase_if(functions, [](const ChangedFunction& function) { return function.is_class; });
  optimization.functions_note += (optimization.functions_note.empty() ? "" : "; ") +
                                 std::string("the layout change of ") + classes +
                                 " is measured through the changed functions";
}

void locate_functions(Inventory& inventory, const EnrichmentContext& context,
                      const std::map<int, git::CommitDiff>& diffs) {
  std::vector<LocateFile> requests;
  for (const auto& optimization : inventory.optimizations) {
    for (const auto& file : diffs.at(optimization.number).files) {
      // Test code is never a target: a faster test is not an optimization.
      if (file.binary || file.status == git::FileChangeStatus::Deleted || file.new_ranges.empty() ||
          !is_python_path(file.new_path) || is_test_code(file.new_path, context.test_roots)) {
        continue;
      }
      const auto source = context.repository->read_file(optimization.commit.sha, file.new_path);
      if (!source) continue;
      requests.push_back({key_for(optimization, file.new_path), file.new_path, *source, file.new_ranges});
    }
  }
  if (requests.empty()) return;
  if (context.python.empty()) {
    for (auto& optimization : inventory.optimizations) {
      optimization.functions_note = "changed functions not computed: " + context.python_unavailable;
    }
    inventory.warnings.push_back({"", 0, "changed functions were not computed: " + context.python_unavailable});
    return;
  }
  if (context.progress)
    context.progress("finding changed functions in " + std::to_string(requests.size()) + " file(s)");
  const auto located = locate_changed_functions(context.python, context.project_root, requests, context.run_process);
  if (!located.failure.empty()) {
    for (auto& optimization : inventory.optimizations) {
      optimization.functions_note = "changed functions not computed: " + located.failure;
    }
    inventory.warnings.push_back({"", 0, "changed functions were not computed: " + located.failure});
    return;
  }
  std::map<std::string, std::vector<ChangedFunction>> by_key;
  for (const auto& function : located.functions) by_key[function.key].push_back(function);
  std::map<std::string, std::string> error_by_key;
  for (const auto& error : located.errors) error_by_key[error.key] = error.file + ": " + error.message;
  for (auto& optimization : inventory.optimizations) {
    for (const auto& file : optimization.files) {
      const auto key = key_for(optimization, file.new_path);
      if (auto it = by_key.find(key); it != by_key.end()) {
        optimization.functions.insert(optimization.functions.end(), it->second.begin(), it->second.end());
      }
      if (auto it = error_by_key.find(key); it != error_by_key.end()) {
        optimization.functions_note += (optimization.functions_note.empty() ? "" : "; ") + it->second;
        inventory.warnings.push_back(
            {file.new_path, 0,
             "commit " + optimization.commit.short_sha + ": cannot find the changed functions (" + it->second + ")"});
      }
    }
    keep_class_targets_alone(optimization);
  }
}

void classify(Optimization& optimization, const EnrichmentContext& context, const git::CommitDiff& diff) {
  if (!optimization.declared_domains.empty()) {
    // An explicit `mem:` prefix or a domain written in HANDOFF.md/results.tsv
    // wins over every heuristic, and may name several domains.
    optimization.domains = optimization.declared_domains;
    optimization.domain_reasons.push_back("declared in " + optimization.declared_by);
    return;
  }
  if (context.registry == nullptr) return;
  sdk::ChangeFacts facts;
  facts.subject = optimization.commit.subject;
  facts.body = optimization.commit.body;
  facts.handoff_text = optimization.description;
  for (const auto& file : optimization.files) facts.files.push_back(file.path());
  for (const auto& function : optimization.functions) facts.functions.push_back(function.id());
  facts.added_code = diff.added_code;
  facts.removed_code = diff.removed_code;
  optimization.domains = domains::resolve_domains(*context.registry, facts, &optimization.domain_reasons);
}

void check_benchmarks(Optimization& optimization, const BenchmarkIndex& index) {
  std::set<std::string> seen;
  for (const auto& function : optimization.functions) {
    if (function.is_nested || !seen.insert(function.id()).second) continue;
    const auto presence = index.find(benchmark_test_names(function.name, function.class_name));
    optimization.benchmarks.push_back({function.id(), presence.test_names, presence.at_head, presence.in_worktree});
  }
  const auto total = optimization.benchmarks.size();
  if (total == 0) {
    optimization.benchmark_summary = "n/a";
    return;
  }
  const auto at_head =
      static_cast<std::size_t>(std::count_if(optimization.benchmarks.begin(), optimization.benchmarks.end(),
                                             [](const FunctionBenchmark& b) { return b.at_head.has_value(); }));
  const auto anywhere = static_cast<std::size_t>(
      std::count_if(optimization.benchmarks.begin(), optimization.benchmarks.end(),
                    [](const FunctionBenchmark& b) { return b.at_head.has_value() || b.in_worktree.has_value(); }));
  if (at_head == total) {
    optimization.benchmark_summary = "yes";
  } else if (anywhere == total && at_head == 0) {
    optimization.benchmark_summary = "working tree only";
  } else if (anywhere == 0) {
    optimization.benchmark_summary = "no";
  } else {
    optimization.benchmark_summary =
        std::to_string(at_head) + "/" + std::to_string(total) + " at head" +
        (anywhere > at_head ? ", " + std::to_string(anywhere - at_head) + " in working tree" : "");
  }
}

}  // namespace

const ChangedFunction* primary_function(const Optimization& optimization) {
  for (const auto& function : optimization.functions) {
    if (!function.is_nested) return &function;
  }
  return optimization.functions.empty() ? nullptr : &optimization.functions.front();
}

void enrich_inventory(Inventory& inventory, const EnrichmentContext& context) {
  std::map<int, git::CommitDiff> diffs;
  for (auto& optimization : inventory.optimizations) {
    git::CommitDiff diff;
    try {
      diff = git::diff_against_first_parent(*context.repository, optimization.commit.sha);
    } catch (const git::GitError& error) {
      // One unreadable commit (a partial clone missing its parent's objects)
      // should not hide the others.
      inventory.warnings.push_back({"", 0, "commit " + optimization.commit.short_sha + ": " + error.what()});
    }
    optimization.files = diff.files;
    diffs.emplace(optimization.number, std::move(diff));
  }
  locate_functions(inventory, context, diffs);
  for (auto& optimization : inventory.optimizations) {
    classify(optimization, context, diffs.at(optimization.number));
    if (context.pull_requests != nullptr) {
      const auto* function = primary_function(optimization);
      const auto keyword = function != nullptr ? function->name : optimization.commit.short_sha;
      if (context.progress && context.pull_requests->unavailable_reason().empty()) {
        context.progress("looking up pull requests for " + keyword);
      }
      optimization.pr_status = context.pull_requests->lookup(keyword);
    }
    if (context.benchmarks != nullptr) {
      check_benchmarks(optimization, *context.benchmarks);
    } else {
      optimization.benchmark_summary = "not checked";
    }
  }
}

}  // namespace prhost::inventory

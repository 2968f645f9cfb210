// The inventory (phase 0): every kept optimization with what later phases
// need to know about it. Built by inventory_builder (sources, commits),
// completed by inventory_enricher (files, functions, domains, PR status,
// benchmarks) and shown by inventory_render.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "git/history.hpp"
#include "inventory/function_locator.hpp"
#include "inventory/pr_status.hpp"
#include "inventory/source_warning.hpp"

namespace prhost::inventory {

// Where an optimization was found.
struct OptimizationSource {
  std::string kind;  // "handoff", "results.tsv" or "commit"
  std::string file;  // empty for "commit"
  int line = 0;
  std::string text;  // the description written there
};

struct FunctionBenchmark {
  std::string function;                 // `module:Qualname`
  std::vector<std::string> test_names;  // the names looked for
  std::optional<std::string> at_head;   // file defining it in the head commit
  std::optional<std::string> in_worktree;
};

struct Optimization {
  int number = 0;  // 1-based, oldest commit first: new optimizations append
  git::CommitInfo commit;
  std::string description;  // HANDOFF.md text, else results.tsv experiment, else the subject's summary
  std::vector<std::string> declared_domains;  // written explicitly somewhere: they win over classifiers
  std::string declared_by;                    // e.g. ".codeflash/HANDOFF.md:12" or "commit subject"
  std::vector<OptimizationSource> sources;
  bool in_recent_history = false;  // among the last N commits walked
  bool reachable_from_head = true;

  std::vector<git::FileChange> files;
  std::vector<ChangedFunction> functions;
  std::string functions_note;  // why functions are missing, when they are
  std::vector<std::string> domains;
  std::vector<std::string> domain_reasons;
  PrStatus pr_status;
  // The classified domains, else the declared ones: an inventory made some
  // other way than collect_inventory may not be classified.
  [[nodiscard]] const std::vector<std::string>& domains_or_declared() const {
    return domains.empty() ? declared_domains : domains;
  }
  std::vector<FunctionBenchmark> benchmarks;  // one per importable changed function
  std::string benchmark_summary;              // "yes", "no", "working tree only", "1/2 at head", "n/a"
};

struct Inventory {
  std::string head_ref;
  std::string head_sha;
  std::size_t commits_requested = 0;
  std::size_t commits_scanned = 0;
  std::string handoff_path;
  bool handoff_found = false;
  std::string results_path;
  bool results_found = false;
  std::string benchmarks_root;
  std::string benchmarks_root_origin;
  std::vector<Optimization> optimizations;
  std::vector<SourceWarning> warnings;
  std::vector<std::string> notes;
};

}  // namespace prhost::inventory

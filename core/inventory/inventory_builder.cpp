#include "inventory/inventory_builder.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "git/git_error.hpp"
#include "git/history.hpp"
#include "inventory/domain_words.hpp"
#include "inventory/handoff_parser.hpp"
#include "inventory/results_tsv.hpp"

namespace prhost::inventory {
namespace {

std::string check_repository(const git::Repository& repository, const std::string& head) {
  const auto where = repository.workdir().string();
  if (repository.head_unborn() && head == "HEAD") {
    throw InventoryError(InventoryError::Kind::UnbornHead,
                         where +
                             " has no commits yet (HEAD is unborn): commit your optimizations first, then run "
                             "`prhost inventory`");
  }
  if (repository.is_shallow()) {
    throw InventoryError(InventoryError::Kind::ShallowClone,
                         where +
                             " is a shallow clone: its history is cut off, so commits and their parents cannot "
                             "be read; run `git fetch --unshallow` and try again");
  }
  const auto lookup = git::lookup_commit(repository, head);
  if (lookup.status == git::LookupStatus::Ambiguous) {
    throw InventoryError(InventoryError::Kind::UnknownHead,
                         "--head '" + head + "' matches more than one object in " + where + "; give more hex digits");
  }
  if (lookup.status != git::LookupStatus::Found) {
    throw InventoryError(InventoryError::Kind::UnknownHead,
                         "--head '" + head + "' does not name a commit in " + where +
                             "; give a branch, tag or SHA (see `git branch -a` and `git log --oneline`)");
  }
  return lookup.commit->sha;
}

// 49990 -> "49,990".
std::string with_thousands(std::size_t value) {
  std::string digits = std::to_string(value);
  for (auto at = static_cast<long>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

class Merger {
 public:
  Merger(const git::Repository& repository, Inventory& inventory, const DomainVocabulary& known)
      : repository_(repository), inventory_(inventory), known_(known) {}

  void set_recent(const std::vector<git::CommitInfo>& recent) {
    std::map<std::string, const git::CommitInfo*> by_sha;
    for (std::size_t i = 0; i < recent.size(); ++i) {
      recent_position_.emplace(recent[i].sha, i);
      by_sha.emplace(recent[i].sha, &recent[i]);
    }
    // Generation within the walked commits (a parent is lower than its
    // children): orders commits made in the same second (scripts, rebases),
    // which timestamps cannot. Iterative, so a long --commits cannot
    // overflow the stack.
    for (const auto& commit : recent) {
      std::vector<const git::CommitInfo*> stack{&commit};
      while (!stack.empty()) {
        const auto* current = stack.back();
        if (generation_.contains(current->sha)) {
          stack.pop_back();
          continue;
        }
        long long highest = -1;
        bool ready = true;
        for (const auto& parent : current->parents) {
          const auto found = by_sha.find(parent);
          if (found == by_sha.end()) continue;
          if (const auto known = generation_.find(parent); known != generation_.end()) {
            highest = std::max(highest, known->second);
          } else {
            ready = false;
            stack.push_back(found->second);
          }
        }
        if (ready) {
          generation_.emplace(current->sha, highest + 1);
          stack.pop_back();
        }
      }
    }
  }

  // Resolves a SHA written in a file; warns (with the line) when it does not
  // name a commit of this repository.
  std::optional<git::CommitInfo> resolve(const std::string& sha, const std::string& file, int line) {
    const auto lookup = git::lookup_commit(repository_, sha);
    switch (lookup.status) {
      case git::LookupStatus::Found:
        return lookup.commit;
      case git::LookupStatus::Ambiguous:
        warn_repeated("ambiguous SHAs", file, line,
                      "commit " + sha + " is ambiguous (several objects start with it); write more hex digits");
        break;
      case git::LookupStatus::NotACommit:
        warn_repeated("SHAs of objects that are not commits", file, line,
                      sha + " names a git object that is not a commit; skipped");
        break;
      case git::LookupStatus::NotFound:
        warn_repeated("unknown SHAs", file, line,
                      "commit " + sha +
                          " is not in this repository (a typo, a rebased or squashed commit, or a branch not "
                          "fetched); fix the SHA or fetch the commit");
        break;
    }
    return std::nullopt;
  }

  void add(const git::CommitInfo& commit, OptimizationSource source, std::vector<std::string> declared,
           const std::string& declared_by) {
    auto [it, inserted] = index_.emplace(commit.sha, candidates_.size());
    if (inserted) {
      Optimization optimization;
      optimization.commit = commit;
      optimization.in_recent_history = recent_position_.contains(commit.sha);
      candidates_.push_back(std::move(optimization));
    }
    auto& optimization = candidates_[it->second];
    // The first source with a description wins: HANDOFF.md is read first,
    // then results.tsv, then commit subjects.
    if (optimization.description.empty()) optimization.description = source.text;
    if (!declared.empty()) {
      std::set<std::string> merged(optimization.declared_domains.begin(), optimization.declared_domains.end());
      const auto before = merged.size();
      merged.insert(declared.begin(), declared.end());
      if (merged.size() != before) {
        optimization.declared_domains.assign(merged.begin(), merged.end());
        if (optimization.declared_by.empty()) optimization.declared_by = declared_by;
      }
    }
    optimization.sources.push_back(std::move(source));
  }

  void warn(const std::string& file, int line, const std::string& message) {
    inventory_.warnings.push_back({file, line, message});
  }

  // The first few of a kind are shown one by one; the rest are counted and
  // said once (summarise_repeated), so 50,000 bad SHAs are not 50,000 lines.
  void warn_repeated(const std::string& kind, const std::string& file, int line, const std::string& message) {
    auto& count = repeated_[{file, kind}];
    if (++count <= kShownPerKind) warn(file, line, message);
  }

  void summarise_repeated() {
    for (const auto& [where, count] : repeated_) {
      if (count <= kShownPerKind) continue;
      warn(where.first, 0, "… and " + with_thousands(count - kShownPerKind) + " more " + where.second);
    }
    repeated_.clear();
  }

  // Drops candidates found only in commit subjects that HANDOFF.md,
  // results.tsv or a later revert says were discarded.
  void drop_discarded(const std::map<std::string, std::string>& discarded) {
    std::vector<Optimization> kept;
    for (auto& candidate : candidates_) {
      const bool only_from_subject = std::all_of(candidate.sources.begin(), candidate.sources.end(),
                                                 [](const OptimizationSource& s) { return s.kind == "commit"; });
      const auto it = discarded.find(candidate.commit.sha);
      if (only_from_subject && it != discarded.end()) {
        inventory_.notes.push_back("commit " + candidate.commit.short_sha + " (" + candidate.commit.subject +
                                   ") is left out: " + it->second);
        continue;
      }
      kept.push_back(std::move(candidate));
    }
    candidates_ = std::move(kept);
  }

  void finish(const std::string& head_sha) {
    for (auto& candidate : candidates_) {
      // A `mem:` subject declares the domain even when the commit came from
      // HANDOFF.md and lies beyond the walked history.
      if (const auto prefix = parse_subject_prefix(candidate.commit.subject, known_);
          prefix && !prefix->domains.empty()) {
        std::set<std::string> merged(candidate.declared_domains.begin(), candidate.declared_domains.end());
        merged.insert(prefix->domains.begin(), prefix->domains.end());
        if (candidate.declared_by.empty()) candidate.declared_by = "commit subject";
        candidate.declared_domains.assign(merged.begin(), merged.end());
      }
      if (!candidate.in_recent_history) {
        candidate.reachable_from_head = git::is_ancestor_or_same(repository_, candidate.commit.sha, head_sha);
        if (!candidate.reachable_from_head) {
          const auto& source = candidate.sources.front();
          warn(source.file, source.line,
               "commit " + candidate.commit.short_sha + " is not in the history of " + inventory_.head_ref +
                   "; check out the branch that contains it, or pass --head");
        }
      }
    }
    // Oldest first, so numbers stay put as new optimizations are committed.
    // Commits made in the same second keep history order.
    std::stable_sort(candidates_.begin(), candidates_.end(), [this](const Optimization& a, const Optimization& b) {
      if (a.commit.time != b.commit.time) return a.commit.time < b.commit.time;
      const auto generation = [this](const Optimization& o) {
        const auto it = generation_.find(o.commit.sha);
        return it == generation_.end() ? -1LL : it->second;
      };
      return generation(a) < generation(b);
    });
    int number = 0;
    for (auto& candidate : candidates_) candidate.number = ++number;
    inventory_.optimizations = std::move(candidates_);
  }

 private:
  const git::Repository& repository_;
  Inventory& inventory_;
  const DomainVocabulary& known_;
  std::map<std::string, std::size_t> recent_position_;  // sha -> index in the walk (0 = head)
  std::map<std::string, long long> generation_;         // sha -> depth above the oldest walked commit
  std::map<std::string, std::size_t> index_;            // sha -> index in candidates_
  std::vector<Optimization> candidates_;
  static constexpr std::size_t kShownPerKind = 10;
  std::map<std::pair<std::string, std::string>, std::size_t> repeated_;  // (file, kind) -> count
};

// "This reverts commit <sha>." in a revert's message.
std::optional<std::string> reverted_commit(const git::CommitInfo& commit) {
  static const RE2 reverts(R"(This reverts commit ([0-9a-f]{40}))");
  std::string sha;
  if (RE2::PartialMatch(commit.body, reverts, &sha)) return sha;
  return std::nullopt;
}

}  // namespace

Inventory build_inventory(const git::Repository& repository, const InventoryInputs& inputs) {
  Inventory inventory;
  inventory.head_ref = inputs.head;
  inventory.head_sha = check_repository(repository, inputs.head);
  inventory.commits_requested = inputs.commits;
  inventory.handoff_path = inputs.handoff_path;
  inventory.handoff_found = inputs.handoff_text.has_value();
  inventory.results_path = inputs.results_path;
  inventory.results_found = inputs.results_text.has_value();

  const auto& known = inputs.known_domains;
  const auto recent = git::recent_commits(repository, inventory.head_sha, inputs.commits);
  inventory.commits_scanned = recent.size();

  Merger merger(repository, inventory, known);
  merger.set_recent(recent);
  std::map<std::string, std::string> discarded;  // full sha -> why

  if (inputs.handoff_text) {
    const auto parsed = parse_handoff(*inputs.handoff_text, known, inputs.handoff_path);
    inventory.warnings.insert(inventory.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
    inventory.notes.insert(inventory.notes.end(), parsed.notes.begin(), parsed.notes.end());
    for (const auto& entry : parsed.entries) {
      const auto commit = merger.resolve(entry.sha, inputs.handoff_path, entry.line);
      if (!commit) continue;
      merger.add(*commit, {"handoff", inputs.handoff_path, entry.line, entry.description}, entry.declared_domains,
                 inputs.handoff_path + ":" + std::to_string(entry.line));
    }
    for (const auto& mention : parsed.discarded) {
      // Discarded SHAs only matter if they resolve; no warning when they do
      // not (discarded experiments are often never committed).
      const auto lookup = git::lookup_commit(repository, mention.sha);
      if (lookup.status == git::LookupStatus::Found) {
        discarded.emplace(lookup.commit->sha, inputs.handoff_path + ":" + std::to_string(mention.line) +
                                                  " lists it under \"" + mention.section + "\"");
      }
    }
  } else {
    inventory.notes.push_back("no " + inputs.handoff_path +
                              ": the inventory comes from git history alone (commit subjects shaped `<domain>: "
                              "<summary>` in the last " +
                              std::to_string(inputs.commits) + " commits)");
  }

  if (inputs.results_text) {
    const auto parsed = parse_results_tsv(*inputs.results_text, inputs.results_path);
    inventory.warnings.insert(inventory.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
    for (const auto& row : parsed.kept) {
      // The target (often `module:function`) shows up again as a changed
      // function, so the description is the experiment's name.
      const std::string description = row.experiment.empty() ? row.target : row.experiment;
      // The pattern column is free text; it declares a domain only when it is
      // exactly a domain id ("mem", "cpu+mem").
      const auto declared = domains_from_list(row.pattern, known, /*allow_aliases=*/false);
      for (const auto& sha : row.commits) {
        const auto commit = merger.resolve(sha, inputs.results_path, row.line);
        if (!commit) continue;
        merger.add(*commit, {"results.tsv", inputs.results_path, row.line, description}, declared,
                   inputs.results_path + ":" + std::to_string(row.line));
      }
    }
  }

  merger.summarise_repeated();
  for (const auto& commit : recent) {
    if (const auto reverted = reverted_commit(commit)) {
      discarded.emplace(*reverted, "reverted by " + commit.short_sha);
    }
  }
  for (const auto& commit : recent) {
    const auto prefix = parse_subject_prefix(commit.subject, known);
    if (!prefix) continue;
    merger.add(commit, {"commit", "", 0, prefix->summary}, prefix->domains, "commit subject");
  }
  merger.drop_discarded(discarded);
  merger.finish(inventory.head_sha);
  return inventory;
}

}  // namespace prhost::inventory

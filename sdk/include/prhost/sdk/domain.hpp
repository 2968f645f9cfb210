// Domain contributions: how a change is classified (mem, cpu, async, struct,
// or a domain an in-house plugin invents) and which compare flags it needs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace prhost::sdk {

// Everything known about one optimization when it is classified.
struct ChangeFacts {
  std::string subject;                 // first line of the commit message
  std::string body;                    // rest of the commit message
  std::string handoff_text;            // the HANDOFF.md description, if any
  std::string declared_domain;         // domain written in HANDOFF.md / results.tsv, if any
  std::vector<std::string> files;      // paths changed against the parent
  std::vector<std::string> functions;  // `module:Qualname` of changed functions
  std::string added_code;              // added lines of the diff, joined
  std::string removed_code;            // removed lines of the diff, joined
};

struct DomainVote {
  // Explicit marks (a `mem:` commit prefix, a declared domain) win over any
  // score: when at least one classifier reports one, only explicit domains
  // count.
  bool explicit_mark = false;
  int score = 0;  // heuristic strength; the host keeps domains with score >= 2
  std::vector<std::string> reasons;
};

struct DomainClassifier {
  std::string id;
  std::string domain;  // the domain this classifier votes for
  std::function<DomainVote(const ChangeFacts&)> classify;
};

// A domain and the words people write for it. The host recognises a domain
// only through these definitions (core knows no domain names): a commit
// subject prefix uses the id itself (`mem: ...`); HANDOFF.md tags, table
// cells and headings may also use an alias ("Memory optimizations").
// ABI 2.1. Without any definition, a domain a classifier or a flag policy
// names is still known by its id, without aliases.
struct DomainDefinition {
  std::string id;                    // registry id, e.g. "mem.domain"
  std::string domain;                // "mem"
  std::vector<std::string> aliases;  // lower-case words, e.g. "memory", "ram"
  std::string description;           // one line, shown by `prhost plugins`
};

struct CompareFlags {
  bool memory = false;
  std::optional<int> timeout_seconds;
  // Also count instructions per call (valgrind), beside time, where valgrind
  // is installed: the metric a busy neighbour cannot move.
  bool instructions = false;
};

// Data, not code: the host unions the policies of every domain a change
// belongs to (memory or instructions if any wants them; the largest timeout if any sets one).
struct CompareFlagPolicy {
  std::string id;
  std::string domain;
  CompareFlags flags;
  std::string rationale;  // shown by `prhost plugins` and in reports
};

}  // namespace prhost::sdk

// Merges the inventory's sources — HANDOFF.md, results.tsv rows with status
// keep, and commit subjects shaped `<domain>: <summary>` in the last N
// commits — into one list de-duplicated by full commit SHA. SHAs that do not
// resolve become warnings with their line number.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "git/repository.hpp"
#include "inventory/domain_words.hpp"
#include "inventory/inventory.hpp"

namespace prhost::inventory {

// A repository state the inventory cannot work with; the message says what
// to do about it.
class InventoryError : public std::runtime_error {
 public:
  enum class Kind { UnbornHead, ShallowClone, UnknownHead };
  InventoryError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct InventoryInputs {
  std::string head = "HEAD";
  std::size_t commits = 30;
  std::optional<std::string> handoff_text;  // nullopt: the file does not exist
  std::string handoff_path = ".codeflash/HANDOFF.md";
  std::optional<std::string> results_text;
  std::string results_path = ".codeflash/results.tsv";
  DomainVocabulary known_domains;  // from the plugins; none when empty
};

// Checks the repository (not unborn, not shallow, `head` resolves) and builds
// the list. Throws InventoryError for those three cases.
Inventory build_inventory(const git::Repository& repository, const InventoryInputs& inputs);

}  // namespace prhost::inventory

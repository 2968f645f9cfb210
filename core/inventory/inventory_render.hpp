// Shows an inventory: the markdown table people read and paste into issues,
// and JSON with every field for scripts and the later phases.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "inventory/inventory.hpp"

namespace prhost::inventory {

// | # | Optimization | File(s) | Commit | Domain | PR status | Benchmark |
std::string render_markdown_table(const Inventory& inventory);

// The notes and warnings, one "- " line each (empty when there are none).
std::string render_notes(const Inventory& inventory);

nlohmann::json to_json(const Inventory& inventory);

}  // namespace prhost::inventory

// How instruction counts appear in compare's markdown and JSON: a section of
// their own under the timing tables (they are not time, and the text says so)
// and an "instructions" object beside each benchmark's timing in --json.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "compare/instructions/instruction_comparison.hpp"

namespace prhost::compare::instructions {

std::string render_markdown(const Comparison& comparison);

// Why instructions were asked for but not counted, as a markdown note.
std::string render_not_measured(const std::string& reason);

// Adds "instructions" to each entry of json["benchmarks"] with the same name,
// and json["instructions"] with the tool, pairs and every benchmark.
void add_to_json(const Comparison& comparison, nlohmann::json& json);
void add_not_measured_to_json(const std::string& reason, nlohmann::json& json);

}  // namespace prhost::compare::instructions

#include "pr_body/sections.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <sstream>

#include "compare/markdown.hpp"
#include "pr_body/claims.hpp"

namespace prhost::pr_body {
namespace {

std::string short_sha(const std::string& sha) { return sha.substr(0, 12); }

// "perf: count words" → "count words"; only a short lower-case word counts
// as a prefix, so "Fix: …" in prose or "pkg.mod: …" stay.
std::string without_prefix(const std::string& subject) {
  const auto colon = subject.find(": ");
  if (colon == std::string::npos || colon == 0 || colon > 12) return subject;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = subject[i];
    if (std::islower(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '(' && c != ')') return subject;
  }
  return subject.substr(colon + 2);
}

// "count words" → "Count words"; identifiers ("count_words", "pkg.mod") keep their case.
std::string capitalised(std::string text) {
  const auto first_word = text.substr(0, text.find(' '));
  const bool plain_word = first_word.find_first_of("._(`:") == std::string::npos;
  if (plain_word && !text.empty() && std::islower(static_cast<unsigned char>(text[0])) != 0) {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  return text;
}

std::string signed_bytes(double bytes) {
  return (bytes < 0 ? "−" : "+") + compare::markdown::format_bytes(std::fabs(bytes));
}

std::string signed_percent(double fraction) {
  return fmt::format("{}{:.1f}%", fraction < 0 ? "−" : "+", std::fabs(fraction) * 100.0);
}

std::string function_list(const OptimizationEvidence& evidence) {
  std::string text;
  for (const auto& function : evidence.functions) text += (text.empty() ? "" : ", ") + ("`" + function + "`");
  return text;
}

std::string benchmark_location(const BenchmarkEvidence& benchmark) {
  return benchmark.test_name.empty() ? benchmark.path : benchmark.path + "::" + benchmark.test_name;
}

const BenchmarkMeasurement* measurement_for(const OptimizationEvidence& evidence, const BenchmarkEvidence& benchmark) {
  for (const auto& measured : evidence.compare.benchmarks) {
    if (measured.name == benchmark.test_name) return &measured;
  }
  return nullptr;
}

std::string unit_test_item(const UnitTestEvidence& tests) {
  using State = UnitTestEvidence::State;
  switch (tests.state) {
    case State::Passed:
      return fmt::format("- [x] Existing unit tests pass ({}) at {}: `{}`", tests.summary, short_sha(tests.head_sha),
                         tests.command);
    case State::Failed:
      return fmt::format("- [ ] Existing unit tests fail at {} ({}); first failure: `{}`{}", short_sha(tests.head_sha),
                         tests.summary, tests.first_failure, tests.note.empty() ? "" : " — " + tests.note);
    case State::NoTests:
      return "- [ ] Existing unit tests: none were collected (`" + tests.command + "`)";
    case State::CouldNotRun:
      return "- [ ] Existing unit tests could not run: " + tests.why;
    case State::NotRun:
      break;
  }
  return "- [ ] Existing unit tests: not run yet" + (tests.why.empty() ? std::string() : " (" + tests.why + ")");
}

std::string own_code_item(const CompareEvidence& compare) {
  if (!compare.own_code.empty()) {
    std::string text = "- [x] Each side ran its own code:";
    for (const auto& line : compare.own_code) text += "\n  - " + line;
    return text;
  }
  if (compare.own_code_enforced) {
    return "- [x] Each side ran its own code: the built-in engine located every benchmarked module inside its own "
           "checkout before timing (it refuses to measure otherwise); the module paths were not recorded";
  }
  return "- [ ] Each side ran its own code: not proven by the " + compare.backend + " backend";
}

// Coverage and equivalence, one line each, for one benchmark.
std::vector<std::string> evidence_items(const BenchmarkEvidence& benchmark) {
  std::vector<std::string> items;
  if (!benchmark.coverage) {
    items.push_back("- [ ] Changed lines executed by `" + benchmark.test_name + "`: not measured");
  } else {
    items.push_back(fmt::format("- [{}] `{}`: {}", benchmark.coverage_reaches_change ? "x" : " ", benchmark.test_name,
                                *benchmark.coverage));
  }
  if (!benchmark.equivalent) {
    items.push_back("- [ ] Same results at base and head on the benchmark's inputs: not checked");
  } else if (*benchmark.equivalent) {
    items.push_back("- [x] Base and head return the same results on the benchmark's inputs" +
                    (benchmark.equivalence_detail.empty() ? std::string() : " (" + benchmark.equivalence_detail + ")"));
  } else {
    items.push_back("- [ ] Head returns a different result than base: " + benchmark.equivalence_detail);
  }
  if (!benchmark.public_entry.empty()) {
    items.push_back("- [x] Timed through the public entry point `" + benchmark.public_entry + "`");
  }
  return items;
}

std::vector<std::string> measurement_items(const BenchmarkEvidence& benchmark, const BenchmarkMeasurement* measured,
                                           const CompareEvidence& compare) {
  std::vector<std::string> items;
  if (measured == nullptr) {
    const auto why = benchmark.cause.empty() ? compare.missing : benchmark.status + ": " + benchmark.cause;
    items.push_back(benchmark.test_name.empty() ? "- [ ] Benchmark: " + why
                                                : "- [ ] Benchmark `" + benchmark_location(benchmark) + "`: " + why);
    return items;
  }
  if (measured->timing) {
    items.push_back(fmt::format("- [x] Benchmark `{}` ran at both refs: {}", benchmark_location(benchmark),
                                timing_effect(*measured->timing)));
  }
  if (measured->memory) {
    items.push_back(fmt::format("- [x] Memory run ({} runs per side): {}", measured->memory->base_peaks.size(),
                                memory_effect(*measured->memory)));
  }
  if (measured->instructions) {
    items.push_back(fmt::format("- [x] Instructions (not time): {}", measured->instructions->verdict));
  }
  return items;
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

std::string benchmark_paths(const OptimizationEvidence& evidence) {
  std::string paths;
  for (const auto& benchmark : evidence.benchmarks) {
    if (!benchmark.path.empty()) paths += (paths.empty() ? "" : " ") + benchmark.path;
  }
  return paths;
}

// codeflash only times functions changed between the refs, and methods
// only when named with --functions.
std::string codeflash_functions(const OptimizationEvidence& evidence) {
  std::string functions;
  for (const auto& benchmark : evidence.benchmarks) {
    if (!benchmark.is_method || benchmark.function_file.empty()) continue;
    const auto colon = benchmark.function.find(':');
    functions += (functions.empty() ? "" : ",") + benchmark.function_file +
                 "::" + (colon == std::string::npos ? benchmark.function : benchmark.function.substr(colon + 1));
  }
  return functions.empty() ? "" : " --functions '" + functions + "'";
}

}  // namespace

std::string mechanism_of(const OptimizationEvidence& evidence) {
  const auto subject = std::string(sdk::helpers::trim(without_prefix(evidence.subject)));
  if (!subject.empty()) return capitalised(subject);
  return capitalised(std::string(sdk::helpers::trim(without_claims(evidence.description))));
}

std::string timing_effect(const TimingEvidence& timing) {
  if (timing.decision == "inconclusive") return timing.verdict + " — no speed-up is claimed";
  return timing.verdict;
}

std::string memory_effect(const MemoryEvidence& memory) {
  const auto base = compare::markdown::format_bytes(memory.base_peak_bytes);
  const auto head = compare::markdown::format_bytes(memory.head_peak_bytes);
  if (memory.direction == "no change") {
    return fmt::format("peak memory: no significant change ({} → {}, {})", base, head, memory.backend);
  }
  return fmt::format("peak memory {} ({} → {}, {}, {}; every run of head {} every run of base)",
                     signed_bytes(memory.head_peak_bytes - memory.base_peak_bytes), base, head,
                     signed_percent(memory.delta_fraction), memory.backend,
                     memory.direction == "lower" ? "below" : "above");
}

std::string summary_bullets(const OptimizationEvidence& evidence) {
  std::vector<std::string> bullets;
  const auto functions = function_list(evidence);
  bullets.push_back("- " + mechanism_of(evidence) + (functions.empty() ? "" : " (" + functions + ")") + ".");
  const auto described = std::string(sdk::helpers::trim(without_claims(evidence.description)));
  if (!described.empty() && described != std::string(sdk::helpers::trim(without_prefix(evidence.subject)))) {
    bullets.push_back("- " + capitalised(described) + ".");
  }
  if (!evidence.compare.measured) {
    bullets.push_back("- Effect: not measured — " + evidence.compare.missing + ".");
  }
  for (const auto& measured : evidence.compare.benchmarks) {
    // The primary metric first: memory for a memory change, else time.
    if (evidence.memory_primary && measured.memory) {
      bullets.push_back("- `" + measured.name + "`: " + memory_effect(*measured.memory) + ".");
    }
    if (measured.timing) bullets.push_back("- `" + measured.name + "`: " + timing_effect(*measured.timing) + ".");
    if (!evidence.memory_primary && measured.memory) {
      bullets.push_back("- `" + measured.name + "`: " + memory_effect(*measured.memory) + ".");
    }
  }
  return joined_lines(bullets);
}

std::string technical_details(const OptimizationEvidence& evidence) {
  return std::string(sdk::helpers::trim(evidence.body));
}

std::string compare_output(const OptimizationEvidence& evidence) {
  if (!evidence.compare.measured) return "_Not measured: " + evidence.compare.missing + "._";
  return std::string(sdk::helpers::trim(evidence.compare.markdown));
}

std::string test_items(const OptimizationEvidence& evidence) {
  std::vector<std::string> items{unit_test_item(evidence.unit_tests)};
  if (evidence.benchmarks.empty()) items.push_back("- [ ] Benchmark: none (" + evidence.compare.missing + ")");
  for (const auto& benchmark : evidence.benchmarks) {
    const auto measured = measurement_items(benchmark, measurement_for(evidence, benchmark), evidence.compare);
    items.insert(items.end(), measured.begin(), measured.end());
  }
  if (evidence.compare.measured) items.push_back(own_code_item(evidence.compare));
  for (const auto& benchmark : evidence.benchmarks) {
    if (benchmark.test_name.empty()) continue;  // nothing was benchmarked: said above
    const auto more = evidence_items(benchmark);
    items.insert(items.end(), more.begin(), more.end());
  }
  return joined_lines(items);
}

// codeflash compare has --memory and --timeout but no --metric: instruction
// counts are prhost's own, so its line leaves them out.
std::string codeflash_flags(const std::string& flags) {
  std::string kept;
  std::istringstream words(flags);
  for (std::string word; words >> word;) {
    if (word == "--metric") {
      words >> word;  // and its value
      continue;
    }
    kept += " " + word;
  }
  return kept;
}

std::string reproduce(const OptimizationEvidence& evidence) {
  const auto base = short_sha(evidence.refs.base_sha);
  const auto head = short_sha(evidence.refs.head_sha);
  const auto paths = benchmark_paths(evidence);
  const auto flags = evidence.flags.empty() ? "" : " " + evidence.flags;
  std::string inject;
  std::string selected;
  for (const auto& benchmark : evidence.benchmarks) {
    if (benchmark.path.empty()) continue;
    inject += " --inject " + benchmark.path;
    selected += " --benchmark " + benchmark.path;
  }
  return fmt::format(
      "```sh\n"
      "# prhost: both refs checked out in temporary directories, the benchmark copied into both\n"
      "prhost compare {0} {1}{2}{3}\n"
      "# the same comparison with codeflash (it times only functions changed between the refs)\n"
      "codeflash compare {0} {1}{4}{5}\n"
      "# plain pytest-benchmark, in a checkout of each ref with the benchmark file copied in\n"
      "{6} -m pytest {7} --benchmark-only\n"
      "```",
      base, head, flags, selected, codeflash_flags(evidence.flags) + inject, codeflash_functions(evidence),
      evidence.runner_python, paths.empty() ? "<benchmark file>" : paths);
}

std::string changelog_entry(const OptimizationEvidence& evidence) {
  std::string entry = mechanism_of(evidence);
  const auto functions = function_list(evidence);
  if (!functions.empty()) entry += " (" + functions + ")";
  for (const auto& measured : evidence.compare.benchmarks) {
    if (evidence.memory_primary && measured.memory && measured.memory->direction == "lower") {
      return entry + fmt::format(": peak memory {} on its benchmark.", signed_percent(measured.memory->delta_fraction));
    }
    if (measured.timing && measured.timing->decision == "faster") {
      return entry + fmt::format(": {:.2f}x faster on its benchmark.", measured.timing->speedup);
    }
  }
  return entry + ".";
}

std::string changelog_section(const ChangelogSuggestion& suggestion) {
  if (suggestion.path.empty()) return {};
  const bool fragments = suggestion.path.ends_with("/");
  const auto where = fragments                ? "as " + suggestion.heading
                     : suggestion.new_heading ? "under a new heading, above the latest release:\n\n```\n" +
                                                    suggestion.heading + "\n```\n\nwith"
                                              : "under `" + suggestion.heading + "`:";
  return fmt::format("`{}` keeps a changelog. Suggested entry, {}\n\n```\n{}\n```", suggestion.path, where,
                     suggestion.entry);
}

}  // namespace prhost::pr_body

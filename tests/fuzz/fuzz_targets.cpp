#include "fuzz_targets.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "bench/hints.hpp"
#include "compare/codeflash_markdown_parser.hpp"
#include "config/config.hpp"
#include "inventory/handoff_parser.hpp"
#include "inventory/results_tsv.hpp"

namespace prhost::fuzz {
namespace {

void expect(bool holds, const std::string& what) {
  if (!holds) throw InvariantBroken(what);
}

// Lines as the markdown reader counts them: LF, CR LF and a lone CR each end one.
std::size_t line_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n') +
                                  std::count(text.begin(), text.end(), '\r')) +
         1;
}

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

void run_handoff(std::string_view input) {
  static const inventory::DomainVocabulary vocabulary({"async", "cpu", "mem", "struct"}, {{"memory", "mem"}});
  const auto parse = inventory::parse_handoff(input, vocabulary);
  const auto lines = line_count(input);
  for (const auto& entry : parse.entries) {
    expect(entry.sha.size() >= 7 && entry.sha.size() <= 40 && is_hex(entry.sha),
           "kept SHA '" + entry.sha + "' is not 7-40 hex digits");
    expect(entry.line >= 1 && static_cast<std::size_t>(entry.line) <= lines,
           "entry line " + std::to_string(entry.line) + " outside the file");
    for (const auto& domain : entry.declared_domains)
      expect(vocabulary.knows(domain), "declared domain '" + domain + "' is not a known id");
  }
  for (const auto& mention : parse.discarded) {
    expect(mention.line >= 1 && static_cast<std::size_t>(mention.line) <= lines, "discarded line outside the file");
  }
}

void run_results_tsv(std::string_view input) {
  const auto parse = inventory::parse_results_tsv(input);
  expect(parse.rows >= 0 && parse.kept.size() <= static_cast<std::size_t>(parse.rows), "more kept rows than rows");
  const auto lines = line_count(input);
  for (const auto& row : parse.kept) {
    expect(row.line >= 1 && static_cast<std::size_t>(row.line) <= lines,
           "kept row line " + std::to_string(row.line) + " outside the file");
  }
}

void run_prhost_toml(std::string_view input) {
  config::Config config;
  try {
    config::apply_toml(config, input, "prhost.toml", "/nonexistent-fuzz-root");
  } catch (const config::ConfigError& error) {
    expect(std::string_view(error.what()).starts_with("prhost.toml"),
           std::string("error does not name the file: ") + error.what());
    return;
  }
  // Unset means "the layout's own margin"; a set one must lie in its range.
  const double margin = config.margin_percent.value_or(1.0);
  expect(std::isfinite(margin) && margin > 0 && margin < 50, "margin-percent accepted outside (0, 50)");
  expect(config.min_pairs >= 5 && config.max_pairs >= config.min_pairs && config.max_pairs <= 1000,
         "pairs accepted outside 5..1000");
  expect(config.timeout_seconds > 0 && config.commits > 0 && config.memory_runs >= 3,
         "a count accepted that is not positive");
  if (config.benchmarks_root) {
    const std::filesystem::path root(*config.benchmarks_root);
    expect(!root.is_absolute() && (root.lexically_normal().empty() || *root.lexically_normal().begin() != ".."),
           "benchmarks-root leaves the repository: " + *config.benchmarks_root);
  }
}

void run_hint_block(std::string_view input) {
  static const std::string sha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  if (const auto hint = bench::handoff_hint(input, sha, "parse_rows")) {
    expect(hint->call.find("parse_rows") != std::string::npos,
           "hint call does not call the function: " + hint->call.substr(0, 80));
  }
}

void run_codeflash_markdown(std::string_view input) {
  try {
    const auto parsed = compare::codeflash::parse_codeflash_markdown(input);
    for (const auto& benchmark : parsed.benchmarks) expect(!benchmark.name.empty(), "benchmark without a name");
  } catch (const compare::codeflash::MarkdownParseError&) {
  }
}

}  // namespace

const std::vector<FuzzTarget>& fuzz_targets() {
  static const std::vector<FuzzTarget> targets{
      {"handoff",
       ".codeflash/HANDOFF.md",
       run_handoff,
       {"## Optimizations committed\n",
        "## Discarded experiments\n",
        "| Commit | Change | Domain |\n",
        "|---|---|---|\n",
        "| a1b2c3d | ",
        " | mem |\n",
        "- a1b2c3d4e5 ",
        "**",
        "`",
        "```python\n",
        "```\n",
        "<!--",
        "-->",
        "[x](y)",
        "![i](j)",
        "\n\n",
        "> ",
        "1. ",
        "    ",
        "<details>",
        "Domain: cpu",
        "[mem]",
        "mem: ",
        "\t"}},
      {"results-tsv",
       ".codeflash/results.tsv",
       run_results_tsv,
       {"experiment\tstatus\tpattern\ttarget\tbefore\tafter\timprovement\ttimestamp\tcommit\n", "\tkeep\t", "\tkept\t",
        "\tdiscard\t", "a1b2c3d,9f8e7d6", "\n", "\t", "\r\n", "\"", "1.5x", "-38%"}},
      {"prhost-toml",
       "prhost.toml",
       run_prhost_toml,
       {"[compare]\n",
        "[prhost]\n",
        "[plugins]\n",
        "[[benchmark]]\n",
        "[[optimization]]\n",
        "[plugin.x]\n",
        "max-pairs = ",
        "min-pairs = ",
        "margin-percent = ",
        "timeout-seconds = ",
        "commits = ",
        "memory-runs = ",
        "benchmarks-root = ",
        "\"../../x\"",
        "\"/abs\"",
        "nan",
        "inf",
        "-inf",
        "9223372036854775807",
        "4294967297",
        "-1",
        "1e308",
        "0x7fffffff",
        "\"\"\"",
        "'''",
        "\\u0000",
        "= [",
        "]",
        "{",
        "}",
        "\n",
        "#"}},
      {"hint-block",
       "a ```python block under an optimization in HANDOFF.md",
       run_hint_block,
       {"```python\n", "```\n", "~~~\n", "1. **a1b2c3d**: ", "## a1b2c3d4\n", "parse_rows(", ")", "await ",
        "x = ", "import io\n", "from a import b\n", "    ", "\\\n", "\"\"\"", "#"}},
      {"codeflash-markdown",
       "the markdown `codeflash compare -o` writes",
       run_codeflash_markdown,
       {"## Benchmark: `a` vs `b`\n",
        "### test_benchmark_x\n",
        "| | Min | Median | Mean | OPS | Rounds |\n",
        "|:---|---:|---:|---:|---:|---:|\n",
        "| `a` (base) | ",
        "| `b` (head) | ",
        "μs | ",
        "ms | ",
        " ops/s | ",
        "| **Speedup** | ",
        "**🟢 1.53x** | ",
        "#### Memory\n",
        " MiB | ",
        " GiB | ",
        "1,234,567",
        "🟢 -38% |",
        "nan",
        "1e999",
        "-0",
        "|"}},
  };
  return targets;
}

const FuzzTarget* find_target(std::string_view name) {
  for (const auto* targets : {&fuzz_targets(), &planted_targets()}) {
    for (const auto& target : *targets) {
      if (target.name == name) return &target;
    }
  }
  return nullptr;
}

}  // namespace prhost::fuzz

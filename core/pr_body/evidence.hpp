// Everything prhost knows about one optimization when it writes the PR body
// and the report: what changed, the refs it was measured on, its benchmark,
// what compare measured, whether the project's unit tests pass at head, the
// claims people made about it and the machine it ran on. Plain data filled by
// prepare (or `report --collect`) and read by pr_body and report, so both
// say the same thing. A field that was not measured stays empty and says so
// (`missing`): nothing here is ever filled with a guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace prhost::pr_body {

// One timed benchmark: compare's verdict and the interval behind it, on the
// speedup scale (base time / head time, > 1 is faster).
struct TimingEvidence {
  std::string decision;  // "faster", "slower", "no significant change", "inconclusive"
  std::string verdict;   // compare's line: "1.53x faster (98.3% CI 1.47–1.60x, 20 paired rounds)"
  double speedup = 1.0;
  double speedup_low = 1.0;  // interval ends, speedup scale
  double speedup_high = 1.0;
  double confidence = 0.0;  // the level the interval was computed at
  int pairs = 0;
  std::vector<double> base_round_ns;  // per paired round, in pair order (the HTML chart)
  std::vector<double> head_round_ns;
};

struct MemoryEvidence {
  std::string direction;         // "lower", "higher", "no change"
  double base_peak_bytes = 0.0;  // medians over the runs
  double head_peak_bytes = 0.0;
  double delta_fraction = 0.0;  // (head - base) / base
  std::vector<double> base_peaks;
  std::vector<double> head_peaks;
  std::string backend;  // "memray", "tracemalloc"
};

// Instruction counts, when compare measured them (a noise-free second metric).
struct InstructionEvidence {
  double ratio = 1.0;  // head / base
  double ratio_low = 1.0;
  double ratio_high = 1.0;
  std::string verdict;
};

struct BenchmarkMeasurement {
  std::string name;  // test_benchmark_x, as compare names it
  std::optional<TimingEvidence> timing;
  std::optional<MemoryEvidence> memory;
  std::optional<InstructionEvidence> instructions;
};

struct CompareEvidence {
  bool measured = false;  // false: `missing` says why
  bool failed = false;    // compare ran and failed (a blocker, not just absent)
  std::string missing;    // "not compared yet: run `prhost prepare`", "compare failed: …"
  std::string source;     // "measured now", "reused .codeflash/prhost/compare/….json", "collected …"
  std::string backend;
  std::string base_sha;
  std::string head_sha;
  std::string python_version;
  std::string markdown;  // the codeflash-shaped tables and verdict lines
  double margin = 0.05;
  std::vector<BenchmarkMeasurement> benchmarks;
  // How each side was proven to run its own code ("base: shelfscan.tokens from
  // <checkout>/shelfscan/tokens.py"); empty when compare did not record it.
  std::vector<std::string> own_code;
  bool own_code_enforced = false;  // the backend refuses to measure without the proof
};

struct BenchmarkEvidence {
  std::string function;  // module:Qualname
  std::string function_file;
  bool is_method = false;
  std::string test_name;
  std::string path;    // relative to the project root
  std::string status;  // "created", "exists", "needs review", "blocked", "none"
  std::string cause;
  std::string fix;
  std::string inputs;
  std::string blob;  // git blob id of the file compared (cache key)
  // "the benchmark executes 14/16 changed lines"; nullopt: not measured.
  std::optional<std::string> coverage;
  bool coverage_reaches_change = true;
  // nullopt: not checked; true: base and head returned the same results.
  std::optional<bool> equivalent;
  std::string equivalence_detail;
  std::string public_entry;  // the public caller timed for a private target
};

struct UnitTestEvidence {
  enum class State { NotRun, Passed, Failed, NoTests, CouldNotRun };
  State state = State::NotRun;
  std::string summary;        // "412 passed, 3 skipped"
  std::string first_failure;  // "FAILED tests/test_x.py::test_y - AssertionError: …"
  std::string command;        // what was run, for the PR body
  std::string why;            // NotRun / CouldNotRun: why
  std::string head_sha;
  // What the run lacked that may explain a failure: submodules prhost could
  // not fill in the checkout (their directories were empty).
  std::string note;
};

// An effect somebody wrote down: HANDOFF.md, the commit message, results.tsv.
struct Claim {
  enum class Kind { Speedup, MemoryFraction };
  Kind kind = Kind::Speedup;
  double value = 1.0;  // speedup (2.1) or memory change as a fraction (-0.6)
  std::string text;    // as written: "2.1x faster", "peak memory −60%"
  std::string where;   // ".codeflash/HANDOFF.md:7", "commit message", ".codeflash/results.tsv:2"
};

struct ClaimCheck {
  enum class Verdict { Inside, Outside, NotMeasured };
  Claim claim;
  Verdict verdict = Verdict::NotMeasured;
  std::string measured;  // "1.53x (1.47–1.60x)"
};

struct Platform {
  std::string cpu_model;
  int cores = 0;
  double ram_gib = 0.0;
  std::string python_version;
  std::string runner;  // "uv 0.5.4", "pip 23.2.1"
  // "<CPU model> — N cores, X GiB RAM, Python 3.x.y, <runner> <version>"
  [[nodiscard]] std::string line() const;
};

// The project's changelog and the entry prhost suggests in its style.
struct ChangelogSuggestion {
  std::string path;          // relative; empty: the project keeps no changelog
  std::string heading;       // the section the entry goes under ("## Unreleased")
  bool new_heading = false;  // the file has no such section yet: add `heading` above the latest release
  std::string entry;         // the suggested text, in the file's own bullet style
};

// What doctor found on the optimization's pair of refs inside prepare, after
// prepare applied the safe repairs (the file edits `prhost doctor --fix`
// makes; never an install, never a new environment).
struct DoctorEvidence {
  bool checked = false;                  // false: doctor did not run on these refs (no comparison)
  std::vector<std::string> errors;       // "<check id>: <message>": blocks, the comparison is not run
  std::vector<std::string> review;       // warnings (and crashed checks) that can change the number
  std::vector<std::string> details;      // "<check id>: <hint>": what those checks say to do, line by line
  std::vector<std::string> applied;      // "<check id>: <step> (<detail>)": repairs prepare applied
  std::vector<std::string> not_applied;  // repairs left to `prhost doctor --fix --yes`, or that failed
};

struct RefsEvidence {
  std::string base_sha;
  std::string head_sha;
  std::string base_label;
  std::string head_label;
  std::string origin;  // "commit", "pull request #12", "prhost.toml:3:1"
  std::string error;
};

struct OptimizationEvidence {
  int number = 0;
  std::string description;  // HANDOFF.md / results.tsv / subject
  std::string subject;      // the commit's subject
  std::string body;         // the commit's message body
  std::string commit_sha;
  std::string short_sha;
  std::vector<std::string> functions;  // module:Qualname
  std::vector<std::string> domains;
  std::string flags;            // compare flags as typed: "--memory --timeout 120", "" for none
  bool memory_primary = false;  // what the domains' flags say this change is about
  bool time_primary = true;
  std::string runner_python;  // "uv run --project . python"
  RefsEvidence refs;
  std::vector<BenchmarkEvidence> benchmarks;
  CompareEvidence compare;
  UnitTestEvidence unit_tests;
  std::vector<ClaimCheck> claims;
  DoctorEvidence doctor;
  std::string pr_status;     // "#12 open", "none", "unknown: …"
  std::string pr_body_path;  // written file, relative; empty when none
};

}  // namespace prhost::pr_body

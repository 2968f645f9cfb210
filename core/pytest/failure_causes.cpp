#include "pytest/failure_causes.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <stdexcept>

#include "util/signal_name.hpp"

namespace prhost::pytest {
namespace {

// What makes a row match: the run's timeout flag, a line of output matching
// `pattern` (RE2 syntax, case-insensitive: linear time on any line, where
// std::regex recursed per character and crashed on long ones), or the exit
// code alone.
enum class Trigger { FailedToStart, TimedOut, Line, ExitCode };

// One row of the cause table. Templates may use {1}, {2} (the pattern's
// capture groups), {timeout} (seconds the run was killed after) and {ref}.
// An empty `detail` template means "the matched line".
struct Row {
  std::string_view id;
  Trigger trigger;
  std::string_view pattern;  // Line rows only
  int exit_code;             // ExitCode rows only
  std::string_view title;
  std::string_view detail;
  std::string_view fix;
};

constexpr std::string_view kInstallBenchmarkPlugin =
    "Install pytest-benchmark in the interpreter that runs the benchmarks (`uv add --dev pytest-benchmark`, "
    "`poetry add --group dev pytest-benchmark` or `<python> -m pip install pytest-benchmark`) and run prhost through "
    "the project's runner (uv run / poetry run) so it picks that interpreter.";

constexpr std::string_view kInjectBenchmark =
    "The benchmark file does not exist at {ref}: it was probably written after that commit. Inject it into both "
    "checkouts (prhost compare --inject <file>, codeflash compare --inject <file>) or cherry-pick the benchmark "
    "commit onto temporary branches of both refs. Check with `git show {ref}:<benchmark file>`.";

constexpr std::string_view kPluginLoadFix =
    "pytest stops while loading a plugin, before any test runs; the traceback under this line names the plugin's "
    "module and its error. If the run does not need that plugin, keep it out: prhost's own runs set "
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 and load only the plugins the project's configuration needs; for your own "
    "runs pass `-p no:<name>`. If the project needs it, repair its installation in that interpreter (at {ref}).";

// Order matters: the first matching row wins, so specific causes come before
// the generic ones that the same output would also match (a collection error
// from a missing module also prints "no tests ran"/exit 2; a failing test
// prints a FAILED line whatever the exception was).
constexpr auto kRows = std::to_array<Row>({
    {cause::kInterpreterNotFound, Trigger::FailedToStart, "", 0, "The benchmark interpreter could not be started", "",
     "Check the interpreter prhost was told to use (the runner's python, e.g. `uv run python`, `poetry run python` "
     "or a venv's bin/python): it must exist and be executable, and the runner must be on PATH."},
    {cause::kTimeout, Trigger::TimedOut, "", 0, "Benchmark timed out",
     "killed after {timeout}s: the benchmark hangs or needs more time",
     "Run the benchmark alone at {ref} (`<python> -m pytest <file> -x -s`) to see whether it hangs; if it is only "
     "slow, give it more time: `prhost compare --timeout S`, or `[compare] timeout-seconds` in prhost.toml (which "
     "also bounds `prhost bench`'s check run)."},
    {cause::kTimeout, Trigger::Line, R"(Benchmark timed out after (\d+)s)", 0, "Benchmark timed out", "",
     "The benchmark hangs or needs more than {1}s: run it alone at {ref} (`<python> -m pytest <file> -x -s`); if it "
     "is only slow, pass a larger `prhost compare --timeout S`."},

    {cause::kBenchmarksRootMissing, Trigger::Line, R"(benchmarks-root (must be configured|not configured))", 0,
     "codeflash does not know where the benchmarks are", "",
     "Add to pyproject.toml:\n[tool.codeflash]\nbenchmarks-root = \"tests/benchmarks\""},

    {cause::kNoBenchmarkResults, Trigger::Line, R"(No benchmark results to compare)", 0,
     "Neither ref produced benchmark results", "",
     "Both checkouts failed before measuring anything: run `prhost doctor` and fix everything it reports "
     "(codeflash installed, benchmarks-root configured, the benchmark present at both refs, both checkouts "
     "importing their dependencies)."},

    {cause::kBenchmarkPluginMissing, Trigger::Line, R"(fixture 'benchmark' not found)", 0,
     "The `benchmark` fixture does not exist: pytest-benchmark is missing in that interpreter", "",
     kInstallBenchmarkPlugin},
    {cause::kBenchmarkPluginMissing, Trigger::Line, R"(unrecognized arguments:.*--benchmark-)", 0,
     "pytest does not know the --benchmark-* options: pytest-benchmark is missing in that interpreter", "",
     kInstallBenchmarkPlugin},

    // After the --benchmark-* row: an option the project's addopts passes
    // (--cov=…, --timeout=…) whose plugin is not installed. pytest exits 4
    // before collecting anything; this is not a missing benchmark.
    {cause::kOptionOfMissingPlugin, Trigger::Line, R"(unrecognized arguments: (-[-\w]+))", 0,
     "pytest does not know the option {1}: the plugin that provides it is not installed", "",
     "The project's pytest configuration (addopts in pyproject.toml, pytest.ini, setup.cfg or tox.ini) or its "
     "conftest passes {1}, and no plugin in that interpreter provides it (--cov → pytest-cov, --timeout → "
     "pytest-timeout, --asyncio-mode → pytest-asyncio). Install the plugin in the runner's environment, or run the "
     "benchmarks without that option (`-o addopts=\"\"`)."},
    {cause::kFixtureMissing, Trigger::Line, R"(fixture '(\w+)' not found)", 0,
     "The fixture {1} does not exist at {ref}: the plugin or conftest that provides it is missing", "",
     "Install the pytest plugin that provides {1} in the runner's environment (mocker → pytest-mock, "
     "event_loop → pytest-asyncio, httpx_mock → pytest-httpx), or define it in a conftest.py both refs have."},

    {cause::kXdistDisablesBenchmarks, Trigger::Line,
     R"(automatically (activated if xdist is on|disabled because xdist plugin is active))", 0,
     "pytest-xdist is active, and pytest-benchmark disables benchmarks under it", "",
     "Benchmarks cannot run in parallel workers: remove `-n`/`--dist` from the project's pytest addopts for "
     "benchmark runs, or pass `-p no:xdist` (with `-o addopts=` if addopts holds -n)."},

    // Before the import rows: a plugin's own ImportError is not the benchmark's.
    // pytest >= 8.4 says "Error while loading plugin", older ones "Error importing plugin".
    {cause::kPluginImportFailed, Trigger::Line, R"re(Error while loading plugin "pytest11")re", 0,
     "An installed pytest plugin fails to load (not the benchmark)", "", kPluginLoadFix},
    {cause::kPluginImportFailed, Trigger::Line, R"re(Error (?:while loading|importing) plugin "([^"]+)")re", 0,
     "The pytest plugin {1} fails to load (not the benchmark)", "", kPluginLoadFix},

    {cause::kMissingDependency, Trigger::Line, R"(ModuleNotFoundError: No module named '([A-Za-z0-9_]+)[^']*')", 0,
     "The checkout cannot import a dependency: {1}", "",
     "Install {1} in the runner's environment (the PyPI name may differ from the module name), or for the base ref "
     "the version pinned there: `git show {ref}:pyproject.toml`; run through the runner (uv run / poetry run) so "
     "the project's own environment is used."},

    {cause::kImportNameMissing, Trigger::Line, R"(ImportError: cannot import name '([^']+)' from '([^']+)')", 0,
     "{2} has no {1} at this ref", "",
     "The benchmark imports {1}, which {2} does not define at {ref}: an injected benchmark may use an API that only "
     "exists on the other ref. Benchmark a function both refs have, or import it conditionally."},

    {cause::kPropertyHasNoSetter, Trigger::Line, R"(property '([^']+)' of '([^']+)' object has no setter)", 0,
     "The benchmark assigns to the read-only property {1} of {2}", "",
     "This is typically a patched pydantic-settings config: patch the type, not the instance "
     "(`patch.object(type(config), \"{1}\", new_callable=PropertyMock, return_value=...)`), or better, use the real "
     "config defaults."},
    {cause::kPropertyHasNoSetter, Trigger::Line, R"(AttributeError: .*(has no setter|can't set attribute))", 0,
     "The benchmark assigns to a read-only property", "",
     "This is typically a patched pydantic-settings config: patch the type, not the instance "
     "(`patch.object(type(config), \"PROP\", new_callable=PropertyMock, return_value=...)`), or better, use the real "
     "config defaults."},

    // A benchmark module that raises while pytest imports it (a NameError,
    // a failing module-level call): pytest's short summary names the file
    // and the exception. After the import rows, which say more.
    {cause::kCollectionError, Trigger::Line, R"(^ERROR (\S+\.py)(?: - (.+))?$)", 0,
     "pytest cannot collect {1} at {ref}", "",
     "The module raises while pytest imports it, before any benchmark runs: run `<python> -m pytest {1} "
     "--collect-only` at {ref} for the traceback. An injected benchmark may use a name or a module-level call that "
     "only works on the other ref."},

    {cause::kBenchmarkMissing, Trigger::Line, R"(file or directory not found)", 0, "Benchmark missing at {ref}", "",
     kInjectBenchmark},
    {cause::kBenchmarkMissing, Trigger::Line, R"(^ERROR: not found:)", 0, "Benchmark missing at {ref}", "",
     kInjectBenchmark},

    {cause::kNothingCollected, Trigger::Line, R"(^(\d+) deselected in )", 0, "The test filter selected no benchmark",
     "", "The -k / --functions filter matched none of the {1} tests in the benchmark files: check the test names."},
    {cause::kNothingCollected, Trigger::Line, R"(^(\d+) skipped in )", 0, "Every selected test was skipped", "",
     "--benchmark-only skips tests that do not request the `benchmark` fixture, and skip marks skip the rest: check "
     "that the selected tests use `benchmark` and are not skipped at {ref}."},
    {cause::kNothingCollected, Trigger::Line, R"(collected 0 items)", 0, "No tests were collected", "",
     "The benchmark files hold no test functions pytest recognizes (names must start with test_, and the file must "
     "match python_files)."},

    {cause::kBenchmarkMissing, Trigger::Line, R"(^no tests ran\b)", 0, "Benchmark missing at {ref}", "",
     kInjectBenchmark},

    {cause::kBenchmarkFailed, Trigger::Line, R"(^(?:FAILED|ERROR) (\S+::\S+)(?: - (.*))?$)", 0,
     "The benchmark test failed: {1}", "",
     "The benchmark itself raises at {ref}: run it there (`<python> -m pytest {1} -x`) and fix it; an injected "
     "benchmark may call code that behaves differently at this ref."},

    // Exit 4 without a "not found" line is pytest rejecting its own command
    // line or configuration: say so with pytest's words, never "missing".
    {cause::kUsageError, Trigger::ExitCode, "", 4, "pytest rejected its command line or configuration at {ref}",
     "pytest exited with code 4 (usage error)",
     "Read pytest's message above: an option in the project's addopts, a -p plugin or an ini key that this "
     "interpreter's pytest does not understand. Run the same pytest command at {ref} to see it whole."},
    {cause::kBenchmarkMissing, Trigger::ExitCode, "", 5, "Benchmark missing at {ref}",
     "pytest exited with code 5 (no tests collected)", kInjectBenchmark},
});

// Causes `prhost doctor` looks for before comparing (a check each, a repair
// where one is safe).
constexpr auto kDoctorChecks = std::to_array<std::string_view>({
    cause::kInterpreterNotFound,
    cause::kBenchmarksRootMissing,
    cause::kNoBenchmarkResults,
    cause::kBenchmarkPluginMissing,
    cause::kOptionOfMissingPlugin,
    cause::kFixtureMissing,
    cause::kXdistDisablesBenchmarks,
    cause::kPluginImportFailed,
    cause::kMissingDependency,
    cause::kPropertyHasNoSetter,
    cause::kBenchmarkMissing,
    cause::kCollectionError,
    cause::kUsageError,
});

// A match's groups: [0] the whole match, [1]… the capture groups ("" when
// a group did not take part).
using Groups = std::vector<std::string>;

struct CompiledRow {
  const Row* row;
  std::unique_ptr<RE2> regex;  // Line rows only
};

RE2::Options case_insensitive() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

const std::vector<CompiledRow>& compiled_rows() {
  static const std::vector<CompiledRow> rows = [] {
    std::vector<CompiledRow> out;
    out.reserve(kRows.size());
    for (const Row& row : kRows) {
      if (row.trigger != Trigger::Line) {
        out.push_back({&row, nullptr});
        continue;
      }
      auto regex = std::make_unique<RE2>(re2::StringPiece(row.pattern.data(), row.pattern.size()), case_insensitive());
      // A pattern RE2 rejects is a bug in the table above, caught by the first test that classifies anything.
      if (!regex->ok()) throw std::logic_error("failure cause " + std::string(row.id) + ": " + regex->error());
      out.push_back({&row, std::move(regex)});
    }
    return out;
  }();
  return rows;
}

std::optional<Groups> search(const RE2& regex, std::string_view text) {
  const int count = regex.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(count));
  if (!regex.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, pieces.data(), count))
    return std::nullopt;
  Groups groups;
  for (const auto& piece : pieces) groups.emplace_back(piece.data() == nullptr ? "" : std::string(piece));
  return groups;
}

// pytest prefixes exception lines with "E   "; the quoted line reads better without it.
std::string clean_line(std::string_view line) {
  std::string_view text = sdk::helpers::trim(line);
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  if (text.size() >= 2 && text[0] == 'E' && is_space(text[1])) {
    text.remove_prefix(1);
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  }
  return std::string(text);
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string_view::npos ? text.size() : end;
    std::string line(text.substr(start, stop - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

std::string fill(std::string_view templ, const Groups* match, const FailedRun& run) {
  std::string text(templ);
  if (match != nullptr) {
    for (std::size_t group = 1; group < match->size() && group < 10; ++group) {
      replace_all(text, "{" + std::to_string(group) + "}", (*match)[group]);
    }
  }
  replace_all(text, "{timeout}", std::to_string(std::chrono::duration_cast<std::chrono::seconds>(run.timeout).count()));
  replace_all(text, "{ref}", run.ref.empty() ? "that ref" : run.ref);
  return text;
}

// pytest's own words come first: a row with a synthesized detail (an exit
// code, a timeout) still quotes the last error line the run printed.
std::string detail_of(const Row& row, const Groups* match, const std::string& line, const FailedRun& run) {
  if (row.detail.empty()) return clean_line(line);
  const std::string synthesized = fill(row.detail, match, run);
  if (row.trigger != Trigger::ExitCode) return synthesized;
  const auto quoted = last_error_line(run.out, run.err);
  return quoted ? *quoted + " — " + synthesized : synthesized;
}

FailureCause make_cause(const Row& row, const Groups* match, const std::string& line, const FailedRun& run) {
  FailureCause cause;
  cause.cause_id = std::string(row.id);
  cause.title = fill(row.title, match, run);
  cause.detail = detail_of(row, match, line, run);
  cause.fix = fill(row.fix, match, run);
  cause.doctor_checks = std::find(kDoctorChecks.begin(), kDoctorChecks.end(), row.id) != kDoctorChecks.end();
  return cause;
}

// Lines that carry no information: pytest's "=====" / "-----" / "_ _ _"
// decorations and its "!!!! Interrupted" banners.
bool is_decoration(const std::string& line) {
  static const RE2 decoration(R"(^[=\-_!~ ]*$|^[=!]{3,}.*[=!]{3,}$)");
  return RE2::FullMatch(line, decoration);
}

}  // namespace

std::optional<std::string> last_error_line(std::string_view out, std::string_view err) {
  static const RE2 error_like(R"(^(E\s+|ERROR\b|\w*(Error|Exception|Exit)\b))");
  const auto err_lines = lines_of(err);
  const auto out_lines = lines_of(out);
  for (const auto* lines : {&err_lines, &out_lines}) {
    for (auto it = lines->rbegin(); it != lines->rend(); ++it) {
      const std::string text{sdk::helpers::trim(*it)};
      if (RE2::PartialMatch(text, error_like)) return clean_line(text);
    }
  }
  for (const auto* lines : {&err_lines, &out_lines}) {
    for (auto it = lines->rbegin(); it != lines->rend(); ++it) {
      const std::string text{sdk::helpers::trim(*it)};
      if (!text.empty() && !is_decoration(text)) return text;
    }
  }
  return std::nullopt;
}

FailureCause classify_failure(const FailedRun& run) {
  // stderr first: pytest's usage errors ("ERROR: file or directory not
  // found") land there, test output in stdout.
  std::vector<std::string> lines = lines_of(run.err);
  for (auto& line : lines_of(run.out)) lines.push_back(std::move(line));

  for (const CompiledRow& compiled : compiled_rows()) {
    const Row& row = *compiled.row;
    switch (row.trigger) {
      case Trigger::FailedToStart:
        if (run.failed_to_start) return make_cause(row, nullptr, last_error_line(run.out, run.err).value_or(""), run);
        break;
      case Trigger::TimedOut:
        if (run.timed_out) return make_cause(row, nullptr, "", run);
        break;
      case Trigger::ExitCode:
        if (!run.timed_out && !run.failed_to_start && run.signal == 0 && run.exit_code == row.exit_code)
          return make_cause(row, nullptr, "", run);
        break;
      case Trigger::Line:
        for (const std::string& line : lines) {
          // Match on the line without pytest's "E   " prefix so anchors work.
          const std::string text = clean_line(line);
          if (const auto match = search(*compiled.regex, text)) return make_cause(row, &*match, text, run);
        }
        break;
    }
  }

  FailureCause unknown;
  unknown.cause_id = std::string(cause::kUnknown);
  const auto line = last_error_line(run.out, run.err);
  unknown.title = run.signal != 0 ? "The run was killed by " + util::signal_name(run.signal) + " (signal " +
                                        std::to_string(run.signal) + ")"
                                  : "The run failed (exit code " + std::to_string(run.exit_code) + ")";
  unknown.detail = line.value_or("the run printed nothing");
  unknown.fix = "Run the same pytest command by hand at " + (run.ref.empty() ? std::string("that ref") : run.ref) +
                " and read the full output; the line above is the last error it printed.";
  return unknown;
}

std::vector<std::string_view> cause_ids() {
  std::vector<std::string_view> ids;
  for (const Row& row : kRows) {
    if (std::find(ids.begin(), ids.end(), row.id) == ids.end()) ids.push_back(row.id);
  }
  ids.push_back(cause::kUnknown);
  return ids;
}

}  // namespace prhost::pytest

#include "compare/codeflash/codeflash_backend.hpp"

#include <fmt/format.h>

#include "compare/codeflash/codeflash_outcome.hpp"
#include "compare/codeflash/codeflash_worktrees.hpp"
#include "pytest/failure_causes.hpp"
#include "util/read_file.hpp"
#include "util/temp_path.hpp"

namespace prhost::compare {
namespace {

// codeflash's package has no __main__; its console script calls
// codeflash.main:main, so `-m codeflash.main` runs it under the runner's
// interpreter without depending on a `codeflash` script on PATH.
constexpr const char* kCodeflashModule = "codeflash.main";

// What actually runs: codeflash's own entry point with the same arguments,
// after pointing the directory it makes its git worktrees in (a module
// attribute compare reads when it starts) at prhost's own temporary
// directory, the first argument (codeflash_worktrees.hpp says why). An
// older codeflash without that attribute just gets it set and ignores it.
constexpr const char* kLauncher =
    "import pathlib, sys\n"
    "import codeflash.code_utils.git_worktree_utils as worktrees\n"
    "worktrees.worktree_dirs = pathlib.Path(sys.argv.pop(1))\n"
    "sys.argv[0] = 'codeflash'\n"
    "from codeflash.main import main\n"
    "sys.exit(main())\n";

// codeflash_compare_argv with `-m codeflash.main` replaced by the launcher.
std::vector<std::string> launched_argv(const CodeflashRequest& request, const std::vector<std::string>& argv,
                                       const std::filesystem::path& worktree_dir) {
  std::vector<std::string> launched = request.python;
  launched.insert(launched.end(), {"-c", kLauncher, worktree_dir.string()});
  launched.insert(launched.end(), argv.begin() + static_cast<std::ptrdiff_t>(request.python.size()) + 2, argv.end());
  return launched;
}

std::chrono::milliseconds overall_timeout(const CodeflashRequest& request) {
  // codeflash's --timeout applies per benchmark run; give the whole command
  // room for two refs, worktree set-up and memory profiling.
  const int per_run = request.timeout_seconds.value_or(600);
  return std::chrono::seconds(4 * per_run + 300);
}

}  // namespace

bool codeflash_importable(const std::vector<std::string>& python, sdk::HostServices& services) {
  if (python.empty()) return false;
  sdk::ProcessRequest request;
  request.argv = python;
  request.argv.insert(request.argv.end(), {"-c", "import codeflash.main"});
  request.timeout = std::chrono::seconds(60);
  return services.run(request).ok();
}

std::vector<std::string> codeflash_compare_argv(const CodeflashRequest& request, const std::string& output_file) {
  std::vector<std::string> argv = request.python;
  argv.insert(argv.end(), {"-m", kCodeflashModule, "compare", request.base_ref, request.head_ref});
  if (request.memory) argv.emplace_back("--memory");
  if (request.timeout_seconds) argv.insert(argv.end(), {"--timeout", std::to_string(*request.timeout_seconds)});
  argv.insert(argv.end(), {"--output", output_file});
  if (!request.inject.empty()) {
    argv.emplace_back("--inject");
    argv.insert(argv.end(), request.inject.begin(), request.inject.end());
  }
  return argv;
}

CodeflashResult run_codeflash_compare(const CodeflashRequest& request, sdk::HostServices& services) {
  const auto output = util::TempPath::file("prhost-codeflash-md");
  CodeflashResult result;
  result.argv = codeflash_compare_argv(request, output.path().string());
  // Removes and prunes codeflash's worktrees however the run below ends.
  const codeflash::CodeflashWorktrees worktrees(request.project_root);

  sdk::ProcessRequest process;
  process.argv = launched_argv(request, result.argv, worktrees.dir());
  process.cwd = request.project_root;
  process.timeout = overall_timeout(request);
  // Rich's boxes and colours are for terminals; the markdown file is what we read.
  process.env = {{"NO_COLOR", "1"}, {"TERM", "dumb"}, {"COLUMNS", "120"}};
  const auto run = services.run(process);
  result.seconds = static_cast<double>(run.elapsed.count()) / 1000.0;

  result.markdown = util::read_text_file(output.path()).value_or("");

  if (!run.ok() || result.markdown.empty()) {
    pytest::FailedRun failed;
    failed.exit_code = run.exit_code;
    failed.timed_out = run.timed_out;
    failed.out = run.out;
    failed.err = run.err;
    failed.timeout = process.timeout;
    // codeflash's own "nothing to compare" outcomes first: pytest's table
    // would blame the benchmarks for what is codeflash's scope.
    const auto cause =
        codeflash::classify_codeflash_outcome(run.out, run.err).value_or(pytest::classify_failure(failed));
    throw CodeflashRunError(fmt::format("codeflash compare {} {} failed: {}\n  {}\n  fix: {}", request.base_ref,
                                        request.head_ref, cause.title, cause.detail, cause.fix),
                            cause.cause_id);
  }
  try {
    result.parsed = codeflash::parse_codeflash_markdown(result.markdown);
  } catch (const codeflash::MarkdownParseError& error) {
    throw CodeflashRunError(fmt::format("codeflash compare wrote markdown prhost cannot read ({}); the raw output is "
                                        "kept in the JSON as `markdown`",
                                        error.what()),
                            "unreadable_markdown");
  }
  return result;
}

nlohmann::json to_json(const CodeflashRequest& request, const CodeflashResult& result) {
  nlohmann::json out;
  out["backend"] = "codeflash";
  out["argv"] = result.argv;
  out["base"] = {{"ref", request.base_ref}, {"label", result.parsed.base_ref}};
  out["head"] = {{"ref", request.head_ref}, {"label", result.parsed.head_ref}};
  out["memory"] = request.memory;
  out["timeout_seconds"] = request.timeout_seconds ? nlohmann::json(*request.timeout_seconds) : nlohmann::json();
  out["seconds"] = result.seconds;
  out["markdown"] = result.markdown;
  out["benchmarks"] = nlohmann::json::array();
  for (const auto& benchmark : result.parsed.benchmarks) {
    auto timing = [](const codeflash::ParsedTiming& t) {
      return nlohmann::json{{"min_ns", t.min_us * 1e3},
                            {"median_ns", t.median_us * 1e3},
                            {"mean_ns", t.mean_us * 1e3},
                            {"ops", t.ops},
                            {"rounds", t.rounds}};
    };
    nlohmann::json entry{{"name", benchmark.name}, {"base", timing(benchmark.base)}, {"head", timing(benchmark.head)}};
    // codeflash makes no significance test: only its point speedups exist.
    entry["decision"] = "not tested (codeflash reports point estimates only)";
    if (benchmark.speedup) {
      entry["speedup"] = {{"min", benchmark.speedup->min},
                          {"median", benchmark.speedup->median},
                          {"mean", benchmark.speedup->mean},
                          {"ops", benchmark.speedup->ops}};
    }
    if (benchmark.memory) {
      entry["memory"] = {
          {"base_peak_bytes", benchmark.memory->base.peak_bytes},
          {"head_peak_bytes", benchmark.memory->head.peak_bytes},
          {"base_allocations", benchmark.memory->base.allocations},
          {"head_allocations", benchmark.memory->head.allocations},
          {"delta_fraction",
           benchmark.memory->delta_fraction ? nlohmann::json(*benchmark.memory->delta_fraction) : nlohmann::json()}};
    }
    out["benchmarks"].push_back(std::move(entry));
  }
  return out;
}

}  // namespace prhost::compare

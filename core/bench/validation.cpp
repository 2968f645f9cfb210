#include "bench/validation.hpp"

#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::bench {

std::vector<std::string> validation_argv(const std::vector<std::string>& python, const std::string& benchmark_path,
                                         const std::string& test_name) {
  std::vector<std::string> argv = python;
  // `python -m pytest` puts the project root on sys.path, so the benchmark
  // imports the project's code however the tests directory is laid out.
  // No cache provider: a check must not leave .pytest_cache behind.
  argv.insert(argv.end(), {"-m", "pytest", benchmark_path + "::" + test_name, "--benchmark-disable", "-q", "-x", "-p",
                           "no:cacheprovider", "--no-header", "-rN", pytest::benchmark_storage_option()});
  return argv;
}

Validation validate_benchmark(const std::vector<std::string>& python, const std::filesystem::path& project_root,
                              const std::string& benchmark_path, const std::string& test_name,
                              std::chrono::seconds timeout, const ProcessRunner& run_process) {
  sdk::ProcessRequest request;
  request.argv = validation_argv(python, benchmark_path, test_name);
  request.cwd = project_root;
  request.timeout = timeout;
  request.env["PYTHONDONTWRITEBYTECODE"] = "1";  // no __pycache__ left in the project by a check
  const auto outcome = run_process(request);

  Validation validation;
  validation.elapsed = outcome.elapsed;
  if (outcome.ok()) {
    validation.passed = true;
    return validation;
  }
  pytest::FailedRun failed;
  failed.exit_code = outcome.exit_code;
  failed.signal = outcome.signal;
  failed.timed_out = outcome.timed_out;
  failed.out = outcome.out;
  failed.err = outcome.failed_to_start ? "cannot start " + python.front() + ": " + outcome.err : outcome.err;
  failed.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
  failed.ref = "HEAD";
  const auto cause = pytest::classify_failure(failed);
  validation.cause_id = cause.cause_id;
  validation.cause = cause.detail.empty() ? cause.title : cause.title + ": " + cause.detail;
  validation.fix = cause.fix;
  return validation;
}

}  // namespace prhost::bench

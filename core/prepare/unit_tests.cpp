#include "prepare/unit_tests.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include "doctor/repair_text.hpp"
#include "pytest/failure_causes.hpp"
#include "services/cancellation.hpp"
#include "worktree/own_code_proof.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::prepare {
namespace {

using State = pr_body::UnitTestEvidence::State;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string trimmed(const std::string& text, const char* strip = " \t\r=") {
  const auto begin = text.find_first_not_of(strip);
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(strip) - begin + 1);
}

// "412 passed, 3 skipped" from pytest's last line "=== 412 passed, 3 skipped in 2.31s ===".
std::string summary_of(const std::string& out) {
  const auto lines = lines_of(out);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    auto line = trimmed(*it);
    const auto in = line.rfind(" in ");
    if (in == std::string::npos) continue;
    const auto counts = line.substr(0, in);
    for (const auto* word : {" passed", " failed", " error", " skipped", "no tests ran", " deselected"}) {
      if (counts.find(word) != std::string::npos) return counts;
    }
  }
  return {};
}

std::string first_failure_of(const std::string& out, const std::string& err) {
  for (const auto& line : lines_of(out)) {
    if (line.starts_with("FAILED ") || line.starts_with("ERROR ")) return trimmed(line, " \t\r");
  }
  return pytest::last_error_line(out, err).value_or("pytest exited without naming a failing test");
}

std::optional<std::string> tests_root(const std::filesystem::path& project_root) {
  try {
    const auto document = toml::parse_file((project_root / "pyproject.toml").string());
    if (const auto value = document.at_path("tool.codeflash.tests-root").value<std::string>()) return *value;
  } catch (const std::exception&) {
    // No pyproject.toml or no valid one: pytest's own configuration decides.
  }
  return std::nullopt;
}

worktree::CheckoutInterpreter interpreter_for(const Session& session, const worktree::Checkout& checkout,
                                              const std::vector<std::string>& modules) {
  const auto runner = session.runner();
  auto& services = session.services_for(runner.plugin);
  const sdk::Project project{session.project_root()};
  const auto python = worktree::resolve_project_python(*runner.adapter, project, services);
  if (!modules.empty()) {
    return worktree::prepare_interpreter_for_checkout(*runner.adapter, project, checkout, python, modules, services);
  }
  worktree::CheckoutInterpreter interpreter;
  interpreter.python = python;
  interpreter.env = worktree::checkout_python_env(checkout.dir, checkout.env);
  return interpreter;
}

}  // namespace

std::vector<std::string> unit_test_arguments(const std::filesystem::path& project_root,
                                             const std::string& benchmarks_root,
                                             const std::vector<std::string>& extra) {
  // No cache directory, no benchmark plugins (they time nothing here and some
  // versions warn at import, which -W error projects turn into failures).
  std::vector<std::string> arguments{"-q",
                                     "-rfE",
                                     "-p",
                                     "no:cacheprovider",
                                     "-p",
                                     "no:benchmark",
                                     "-p",
                                     "no:codeflash-benchmark",
                                     "--ignore=" + benchmarks_root};
  if (auto root = tests_root(project_root)) arguments.push_back(*root);
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

std::string unit_test_command(const std::string& runner_python, const std::vector<std::string>& arguments) {
  return runner_python + " -m pytest " + doctor::shell_words(arguments);
}

pr_body::UnitTestEvidence read_pytest_outcome(int exit_code, const std::string& out, const std::string& err) {
  pr_body::UnitTestEvidence evidence;
  evidence.summary = summary_of(out);
  switch (exit_code) {
    case 0:
      evidence.state = State::Passed;
      break;
    case 1:
    case 2:  // interrupted: a collection error (an import that fails at head) counts as failing
      evidence.state = State::Failed;
      evidence.first_failure = first_failure_of(out, err);
      break;
    case 5:
      evidence.state = State::NoTests;
      break;
    default:
      evidence.state = State::CouldNotRun;
      evidence.why =
          fmt::format("pytest exited with {}: {}", exit_code, pytest::last_error_line(out, err).value_or("no output"));
  }
  if (evidence.summary.empty()) evidence.summary = evidence.state == State::NoTests ? "no tests ran" : "no summary";
  return evidence;
}

pr_body::UnitTestEvidence run_unit_tests(const Session& session, const UnitTestRequest& request,
                                         const std::string& display_command) {
  pr_body::UnitTestEvidence evidence;
  evidence.head_sha = request.head_sha;
  evidence.command = display_command;
  try {
    worktree::CheckoutSet checkouts(*session.repository(), {request.head_sha});
    const auto& checkout = checkouts.checkouts().front();
    const auto interpreter = interpreter_for(session, checkout, request.modules);
    const auto tmp = checkouts.root() / "tmp";
    std::filesystem::create_directories(tmp);
    sdk::ProcessRequest process;
    process.argv = interpreter.python;
    process.argv.insert(process.argv.end(), {"-m", "pytest"});
    process.argv.insert(process.argv.end(), request.arguments.begin(), request.arguments.end());
    process.cwd = checkout.dir;
    process.env = interpreter.env;
    process.env["PYTHONDONTWRITEBYTECODE"] = "1";
    process.env["TMPDIR"] = tmp.string();
    process.timeout = request.timeout;
    const auto result = session.services().run(process);
    if (result.timed_out) {
      evidence.state = State::CouldNotRun;
      evidence.why =
          fmt::format("did not finish in {} s ([prepare] unit-test-timeout-seconds)", request.timeout.count());
      return evidence;
    }
    if (result.failed_to_start) {
      evidence.state = State::CouldNotRun;
      evidence.why = "the interpreter did not start: " + interpreter.python.front();
      return evidence;
    }
    auto outcome = read_pytest_outcome(result.exit_code, result.out, result.err);
    outcome.head_sha = evidence.head_sha;
    outcome.command = evidence.command;
    if (!checkout.missing_submodules.empty()) {
      outcome.note = "run without these submodules (empty in prhost's checkout): " +
                     worktree::describe(checkout.missing_submodules);
    }
    return outcome;
  } catch (const services::Interrupted&) {
    throw;
  } catch (const std::exception& error) {
    evidence.state = State::CouldNotRun;
    evidence.why = error.what();
    return evidence;
  }
}

nlohmann::json to_json(const pr_body::UnitTestEvidence& evidence) {
  return {{"state", static_cast<int>(evidence.state)},
          {"summary", evidence.summary},
          {"first_failure", evidence.first_failure},
          {"command", evidence.command},
          {"why", evidence.why},
          {"head", evidence.head_sha},
          {"note", evidence.note},
          {"format", kUnitTestFormat}};
}

pr_body::UnitTestEvidence unit_tests_from_json(const nlohmann::json& json) {
  pr_body::UnitTestEvidence evidence;
  const int state = json.value("state", 0);
  evidence.state =
      state >= 0 && state <= static_cast<int>(State::CouldNotRun) ? static_cast<State>(state) : State::NotRun;
  evidence.summary = json.value("summary", "");
  evidence.first_failure = json.value("first_failure", "");
  evidence.command = json.value("command", "");
  evidence.why = json.value("why", "");
  evidence.head_sha = json.value("head", "");
  evidence.note = json.value("note", "");
  return evidence;
}

}  // namespace prhost::prepare

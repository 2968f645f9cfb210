// "Existing unit tests pass" is a line a PR body may only carry after the
// tests really ran: the project's own test suite runs at the optimization's
// head, through the project's runner, in a prhost-owned checkout of that
// commit (core/worktree) — never in the user's working tree, so no
// .pytest_cache, __pycache__ or anything else lands there. The benchmarks
// root is left out; a failure quotes the first failing test.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pr_body/evidence.hpp"
#include "session/session.hpp"

namespace prhost::prepare {

struct UnitTestRequest {
  std::string head_sha;
  std::vector<std::string> modules;    // the optimization's modules: the own-code proof of the checkout
  std::vector<std::string> arguments;  // pytest's, from unit_test_arguments
  std::chrono::seconds timeout{900};
};

// pytest's arguments after `python -m pytest` (tests root from
// [tool.codeflash] tests-root when set, else pytest's own configuration),
// then `extra` ([prepare] unit-test-args) as given.
std::vector<std::string> unit_test_arguments(const std::filesystem::path& project_root,
                                             const std::string& benchmarks_root,
                                             const std::vector<std::string>& extra = {});

// "<runner python> -m pytest …", as the PR body shows it (an argument with
// spaces or quotes is quoted, so the line pastes into a shell).
std::string unit_test_command(const std::string& runner_python, const std::vector<std::string>& arguments);

// Runs the tests at `request.head_sha` and reads the outcome. Never throws for
// a test failure or a run that cannot start (those are evidence); rethrows
// services::Interrupted.
pr_body::UnitTestEvidence run_unit_tests(const Session& session, const UnitTestRequest& request,
                                         const std::string& display_command);

// The outcome of a finished pytest run: exit code 0 passed, 1 or 2 failed
// (the first FAILED/ERROR line quoted), 5 no tests, anything else could not run.
pr_body::UnitTestEvidence read_pytest_outcome(int exit_code, const std::string& out, const std::string& err);

// Stored results of another format were made by a run that differs from
// today's (format 2: the checkout has its submodules), so they run again.
inline constexpr int kUnitTestFormat = 2;

// With "format": kUnitTestFormat.
nlohmann::json to_json(const pr_body::UnitTestEvidence& evidence);
pr_body::UnitTestEvidence unit_tests_from_json(const nlohmann::json& json);

}  // namespace prhost::prepare

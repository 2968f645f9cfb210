#include "prepare/emit_ci.hpp"

#include <fmt/format.h>

#include "prepare/compare_step.hpp"

namespace prhost::prepare {
namespace {

std::string job_name(const Plan& plan, const ComparisonGroup& group) {
  std::string name;
  for (const auto index : group.items) {
    const auto& optimization = *plan.items[index].optimization;
    std::string label = "#" + std::to_string(optimization.number);
    if (!plan.items[index].benchmarks.empty()) {
      const auto& function = plan.items[index].benchmarks.front().function;
      label += " " + function.substr(function.find(':') + 1);
    }
    name += (name.empty() ? "" : ", ") + label;
  }
  return name;
}

constexpr const char* kWorkflow = R"YAML(# Written by `prhost prepare --emit-ci github`. Copy it to
# .github/workflows/prhost-compare.yml and commit it with the benchmark files.
#
# One job per comparison (optimizations that share base and head share one):
# each checks out the repository, runs `prhost compare` for its own refs with
# the flags the domain plugins chose, and uploads the JSON and markdown. The
# `report` job downloads every result and runs `prhost report --collect`,
# which writes the PR bodies and the report a single-machine
# `prhost prepare` would. Nothing here pushes a branch or opens a PR.
#
# prhost has no packaged release yet: set the repository variable
# PRHOST_INSTALL to the shell commands that install prhost and the project's
# dependencies (for example: build prhost from source with its
# scripts/bootstrap.sh, then `pip install -e .`).{untracked}
name: prhost compare

on:
  workflow_dispatch:

jobs:
  compare:
    name: compare ${{{{ matrix.name }}}}
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix: {matrix}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "{python}"
      - name: Install prhost and the project
        env:
          PRHOST_INSTALL: ${{{{ vars.PRHOST_INSTALL }}}}
        run: |
          if [ -z "$PRHOST_INSTALL" ]; then echo "set the repository variable PRHOST_INSTALL (see the comment at the top)"; exit 1; fi
          bash -c "$PRHOST_INSTALL"
      - name: valgrind, for the instruction counts of cpu optimizations
        run: sudo apt-get install -y -q valgrind
      - name: Compare
        run: |
          mkdir -p {results}
          ${{{{ matrix.command }}}}
      - uses: actions/upload-artifact@v4
        with:
          name: ${{{{ matrix.artifact }}}}
          path: {results}/

  report:
    needs: compare
    if: always()
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "{python}"
      - name: Install prhost and the project
        env:
          PRHOST_INSTALL: ${{{{ vars.PRHOST_INSTALL }}}}
        run: bash -c "$PRHOST_INSTALL"
      - uses: actions/download-artifact@v4
        with:
          pattern: prhost-compare-*
          merge-multiple: true
          path: {results}
      - name: Report and PR bodies
        run: prhost report --collect {results} --html prhost-report.html
      - uses: actions/upload-artifact@v4
        with:
          name: prhost-report
          path: |
            prhost-report.html
            .codeflash/pr-body-*.md
)YAML";

}  // namespace

std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_-./=:,+@%") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

nlohmann::json ci_matrix(const Plan& plan) {
  nlohmann::json include = nlohmann::json::array();
  int index = 0;
  for (const auto& group : plan.groups) {
    ++index;
    std::string command = "prhost";
    for (const auto& argument : compare_arguments(group)) command += " " + shell_word(argument);
    const auto output = fmt::format("{}/compare-{}", kCiResultsDir, index);
    command += fmt::format(" --json -o {0}.md > {0}.json", output);
    std::string numbers;
    for (const auto item : group.items) {
      numbers += (numbers.empty() ? "" : ",") + std::to_string(plan.items[item].optimization->number);
    }
    include.push_back({{"name", job_name(plan, group)},
                       {"optimizations", numbers},
                       {"base", group.base_sha},
                       {"head", group.head_sha},
                       {"command", command},
                       {"artifact", fmt::format("prhost-compare-{}", index)}});
  }
  return {{"include", include}};
}

std::string github_workflow(const Plan& plan, const std::string& python_version,
                            const std::vector<std::string>& untracked) {
  std::string untracked_note;
  if (!untracked.empty()) {
    untracked_note = "\n#\n# Not committed yet (the jobs' checkout needs them):";
    for (const auto& path : untracked) untracked_note += "\n#   " + path;
  }
  // JSON is YAML: the matrix is written as one flow mapping, exactly what
  // the jobs run.
  return fmt::format(kWorkflow, fmt::arg("untracked", untracked_note), fmt::arg("matrix", ci_matrix(plan).dump()),
                     fmt::arg("python", python_version.empty() ? "3.11" : python_version),
                     fmt::arg("results", kCiResultsDir));
}

}  // namespace prhost::prepare

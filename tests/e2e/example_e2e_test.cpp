// The README's main command, tested: the bundled example repository made
// fresh by scripts/make-example-repo.sh (a cpu, a mem, an async and a struct
// optimization of `shelfscan`, with the HANDOFF.md an agent leaves), then the
// real `prhost prepare` on it, as scripts/demo.sh runs it. Only the number of
// paired rounds is bounded (prhost's own --config), to keep the suite fast.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::set<std::string> domains_of(const json& report, const std::string& status) {
  std::set<std::string> domains;
  for (const auto& optimization : report["optimizations"]) {
    if (!status.empty() && optimization["status"] != status) continue;
    for (const auto& domain : optimization["domains"]) domains.insert(domain.get<std::string>());
  }
  return domains;
}

// A measured effect with its interval, or an honest word that there is none.
bool states_the_effect(const std::string& body) {
  static const std::regex interval("\\d+\\.\\d\\dx (faster|slower) \\(\\d+(\\.\\d)?% CI \\d+\\.\\d\\d–\\d+\\.\\d\\dx");
  static const std::regex memory("peak memory [−+][0-9.]+ [KMG]?i?B \\([0-9.]+ [KMG]?i?B → [0-9.]+ [KMG]?i?B, ");
  return std::regex_search(body, interval) || std::regex_search(body, memory) || contains(body, "inconclusive") ||
         contains(body, "no significant change") || contains(body, "not measured");
}

TEST(ExampleE2E, TheReadmeMainCommandOnTheExampleRepositoryGivesCompletePrBodiesAndHonestStatuses) {
  ScratchDir scratch;
  const auto example = scratch / "example";
  run_ok({"bash", PRHOST_SOURCE_DIR "/scripts/make-example-repo.sh", example.string()}, scratch.path());
  write_file(scratch / "bounded.toml", "[compare]\nmax-pairs = 10\n");
  const std::map<std::string, std::string> env{{"TMPDIR", scratch.path().string()},
                                               {"PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1"},
                                               {"PYTEST_ADDOPTS", "-p pytest_benchmark.plugin"}};

  const auto bounded = (scratch / "bounded.toml").string();
  const auto result =
      run_prhost({"--config", bounded, "-C", example.string(), "prepare", "--json"}, scratch.path(), env);
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.err;
  const auto report = json::parse(result.out);
  ASSERT_EQ(report["optimizations"].size(), 4U) << report.dump(2);
  const auto all = domains_of(report, "");
  for (const auto* domain : {"cpu", "mem", "async", "struct"}) EXPECT_EQ(all.count(domain), 1U) << domain;

  int not_ready = 0;
  for (const auto& optimization : report["optimizations"]) {
    if (optimization["status"] != "ready") ++not_ready;
    const auto& domains = optimization["domains"];
    if (std::find(domains.begin(), domains.end(), "struct") != domains.end() && optimization["status"] == "ready") {
      // A class layout runs no line in a call: ready only with that said
      // (0/0, bench's note) and the instances equal at both refs.
      const auto& benchmark = optimization["benchmarks"][0];
      EXPECT_TRUE(contains(benchmark.value("coverage", std::string()), "(0/0): the class layout change"))
          << optimization.dump(2);
      EXPECT_EQ(benchmark["equivalent"], true) << optimization.dump(2);
    }
    EXPECT_EQ(optimization["unit_tests"]["state"], "passed") << optimization.dump(2);
  }
  EXPECT_GE(not_ready, 1) << "the example keeps an optimization that must not be ready\n" << report.dump(2);

  std::size_t bodies = 0;
  for (const auto& entry : std::filesystem::directory_iterator(example / ".codeflash")) {
    const auto name = entry.path().filename().string();
    if (!name.starts_with("pr-body-") || entry.path().extension() != ".md") continue;
    ++bodies;
    const auto body = read_file(entry.path());
    EXPECT_FALSE(contains(body, "{{")) << name << "\n" << body;
    EXPECT_TRUE(std::regex_search(body, std::regex("— \\d+ cores, [0-9.]+ GiB RAM, Python 3\\.\\d+\\.\\d+, pip \\d+")))
        << name << ": platform line\n"
        << body;
    EXPECT_TRUE(contains(body, "- [x] Existing unit tests pass (4 passed)")) << name << "\n" << body;
    EXPECT_TRUE(states_the_effect(body)) << name << ": a number with its interval, or inconclusive\n" << body;
  }
  EXPECT_EQ(bodies, report["optimizations"].size()) << "one PR body per optimization";
  for (const auto& optimization : report["optimizations"]) {
    const auto path = optimization.value("pr_body", std::string());
    EXPECT_TRUE(!path.empty() && std::filesystem::exists(example / path)) << optimization.dump(2);
  }

  // The demo prints the report table and where one PR body is. The same
  // settings find the stored results (max-pairs is part of their key).
  const auto table = run_prhost({"--config", bounded, "-C", example.string(), "report"}, scratch.path(), env);
  EXPECT_TRUE(contains(table.out, "| # | Optimization | Benchmark | Compare | PR body | Status |")) << table.out;
  EXPECT_TRUE(contains(table.out, "⚠ outside the measured interval") || contains(table.out, "inside the measured"))
      << "HANDOFF.md's claims beside the measurements\n"
      << table.out;
}

}  // namespace
}  // namespace prhost::testing

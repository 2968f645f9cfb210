// Merging HANDOFF.md, results.tsv and commit subjects on real repositories,
// then completing the rows with files, functions, domains and benchmarks.
#include "inventory/inventory_builder.hpp"

#include <gtest/gtest.h>

#include "plugin_vocabulary.hpp"

#include "inventory/inventory_enricher.hpp"
#include "inventory/inventory_render.hpp"
#include "services/process_runner.hpp"
#include "test_support.hpp"

namespace prhost::inventory {
namespace {

using testing::GitRepo;

const std::string kItemsV1 = R"(class InlineTable:
    def __init__(self, items):
        self.items = items

    def as_string(self):
        out = ""
        for key, value in self.items:
            out += f"{key} = {value}, "
        return "{" + out + "}"


def parse_rows(text):
    rows = []
    for line in text.splitlines():
        rows.append(line.split(","))
    return rows
)";

// A project with three optimizations and some noise around them.
struct Project {
  GitRepo repo;
  std::string as_string_sha;
  std::string parse_rows_sha;
  std::string discarded_sha;
  std::string reverted_sha;
  std::string struct_sha;

  Project() {
    repo.write("src/tomlish/__init__.py", "");
    repo.write("src/tomlish/items.py", kItemsV1);
    repo.write("pyproject.toml", "[project]\nname = \"tomlish\"\n");
    repo.commit("Initial import");

    std::string v2 = kItemsV1;
    v2.replace(v2.find("        out = \"\"\n"),
               std::string("        out = \"\"\n        for key, value in self.items:\n            out += f\"{key} = "
                           "{value}, \"\n        return \"{\" + out + \"}\"\n")
                   .size(),
               "        return \"{\" + \", \".join(f\"{k} = {v}\" for k, v in self.items) + \"}\"\n");
    repo.write("src/tomlish/items.py", v2);
    as_string_sha = repo.commit("Join InlineTable items in one pass");

    std::string v3 = v2;
    v3.replace(v3.find("    rows = []\n"),
               std::string("    rows = []\n    for line in text.splitlines():\n        "
                           "rows.append(line.split(\",\"))\n    return rows\n")
                   .size(),
               "    return [line.split(\",\") for line in text.splitlines()]\n");
    repo.write("src/tomlish/items.py", v3);
    parse_rows_sha = repo.commit("mem: build parse_rows result in one comprehension");

    repo.write("src/tomlish/cache.py", "CACHE = {}\n");
    discarded_sha = repo.commit("cpu: cache parsed keys");

    repo.write("src/tomlish/slots.py", "class Item:\n    __slots__ = ('value',)\n");
    reverted_sha = repo.commit("struct: add slots to Item");
    repo.git({"revert", "--no-edit", reverted_sha});

    repo.write("src/tomlish/table.py", "def lookup(table, key):\n    return table.get(key)\n");
    struct_sha = repo.commit("struct: dict lookup in table");
    repo.write("README.md", "# tomlish\n");
    repo.commit("docs: readme");
  }
};

InventoryInputs inputs_with(std::optional<std::string> handoff, std::optional<std::string> results = std::nullopt) {
  InventoryInputs inputs;
  inputs.known_domains = default_plugin_vocabulary();
  inputs.handoff_text = std::move(handoff);
  inputs.results_text = std::move(results);
  return inputs;
}

std::vector<std::string> shas(const Inventory& inventory) {
  std::vector<std::string> out;
  for (const auto& optimization : inventory.optimizations) out.push_back(optimization.commit.sha);
  return out;
}

TEST(InventoryBuilder, MergesHandoffResultsAndSubjectsByFullSha) {
  Project project;
  const std::string handoff = "# Hand-off\n\n## Optimizations committed\n\n1. **" + project.as_string_sha.substr(0, 7) +
                              "**: Build `InlineTable.as_string` with one join (cpu)\n2. **" +
                              project.parse_rows_sha.substr(0, 10) + "**: one comprehension in parse_rows\n3. **" +
                              project.as_string_sha +
                              "**: duplicate mention\n4. **abcdef0123**: never committed\n\n"
                              "## Discarded experiments\n\n- " +
                              project.discarded_sha.substr(0, 8) + ": caching keys, no gain\n";
  const std::string results =
      "experiment\tstatus\tpattern\ttarget\tbefore\tafter\timprovement\ttimestamp\tcommit\n"
      "comprehension\tkeep\tmem\ttomlish.items:parse_rows\t1\t1\t1\t1\t" +
      project.parse_rows_sha + "\n";
  const auto repository = git::Repository::open(project.repo.root());
  const auto inventory = build_inventory(repository, inputs_with(handoff, results));

  // Oldest first; the discarded `cpu:` commit and the reverted `struct:` one are left out.
  EXPECT_EQ(shas(inventory),
            (std::vector<std::string>{project.as_string_sha, project.parse_rows_sha, project.struct_sha}));
  const auto& as_string = inventory.optimizations[0];
  EXPECT_EQ(as_string.number, 1);
  EXPECT_EQ(as_string.description, "Build InlineTable.as_string with one join");
  EXPECT_EQ(as_string.declared_domains, std::vector<std::string>{"cpu"});
  EXPECT_EQ(as_string.declared_by, ".codeflash/HANDOFF.md:5");
  ASSERT_EQ(as_string.sources.size(), 1U);  // the duplicate mention merged in the parser
  EXPECT_EQ(as_string.sources[0].line, 5);

  const auto& parse_rows = inventory.optimizations[1];
  EXPECT_EQ(parse_rows.description, "one comprehension in parse_rows");
  EXPECT_EQ(parse_rows.declared_domains, std::vector<std::string>{"mem"});
  ASSERT_EQ(parse_rows.sources.size(), 3U);  // HANDOFF.md, results.tsv and its `mem:` subject
  EXPECT_EQ(parse_rows.sources[0].kind, "handoff");
  EXPECT_EQ(parse_rows.sources[1].kind, "results.tsv");
  EXPECT_EQ(parse_rows.sources[1].line, 2);
  EXPECT_EQ(parse_rows.sources[2].kind, "commit");

  const auto& table = inventory.optimizations[2];
  EXPECT_EQ(table.description, "dict lookup in table");
  EXPECT_EQ(table.declared_domains, std::vector<std::string>{"struct"});
  EXPECT_EQ(table.declared_by, "commit subject");

  ASSERT_EQ(inventory.warnings.size(), 1U);
  EXPECT_EQ(inventory.warnings[0].file, ".codeflash/HANDOFF.md");
  EXPECT_EQ(inventory.warnings[0].line, 8);
  EXPECT_NE(inventory.warnings[0].message.find("abcdef0123 is not in this repository"), std::string::npos);
  ASSERT_EQ(inventory.notes.size(), 2U);
  EXPECT_NE(inventory.notes[0].find("reverted by"), std::string::npos);
  EXPECT_NE(inventory.notes[1].find("lists it under \"Discarded experiments\""), std::string::npos);
}

TEST(InventoryBuilder, WithoutHandoffUsesGitAloneAndSaysSo) {
  Project project;
  const auto repository = git::Repository::open(project.repo.root());
  const auto inventory = build_inventory(repository, inputs_with(std::nullopt));
  EXPECT_EQ(shas(inventory),
            (std::vector<std::string>{project.parse_rows_sha, project.discarded_sha, project.struct_sha}));
  EXPECT_FALSE(inventory.handoff_found);
  ASSERT_FALSE(inventory.notes.empty());
  EXPECT_NE(inventory.notes[0].find("no .codeflash/HANDOFF.md"), std::string::npos);
  EXPECT_EQ(inventory.commits_scanned, 8U);
}

TEST(InventoryBuilder, CommitsLimitAndHeadChooseTheWindow) {
  Project project;
  const auto repository = git::Repository::open(project.repo.root());
  auto inputs = inputs_with(std::nullopt);
  inputs.commits = 3;  // docs, struct table, revert
  EXPECT_EQ(shas(build_inventory(repository, inputs)), std::vector<std::string>{project.struct_sha});
  inputs.commits = 30;
  inputs.head = project.parse_rows_sha;
  EXPECT_EQ(shas(build_inventory(repository, inputs)), std::vector<std::string>{project.parse_rows_sha});
}

TEST(InventoryBuilder, CommitOffTheHeadBranchIsWarned) {
  Project project;
  project.repo.git({"checkout", "-q", "-b", "side", "HEAD~3"});
  project.repo.write("side.py", "def f():\n    return 1\n");
  const auto side = project.repo.commit("Side work");
  project.repo.git({"checkout", "-q", "main"});
  const auto repository = git::Repository::open(project.repo.root());
  const auto inventory = build_inventory(
      repository, inputs_with("## Optimizations committed\n- " + side.substr(0, 9) + " side speedup\n"));
  const auto row_it = std::find_if(inventory.optimizations.begin(), inventory.optimizations.end(),
                                   [&](const Optimization& o) { return o.commit.sha == side; });
  ASSERT_NE(row_it, inventory.optimizations.end());
  const auto& row = *row_it;
  EXPECT_FALSE(row.reachable_from_head);
  ASSERT_FALSE(inventory.warnings.empty());
  EXPECT_EQ(inventory.warnings.back().line, 2);
  EXPECT_NE(inventory.warnings.back().message.find("not in the history of HEAD"), std::string::npos);
}

TEST(InventoryBuilder, RejectsUnbornHeadAndUnknownHead) {
  GitRepo empty;
  const auto unborn = git::Repository::open(empty.root());
  try {
    build_inventory(unborn, inputs_with(std::nullopt));
    FAIL() << "expected InventoryError";
  } catch (const InventoryError& error) {
    EXPECT_EQ(error.kind(), InventoryError::Kind::UnbornHead);
    EXPECT_NE(std::string(error.what()).find("has no commits yet"), std::string::npos);
  }

  Project project;
  const auto repository = git::Repository::open(project.repo.root());
  auto inputs = inputs_with(std::nullopt);
  inputs.head = "feature/nope";
  try {
    build_inventory(repository, inputs);
    FAIL() << "expected InventoryError";
  } catch (const InventoryError& error) {
    EXPECT_EQ(error.kind(), InventoryError::Kind::UnknownHead);
    EXPECT_NE(std::string(error.what()).find("--head 'feature/nope' does not name a commit"), std::string::npos);
  }
}

TEST(InventoryEnricher, AddsFilesFunctionsDomainsAndBenchmarks) {
  Project project;
  project.repo.write("tests/benchmarks/test_items.py", "def test_benchmark_parse_rows(benchmark):\n    pass\n");
  project.repo.commit("bench: parse_rows");
  const auto repository = git::Repository::open(project.repo.root());
  auto inventory = build_inventory(
      repository, inputs_with("## Optimizations committed\n- " + project.as_string_sha.substr(0, 7) + ": join\n"));

  PrStatusLookup pull_requests(project.repo.root(), services::run_process, std::string("/nonexistent"));
  const BenchmarkIndex benchmarks(repository, inventory.head_sha, project.repo.root(), "tests/benchmarks");
  EnrichmentContext context;
  context.repository = &repository;
  context.project_root = project.repo.root();
  context.python = {"python3"};
  context.run_process = services::run_process;
  context.pull_requests = &pull_requests;
  context.benchmarks = &benchmarks;
  enrich_inventory(inventory, context);

  ASSERT_EQ(inventory.optimizations.size(), 4U);
  const auto& as_string = inventory.optimizations[0];
  ASSERT_EQ(as_string.files.size(), 1U);
  EXPECT_EQ(as_string.files[0].path(), "src/tomlish/items.py");
  ASSERT_EQ(as_string.functions.size(), 1U);
  EXPECT_EQ(as_string.functions[0].id(), "tomlish.items:InlineTable.as_string");
  EXPECT_TRUE(as_string.domains.empty());  // nothing declared, no classifier plugins here
  EXPECT_EQ(as_string.pr_status.text, "unknown: gh not available");
  EXPECT_EQ(as_string.pr_status.keyword, "as_string");
  EXPECT_EQ(as_string.benchmark_summary, "no");

  const auto& parse_rows = inventory.optimizations[1];
  EXPECT_EQ(parse_rows.functions.at(0).id(), "tomlish.items:parse_rows");
  EXPECT_EQ(parse_rows.domains, std::vector<std::string>{"mem"});
  EXPECT_EQ(parse_rows.benchmark_summary, "yes");
  EXPECT_EQ(parse_rows.benchmarks.at(0).at_head, "tests/benchmarks/test_items.py");

  // `cpu: cache parsed keys` adds a module-level dict: no function changed.
  const auto& cache = inventory.optimizations[2];
  EXPECT_TRUE(cache.functions.empty());
  EXPECT_EQ(cache.benchmark_summary, "n/a");
  EXPECT_EQ(cache.pr_status.keyword, cache.commit.short_sha);

  const auto table = render_markdown_table(inventory);
  EXPECT_NE(table.find("| # | Optimization | File(s) | Commit | Domain | PR status | Benchmark |"), std::string::npos);
  EXPECT_NE(table.find("| 1 | join — `tomlish.items:InlineTable.as_string` | src/tomlish/items.py | " +
                       as_string.commit.short_sha + " | unclassified | unknown: gh not available | no |"),
            std::string::npos)
      << table;
  const auto json = to_json(inventory);
  EXPECT_EQ(json["optimizations"][1]["functions"][0]["qualname"], "parse_rows");
  EXPECT_EQ(json["optimizations"][1]["domains"][0], "mem");
  EXPECT_EQ(json["optimizations"][0]["files"][0]["status"], "modified");
}

}  // namespace
}  // namespace prhost::inventory

// `prhost inventory` end to end: the real binary, the real default plugins,
// real git repositories holding a small Python package, the project's real
// interpreter. Only `gh` is a stand-in (a script first on PATH): it talks to
// GitHub.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

using nlohmann::json;

const std::string kItems = R"(import functools


class InlineTable:
    def __init__(self, items):
        self.items = items

    @functools.lru_cache(maxsize=None)
    def as_string(self):
        out = ""
        for key, value in self.items:
            out += f"{key} = {value}, "
        return "{" + out + "}"

    class Row:
        async def render(self, cells):
            text = ""
            for cell in cells:
                text += str(cell)
            return text


def parse_rows(text):
    def split(line):
        return line.split(",")

    rows = []
    for line in text.splitlines():
        rows.append(split(line))
    return rows
)";

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// A PATH whose `gh` answers `auth status` with `auth_exit` and `pr list` with
// `pr_list_json`; the rest of the system PATH follows.
std::map<std::string, std::string> env_with_fake_gh(const ScratchDir& bin, int auth_exit,
                                                    const std::string& pr_list_json = "[]") {
  write_file(bin / "answer.json", pr_list_json);
  write_file(bin / "gh",
             "#!/bin/sh\n"
             "if [ \"$1\" = auth ]; then exit " +
                 std::to_string(auth_exit) +
                 "; fi\n"
                 "if [ \"$1\" = pr ]; then cat \"" +
                 (bin / "answer.json").string() + "\"; exit 0; fi\nexit 9\n");
  ::chmod((bin / "gh").c_str(), 0755);
  const char* path = std::getenv("PATH");
  return {{"PATH", bin.path().string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")}};
}

// The optimization branch a developer hands over: three kept optimizations
// (one only in git history), a discarded one, a benchmark, HANDOFF.md and
// results.tsv.
struct TomlishProject {
  GitRepo repo;
  std::string as_string_sha;
  std::string parse_rows_sha;
  std::string render_sha;
  std::string discarded_sha;
  std::string memory_sha;

  TomlishProject() {
    repo.write("pyproject.toml",
               "[project]\nname = \"tomlish\"\nversion = \"0.1.0\"\n\n[tool.codeflash]\n"
               "benchmarks-root = \"tests/perf\"\n");
    repo.write("src/tomlish/__init__.py", "");
    repo.write("src/tomlish/items.py", kItems);
    repo.write("docs/notes.txt", "old notes\n");
    repo.commit("Initial import");

    std::string items = kItems;
    replace_once(
        items,
        "        out = \"\"\n        for key, value in self.items:\n            out += f\"{key} = {value}, \"\n"
        "        return \"{\" + out + \"}\"\n",
        "        return \"{\" + \", \".join(f\"{k} = {v}\" for k, v in self.items) + \"}\"\n");
    repo.write("src/tomlish/items.py", items);
    // The same commit adds a binary fixture and deletes the old notes.
    repo.write("tests/data/table.bin", std::string("\0\x01\x02\xff\xfe binary", 12));
    std::filesystem::remove(repo.root() / "docs/notes.txt");
    as_string_sha = repo.commit("Join InlineTable items in one pass");

    replace_once(
        items, "    rows = []\n    for line in text.splitlines():\n        rows.append(split(line))\n    return rows\n",
        "    return [split(line) for line in text.splitlines()]\n");
    replace_once(items, "        return line.split(\",\")\n", "        return line.split(\",\", 1)\n");
    repo.write("src/tomlish/items.py", items);
    parse_rows_sha = repo.commit("Build parse_rows in one comprehension");

    replace_once(items,
                 "            text = \"\"\n            for cell in cells:\n                text += str(cell)\n"
                 "            return text\n",
                 "            return \"\".join(map(str, cells))\n");
    repo.write("src/tomlish/items.py", items);
    render_sha = repo.commit("cpu: join cells in Row.render");

    repo.write("src/tomlish/cache.py", "CACHE = {}\n");
    discarded_sha = repo.commit("cpu: cache parsed keys");

    repo.write("src/tomlish/reader.py",
               "def read(path):\n    with open(path) as handle:\n        return handle.read()\n");
    repo.commit("Add reader");
    repo.write(
        "src/tomlish/reader.py",
        "def read(path):\n    with open(path) as handle:\n        for line in handle:\n            yield line\n");
    memory_sha = repo.commit("Reduce peak memory of read with a generator instead of list");

    repo.write("tests/perf/test_items.py", "def test_benchmark_as_string(benchmark):\n    pass\n");
    repo.commit("bench: as_string");
    repo.write("README.md", "# tomlish\n");
    repo.commit("docs: readme");

    repo.write(".codeflash/HANDOFF.md", R"(# Optimization hand-off: tomlish

Baseline was main at the time (see `git log`).

## Optimizations committed

1. **)" + as_string_sha.substr(0, 7) + R"(**: Build `InlineTable.as_string` with one `str.join` (cpu)
2. **deadbeef12**: a commit that never made it into this clone

| # | Optimization | Commit | Domain |
|---|---|---|---|
| 1 | Build as_string with one join | `)" + as_string_sha.substr(0, 9) +
                                            R"(` | cpu |
| 3 | Comprehension in parse_rows | `)" + parse_rows_sha.substr(0, 8) +
                                            R"(` | mem+cpu |

## Discarded experiments

- )" + discarded_sha.substr(0, 8) + R"(: caching parsed keys, no gain

## Files modified

- src/tomlish/items.py
)");
    repo.write(".codeflash/results.tsv",
               "experiment\tstatus\tpattern\ttarget\tbefore\tafter\timprovement\ttimestamp\tcommit\n"
               "comprehension\tkeep\tlistcomp\ttomlish.items:parse_rows\t10ms\t7ms\t-30%\t2024-05-01\t" +
                   parse_rows_sha +
                   "\n"
                   "slots\tdiscard\tslots\ttomlish.items:InlineTable\t1\t1\t0%\t2024-05-01\t\n"
                   "generator-read\tkeep\tgenerator\ttomlish.reader:read\t80MiB\t1MiB\t-98%\t2024-05-02\t" +
                   memory_sha + "\n");
  }
};

json inventory_json(const std::filesystem::path& root, const std::vector<std::string>& extra = {},
                    const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> args{"inventory", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto result = run_prhost(args, root, env);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  try {
    return json::parse(result.out);
  } catch (const json::exception& error) {
    ADD_FAILURE() << "not JSON: " << error.what() << "\n" << result.out << "\n" << result.err;
    return json::object();
  }
}

std::vector<std::string> function_ids(const json& row) {
  std::vector<std::string> ids;
  for (const auto& function : row["functions"]) ids.push_back(function["id"]);
  return ids;
}

const json* file_entry(const json& row, const std::string& path) {
  for (const auto& file : row["files"]) {
    if (file["path"] == path) return &file;
  }
  return nullptr;
}

TEST(InventoryE2E, RealisticProjectGivesEveryRow) {
  TomlishProject project;
  ScratchDir bin;
  const auto doc = inventory_json(project.repo.root(), {}, env_with_fake_gh(bin, /*auth_exit=*/1));
  const auto& rows = doc["optimizations"];
  ASSERT_EQ(rows.size(), 4U) << doc.dump(2);

  // 1: HANDOFF.md (list + table, merged), a method with a decorator, cpu.
  const auto& as_string = rows[0];
  EXPECT_EQ(as_string["sha"], project.as_string_sha);
  EXPECT_EQ(as_string["short_sha"], project.as_string_sha.substr(0, as_string["short_sha"].get<std::string>().size()));
  EXPECT_EQ(as_string["description"], "Build InlineTable.as_string with one str.join");
  EXPECT_EQ(function_ids(as_string), std::vector<std::string>{"tomlish.items:InlineTable.as_string"});
  EXPECT_EQ(as_string["functions"][0]["is_method"], true);
  EXPECT_EQ(as_string["functions"][0]["decorators"][0], "functools.lru_cache(maxsize=None)");
  EXPECT_EQ(as_string["domains"], json::array({"cpu"}));
  EXPECT_EQ(as_string["pr_status"]["text"], "unknown: gh not available");
  EXPECT_EQ(as_string["benchmark"]["summary"], "yes");
  EXPECT_EQ(as_string["benchmark"]["functions"][0]["at_head"], "tests/perf/test_items.py");
  const auto* binary = file_entry(as_string, "tests/data/table.bin");
  ASSERT_NE(binary, nullptr);
  EXPECT_EQ((*binary)["binary"], true);
  const auto* deleted = file_entry(as_string, "docs/notes.txt");
  ASSERT_NE(deleted, nullptr);
  EXPECT_EQ((*deleted)["status"], "deleted");
  ASSERT_EQ(as_string["sources"].size(), 1U);
  EXPECT_EQ(as_string["sources"][0]["line"], 7);

  // 2: HANDOFF.md table + results.tsv; a function and its nested helper; two domains.
  const auto& parse_rows = rows[1];
  EXPECT_EQ(parse_rows["sha"], project.parse_rows_sha);
  EXPECT_EQ(function_ids(parse_rows),
            (std::vector<std::string>{"tomlish.items:parse_rows", "tomlish.items:parse_rows.<locals>.split"}));
  EXPECT_EQ(parse_rows["domains"], json::array({"cpu", "mem"}));
  EXPECT_EQ(parse_rows["sources"].size(), 2U);
  EXPECT_EQ(parse_rows["benchmark"]["summary"], "no");
  EXPECT_EQ(parse_rows["benchmark"]["functions"].size(), 1U);  // the nested helper needs no benchmark of its own

  // 3: only in git history (`cpu:` subject); an async method of a nested class.
  const auto& render = rows[2];
  EXPECT_EQ(render["sha"], project.render_sha);
  EXPECT_EQ(render["description"], "join cells in Row.render");
  EXPECT_EQ(function_ids(render), std::vector<std::string>{"tomlish.items:InlineTable.Row.render"});
  EXPECT_EQ(render["functions"][0]["is_async"], true);
  EXPECT_EQ(render["domains"], json::array({"cpu"}));

  // 4: from results.tsv, no domain declared anywhere: the mem plugin's
  // classifier decides from the subject.
  const auto& memory = rows[3];
  EXPECT_EQ(memory["sha"], project.memory_sha);
  EXPECT_EQ(function_ids(memory), std::vector<std::string>{"tomlish.reader:read"});
  EXPECT_NE(std::find(memory["domains"].begin(), memory["domains"].end(), "mem"), memory["domains"].end())
      << memory.dump(2);
  EXPECT_FALSE(memory["domain_reasons"].empty());

  // The discarded commit is left out, the unknown SHA is a warning with its line.
  for (const auto& row : rows) EXPECT_NE(row["sha"], project.discarded_sha);
  bool warned = false;
  for (const auto& warning : doc["warnings"]) {
    if (warning["file"] == ".codeflash/HANDOFF.md" && warning["line"] == 8) {
      warned = true;
      EXPECT_NE(warning["message"].get<std::string>().find("deadbeef12 is not in this repository"), std::string::npos);
    }
  }
  EXPECT_TRUE(warned) << doc["warnings"].dump(2);
  EXPECT_EQ(doc["benchmarks_root"]["path"], "tests/perf");
  EXPECT_EQ(doc["head"]["sha"], project.repo.git({"rev-parse", "HEAD"}));
}

TEST(InventoryE2E, MarkdownTableAndWarningsOnStderr) {
  TomlishProject project;
  ScratchDir bin;
  const auto result = run_prhost({"inventory"}, project.repo.root(), env_with_fake_gh(bin, 1));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(
      result.out.starts_with("| # | Optimization | File(s) | Commit | Domain | PR status | Benchmark |\n"
                             "|---|---|---|---|---|---|---|\n"))
      << result.out;
  const auto short_sha = project.repo.git({"rev-parse", "--short", project.as_string_sha});
  EXPECT_NE(
      result.out.find("| 1 | Build InlineTable.as_string with one str.join — `tomlish.items:InlineTable.as_string` | "
                      "docs/notes.txt (deleted), src/tomlish/items.py, tests/data/table.bin (binary) | " +
                      short_sha + " | cpu | unknown: gh not available | yes |"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("| cpu+mem |"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("warning: .codeflash/HANDOFF.md:8: commit deadbeef12 is not in this repository"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("lists it under \"Discarded experiments\""), std::string::npos) << result.err;
}

TEST(InventoryE2E, PullRequestsFoundByGh) {
  TomlishProject project;
  ScratchDir bin;
  const auto doc = inventory_json(
      project.repo.root(), {},
      env_with_fake_gh(bin, 0, R"([{"number":7,"state":"OPEN","title":"perf: as_string","url":"https://x/pull/7"}])"));
  const auto& status = doc["optimizations"][0]["pr_status"];
  EXPECT_EQ(status["state"], "found");
  EXPECT_EQ(status["text"], "#7 open");
  EXPECT_EQ(status["keyword"], "as_string");
  EXPECT_EQ(status["pull_requests"][0]["url"], "https://x/pull/7");
}

TEST(InventoryE2E, WithoutHandoffTheInventoryComesFromGitAlone) {
  TomlishProject project;
  std::filesystem::remove_all(project.repo.root() / ".codeflash");
  ScratchDir bin;
  const auto doc = inventory_json(project.repo.root(), {}, env_with_fake_gh(bin, 1));
  std::vector<std::string> shas;
  for (const auto& row : doc["optimizations"]) shas.push_back(row["sha"]);
  // Only `<domain>:` subjects now, the discarded one included: nothing says
  // it was discarded.
  EXPECT_EQ(shas, (std::vector<std::string>{project.render_sha, project.discarded_sha}));
  EXPECT_EQ(doc["handoff"]["found"], false);
  ASSERT_FALSE(doc["notes"].empty());
  EXPECT_NE(doc["notes"][0].get<std::string>().find("no .codeflash/HANDOFF.md"), std::string::npos);
}

// Issue 8.7: test code is never a target, wherever the project keeps it, and
// a description keeps the dunder names it mentions.
TEST(InventoryE2E, TestCodeIsNeverATargetAndDunderNamesSurviveTheDescription) {
  GitRepo repo;
  repo.write("pyproject.toml",
             "[project]\nname = \"grid\"\nversion = \"0.1.0\"\n\n[tool.codeflash]\ntests-root = \"checks\"\n");
  const std::vector<std::string> files{"grid/table.py",      "tests/test_table.py", "grid/tests/helpers.py",
                                       "grid/test_utils.py", "conftest.py",         "checks/table_checks.py",
                                       "grid/table_test.py"};
  for (const auto& file : files) repo.write(file, "def work(rows):\n    return [r for r in rows]\n");
  repo.write("grid/__init__.py", "");
  repo.commit("initial");
  for (const auto& file : files) repo.write(file, "def work(rows):\n    return list(rows)\n");
  const auto sha = repo.commit("perf: copy rows with list()");
  repo.write(".codeflash/HANDOFF.md", "# Handoff\n\n## Optimizations committed\n\n1. **" + sha.substr(0, 10) +
                                          "**: faster Table.__getitem__ through list() (cpu)\n");
  const auto doc = inventory_json(repo.root());
  ASSERT_EQ(doc["optimizations"].size(), 1U) << doc.dump(2);
  const auto& row = doc["optimizations"][0];
  EXPECT_EQ(function_ids(row), (std::vector<std::string>{"grid.table:work"})) << row.dump(2);
  EXPECT_EQ(row["description"], "faster Table.__getitem__ through list()") << row.dump(2);
}

// Issue 8.2: a bare __slots__ commit lists the class; with a changed function
// beside it, the function is the target and the note says why.
TEST(InventoryE2E, AClassLayoutChangeIsATargetWhenNoFunctionChangedBesideIt) {
  GitRepo repo;
  repo.write("pyproject.toml", "[project]\nname = \"geo\"\nversion = \"0.1.0\"\n");
  repo.write("geo/__init__.py", "");
  const std::string init = "    def __init__(self, x):\n        self.x = x\n\n\ndef make(i):\n    return Point(i)\n";
  repo.write("geo/point.py", "class Point:\n" + init);
  repo.commit("initial");
  repo.write("geo/point.py", "class Point:\n    __slots__ = ('x',)\n\n" + init);
  repo.commit("struct: __slots__ on Point");
  repo.write("geo/point.py", "class Point:\n    __slots__ = ('x', 'y')\n\n" + init.substr(0, init.find("def make")) +
                                 "def make(i):\n    return Point(i + 0)\n");
  repo.commit("struct: one more slot, and make() adds nothing");
  const auto doc = inventory_json(repo.root());
  ASSERT_EQ(doc["optimizations"].size(), 2U) << doc.dump(2);
  const auto& bare = doc["optimizations"][0];  // oldest first
  EXPECT_EQ(function_ids(bare), (std::vector<std::string>{"geo.point:Point"})) << bare.dump(2);
  EXPECT_EQ(bare["functions"][0]["is_class"], true);
  const auto& with_function = doc["optimizations"][1];
  EXPECT_EQ(function_ids(with_function), (std::vector<std::string>{"geo.point:make"})) << with_function.dump(2);
  EXPECT_NE(with_function["functions_note"].get<std::string>().find("the layout change of geo.point:Point"),
            std::string::npos)
      << with_function.dump(2);
}

TEST(InventoryE2E, CommitsAndHeadChooseTheWindow) {
  TomlishProject project;
  std::filesystem::remove_all(project.repo.root() / ".codeflash");
  ScratchDir bin;
  const auto env = env_with_fake_gh(bin, 1);
  auto doc = inventory_json(project.repo.root(), {"--commits", "2"}, env);  // docs and bench only
  EXPECT_EQ(doc["commits_scanned"], 2);
  EXPECT_TRUE(doc["optimizations"].empty());
  doc = inventory_json(project.repo.root(), {"--head", project.render_sha.substr(0, 10)}, env);
  ASSERT_EQ(doc["optimizations"].size(), 1U);
  EXPECT_EQ(doc["optimizations"][0]["sha"], project.render_sha);
  EXPECT_EQ(doc["head"]["sha"], project.render_sha);
}

TEST(InventoryE2E, NotAGitRepositoryIsOneClearError) {
  ScratchDir plain;
  const auto result = run_prhost({"inventory"}, plain.path());
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("is not inside a git repository"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST(InventoryE2E, UnbornHeadIsOneClearError) {
  GitRepo empty;
  const auto result = run_prhost({"inventory"}, empty.root());
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("has no commits yet (HEAD is unborn)"), std::string::npos) << result.err;
}

TEST(InventoryE2E, ShallowCloneIsOneClearError) {
  TomlishProject project;
  ScratchDir clone_parent;
  run_ok({"git", "clone", "-q", "--depth", "1", "file://" + project.repo.root().string(),
          (clone_parent / "shallow").string()},
         clone_parent.path());
  const auto result = run_prhost({"inventory"}, clone_parent / "shallow");
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("is a shallow clone"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("git fetch --unshallow"), std::string::npos) << result.err;
}

TEST(InventoryE2E, UnknownHeadIsOneClearError) {
  TomlishProject project;
  const auto result = run_prhost({"inventory", "--head", "feature/missing"}, project.repo.root());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("--head 'feature/missing' does not name a commit"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace prhost::testing

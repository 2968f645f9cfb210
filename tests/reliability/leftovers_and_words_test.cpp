// Temporary paths carry their owner's pid and are swept once the owner is
// gone (issue 12, item 7), and the words prhost uses for failures are exact
// (item 8), on the real binary.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "reliability_project.hpp"
#include "util/temp_path.hpp"

namespace prhost::testing {
namespace {

// A pid that named a process a moment ago and names none now.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

std::vector<std::string> entries_of(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  return names;
}

using Leftovers = ReliabilityProject;

TEST_F(Leftovers, EveryKindOfTemporaryPathOfADeadPrhostIsSweptAndALiveOwnersAreKept) {
  const auto dead = std::to_string(dead_pid());
  const std::vector<std::string> files{"prhost-out-", "prhost-err-", "prhost-codeflash-md-", "prhost-probe-err-"};
  const std::vector<std::string> dirs{"prhost-plugin-", "prhost-codeflash-", "prhost-run-", "prhost-checkouts-",
                                      "prhost-helper-"};
  for (const auto& prefix : files) write_file(tmp / (prefix + dead + "-a1B2c3"), "left by a SIGKILL");
  for (const auto& prefix : dirs) write_file(tmp / (prefix + dead + "-a1B2c3") / "inside" / "file", "left");
  const auto live = tmp / ("prhost-out-" + std::to_string(::getpid()) + "-a1B2c3");
  write_file(live, "this test is alive");
  const auto result = prhost({"plugins", "--json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(entries_of(tmp.path()), std::vector<std::string>{live.filename().string()});
}

TEST_F(Leftovers, EveryTemporaryPathAPrhostRunMakesCarriesItsPid) {
  write_benchmark("    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  SpawnedPrhost run({"compare", base_sha, head_sha, "--backend", "codeflash"}, repo.root(), env());
  ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(marker()); }, std::chrono::seconds(120))) << run.err();
  const auto names = entries_of(tmp.path());
  run.signal(SIGINT);
  EXPECT_EQ(run.wait(std::chrono::seconds(60)), 130) << run.err();
  EXPECT_GE(names.size(), 4U) << "out, err, codeflash-md, codeflash and run were expected";
  for (const auto& name : names) {
    EXPECT_EQ(util::temp_owner_pid(name), run.pid()) << name << " does not name its owner";
  }
  // codeflash's $TMPDIR/codeflash went into prhost's own run directory.
  EXPECT_FALSE(std::filesystem::exists(tmp / "codeflash"));
  expect_nothing_left_behind();
}

using Words = ReliabilityProject;

TEST_F(Words, ABenchmarkKilledBySigsegvIsNamedBySignalNotByExitCode) {
  write_benchmark("    os.kill(os.getpid(), signal.SIGSEGV)\n");
  const auto result = prhost({"compare", base_sha, head_sha, "--backend", "builtin"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("killed by SIGSEGV"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("exit code 139"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("exit code 11"), std::string::npos) << result.err;
}

// Every `prhost bench --option` the timeout advice names, checked against
// what `prhost bench --help` offers.
TEST(BenchWords, TheTimeoutAdviceNamesOnlyOptionsBenchHas) {
  GitRepo repo;
  repo.write("pyproject.toml", "[project]\nname = \"crunch\"\nversion = \"0.1.0\"\n");
  repo.write("crunch/__init__.py", "");
  // Hangs only in bench's validation run (the probe's request is in its
  // environment), so the unit tests and the recording pass.
  const std::string hang = "    if 'PRHOST_PROBE_REQUEST' in os.environ:\n        time.sleep(600)\n";
  repo.write("crunch/core.py", "import os, time\n\n\ndef crunch(n):\n" + hang + "    return sum(range(n))\n");
  repo.write("tests/test_core.py",
             "from crunch.core import crunch\n\n\ndef test_crunch():\n"
             "    assert crunch(10) == 45\n");
  repo.commit("Initial crunch");
  repo.write("crunch/core.py", "import os, time\n\n\ndef crunch(n):\n" + hang + "    return n * (n - 1) // 2\n");
  repo.commit("cpu: crunch in closed form");
  ScratchDir tmp;
  const auto result = run_prhost({"bench", "--timeout", "3"}, repo.root(), {{"TMPDIR", tmp.path().string()}});
  const std::string advice = "prhost bench --";
  const auto at = result.out.find(advice) != std::string::npos ? result.out.find(advice) : result.err.find(advice);
  const auto& text = result.out.find(advice) != std::string::npos ? result.out : result.err;
  ASSERT_NE(at, std::string::npos) << "no bench advice in:\n" << result.out << result.err;
  const auto help = run_prhost({"bench", "--help"}, repo.root());
  for (auto pos = at; pos != std::string::npos; pos = text.find(advice, pos + 1)) {
    const auto start = pos + advice.size() - 2;
    const auto option = text.substr(start, text.find_first_of(" `<", start) - start);
    EXPECT_NE(help.out.find(option), std::string::npos)
        << option << " is advised but `prhost bench` has no such option";
  }
  EXPECT_FALSE(std::filesystem::exists(repo.root() / ".benchmarks")) << "pytest-benchmark storage at the root";
}

TEST_F(Words, PluginsExitsOneWhenAPluginFailedToLoad) {
  const auto broken = std::string(PRHOST_FIXTURE_PLUGIN_DIR) + "/throwing";
  const auto result = prhost({"plugins", "--plugin-dir", broken});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("fixture-throwing"), std::string::npos) << result.out;
}

TEST_F(Words, JsonOnFailurePrintsAJsonErrorObjectOnStdout) {
  const auto result = prhost({"compare", "no-such-ref", head_sha, "--json"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  const auto error = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(error.is_discarded()) << "stdout is not JSON: " << result.out;
  EXPECT_EQ(error["error"]["kind"], "unknown_ref");
  EXPECT_EQ(error["error"]["exit_code"], 3);
  EXPECT_NE(error["error"]["message"].get<std::string>().find("no-such-ref"), std::string::npos);
}

TEST_F(Words, JsonOnABadCommandLinePrintsAJsonErrorObjectToo) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"compare", "--json"}, std::vector<std::string>{"frobnicate", "--json"}}) {
    const auto result = prhost(args);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    const auto error = nlohmann::json::parse(result.out, nullptr, false);
    ASSERT_FALSE(error.is_discarded()) << args[0] << ": stdout is not JSON: " << result.out;
    EXPECT_EQ(error["error"]["kind"], "usage");
    EXPECT_EQ(error["error"]["exit_code"], 2);
  }
}

TEST_F(Words, AnUnknownSubcommandIsNamedWithTheListOfCommands) {
  const auto result = prhost({"frobnicate"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("'frobnicate' is not a prhost command"), std::string::npos) << result.err;
  for (const auto* command : {"inventory", "bench", "doctor", "compare", "pr-body", "report", "prepare", "plugins"}) {
    EXPECT_NE(result.err.find(command), std::string::npos) << command << " missing from " << result.err;
  }
  EXPECT_EQ(result.err.find("A subcommand is required"), std::string::npos) << result.err;
}

TEST_F(Words, AMissingTmpdirIsAnEnvironmentErrorNamingTheVariable) {
  const auto missing = (scratch / "no-such-dir").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"inventory"}, std::vector<std::string>{"compare", base_sha, head_sha}}) {
    const auto result = run_prhost(args, repo.root(), {{"TMPDIR", missing}});
    EXPECT_EQ(result.exit_code, 4) << args[0] << ": " << result.err;
    EXPECT_NE(result.err.find(missing), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("TMPDIR"), std::string::npos) << result.err;
  }
}

// One HANDOFF.md that cannot be read as markdown per case, each with the
// words that say what it is.
struct BadHandoff {
  const char* name;
  void (*make)(const std::filesystem::path& handoff);
  const char* words;
};

const BadHandoff kBadHandoffs[] = {
    {"Binary",
     [](const std::filesystem::path& p) {
       write_file(p, std::string(4096, '\0') +
                         "\x7f"
                         "ELF");
     },
     "looks like a binary file (NUL bytes)"},
    {"Empty", [](const std::filesystem::path& p) { write_file(p, "\n  \n"); }, "is empty"},
    {"Directory", [](const std::filesystem::path& p) { std::filesystem::create_directories(p); },
     "is a directory, not a file"},
    {"Fifo", [](const std::filesystem::path& p) { ::mkfifo(p.c_str(), 0600); }, "is a fifo (named pipe)"},
    {"DanglingSymlink",
     [](const std::filesystem::path& p) { std::filesystem::create_symlink(p.parent_path() / "gone.md", p); },
     "which does not exist"},
    {"SymlinkToDevZero", [](const std::filesystem::path& p) { std::filesystem::create_symlink("/dev/zero", p); },
     "is a device, not a file"},
};

class BadHandoffFile : public ReliabilityProject, public ::testing::WithParamInterface<BadHandoff> {};

TEST_P(BadHandoffFile, GetsASpecificWarningNamingTheFileAndNeverHangs) {
  const auto handoff = repo.root() / ".codeflash" / "HANDOFF.md";
  std::filesystem::create_directories(handoff.parent_path());
  GetParam().make(handoff);
  const auto result = prhost({"inventory"});
  EXPECT_LT(result.elapsed.count(), 60'000);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(".codeflash/HANDOFF.md"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(GetParam().words), std::string::npos) << result.err;
}

INSTANTIATE_TEST_SUITE_P(EachKind, BadHandoffFile, ::testing::ValuesIn(kBadHandoffs),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace prhost::testing

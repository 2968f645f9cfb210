// Hostile plugins built from the SDK (tests/fixtures/plugins/), against the
// real prhost binary (issue 12.4): a plugin that aborts, segfaults, hangs,
// calls _Exit(0) or throws while registering is reported by name with what
// happened, the other plugins still load, every command keeps the meaning of
// its exit code, the first Ctrl-C ends a hanging probe, hostile strings never
// reach the terminal raw, and the probe cache keys on path, size and mtime.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_support.hpp"

extern char** environ;

namespace prhost::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string fixture_dir(const std::string& name) { return std::string(PRHOST_FIXTURE_PLUGIN_DIR) + "/" + name; }

std::vector<std::string> plugin_dirs(const std::vector<std::string>& cases) {
  std::vector<std::string> args;
  for (const auto& name : cases) args.insert(args.end(), {"--plugin-dir", fixture_dir(name)});
  return args;
}

const nlohmann::json* find_plugin(const nlohmann::json& listing, const std::string& name) {
  for (const auto& plugin : listing["plugins"]) {
    if (plugin["name"] == name) return &plugin;
  }
  return nullptr;
}

// No byte that could drive a terminal: ESC, BEL, other C0 controls but
// newline and tab, and 0xff (never valid UTF-8).
std::string raw_control_in(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f || byte == 0xff) {
      return fmt::format("raw byte 0x{:02x} at {} in: {}", byte, &c - text.data(), text);
    }
  }
  return "";
}

// A one-commit repository with a kept optimization, for commands other than `plugins`.
GitRepo small_project() {
  GitRepo repo;
  repo.write("pkg/__init__.py", "");
  repo.write("pkg/rows.py", "def parse_rows(lines):\n    return [l.split(',') for l in lines]\n");
  repo.commit("first");
  repo.write("pkg/rows.py", "def parse_rows(lines):\n    return [l.split(',', 1) for l in lines]\n");
  const auto sha = repo.commit("cpu: parse_rows splits once");
  repo.write(".codeflash/HANDOFF.md",
             "## Optimizations committed\n\n- " + sha.substr(0, 10) + ": parse_rows splits once\n");
  return repo;
}

const std::vector<std::string> kCrashing{"aborting", "segfaulting", "exiting", "throwing"};

TEST(HostilePlugins, EachIsReportedByNameWithWhatHappenedAndTheOthersLoad) {
  ScratchDir dir;
  auto args = std::vector<std::string>{"plugins", "--json"};
  for (const auto& arg : plugin_dirs({"aborting", "segfaulting", "hanging", "exiting", "throwing", "good"})) {
    args.push_back(arg);
  }
  const auto start = Clock::now();
  const auto result = run_prhost(args, dir.path());
  const auto took = Clock::now() - start;
  EXPECT_EQ(result.exit_code, 1) << "a plugin failed, so `prhost plugins` exits 1\n" << result.err;
  EXPECT_EQ(result.signal, 0);
  const auto listing = nlohmann::json::parse(result.out);
  const std::map<std::string, std::string> expected{
      {"fixture-aborting", "plugin 'fixture-aborting' crashed (aborted by SIGABRT)"},
      {"fixture-segfaulting", "plugin 'fixture-segfaulting' crashed (killed by SIGSEGV)"},
      {"fixture-hanging", "plugin 'fixture-hanging' hung (no answer within 5 s)"},
      {"fixture-exiting", "plugin 'fixture-exiting' ended the process itself (exit status 0)"},
      {"fixture-throwing", "plugin 'fixture-throwing' threw during registration: model registry is offline"},
  };
  for (const auto& [name, words] : expected) {
    const auto* plugin = find_plugin(listing, name);
    ASSERT_NE(plugin, nullptr) << name << " is not listed by its name: " << listing.dump(2);
    EXPECT_EQ((*plugin)["status"], "error");
    const auto error = (*plugin)["error"].get<std::string>();
    EXPECT_NE(error.find(words), std::string::npos) << error;
    EXPECT_NE(error.find(".so"), std::string::npos) << "the error names the file: " << error;
  }
  EXPECT_EQ((*find_plugin(listing, "fixture-good"))["status"], "loaded");
  EXPECT_EQ((*find_plugin(listing, "domain-mem"))["status"], "loaded");
  // Only the hang costs its timeout, once.
  EXPECT_LT(took, std::chrono::seconds(15));
}

TEST(HostilePlugins, CommandsKeepTheirOutputAndExitCodeAndNameEachFailedPlugin) {
  const auto repo = small_project();
  const auto baseline = run_prhost({"inventory", "--json"}, repo.root());
  ASSERT_FALSE(baseline.out.empty()) << baseline.err;
  auto args = std::vector<std::string>{"inventory", "--json"};
  for (const auto& arg : plugin_dirs(kCrashing)) args.push_back(arg);
  const auto hostile = run_prhost(args, repo.root());
  EXPECT_EQ(hostile.exit_code, baseline.exit_code) << hostile.err;
  EXPECT_EQ(hostile.signal, 0);
  EXPECT_EQ(nlohmann::json::parse(hostile.out), nlohmann::json::parse(baseline.out));
  for (const auto& name : kCrashing) {
    EXPECT_NE(hostile.err.find("plugin 'fixture-" + name + "'"), std::string::npos)
        << "stderr names fixture-" << name << ":\n"
        << hostile.err;
  }
}

// Runs prhost in its own process group (as a shell runs a foreground job),
// and returns its pid.
pid_t spawn_prhost(const std::vector<std::string>& args, const std::filesystem::path& cwd, const ScratchDir& home) {
  std::vector<std::string> argv{PRHOST_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> raw;
  for (auto& arg : argv) raw.push_back(arg.data());
  raw.push_back(nullptr);
  const std::string cache = "XDG_CACHE_HOME=" + (home / "cache").string();
  const std::string config = "XDG_CONFIG_HOME=" + (home / "config").string();
  std::vector<std::string> env_text{cache, config};
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).starts_with("XDG_")) continue;
    env_text.emplace_back(*e);
  }
  std::vector<char*> env;
  for (auto& entry : env_text) env.push_back(entry.data());
  env.push_back(nullptr);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (home / "stderr").c_str(), O_WRONLY | O_CREAT, 0644);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, raw[0], &actions, &attributes, raw.data(), env.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return pid;
}

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> children;
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  for (pid_t child = 0; in >> child;) children.push_back(child);
  return children;
}

bool alive(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto state = stat.rfind(") ");
  return !stat.empty() && state != std::string::npos && stat[state + 2] != 'Z';
}

TEST(HostilePlugins, FirstCtrlCDuringAHangingProbeEndsPrhostAndTheProbe) {
  ScratchDir dir;
  ScratchDir home;
  auto args = std::vector<std::string>{"plugins"};
  for (const auto& arg : plugin_dirs({"hanging"})) args.push_back(arg);
  const pid_t prhost = spawn_prhost(args, dir.path(), home);
  ASSERT_GT(prhost, 0);
  // Wait for the probe child (it ignores SIGINT and SIGTERM).
  std::vector<pid_t> probes;
  for (const auto deadline = Clock::now() + std::chrono::seconds(4); probes.empty() && Clock::now() < deadline;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    probes = children_of(prhost);
  }
  ASSERT_FALSE(probes.empty()) << "no probe child appeared";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto sent = Clock::now();
  ::kill(-prhost, SIGINT);  // what a terminal's Ctrl-C does: the whole foreground group
  int status = 0;
  pid_t waited = 0;
  while ((waited = ::waitpid(prhost, &status, WNOHANG)) == 0 && Clock::now() - sent < std::chrono::seconds(4)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (waited == 0) {
    ::kill(-prhost, SIGKILL);
    ::waitpid(prhost, &status, 0);
    FAIL() << "prhost ignored the first Ctrl-C during a hanging probe";
  }
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130)
      << "status " << status << ": " << read_file(home / "stderr");
  EXPECT_LT(Clock::now() - sent, std::chrono::seconds(2));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (const pid_t probe : probes) EXPECT_FALSE(alive(probe)) << "probe " << probe << " outlived prhost";
}

TEST(HostilePlugins, EscapeSequencesFromAPluginNeverReachTheTerminalRaw) {
  ScratchDir dir;
  const auto dirs = plugin_dirs({"escape-name", "escaping"});
  for (const auto& command :
       std::vector<std::vector<std::string>>{{"plugins"}, {"plugins", "--json"}, {"doctor", "--list"}}) {
    auto args = command;
    args.insert(args.end(), dirs.begin(), dirs.end());
    const auto result = run_prhost(args, dir.path());
    EXPECT_EQ(raw_control_in(result.out), "") << args[0];
    EXPECT_EQ(raw_control_in(result.err), "") << args[0];
    EXPECT_EQ(result.signal, 0);
  }
  auto args = std::vector<std::string>{"plugins", "--json"};
  args.insert(args.end(), dirs.begin(), dirs.end());
  const auto listing = nlohmann::json::parse(run_prhost(args, dir.path()).out);
  bool named_bad_name = false;
  for (const auto& plugin : listing["plugins"]) {
    const auto error = plugin.value("error", std::string());
    if (error.find("not a valid plugin name") != std::string::npos) {
      named_bad_name = true;
      EXPECT_NE(error.find("fixture-\\x1b[31mred"), std::string::npos) << "the bad name is shown escaped: " << error;
    }
  }
  EXPECT_TRUE(named_bad_name) << listing.dump(2);
  const auto* escaping = find_plugin(listing, "fixture-escaping");
  ASSERT_NE(escaping, nullptr);
  EXPECT_EQ((*escaping)["status"], "loaded");
  EXPECT_NE((*escaping)["description"].get<std::string>().find("\\x1b[2J"), std::string::npos) << *escaping;
}

TEST(HostilePlugins, DoctorShowsAHostileCheckResultEscaped) {
  const auto repo = small_project();
  auto args = std::vector<std::string>{"doctor"};
  for (const auto& arg : plugin_dirs({"escaping"})) args.push_back(arg);
  const auto result = run_prhost(args, repo.root());
  EXPECT_EQ(result.signal, 0);
  EXPECT_NE(result.out.find("\\x1b[2J"), std::string::npos) << "the check's result is shown, escaped:\n" << result.out;
  EXPECT_EQ(raw_control_in(result.out), "");
  EXPECT_EQ(raw_control_in(result.err), "");
}

int registrations(const std::filesystem::path& count_file) {
  std::ifstream in(count_file);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

// A probe runs registration in a child, the host once more: 2 lines for a
// probed run, 1 for a cached one.
TEST(HostilePlugins, ProbeCacheKeysOnPathSizeAndMtime) {
  ScratchDir dir;
  ScratchDir plugins;
  ScratchDir home;
  const auto library = plugins / "counting.so";
  std::filesystem::copy_file(fixture_dir("counting") + "/prhost-fixture-counting.so", library);
  const auto count_file = dir / "count";
  const std::map<std::string, std::string> env{{"PRHOST_FIXTURE_COUNT_FILE", count_file.string()},
                                               {"XDG_CACHE_HOME", (home / "cache").string()}};
  const std::vector<std::string> args{"plugins", "--plugin-dir", plugins.path().string()};
  ASSERT_EQ(run_prhost(args, dir.path(), env).exit_code, 0);
  EXPECT_EQ(registrations(count_file), 2) << "first run: probed, then loaded";
  ASSERT_EQ(run_prhost(args, dir.path(), env).exit_code, 0);
  EXPECT_EQ(registrations(count_file), 3) << "second run: the probe came from the cache";
  std::filesystem::last_write_time(library, std::filesystem::last_write_time(library) + std::chrono::seconds(5));
  ASSERT_EQ(run_prhost(args, dir.path(), env).exit_code, 0);
  EXPECT_EQ(registrations(count_file), 5) << "a new mtime is probed again";
  std::ofstream(library, std::ios::app) << '\0';  // one byte longer: still loads, new size
  ASSERT_EQ(run_prhost(args, dir.path(), env).exit_code, 0);
  EXPECT_EQ(registrations(count_file), 7) << "a new size is probed again";
}

}  // namespace
}  // namespace prhost::testing

// PR status through a fake `gh` first on PATH (gh talks to a server, so it is
// the one tool the tests replace) and the real process runner.
#include "inventory/pr_status.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "services/process_runner.hpp"
#include "test_support.hpp"

namespace prhost::inventory {
namespace {

using testing::ScratchDir;
using testing::write_file;

// Writes an executable `gh` into `dir` that records its arguments and answers
// `auth status` with `auth_exit` and `pr list` with `pr_list_output`.
void write_fake_gh(const std::filesystem::path& dir, int auth_exit, const std::string& pr_list_output,
                   int pr_list_exit = 0) {
  const auto script = dir / "gh";
  write_file(dir / "pr_list_output.json", pr_list_output);
  write_file(script,
             "#!/bin/sh\n"
             "echo \"$@\" >> \"" +
                 (dir / "calls.log").string() +
                 "\"\n"
                 "if [ \"$1\" = auth ]; then exit " +
                 std::to_string(auth_exit) +
                 "; fi\n"
                 "if [ \"$1\" = pr ] && [ \"$2\" = list ]; then\n"
                 "  if [ " +
                 std::to_string(pr_list_exit) + " -ne 0 ]; then echo 'no git remotes found' >&2; exit " +
                 std::to_string(pr_list_exit) +
                 "; fi\n"
                 "  cat \"" +
                 (dir / "pr_list_output.json").string() +
                 "\"; exit 0\n"
                 "fi\n"
                 "exit 9\n");
  ::chmod(script.c_str(), 0755);
}

std::string path_with(const std::filesystem::path& dir) { return dir.string() + ":/usr/bin:/bin"; }

TEST(PrStatus, ParsesGhPrListJson) {
  const auto prs = parse_gh_pr_list(
      R"([{"number":12,"state":"OPEN","title":"perf: join as_string","url":"https://github.com/o/r/pull/12"},
          {"number":9,"state":"MERGED","title":"mem: stream rows","url":"https://github.com/o/r/pull/9"}])");
  ASSERT_EQ(prs.size(), 2U);
  EXPECT_EQ(prs[0].number, 12);
  EXPECT_EQ(prs[0].state, "OPEN");
  EXPECT_EQ(prs[1].url, "https://github.com/o/r/pull/9");
  EXPECT_EQ(describe_pull_requests(prs), "#12 open, #9 merged");
  EXPECT_EQ(describe_pull_requests({}), "none");
  EXPECT_THROW(parse_gh_pr_list("gh: not logged in"), std::runtime_error);
}

TEST(PrStatus, WithoutGhOnPathTheStatusIsUnknownNotAnError) {
  ScratchDir empty;
  PrStatusLookup lookup(empty.path(), services::run_process, empty.path().string());
  const auto status = lookup.lookup("as_string");
  EXPECT_EQ(status.state, PrStatus::State::Unknown);
  EXPECT_EQ(status.text, "unknown: gh not available");
}

TEST(PrStatus, LoggedOutGhIsUnknown) {
  ScratchDir bin;
  write_fake_gh(bin.path(), /*auth_exit=*/1, "[]");
  PrStatusLookup lookup(bin.path(), services::run_process, path_with(bin.path()));
  EXPECT_EQ(lookup.lookup("as_string").text, "unknown: gh not available");
  // Only `gh auth status` ran: no search without a login.
  EXPECT_EQ(testing::read_file(bin / "calls.log"), "auth status\n");
}

TEST(PrStatus, FoundPullRequestsComeFromGhPrList) {
  ScratchDir bin;
  write_fake_gh(
      bin.path(), 0,
      R"([{"number":42,"state":"OPEN","title":"Speed up as_string","url":"https://github.com/o/r/pull/42"}])");
  PrStatusLookup lookup(bin.path(), services::run_process, path_with(bin.path()));
  const auto status = lookup.lookup("as_string");
  EXPECT_EQ(status.state, PrStatus::State::Found);
  EXPECT_EQ(status.text, "#42 open");
  EXPECT_EQ(status.keyword, "as_string");
  ASSERT_EQ(status.pull_requests.size(), 1U);
  EXPECT_EQ(status.pull_requests[0].title, "Speed up as_string");
  lookup.lookup("parse_table");
  EXPECT_EQ(testing::read_file(bin / "calls.log"),
            "auth status\n"
            "pr list --search as_string --state all --limit 20 --json number,state,title,url,baseRefName,headRefName,headRefOid\n"
            "pr list --search parse_table --state all --limit 20 --json number,state,title,url,baseRefName,headRefName,headRefOid\n");
}

TEST(PrStatus, NoMatchIsNoneAndAFailingSearchIsUnknownWithTheReason) {
  ScratchDir none_bin;
  write_fake_gh(none_bin.path(), 0, "[]\n");
  PrStatusLookup none(none_bin.path(), services::run_process, path_with(none_bin.path()));
  const auto status = none.lookup("as_string");
  EXPECT_EQ(status.state, PrStatus::State::None);
  EXPECT_EQ(status.text, "none");

  ScratchDir failing_bin;
  write_fake_gh(failing_bin.path(), 0, "[]", /*pr_list_exit=*/1);
  PrStatusLookup failing(failing_bin.path(), services::run_process, path_with(failing_bin.path()));
  EXPECT_EQ(failing.lookup("as_string").text, "unknown: gh pr list failed: no git remotes found");

  ScratchDir garbage_bin;
  write_fake_gh(garbage_bin.path(), 0, "<html>rate limited</html>");
  PrStatusLookup garbage(garbage_bin.path(), services::run_process, path_with(garbage_bin.path()));
  EXPECT_EQ(garbage.lookup("x").text, "unknown: gh printed something that is not JSON: <html>rate limited</html>");
}

}  // namespace
}  // namespace prhost::inventory

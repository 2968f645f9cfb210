// Coverage of the changed lines, base/head equivalence of fingerprints (each
// kind of value the probe cannot compare with ==), recorded-call parsing and
// choice, the last frame of a hang, submodule paths: all on recorded data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bench/call_recording.hpp"
#include "bench/probe.hpp"
#include "bench/recorded_inputs.hpp"
#include "bench/ref_checkouts.hpp"
#include "bench/run_evidence.hpp"

namespace prhost::bench {
namespace {

using nlohmann::json;
using Status = Equivalence::Status;

TEST(LineCoverage, CountsTheTargetsChangedCodeLinesOnly) {
  const std::string source = "def f(x):\n    # why\n    y = x\n\n    return y\n\ndef g():\n    return 1\n";
  // Changed: lines 2-5 (f) and 8 (g, outside the target).
  const auto coverage = changed_line_coverage("pkg/x.py", {{2, 5}, {8, 8}}, 1, 5, {3}, source);
  EXPECT_EQ(coverage.changed, 2);  // the comment and the blank line never run
  EXPECT_EQ(coverage.executed, 1);
  EXPECT_EQ(coverage.changed_text, "L3, L5");
  EXPECT_TRUE(coverage.reaches());
  const auto missed = changed_line_coverage("pkg/x.py", {{2, 5}}, 1, 5, {}, source);
  EXPECT_FALSE(missed.reaches());
  EXPECT_EQ(ranges_text({12, 13, 14, 30}), "L12–L14, L30");
}

TEST(Equivalence, SameValuesAgree) {
  const auto result = compare_fingerprints(json::parse("[1, \"a\", null]"), json::parse("[1, \"a\", null]"));
  EXPECT_EQ(result.status, Status::Same);
  EXPECT_NE(result.how.find("list of 3 items"), std::string::npos);
}

TEST(Equivalence, AStreamThatYieldsEveryItemTwiceIsDifferentAndQuotesBoth) {
  const auto base = json::parse(R"({"iter": [1, 2], "more": false})");
  const auto head = json::parse(R"({"iter": [1, 1, 2, 2], "more": false})");
  const auto result = compare_fingerprints(base, head);
  EXPECT_EQ(result.status, Status::Different);
  EXPECT_NE(result.base.find("[1,2]"), std::string::npos) << result.base;
  EXPECT_NE(result.head.find("[1,1,2,2]"), std::string::npos) << result.head;
  EXPECT_NE(result.how.find("2 vs 4 items"), std::string::npos) << result.how;
}

TEST(Equivalence, FloatsAgreeWithinATolerance) {
  EXPECT_EQ(
      compare_fingerprints(json::parse(R"({"float": 0.30000000000000004})"), json::parse(R"({"float": 0.3})")).status,
      Status::Same);
  EXPECT_EQ(compare_fingerprints(json::parse(R"({"float": 0.3})"), json::parse(R"({"float": 0.31})")).status,
            Status::Different);
}

TEST(Equivalence, UnorderedContainersCompareAsTheProbeSortedThem) {
  const auto set = json::parse(R"({"unordered": [1, 2, 3], "len": 3})");
  EXPECT_EQ(compare_fingerprints(set, set).status, Status::Same);
  EXPECT_EQ(compare_fingerprints(set, json::parse(R"({"unordered": [1, 2], "len": 2})")).status, Status::Different);
}

TEST(Equivalence, ObjectsCompareByAttributesWhateverTheirLayout) {
  // __slots__ at head, __dict__ at base: the probe reads both the same way.
  const auto base = json::parse(R"({"type": "pkg.Token", "attrs": {"kind": "text", "value": "a"}})");
  const auto head = json::parse(R"({"type": "pkg.Token", "attrs": {"kind": "text", "value": "a"}})");
  EXPECT_EQ(compare_fingerprints(base, head).status, Status::Same);
  const auto other = json::parse(R"({"type": "pkg.Token", "attrs": {"kind": "text", "value": "b"}})");
  EXPECT_EQ(compare_fingerprints(base, other).status, Status::Different);
}

TEST(Equivalence, ObjectsWithoutEqualityOrStateAreNotComparable) {
  const auto opaque = json::parse(R"([{"opaque": "pkg.Handle"}])");
  const auto result = compare_fingerprints(opaque, opaque);
  EXPECT_EQ(result.status, Status::NotComparable);
  EXPECT_NE(result.how.find("not comparable"), std::string::npos);
}

TEST(RecordedCalls, ParsesThePluginLinesAndSkipsBrokenOnes) {
  const auto calls = parse_recorded_calls(
      "{\"key\": \"0\", \"test\": \"t.py::a\", \"ordinal\": 1, \"code\": \"c1\", \"blob\": \"xyz\", \"size\": 40, "
      "\"mutates\": false, \"kind\": \"generator\"}\nnot json\n{\"key\": \"1\"}\n");
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].test, "t.py::a");
  EXPECT_EQ(calls[0].ordinal, 1);
  EXPECT_EQ(calls[0].kind, "generator");
  EXPECT_FALSE(calls[0].mutates);
}

RecordedCall call(const std::string& test, int ordinal, std::size_t size, bool mutates, const std::string& code) {
  RecordedCall recorded;
  recorded.key = "0";
  recorded.test = test;
  recorded.ordinal = ordinal;
  recorded.size = size;
  recorded.mutates = mutates;
  recorded.code = code;
  recorded.blob = "b";
  return recorded;
}

TEST(RecordedCalls, TheSameCallAtBothRefsBiggestFirstANonMutatingOneWithinAQuarterOfIt) {
  const std::vector<RecordedCall> head{call("t::a", 0, 250, true, "h"), call("t::b", 0, 50, false, "h"),
                                       call("t::c", 0, 70, false, "h"), call("t::only_head", 0, 9000, false, "h")};
  const std::vector<RecordedCall> base{call("t::a", 0, 250, true, "b"), call("t::b", 0, 50, false, "b"),
                                       call("t::c", 0, 60, false, "b")};
  std::string why;
  const auto choice = choose_recorded("0", head, base, why);
  ASSERT_TRUE(choice) << why;
  EXPECT_EQ(choice->head.test, "t::c");  // 70 is over a quarter of 250 and copies nothing per call
  auto bigger = head;
  bigger[0].size = 900;  // now the mutating call is over four times as big: its input matters more
  const auto big = choose_recorded("0", bigger, base, why);
  ASSERT_TRUE(big) << why;
  EXPECT_EQ(big->head.test, "t::a");
  EXPECT_EQ(choice->base.code, "b");  // base replays what base recorded, never head's pickle
  EXPECT_FALSE(choose_recorded("0", head, {}, why));
  EXPECT_NE(why.find("at base"), std::string::npos) << why;
}

TEST(ProbeReply, LastFrameOfAFaulthandlerDump) {
  const std::string dump =
      "Timeout (0:00:58)!\nThread 0x00007f (most recent call first):\n"
      "  File \"/x/anyio/_backends/_asyncio.py\", line 1234 in wait\n  File \"/x/bench.py\", line 9 in _main\n";
  EXPECT_EQ(last_frame_of(dump), "/x/anyio/_backends/_asyncio.py:1234 in wait");
  EXPECT_EQ(last_frame_of("no dump"), "");
  ProbeResult result;
  read_probe_reply(json::parse(R"({"lines": {"pkg/x.py": [3, 5]}, "fingerprint": [1], "calls": 1})"), result);
  EXPECT_TRUE(result.probed);
  EXPECT_EQ(result.lines["pkg/x.py"], (std::set<int>{3, 5}));
}

TEST(ProbeReply, UntracedCallTimeAndPeakAreReadWhenPresentOnly) {
  ProbeResult measured;
  read_probe_reply(json::parse(R"({"calls": 1, "call_ns": 1830, "peak_bytes": 4096})"), measured);
  EXPECT_EQ(measured.call_ns, 1830);
  EXPECT_EQ(measured.peak_bytes, 4096);
  ProbeResult failed_repeat;
  read_probe_reply(json::parse(R"({"calls": 1, "measure_error": "StopIteration: "})"), failed_repeat);
  EXPECT_FALSE(failed_repeat.call_ns.has_value());
  EXPECT_FALSE(failed_repeat.peak_bytes.has_value());
}

TEST(Implausible, ACallUnderAMicrosecondIsFlaggedWithItsTime) {
  const auto fast = implausible_measurement(120, std::nullopt, false);
  ASSERT_TRUE(fast.has_value());
  EXPECT_NE(fast->cause.find("0.12 µs per call"), std::string::npos) << fast->cause;
  EXPECT_TRUE(fast->too_fast);
  EXPECT_FALSE(implausible_measurement(kImplausibleCallNs, std::nullopt, false).has_value());
  EXPECT_FALSE(implausible_measurement(std::nullopt, std::nullopt, true).has_value()) << "unknown is not flagged";
}

TEST(Implausible, NoAllocationIsFlaggedOnlyWhereMemoryIsMeasuredAndBeforeTheTime) {
  const auto empty = implausible_measurement(50, 56, true);
  ASSERT_TRUE(empty.has_value());
  EXPECT_NE(empty->cause.find("allocates nothing measurable (one call's peak is 56 B)"), std::string::npos)
      << empty->cause;
  EXPECT_FALSE(empty->too_fast);
  EXPECT_FALSE(implausible_measurement(5000, 56, false).has_value()) << "a timing benchmark need not allocate";
  EXPECT_FALSE(implausible_measurement(5000, kImplausiblePeakBytes, true).has_value());
}

TEST(RefCheckouts, SubmodulePathsFromGitmodules) {
  const auto paths = submodule_paths(
      "[submodule \"tests/toml-test\"]\n\tpath = tests/toml-test\n\turl = https://x\n"
      "[submodule \"bad\"]\n\tpath = ../outside\n\tpathological = x\n");
  EXPECT_EQ(paths, (std::vector<std::string>{"tests/toml-test"}));
}

}  // namespace
}  // namespace prhost::bench

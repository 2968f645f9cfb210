// The timing worker's driver against scripted fake workers: real python3
// processes that speak the line protocol with answers written by each test
// (the fake ignores pytest's arguments), so what the driver does with a good
// session, a hang, a failing test, a crash and an unsupported session is
// tested without pytest.
#include "compare/measure/timing_worker.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <chrono>

#include "test_support.hpp"

namespace prhost::compare::measure {
namespace {

using namespace std::chrono_literals;
using testing::ScratchDir;
using testing::write_file;

// The protocol helpers every fake shares; `body` is the scripted session.
std::string fake_worker(const std::string& body) {
  return R"(import json, os, sys, time
def send(**event):
    sys.stdout.write(json.dumps(event) + "\n"); sys.stdout.flush()
def receive():
    line = sys.stdin.readline()
    if not line:
        sys.exit(3)
    return json.loads(line)
send(event="hello", pid=os.getpid(), hashseed=os.environ.get("PYTHONHASHSEED"))
)" + body;
}

class FakeWorker : public ::testing::Test {
 protected:
  WorkerStart start_with(const std::string& body, std::chrono::milliseconds timeout = 20s) {
    write_file(dir.path() / "fake_worker.py", fake_worker(body));
    WorkerStart start;
    start.target.checkout = dir.path();
    start.target.python = {"python3"};
    start.target.benchmark_files = {"tests/test_b.py"};
    start.target.timeout = timeout;
    start.target.ref = "base";
    start.script = dir.path() / "fake_worker.py";
    start.hashseed = 12345;
    return start;
  }
  ScratchDir dir;
};

TEST_F(FakeWorker, ServesOneBenchmarkAndEndsCleanly) {
  TimingWorker worker(start_with(R"(
send(event="benchmark", id="tests/test_b.py::test_a", function=os.environ["PYTHONHASHSEED"], module_file="/x/a.py")
request = receive(); assert request == {"op": "calibrate", "target_ns": 2000000}, request
send(event="calibrated", loops=7)
request = receive(); assert request == {"op": "time", "loops": 7, "samples": 2}, request
send(event="samples", ns=[1400, 1500], cpu_ns=[1300, 1450])
assert receive() == {"op": "next"}
send(event="done", exitstatus=0)
)"));
  const auto benchmark = worker.next_benchmark();
  ASSERT_TRUE(benchmark.has_value());
  EXPECT_EQ(benchmark->id, "tests/test_b.py::test_a");
  EXPECT_EQ(benchmark->function, "12345") << "PYTHONHASHSEED reaches the worker";
  EXPECT_EQ(benchmark->module_file, "/x/a.py");
  EXPECT_EQ(worker.calibrate(2'000'000), 7);
  const auto samples = worker.time(7, 2);
  EXPECT_EQ(samples.wall_ns, (std::vector<double>{1400, 1500}));
  EXPECT_EQ(samples.cpu_ns, (std::vector<double>{1300, 1450}));
  worker.release();
  EXPECT_FALSE(worker.next_benchmark().has_value());
}

TEST_F(FakeWorker, AWorkerThatDoesNotAnswerIsEndedAtTheTimeoutAndClassifiedAsOne) {
  TimingWorker worker(start_with("time.sleep(600)\n", 1500ms));
  const auto started = std::chrono::steady_clock::now();
  try {
    worker.next_benchmark();
    FAIL() << "a silent worker must fail";
  } catch (const WorkerFailed& failure) {
    EXPECT_EQ(failure.cause().cause_id, pytest::cause::kTimeout) << failure.cause().title;
    EXPECT_NE(failure.cause().detail.find("1s"), std::string::npos) << failure.cause().detail;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s) << "ended at the timeout, not at the sleep's end";
}

TEST_F(FakeWorker, AFailedTestIsClassifiedFromTheSessionOutputAfterDone) {
  TimingWorker worker(start_with(R"(
sys.stderr.write("ModuleNotFoundError: No module named 'numpy'\n")
send(event="test_failed", id="tests/test_b.py", when="collect", longrepr="ModuleNotFoundError")
send(event="done", exitstatus=2)
sys.exit(2)
)"));
  try {
    worker.next_benchmark();
    FAIL() << "a failed collection must fail the worker";
  } catch (const WorkerFailed& failure) {
    EXPECT_EQ(failure.cause().cause_id, pytest::cause::kMissingDependency) << failure.cause().detail;
    EXPECT_NE(failure.cause().detail.find("numpy"), std::string::npos) << failure.cause().detail;
  }
}

TEST_F(FakeWorker, AWorkerThatDiesMidAnswerIsReportedWithItsSignal) {
  TimingWorker worker(start_with(R"(
send(event="benchmark", id="tests/test_b.py::test_a", function="f", module_file=None)
receive()
os.kill(os.getpid(), 11)
)"));
  ASSERT_TRUE(worker.next_benchmark().has_value());
  try {
    worker.time(1, 1);
    FAIL() << "a crashed worker must fail";
  } catch (const WorkerFailed& failure) {
    const auto said = failure.cause().title + " / " + failure.cause().detail;
    EXPECT_NE(said.find("SIGSEGV"), std::string::npos) << said;
  }
}

TEST_F(FakeWorker, ASessionTheWorkerCannotTimeIsUnsupportedNotFailed) {
  TimingWorker worker(start_with(R"(
send(event="error", message="tests/test_b.py::test_a: its `benchmark` fixture comes from conftest")
receive()
)"));
  EXPECT_THROW(worker.next_benchmark(), WorkerUnsupported);
}

TEST_F(FakeWorker, AnAnswerOfTheWrongKindIsAProtocolError) {
  TimingWorker worker(start_with(R"(
send(event="benchmark", id="tests/test_b.py::test_a", function="f", module_file=None)
receive()
send(event="calibrated", loops=3)
receive()
)"));
  ASSERT_TRUE(worker.next_benchmark().has_value());
  try {
    worker.time(1, 1);
    FAIL() << "a calibrated answer to a time request must be refused";
  } catch (const WorkerFailed& failure) {
    EXPECT_EQ(failure.cause().title, "the timing worker broke its protocol");
    EXPECT_NE(failure.cause().detail.find("calibrated"), std::string::npos) << failure.cause().detail;
  }
}

}  // namespace
}  // namespace prhost::compare::measure

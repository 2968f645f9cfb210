#include "services/process_runner.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include <boost/filesystem.hpp>
#include <boost/process.hpp>

#include "util/temp_path.hpp"

namespace prhost::services {
namespace bp = boost::process;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

boost::filesystem::path resolve_executable(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return {program};
  }
  return bp::search_path(program);
}

}  // namespace

sdk::ProcessResult run_process(const sdk::ProcessRequest& request) {
  sdk::ProcessResult result;
  if (request.argv.empty()) {
    result.failed_to_start = true;
    result.err = "empty command";
    return result;
  }
  const auto executable = resolve_executable(request.argv.front());
  if (executable.empty() || !boost::filesystem::exists(executable)) {
    result.failed_to_start = true;
    result.err = request.argv.front() + ": command not found on PATH";
    return result;
  }

  // Output goes to files, not pipes: reading two pipes synchronously can
  // deadlock when the child fills the one we are not reading.
  const util::TempPath out_file = util::TempPath::file("prhost-out");
  const util::TempPath err_file = util::TempPath::file("prhost-err");

  bp::environment env = boost::this_process::environment();
  for (const auto& name : request.unset_env) {
    env.erase(name);
  }
  for (const auto& [name, value] : request.env) {
    env[name] = value;
  }
  const std::vector<std::string> args(request.argv.begin() + 1, request.argv.end());
  const std::string cwd = request.cwd.empty() ? std::filesystem::current_path().string() : request.cwd.string();

  const auto started = std::chrono::steady_clock::now();
  std::error_code launch_error;
  bp::group group;
  bp::child child(executable, bp::args(args), bp::start_dir(cwd), bp::env(env), bp::std_in<bp::null,
                  bp::std_out > out_file.path().string(), bp::std_err > err_file.path().string(), group,
                  launch_error);
  if (launch_error) {
    result.failed_to_start = true;
    result.err = request.argv.front() + ": " + launch_error.message();
    return result;
  }
  if (!child.wait_for(request.timeout)) {
    result.timed_out = true;
    std::error_code ignored;
    group.terminate(ignored);
    child.wait(ignored);
  } else {
    result.exit_code = child.exit_code();
    // Reap stragglers the child left in its group (daemonized helpers).
    std::error_code ignored;
    group.terminate(ignored);
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  result.out = slurp(out_file.path());
  result.err = slurp(err_file.path());
  return result;
}

}  // namespace prhost::services

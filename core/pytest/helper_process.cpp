#include "pytest/helper_process.hpp"

#include <fstream>

#include "services/exit_status.hpp"
#include "util/read_file.hpp"
#include "util/temp_path.hpp"

namespace prhost::pytest {
namespace {

void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string last_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const auto newline = text.rfind('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

}  // namespace

std::string command_text(const std::vector<std::string>& python) {
  std::string command;
  for (const auto& part : python) command += (command.empty() ? "" : " ") + part;
  return command;
}

std::string first_lines(std::string_view text, int count) {
  std::string out;
  std::size_t start = 0;
  for (int i = 0; i < count && start < text.size(); ++i) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out += (out.empty() ? "" : " | ") + std::string(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

tl::expected<HelperReply, std::string> run_python_helper(const HelperRun& run, const ProcessRunner& run_process) {
  const std::string command = command_text(run.python);
  if (run.python.empty()) return tl::make_unexpected(std::string("no project interpreter (no runner was chosen)"));
  if (run.modules.empty()) return tl::make_unexpected(std::string("no helper to run"));
  const auto dir = util::TempPath::directory("prhost-helper");
  nlohmann::json request = run.request;
  const auto reply_file = dir.path() / "reply.json";
  if (run.reply_in_file) request["reply_file"] = reply_file.string();
  try {
    for (const auto& module : run.modules) write_text(dir.path() / (module.name + ".py"), module.source);
    write_text(dir.path() / "request.json", request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (const std::exception& error) {
    return tl::make_unexpected(std::string(error.what()));
  }

  sdk::ProcessRequest process;
  process.argv = run.python;
  process.argv.push_back((dir.path() / (run.modules.front().name + ".py")).string());
  process.argv.push_back((dir.path() / "request.json").string());
  process.cwd = run.cwd;
  process.timeout = run.timeout;
  process.env = run.env;
  process.env.try_emplace("PYTHONDONTWRITEBYTECODE", "1");
  HelperReply reply;
  reply.process = run_process(process);
  const auto& outcome = reply.process;
  if (outcome.failed_to_start) return tl::make_unexpected("cannot start `" + command + "`: " + outcome.err);
  if (outcome.timed_out) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(run.timeout).count();
    return tl::make_unexpected("`" + command + "` did not " + run.what + " within " + std::to_string(seconds) + " s");
  }
  const auto text =
      run.reply_in_file ? util::read_text_file(reply_file) : std::optional<std::string>(last_line(outcome.out));
  if (outcome.exit_code != 0 && (!text || text->empty())) {
    return tl::make_unexpected("`" + command + "` could not " + run.what + " (" + services::describe_exit(outcome) +
                               "): " + first_lines(outcome.err, 5));
  }
  try {
    reply.reply = nlohmann::json::parse(text.value_or(""));
  } catch (const nlohmann::json::exception&) {
    return tl::make_unexpected("`" + command + "` printed something that is not the helper's JSON while trying to " +
                               run.what + ": " + first_lines(text.value_or(outcome.out), 3) +
                               (outcome.err.empty() ? "" : " (stderr: " + first_lines(outcome.err, 3) + ")"));
  }
  return reply;
}

}  // namespace prhost::pytest

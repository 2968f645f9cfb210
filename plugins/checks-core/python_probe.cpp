#include "checks-core/python_probe.hpp"

namespace prhost::plugins::checks_core {

sdk::ProcessResult run_python(const sdk::CheckContext& ctx, sdk::HostServices& services,
                              const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  sdk::ProcessRequest request;
  request.argv = ctx.python;
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.cwd = ctx.project.root;
  request.timeout = timeout;
  // A check only looks: no __pycache__ of conftest.py or a benchmark left behind.
  request.env["PYTHONDONTWRITEBYTECODE"] = "1";
  return services.run(request);
}

bool imports(const sdk::CheckContext& ctx, sdk::HostServices& services, const std::string& module, std::string* error) {
  const auto result = run_python(ctx, services, {"-c", "import " + module});
  if (!result.ok() && error != nullptr) *error = last_line(result.err.empty() ? result.out : result.err);
  return result.ok();
}

sdk::CheckResult no_environment(const sdk::CheckContext& ctx) {
  sdk::CheckResult result;
  result.status = sdk::CheckStatus::NotApplicable;
  result.message =
      "no project environment to look in" +
      (ctx.environment.missing_reason.empty() ? std::string() : " (" + ctx.environment.missing_reason + ")") +
      "; the runner's check says how to create it";
  return result;
}

std::string last_line(std::string_view text) {
  const std::size_t end = text.find_last_not_of("\r\n ");
  if (end == std::string_view::npos) return {};
  text = text.substr(0, end + 1);
  const std::size_t newline = text.rfind('\n');
  return std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));
}

std::string join(const std::vector<std::string>& words) {
  std::string joined;
  for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
  return joined;
}

}  // namespace prhost::plugins::checks_core

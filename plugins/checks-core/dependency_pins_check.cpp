// "core.dependency-pins": base and head are measured in one environment. When
// the two refs pin a dependency differently (a lock file, requirements, or
// pyproject), the installed version matches at most one of them, and the other
// ref runs with a version it was not written for: an import error in its
// checkout, or a difference that is the dependency's and not the change's.
// The check says which ref the environment matches and how to install the
// other ref's pin (`--no-deps`, so nothing else moves), applied only with --yes.
#include <string>
#include <vector>

#include "checks-core/checks_core_module.hpp"
#include "checks-core/dependency_pins.hpp"
#include "checks-core/python_probe.hpp"
#include "prhost/sdk/helpers/text.hpp"

namespace prhost::plugins::checks_core {
namespace {

constexpr std::size_t kMaxReported = 20;

// One line per name: "<name> <version>" or "<name> -" when it is not installed.
constexpr const char* kInstalledVersions = R"(import importlib.metadata as metadata, sys
for name in sys.argv[1:]:
    try:
        print(name, metadata.version(name))
    except Exception:
        print(name, "-")
)";

struct PinDifference {
  std::string package;
  std::string base;
  std::string head;
  std::string installed;  // "-" when not installed
};

std::vector<PinDifference> differences(const Pins& base, const Pins& head) {
  std::vector<PinDifference> found;
  for (const auto& [package, base_version] : base) {
    const auto at_head = head.find(package);
    if (at_head == head.end() || at_head->second == base_version) continue;
    found.push_back({package, base_version, at_head->second, "-"});
    if (found.size() == kMaxReported) break;
  }
  return found;
}

void read_installed(const sdk::CheckContext& ctx, sdk::HostServices& services, std::vector<PinDifference>& found) {
  std::vector<std::string> args{"-I", "-c", kInstalledVersions};
  for (const auto& difference : found) args.push_back(difference.package);
  const auto probe = run_python(ctx, services, args);
  for (const auto line : sdk::helpers::split(probe.out, '\n')) {
    const auto words = sdk::helpers::split_words(line);
    if (words.size() != 2) continue;
    for (auto& difference : found) {
      if (normalize_package_name(words[0]) == difference.package) difference.installed = std::string(words[1]);
    }
  }
}

std::string pin(const PinDifference& difference, const std::string& version) {
  return difference.package + "==" + version;
}

// What the environment means for each ref, and the install that fits the other.
std::string describe(const PinDifference& d, std::vector<std::string>& to_install) {
  const std::string pins = "base pins " + pin(d, d.base) + ", head pins " + pin(d, d.head);
  if (d.installed == d.head) {
    to_install.push_back(pin(d, d.base));
    return pins + "; installed " + d.installed + " matches head only, so base runs with head's version";
  }
  if (d.installed == d.base) {
    to_install.push_back(pin(d, d.head));
    return pins + "; installed " + d.installed + " matches base only, so head runs with base's version";
  }
  to_install.push_back(pin(d, d.head));
  return pins + "; installed " + (d.installed == "-" ? std::string("nothing") : d.installed) + " matches neither";
}

sdk::Repair install_repair(const sdk::CheckContext& ctx, const std::vector<std::string>& to_install) {
  std::vector<std::string> argv = ctx.environment.package_install;
  if (argv.empty()) {
    argv = ctx.python;
    argv.insert(argv.end(), {"-m", "pip", "install"});
  }
  argv.emplace_back("--no-deps");
  argv.insert(argv.end(), to_install.begin(), to_install.end());
  sdk::Repair repair;
  repair.summary = "install the other ref's pinned versions (--no-deps) to measure that ref with its own pins";
  repair.steps.emplace_back(sdk::ConfirmedCommandStep{
      sdk::Command{argv, ctx.project.root},
      "changes package versions in the project environment (the other ref then runs with these)"});
  return repair;
}

sdk::CheckResult run_dependency_pins_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  sdk::CheckResult result;
  result.status = sdk::CheckStatus::NotApplicable;
  if (ctx.base_ref.empty() || ctx.head_ref.empty()) {
    result.message = "no refs to compare here";
    return result;
  }
  const auto at = [&](const std::string& ref) {
    return pins_at_ref([&](const std::string& file) { return services.read_git_file(ref, file); });
  };
  const auto base = at(ctx.base_ref);
  const auto head = at(ctx.head_ref);
  if (!base || !head) {
    result.message = "no exact pins (uv.lock, poetry.lock, requirements*.txt, `==` in pyproject.toml) at both refs";
    return result;
  }
  auto found = differences(base->pins, head->pins);
  if (found.empty()) {
    result.status = sdk::CheckStatus::Ok;
    result.message = std::to_string(head->pins.size()) + " pins agree between base (" + base->file + ") and head (" +
                     head->file + ")";
    return result;
  }
  if (ctx.python.empty()) return no_environment(ctx);
  read_installed(ctx, services, found);
  std::vector<std::string> to_install;
  for (const auto& difference : found) result.hints.push_back(describe(difference, to_install));
  result.status = sdk::CheckStatus::Warning;
  result.message = std::to_string(found.size()) + (found.size() == kMaxReported ? "+" : "") +
                   " dependency pin(s) differ between base (" + base->file + ") and head (" + head->file +
                   "): one environment runs both refs";
  result.repair = install_repair(ctx, to_install);
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_dependency_pins_check() {
  return sdk::DiagnosticCheck{"core.dependency-pins", "dependency pins agree between base and head", 42,
                              &run_dependency_pins_check};
}

sdk::CheckDescription describe_dependency_pins_check() {
  return {"core.dependency-pins",
          "uv.lock, poetry.lock, requirements*.txt or `==` pins in pyproject.toml at both refs (read from git), and "
          "the installed version of each package whose pin differs (importlib.metadata)",
          "install the other ref's pins with `--no-deps` through the runner's installer, only with --fix --yes"};
}

}  // namespace prhost::plugins::checks_core

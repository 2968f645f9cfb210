// "core.benchmark-at-refs": codeflash compare checks out both refs, so a
// benchmark written after them (the usual case for a merged optimization) is
// in neither checkout. prhost's compare injects the working-tree file into
// both, so a missing file is a plan (injection), not an error.
#include "checks-core/checks_core_module.hpp"

namespace prhost::plugins::checks_core {
namespace {

std::string short_ref(const std::string& ref) { return ref.size() > 12 ? ref.substr(0, 12) : ref; }

// Every planned benchmark is committed at one of the refs or at HEAD: there is
// a benchmark commit `compare --branches` can cherry-pick.
bool committed_somewhere(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  for (const auto& file : ctx.benchmark_files) {
    const bool found = services.read_git_file(ctx.base_ref, file) || services.read_git_file(ctx.head_ref, file) ||
                       services.read_git_file("HEAD", file);
    if (!found) return false;
  }
  return true;
}

sdk::CheckResult run_benchmark_refs_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  sdk::CheckResult result;
  if (ctx.base_ref.empty() || ctx.head_ref.empty()) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no refs to compare here";
    return result;
  }
  if (ctx.benchmark_files.empty()) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no benchmark file planned for these refs";
    return result;
  }
  std::vector<std::string> missing;
  for (const auto& file : ctx.benchmark_files) {
    for (const auto* ref : {&ctx.base_ref, &ctx.head_ref}) {
      if (!services.read_git_file(*ref, file)) {
        missing.push_back(file + " at " + (ref == &ctx.base_ref ? "base " : "head ") + short_ref(*ref));
      }
    }
  }
  if (missing.empty()) {
    result.message = std::to_string(ctx.benchmark_files.size()) + " benchmark file(s) committed at both refs";
    return result;
  }
  result.status = sdk::CheckStatus::Warning;
  const auto& first = ctx.benchmark_files.front();
  if (!services.exists(ctx.project.root / first)) {
    result.message = first +
                     " is not written yet and not committed at either ref; plan: `prhost bench` writes it, "
                     "then compare injects it into both checkouts";
    return result;
  }
  result.message = "not committed: " + missing.front() +
                   (missing.size() > 1 ? " (and " + std::to_string(missing.size() - 1) + " more)" : "") +
                   "; plan: prhost compare injects the working-tree file into both checkouts";
  for (std::size_t i = 1; i < missing.size(); ++i) result.hints.push_back("not committed: " + missing[i]);
  result.hints.push_back(
      "for the real codeflash compare: `codeflash compare BASE HEAD --inject <file>` (prhost's "
      "`compare --backend codeflash` passes it)");
  if (committed_somewhere(ctx, services)) {
    result.hints.push_back("or compare the committed benchmark: `prhost compare " + ctx.base_ref + " " + ctx.head_ref +
                           " --branches` checks out each ref that lacks it as a temporary branch "
                           "prhost/tmp/<ref>-bench with the benchmark commit cherry-picked, deleted afterwards");
  }
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_benchmark_refs_check() {
  return sdk::DiagnosticCheck{"core.benchmark-at-refs", "benchmark present at both refs", 40,
                              &run_benchmark_refs_check};
}

sdk::CheckDescription describe_benchmark_refs_check() {
  return {"core.benchmark-at-refs",
          "each planned benchmark file in the git trees of base and head (libgit2, nothing checked out)",
          "none needed: compare injects the working-tree benchmark into both checkouts (a warning, not an error); "
          "`compare --branches` instead checks out temporary branches prhost/tmp/<ref>-bench with the benchmark "
          "commit cherry-picked (libgit2), deleted after the comparison"};
}

}  // namespace prhost::plugins::checks_core

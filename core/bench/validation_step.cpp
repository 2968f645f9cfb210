#include "bench/bench_steps.hpp"

#include <fmt/format.h>

#include "bench/probe.hpp"
#include "domains/domain_resolver.hpp"
#include "util/read_file.hpp"

namespace prhost::bench {
namespace {

void needs_review(BenchRow& row, const std::string& cause, const std::string& fix) {
  row.status = BenchStatus::NeedsReview;
  row.cause = cause;
  row.fix = fix;
}

// How to give a benchmark other inputs, after what they must do.
std::string rerun_fix(const std::string& what, const BenchRow& row) {
  return what + ": a [[benchmark]] hint in prhost.toml (docs/benchmarks.md), then `prhost bench --only " +
         std::to_string(row.number) + " --force`";
}

// The changed lines of the target (head side of the optimization's diff).
std::vector<git::LineRange> changed_ranges(const StepTarget& target) {
  for (const auto& file : target.optimization->files) {
    if (file.new_path == target.function->file) return file.new_ranges;
  }
  return {};
}

// A class's layout lines (`__slots__`, fields) ran when the class was
// created, at import, so no call can execute them; its changed methods are
// targets of their own, with their own benchmarks and coverage. A class
// target counts 0 of 0 changed lines and the row says why.
LineCoverage coverage_of(const StepTarget& target, const RefSide& head, const ProbeResult& probe, BenchRow& row) {
  const auto& function = *target.function;
  std::set<int> executed;
  if (const auto found = probe.lines.find(function.file); found != probe.lines.end()) executed = found->second;
  const auto source = util::read_text_file(head.dir / function.file).value_or("");
  const int first = function.start_lineno > 0 ? function.start_lineno : function.lineno;
  auto ranges = changed_ranges(target);
  if (function.is_class) {
    const std::set<int> layout(function.layout_lines.begin(), function.layout_lines.end());
    row.notes.push_back(
        fmt::format("the class layout change ({} of {}) runs when the class is created, not in a "
                    "call: the benchmark builds many instances of it",
                    ranges_text(layout), function.file));
    ranges.clear();
  }
  return changed_line_coverage(function.file, ranges, first, function.end_lineno, executed, source);
}

// Only the project-root run of before: no checkouts to compare.
void validate_at_root(const BenchContext& context, BenchRow& row) {
  const auto validation = validate_benchmark(context.python, context.project_root, row.path, row.test_name,
                                             context.validation_timeout, context.run_process);
  if (validation.passed) {
    row.status = BenchStatus::Created;
    return;
  }
  needs_review(row, validation.cause,
               validation.fix.empty() ? "fix " + row.path + " (it is kept) and run it with pytest" : validation.fix);
  row.notes.push_back("kept " + row.path + " for you to fix");
}

// A difference is only the change's fault when head agrees with itself.
void check_equivalence(const BenchContext& context, const RefSide& head, const ProbeRequest& request,
                       const ProbeResult& head_probe, const ProbeResult& base_probe, BenchRow& row) {
  row.equivalence = compare_fingerprints(base_probe.fingerprint, head_probe.fingerprint);
  if (row.equivalence.status != Equivalence::Status::Different) return;
  const auto again = probe_benchmark(head, request, context.run_process);
  if (again.validation.passed &&
      compare_fingerprints(head_probe.fingerprint, again.fingerprint).status == Equivalence::Status::Different) {
    row.equivalence.status = Equivalence::Status::NotComparable;
    row.equivalence.how = "not comparable: the result changes from run to run at head (random or time-dependent)";
    return;
  }
  row.status = BenchStatus::Blocked;
  row.cause = "head returns a different result than base for the same input (base: " + row.equivalence.base +
              "; head: " + row.equivalence.head + ")";
  row.fix =
      "check the optimization: the same input must give the same result at both refs (" + row.equivalence.how + ")";
}

}  // namespace

void validate_at_both_refs(const BenchContext& context, RefCheckouts& refs, const StepTarget& target, BenchRow& row) {
  const auto& pair = refs.pair(head_of(*target.optimization), base_of(*target.optimization), {target.function->module});
  if (!pair.head.usable()) {
    row.notes.push_back("validated in the working tree only (" + pair.head.failure + ")");
    validate_at_root(context, row);
    return;
  }
  refs.inject(context.benchmarks_root);
  ProbeRequest request{row.path,
                       row.test_name,
                       {target.function->file},
                       context.validation_timeout,
                       domains::resolve_flags(*context.registry, row.domains).flags.memory};
  const auto head = probe_benchmark(pair.head, request, context.run_process);
  if (!head.validation.passed) {
    needs_review(
        row, head.validation.cause,
        head.validation.fix.empty() ? "fix " + row.path + " (it is kept) and run it with pytest" : head.validation.fix);
    row.notes.push_back("kept " + row.path + " for you to fix");
    return;
  }
  if (head.probed) {
    row.coverage = coverage_of(target, pair.head, head, row);
    if (!row.coverage->reaches()) {
      needs_review(
          row,
          fmt::format("it does not reach the changed lines ({} of {})", row.coverage->changed_text, row.coverage->file),
          rerun_fix("give it an input that takes the changed path", row));
      return;
    }
  }
  if (const auto implausible = implausible_measurement(head.call_ns, head.peak_bytes, request.measure_memory)) {
    // A tiny function can be that fast for real: when the user chose the
    // input, the speed is said, not held against it.
    const bool chosen_by_user = row.input_source == "hint" || row.input_source == "existing";
    if (!(implausible->too_fast && chosen_by_user)) {
      needs_review(row, implausible->cause, rerun_fix(implausible->fix, row));
      return;
    }
    row.notes.push_back("flagged: " + implausible->cause + "; kept, the inputs are yours");
  }
  row.status = BenchStatus::Created;
  if (!pair.base.usable()) {
    row.notes.push_back("not run at base: " + pair.base.failure);
    return;
  }
  const auto base = probe_benchmark(pair.base, request, context.run_process);
  if (!base.validation.passed) {
    needs_review(row, "it fails at " + pair.base.label() + ": " + base.validation.cause,
                 base.validation.fix.empty() ? "make the benchmark work with the base code too" : base.validation.fix);
    return;
  }
  if (head.probed && base.probed) check_equivalence(context, pair.head, request, head, base, row);
}

}  // namespace prhost::bench

// prhost_fuzz: a bounded mutation loop over one parser, run by ctest.
//
//   prhost_fuzz --target handoff --corpus tests/fuzz/corpus/handoff --seconds 8 --seed 1 --findings DIR
//   prhost_fuzz --target handoff --replay FILE
//
// Each seed runs as written, then as 1 MB of its longest line (as rows and as
// one line: linear time), then mutated until the time is up. Deterministic for
// a seed (the count of inputs depends on the machine's speed, their order not).
// Exit 0: nothing found; 1: an exception or broken invariant; 3: an input ran
// past --per-input-ms; a crash ends the process by its signal. Every finding
// prints the path of the saved input.
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "finding_report.hpp"
#include "fuzz_targets.hpp"
#include "mutator.hpp"

namespace prhost::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string target;
  std::filesystem::path corpus;
  std::filesystem::path findings = std::filesystem::temp_directory_path() / "prhost-fuzz-findings";
  std::filesystem::path replay;
  double seconds = 8;
  std::uint64_t seed = 1;
  std::size_t max_size = 1 << 20;
  long long per_input_ms = 2000;
};

std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--target")
      options.target = value;
    else if (flag == "--corpus")
      options.corpus = value;
    else if (flag == "--findings")
      options.findings = value;
    else if (flag == "--replay")
      options.replay = value;
    else if (flag == "--seconds")
      options.seconds = std::stod(value);
    else if (flag == "--seed")
      options.seed = std::stoull(value);
    else if (flag == "--max-size")
      options.max_size = std::stoull(value);
    else if (flag == "--per-input-ms")
      options.per_input_ms = std::stoll(value);
    else
      return std::nullopt;
  }
  if (options.target.empty() || (options.corpus.empty() && options.replay.empty())) return std::nullopt;
  return options;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> read_corpus(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> corpus;
  for (const auto& file : files) corpus.push_back(read_file(file));
  return corpus;
}

struct Stats {
  long long inputs = 0;
  double slowest_ms = 0;
  std::size_t slowest_size = 0;
  std::size_t largest = 0;
};

// Runs one input; a finding other than a crash or hang ends the process with 1.
void run_one(const FuzzTarget& target, const std::string& input, Stats& stats) {
  set_current_input(input, stats.inputs);
  const auto start = Clock::now();
  try {
    target.run(input);
  } catch (const std::exception& error) {
    current_input_done();
    const auto saved = save_current_input("exception");
    std::fprintf(stderr, "FUZZ FINDING: %s threw %s on the input saved as %s\n", target.reads.c_str(), error.what(),
                 saved.c_str());
    std::exit(1);
  }
  current_input_done();
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (ms > stats.slowest_ms) {
    stats.slowest_ms = ms;
    stats.slowest_size = input.size();
  }
  stats.largest = std::max(stats.largest, input.size());
  ++stats.inputs;
}

int fuzz(const FuzzTarget& target, const Options& options) {
  const auto corpus = read_corpus(options.corpus);
  if (corpus.empty()) {
    std::fprintf(stderr, "%s: no seed files; add at least one\n", options.corpus.c_str());
    return 2;
  }
  Stats stats;
  const auto start = Clock::now();
  for (const auto& seed : corpus) run_one(target, seed, stats);
  for (const auto& seed : corpus) {
    for (const auto& stress : stress_inputs(seed, options.max_size)) run_one(target, stress, stats);
  }
  const long long fixed_inputs = stats.inputs;
  Random random(options.seed);
  const MutationSource source{corpus, target.dictionary, options.max_size};
  const auto deadline = start + std::chrono::duration<double>(options.seconds);
  // Mutations build on earlier mutants now and then, so structure compounds.
  std::string previous = corpus.front();
  while (Clock::now() < deadline) {
    const std::string& base = random.below(4) == 0 ? previous : corpus[random.below(corpus.size())];
    previous = mutate(base, source, random);
    run_one(target, previous, stats);
  }
  std::printf(
      "%s: %lld inputs in %.1f s (%zu seeds, %lld with their stress inputs; seed %llu), largest %zu bytes, "
      "slowest %.1f ms (%zu bytes): nothing found\n",
      target.name.c_str(), stats.inputs, std::chrono::duration<double>(Clock::now() - start).count(), corpus.size(),
      fixed_inputs, static_cast<unsigned long long>(options.seed), stats.largest, stats.slowest_ms, stats.slowest_size);
  return 0;
}

}  // namespace
}  // namespace prhost::fuzz

int main(int argc, char** argv) {
  using namespace prhost::fuzz;
  const auto options = parse_options(argc, argv);
  if (!options) {
    std::fprintf(stderr,
                 "usage: prhost_fuzz --target NAME (--corpus DIR [--seconds S] [--seed N] [--max-size B] "
                 "[--per-input-ms MS] [--findings DIR] | --replay FILE)\n");
    return 2;
  }
  const FuzzTarget* target = find_target(options->target);
  if (target == nullptr) {
    std::fprintf(stderr, "unknown fuzz target '%s'\n", options->target.c_str());
    return 2;
  }
  arm_finding_report({options->findings, target->name, std::chrono::milliseconds(options->per_input_ms)});
  if (!options->replay.empty()) {
    Stats stats;
    run_one(*target, read_file(options->replay), stats);
    std::printf("%s: %s read in %.1f ms: nothing found\n", target->name.c_str(), options->replay.c_str(),
                stats.slowest_ms);
    return 0;
  }
  return fuzz(*target, *options);
}

// Deterministic mutations of a parser's input: the same seed gives the same
// inputs on every machine (our own xorshift, not <random>'s distributions,
// whose results the standard leaves to the library).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::fuzz {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed == 0 ? 0x9e3779b97f4a7c15ULL : seed) {}
  std::uint64_t next();
  // Uniform enough in [0, bound); bound 0 gives 0.
  std::size_t below(std::size_t bound) { return bound == 0 ? 0 : static_cast<std::size_t>(next() % bound); }

 private:
  std::uint64_t state_;
};

struct MutationSource {
  const std::vector<std::string>& corpus;      // seeds to splice from
  const std::vector<std::string>& dictionary;  // tokens the parser cares about
  std::size_t max_size;                        // inputs never grow past this
};

// Applies 1–8 random mutations to `input`: bit flips, interesting bytes,
// dictionary tokens, deletions, repeated chunks (long lines, many rows),
// splices from other seeds, truncation.
std::string mutate(std::string input, const MutationSource& source, Random& random);

// Inputs every parser must read in linear time: the seed's longest line
// repeated as rows up to `size` bytes, and as one line of `size` bytes.
std::vector<std::string> stress_inputs(std::string_view seed, std::size_t size);

}  // namespace prhost::fuzz

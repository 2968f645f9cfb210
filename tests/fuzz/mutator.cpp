#include "mutator.hpp"

#include <algorithm>
#include <array>

namespace prhost::fuzz {
namespace {

// Bytes that end or start structure in the formats under test, and bytes
// that are not valid UTF-8 on their own.
constexpr std::array<char, 22> kInterestingBytes{'\0', '\n', '\r', '\t', '|', '`',  '#', '*', '[',    ']',    '(',
                                                 ')',  '<',  '>',  '"',  '=', '\\', '-', ' ', '\x80', '\xe2', '\xff'};

void flip_bit(std::string& input, Random& random) {
  if (input.empty()) return;
  input[random.below(input.size())] ^= static_cast<char>(1U << random.below(8));
}

void set_interesting_byte(std::string& input, Random& random) {
  if (input.empty()) return;
  input[random.below(input.size())] = kInterestingBytes[random.below(kInterestingBytes.size())];
}

void insert_token(std::string& input, const MutationSource& source, Random& random) {
  if (source.dictionary.empty()) return;
  input.insert(random.below(input.size() + 1), source.dictionary[random.below(source.dictionary.size())]);
}

void erase_range(std::string& input, Random& random) {
  if (input.empty()) return;
  const auto at = random.below(input.size());
  input.erase(at, 1 + random.below(std::min<std::size_t>(input.size() - at, 64)));
}

// A chunk repeated up to 2^12 times: long lines, deep nesting, many rows.
void repeat_chunk(std::string& input, const MutationSource& source, Random& random) {
  if (input.empty()) return;
  const auto at = random.below(input.size());
  const auto chunk = input.substr(at, 1 + random.below(std::min<std::size_t>(input.size() - at, 80)));
  const std::size_t times = std::size_t{1} << random.below(13);
  std::string repeated;
  for (std::size_t i = 0; i < times && repeated.size() + input.size() < source.max_size; ++i) repeated += chunk;
  input.insert(at, repeated);
}

void splice(std::string& input, const MutationSource& source, Random& random) {
  if (source.corpus.empty()) return;
  const std::string& other = source.corpus[random.below(source.corpus.size())];
  if (other.empty()) return;
  const auto from = random.below(other.size());
  input.insert(random.below(input.size() + 1), other.substr(from, 1 + random.below(other.size() - from)));
}

void truncate(std::string& input, Random& random) { input.resize(random.below(input.size() + 1)); }

}  // namespace

std::uint64_t Random::next() {
  state_ ^= state_ << 13;
  state_ ^= state_ >> 7;
  state_ ^= state_ << 17;
  return state_;
}

std::string mutate(std::string input, const MutationSource& source, Random& random) {
  const std::size_t count = 1 + random.below(8);
  for (std::size_t i = 0; i < count; ++i) {
    switch (random.below(8)) {
      case 0:
        flip_bit(input, random);
        break;
      case 1:
        set_interesting_byte(input, random);
        break;
      case 2:
      case 3:
        insert_token(input, source, random);
        break;
      case 4:
        erase_range(input, random);
        break;
      case 5:
        repeat_chunk(input, source, random);
        break;
      case 6:
        splice(input, source, random);
        break;
      default:
        if (random.below(4) == 0) truncate(input, random);
        break;
    }
  }
  if (input.size() > source.max_size) input.resize(source.max_size);
  return input;
}

std::vector<std::string> stress_inputs(std::string_view seed, std::size_t size) {
  std::string_view longest;
  for (std::size_t start = 0; start < seed.size();) {
    auto end = seed.find('\n', start);
    if (end == std::string_view::npos) end = seed.size();
    if (end - start > longest.size()) longest = seed.substr(start, end - start);
    start = end + 1;
  }
  if (longest.empty()) return {};
  std::string rows(seed);
  std::string line(seed.substr(0, static_cast<std::size_t>(longest.data() - seed.data())));
  while (rows.size() < size) rows.append(longest).append("\n");
  while (line.size() < size) line.append(longest).append(" ");
  return {rows, line};
}

}  // namespace prhost::fuzz

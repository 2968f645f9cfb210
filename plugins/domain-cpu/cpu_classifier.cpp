// What a CPU optimization looks like in a commit. Weights: 2 = enough on its
// own to keep the domain, 1 = supporting evidence. "perf" is only a weak word
// here: "perf(mem):" is a memory change, and "performance" is said of both.
#include "domain-cpu/cpu_module.hpp"
#include "prhost/sdk/helpers/keyword_classifier.hpp"

namespace prhost::plugins::cpu {
namespace {

using sdk::helpers::Keyword;
using sdk::helpers::MatchMode;

constexpr std::string_view kMarks[] = {"cpu", "perf", "speed"};

constexpr Keyword kProse[] = {
    {"faster", 2, "claims a speed-up"},
    {"speedup", 2, "claims a speed-up"},
    {"speed up", 2, "claims a speed-up"},
    {"speed-up", 2, "claims a speed-up"},
    {"vectoriz", 2, "vectorizes a computation"},
    {"cach", 1, "caches a result"},
    {"o(n", 2, "changes algorithmic complexity"},
    {"quadratic", 2, "changes algorithmic complexity"},
    {"loop", 1, "reworks a loop"},
    {"latency", 2, "talks about latency"},
    {"throughput", 2, "talks about throughput"},
    {"hot path", 2, "optimizes a hot path"},
    {"cpu", 2, "talks about CPU time", MatchMode::Word},
    {"perf", 1, "talks about performance"},
    {"precompil", 1, "precompiles work out of the loop"},
    {"precomput", 1, "precomputes work out of the loop"},
};

constexpr Keyword kCode[] = {
    {"lru_cache", 2, "memoizes with functools.lru_cache"},
    {"functools.cache", 2, "memoizes with functools.cache"},
    {"@cache", 2, "memoizes with @cache", MatchMode::Word},
    {"numpy", 1, "uses numpy", MatchMode::Word},
    {"np.", 1, "uses numpy"},
    {"set(", 1, "uses a set for membership tests"},
    {"frozenset(", 1, "uses a frozenset for membership tests"},
    {"bisect", 1, "uses binary search"},
    {"re.compile", 1, "precompiles a regex"},
    {"deque", 1, "uses a deque", MatchMode::Word},
    {"heapq", 1, "uses a heap", MatchMode::Word},
};

constexpr sdk::helpers::DomainKeywords kKeywords{"cpu", kMarks, kProse, kCode};

}  // namespace

sdk::DomainClassifier make_classifier() { return sdk::helpers::make_keyword_classifier("cpu.classifier", kKeywords); }

}  // namespace prhost::plugins::cpu

// What a memory optimization looks like in a commit: the words its author
// uses and the code it adds. Weights: 2 = enough on its own to keep the
// domain, 1 = supporting evidence.
#include "domain-mem/mem_module.hpp"
#include "prhost/sdk/helpers/keyword_classifier.hpp"

namespace prhost::plugins::mem {
namespace {

using sdk::helpers::Keyword;
using sdk::helpers::MatchMode;

constexpr std::string_view kMarks[] = {"mem", "memory"};

constexpr Keyword kProse[] = {
    {"memory", 2, "talks about memory"},
    {"peak", 2, "talks about peak usage"},
    {"allocat", 1, "talks about allocations"},
    {"rss", 2, "talks about resident set size", MatchMode::Word},
    {"leak", 2, "talks about a leak"},
    {"mib", 1, "quotes a size in MiB", MatchMode::Word},
    {"gib", 1, "quotes a size in GiB", MatchMode::Word},
    {"gc", 1, "talks about garbage collection", MatchMode::Word},
    {"garbage collect", 1, "talks about garbage collection"},
    {"generator instead of list", 2, "replaces a materialised list with a generator"},
    {"stream", 1, "streams data instead of materialising it"},
    {"footprint", 2, "talks about footprint"},
    {"memray", 2, "measured with memray"},
    {"tracemalloc", 2, "measured with tracemalloc"},
    {"oom", 2, "talks about out-of-memory", MatchMode::Word},
    {"out of memory", 2, "talks about out-of-memory"},
    {"__slots__", 1, "adds __slots__ (smaller instances)"},
    {"zero-copy", 1, "avoids copies"},
};

constexpr Keyword kCode[] = {
    {"del ", 1, "drops references early"},
    {"gc.collect", 2, "forces a garbage collection"},
    {"yield", 1, "yields instead of building a list", MatchMode::Word},
    {"__slots__", 1, "declares __slots__"},
    {"bytearray", 1, "reuses a mutable buffer", MatchMode::Word},
    {"memoryview", 2, "slices without copying", MatchMode::Word},
    {"np.float32", 1, "halves array precision", MatchMode::Word},
    {"np.float16", 1, "reduces array precision", MatchMode::Word},
    {"weakref", 1, "holds weak references"},
    {"mmap", 1, "memory-maps a file", MatchMode::Word},
    {"tracemalloc", 1, "measures allocations"},
    {".clear()", 1, "releases a container's contents"},
};

constexpr sdk::helpers::DomainKeywords kKeywords{"mem", kMarks, kProse, kCode};

}  // namespace

sdk::DomainClassifier make_classifier() { return sdk::helpers::make_keyword_classifier("mem.classifier", kKeywords); }

}  // namespace prhost::plugins::mem

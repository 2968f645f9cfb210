// What a data-structure optimization looks like in a commit. Weights: 2 =
// enough on its own to keep the domain, 1 = supporting evidence.
#include "domain-struct/struct_module.hpp"
#include "prhost/sdk/helpers/keyword_classifier.hpp"

namespace prhost::plugins::structure {
namespace {

using sdk::helpers::Keyword;
using sdk::helpers::MatchMode;

constexpr std::string_view kMarks[] = {"struct", "structure", "data"};

constexpr Keyword kProse[] = {
    {"__slots__", 2, "adds __slots__"},
    {"slots", 1, "talks about slots", MatchMode::Word},
    {"dataclass", 2, "changes a dataclass"},
    {"namedtuple", 2, "uses a namedtuple"},
    {"data structure", 2, "changes a data structure"},
    {"dict to", 1, "replaces a dict"},
    {"tuple", 1, "uses tuples"},
    {"typeddict", 1, "uses a TypedDict"},
    {"struct", 1, "talks about structs", MatchMode::Word},
    {"layout", 1, "changes a data layout"},
};

constexpr Keyword kCode[] = {
    {"@dataclass(slots=True)", 2, "declares a slotted dataclass"},
    {"slots=True", 2, "declares slots"},
    {"__slots__", 2, "declares __slots__"},
    {"NamedTuple", 2, "declares a NamedTuple", MatchMode::Word},
    {"namedtuple(", 2, "declares a namedtuple"},
    {"@dataclass", 1, "declares a dataclass", MatchMode::Word},
    {"TypedDict", 1, "declares a TypedDict", MatchMode::Word},
    {"array.array", 1, "uses a typed array"},
    {"msgspec.Struct", 1, "declares a msgspec Struct"},
    {"@attrs.define", 1, "declares an attrs class"},
};

constexpr sdk::helpers::DomainKeywords kKeywords{"struct", kMarks, kProse, kCode};

}  // namespace

sdk::DomainClassifier make_classifier() {
  return sdk::helpers::make_keyword_classifier("struct.classifier", kKeywords);
}

}  // namespace prhost::plugins::structure

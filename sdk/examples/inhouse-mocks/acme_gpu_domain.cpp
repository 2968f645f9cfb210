// A domain of ACME's own: changes to how the pipeline uses the GPU (fewer
// host/device transfers, pinned memory, batched kernels). Built only from the
// SDK's optional helpers (prhost/sdk/helpers/), the same ones the default
// domain plugins use, so the classifier is data: marks and two keyword tables.
#include "acme_module.hpp"

#include <prhost/sdk/helpers/keyword_classifier.hpp>

namespace acme::prhost_plugin {
namespace {

using prhost::sdk::helpers::Keyword;
using prhost::sdk::helpers::MatchMode;

// Subject tags that decide on their own: "gpu: ..." or "[cuda] ...".
constexpr std::string_view kMarks[] = {"gpu", "cuda"};

// Words in the commit message or HANDOFF.md (matched case-insensitively).
constexpr Keyword kProse[] = {
    {"gpu", 2, "the description talks about the GPU", MatchMode::Word},
    {"device transfer", 2, "the change is about host/device copies"},
    {"kernel launch", 2, "the change is about kernel launches"},
};

// Words in the added or removed code (matched case-sensitively).
constexpr Keyword kCode[] = {
    {"torch.cuda", 3, "the code calls into torch.cuda"},
    {".to(\"cuda\")", 2, "the code moves tensors to the GPU"},
    {"pin_memory", 2, "the code pins host memory for faster copies"},
};

constexpr prhost::sdk::helpers::DomainKeywords kKeywords{"gpu", kMarks, kProse, kCode};

}  // namespace

void register_gpu_domain(prhost::sdk::Registry& registry) {
  registry.add_domain({"acme.gpu-domain", "gpu", {"cuda"}, "GPU use: host/device transfers, pinned memory, kernels"});
  registry.add_domain_classifier(prhost::sdk::helpers::make_keyword_classifier("acme.gpu-classifier", kKeywords));
  // GPU warm-up makes a first round slow; a longer timeout keeps it from
  // being cut off. Time, not memory, is what these changes move.
  registry.add_compare_flag_policy({"acme.gpu-flags",
                                    "gpu",
                                    {.memory = false, .timeout_seconds = 300},
                                    "GPU changes move time; warm-up needs a longer timeout (300 s)"});
}

}  // namespace acme::prhost_plugin

#include "inventory/domain_words.hpp"

#include <gtest/gtest.h>

#include "plugin_vocabulary.hpp"
#include "prhost/sdk/domain.hpp"

namespace prhost::inventory {
namespace {

const DomainVocabulary& kDomains = default_plugin_vocabulary();

TEST(DomainWords, SubjectPrefixNamesDomainsExactly) {
  const auto mem = parse_subject_prefix("mem: stream rows in parse_table", kDomains);
  ASSERT_TRUE(mem);
  EXPECT_EQ(mem->domains, std::vector<std::string>{"mem"});
  EXPECT_EQ(mem->summary, "stream rows in parse_table");

  const auto both = parse_subject_prefix("mem+cpu: reuse buffers", kDomains);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->domains, (std::vector<std::string>{"cpu", "mem"}));

  const auto scoped = parse_subject_prefix("cpu(parser): cache the regex", kDomains);
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->domains, std::vector<std::string>{"cpu"});

  const auto perf = parse_subject_prefix("perf: faster tokenizer", kDomains);
  ASSERT_TRUE(perf);
  EXPECT_TRUE(perf->domains.empty());
}

TEST(DomainWords, OtherSubjectsAreNotOptimizations) {
  EXPECT_FALSE(parse_subject_prefix("fix: handle empty tables", kDomains));
  EXPECT_FALSE(parse_subject_prefix("runtime: fix crash", kDomains));  // aliases do not count in subjects
  EXPECT_FALSE(parse_subject_prefix("Merge branch 'main'", kDomains));
  EXPECT_FALSE(parse_subject_prefix("mem:no space after colon", kDomains));
  EXPECT_FALSE(parse_subject_prefix("gpu: offload", kDomains));
}

TEST(DomainWords, PluginDomainsAreRecognised) {
  const std::vector<std::string> with_gpu{"cpu", "gpu", "mem"};
  const auto gpu = parse_subject_prefix("gpu: offload matmul", with_gpu);
  ASSERT_TRUE(gpu);
  EXPECT_EQ(gpu->domains, std::vector<std::string>{"gpu"});
}

TEST(DomainWords, ListsAndAliases) {
  EXPECT_EQ(domains_from_list("memory and CPU", kDomains), (std::vector<std::string>{"cpu", "mem"}));
  EXPECT_EQ(domains_from_list("mem, cpu", kDomains), (std::vector<std::string>{"cpu", "mem"}));
  EXPECT_TRUE(domains_from_list("memory leak", kDomains).empty());
  EXPECT_EQ(domains_mentioned("Memory optimizations (asyncio)", kDomains), (std::vector<std::string>{"async", "mem"}));
  EXPECT_EQ(join_domains({"cpu", "mem"}), "cpu+mem");
  // An alias whose target no plugin provides is not a domain.
  EXPECT_FALSE(domain_from_word("asyncio", DomainVocabulary({"cpu", "mem"}, {{"asyncio", "async"}})));
}

TEST(DomainWords, NoPluginsMeanNoDomains) {
  // Core knows no domain name of its own.
  EXPECT_FALSE(parse_subject_prefix("mem: stream rows", DomainVocabulary{}));
  EXPECT_TRUE(domains_mentioned("Memory optimizations", DomainVocabulary{}).empty());
}

TEST(DomainWords, AliasesComeFromDefinitions) {
  const auto vocabulary = vocabulary_from({sdk::DomainDefinition{"gpu.domain", "gpu", {"CUDA", "gpu"}, ""}}, {"cpu"});
  EXPECT_EQ(vocabulary.ids, (std::vector<std::string>{"cpu", "gpu"}));
  EXPECT_EQ(domain_from_word("cuda", vocabulary), "gpu");  // aliases are lower-cased
  EXPECT_EQ(vocabulary.aliases.count("gpu"), 0U);          // an id is not its own alias
  EXPECT_FALSE(domain_from_word("cuda", vocabulary, /*allow_aliases=*/false));
}

}  // namespace
}  // namespace prhost::inventory

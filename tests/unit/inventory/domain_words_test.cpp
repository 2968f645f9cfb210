#include "inventory/domain_words.hpp"

#include <gtest/gtest.h>

namespace prhost::inventory {
namespace {

const std::vector<std::string> kDomains{"async", "cpu", "mem", "struct"};

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
  EXPECT_FALSE(domain_from_word("asyncio", {"cpu", "mem"}));
}

}  // namespace
}  // namespace prhost::inventory

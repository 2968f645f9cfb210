// The four domain classifiers on realistic commits: explicit marks win and
// are precise, keywords score with readable reasons, and word boundaries keep
// "model" from looking like `del `.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "domain-async/async_module.hpp"
#include "domain-cpu/cpu_module.hpp"
#include "domain-mem/mem_module.hpp"
#include "domain-struct/struct_module.hpp"
#include "prhost/sdk/helpers/explicit_mark.hpp"

namespace prhost::plugins {
namespace {

constexpr int kKeepThreshold = 2;  // the host keeps domains scoring at least this

struct Votes {
  sdk::DomainVote mem, cpu, async, structure;
};

Votes classify(const sdk::ChangeFacts& facts) {
  return Votes{mem::make_classifier().classify(facts), cpu::make_classifier().classify(facts),
               async::make_classifier().classify(facts), structure::make_classifier().classify(facts)};
}

sdk::ChangeFacts subject(std::string text) {
  sdk::ChangeFacts facts;
  facts.subject = std::move(text);
  return facts;
}

bool any_reason_contains(const sdk::DomainVote& vote, const std::string& needle) {
  return std::any_of(vote.reasons.begin(), vote.reasons.end(),
                     [&](const std::string& reason) { return reason.find(needle) != std::string::npos; });
}

TEST(ExplicitMarks, MemPrefixMarksOnlyMem) {
  const auto votes = classify(subject("mem: stream table rows instead of materialising them"));
  EXPECT_TRUE(votes.mem.explicit_mark);
  EXPECT_FALSE(votes.cpu.explicit_mark);
  EXPECT_FALSE(votes.async.explicit_mark);
  EXPECT_FALSE(votes.structure.explicit_mark);
  EXPECT_TRUE(any_reason_contains(votes.mem, "commit subject is marked \"mem\""));
}

TEST(ExplicitMarks, PrefixesAreCaseInsensitiveAndAcceptLongForms) {
  EXPECT_TRUE(classify(subject("Memory: free page images after OCR")).mem.explicit_mark);
  EXPECT_TRUE(classify(subject("CPU: hoist regex compilation")).cpu.explicit_mark);
  EXPECT_TRUE(classify(subject("Speed: skip redundant copies")).cpu.explicit_mark);
  EXPECT_TRUE(classify(subject("ASYNC: gather page fetches")).async.explicit_mark);
  EXPECT_TRUE(classify(subject("Structure: slot the Token class")).structure.explicit_mark);
  EXPECT_TRUE(classify(subject("data: store spans as tuples")).structure.explicit_mark);
}

TEST(ExplicitMarks, BracketTagsCountIncludingSeveral) {
  const auto votes = classify(subject("[MEM][cpu] reuse the decode buffer"));
  EXPECT_TRUE(votes.mem.explicit_mark);
  EXPECT_TRUE(votes.cpu.explicit_mark);
  EXPECT_FALSE(votes.async.explicit_mark);
}

TEST(ExplicitMarks, ConventionalCommitScopeDecidesOverThePerfType) {
  const auto votes = classify(subject("perf(mem): release page images after each batch"));
  EXPECT_TRUE(votes.mem.explicit_mark);
  EXPECT_FALSE(votes.cpu.explicit_mark) << "perf(mem) is a memory change, not a CPU one";
}

TEST(ExplicitMarks, PerfTypeWithoutScopeMarksCpu) {
  const auto votes = classify(subject("perf!: cache compiled patterns"));
  EXPECT_TRUE(votes.cpu.explicit_mark);
  EXPECT_FALSE(votes.mem.explicit_mark);
}

TEST(ExplicitMarks, ScopeNamingACodeAreaIsNotAMark) {
  const auto votes = classify(subject("perf(parser): speed up tokenizer loop"));
  EXPECT_FALSE(votes.cpu.explicit_mark);
  EXPECT_GE(votes.cpu.score, kKeepThreshold) << "left to the keywords, which still find a CPU change";
}

TEST(ExplicitMarks, AWordFollowedByMoreWordsBeforeTheColonIsNotAMark) {
  const auto votes = classify(subject("Memory usage: document the new limits"));
  EXPECT_FALSE(votes.mem.explicit_mark);
  EXPECT_TRUE(sdk::helpers::subject_tags("Fix the mem: leak").empty());
}

TEST(ExplicitMarks, DeclaredDomainMayListSeveralDomains) {
  sdk::ChangeFacts facts = subject("Reuse buffers in the renderer");
  facts.declared_domain = "mem+cpu";
  const auto votes = classify(facts);
  EXPECT_TRUE(votes.mem.explicit_mark);
  EXPECT_TRUE(votes.cpu.explicit_mark);
  EXPECT_FALSE(votes.structure.explicit_mark);
  EXPECT_TRUE(any_reason_contains(votes.mem, "declared domain \"mem+cpu\""));
}

TEST(KeywordScores, MemoryCommitMessageAndStreamingDiffScoreMem) {
  sdk::ChangeFacts facts;
  facts.subject = "Stream table rows to cut peak RSS";
  facts.body = "Peak memory while extracting a 300-page PDF drops from 1.2 GiB to 310 MiB (memray).";
  facts.added_code = "    for row in table.rows():\n        yield normalise(row)\n    del page_image\n";
  facts.removed_code = "    rows = [normalise(row) for row in table.rows()]\n    return rows\n";
  const auto votes = classify(facts);
  EXPECT_FALSE(votes.mem.explicit_mark);
  EXPECT_GE(votes.mem.score, kKeepThreshold);
  EXPECT_LT(votes.cpu.score, kKeepThreshold);
  EXPECT_LT(votes.async.score, kKeepThreshold);
  EXPECT_TRUE(any_reason_contains(votes.mem, "\"peak\" in commit subject"));
  EXPECT_TRUE(any_reason_contains(votes.mem, "\"yield\" in added code"));
  EXPECT_TRUE(any_reason_contains(votes.mem, "\"memray\" in commit body"));
}

TEST(KeywordScores, ChangeThatIsBothMemAndCpuScoresBoth) {
  sdk::ChangeFacts facts;
  facts.subject = "Cache compiled patterns and stream matches";
  facts.body = "3x faster on the corpus benchmark; peak memory down 40%.";
  facts.added_code = "@functools.lru_cache(maxsize=None)\ndef _pattern(word):\n    ...\n        yield match\n";
  const auto votes = classify(facts);
  EXPECT_GE(votes.mem.score, kKeepThreshold);
  EXPECT_GE(votes.cpu.score, kKeepThreshold);
  EXPECT_TRUE(any_reason_contains(votes.cpu, "lru_cache"));
}

TEST(KeywordScores, AsyncDiffScoresAsyncFromCodeAlone) {
  sdk::ChangeFacts facts;
  facts.subject = "Fetch pages together";
  facts.added_code =
      "async def fetch_all(client, urls):\n    return await asyncio.gather(*(client.get(u) for u in urls))\n";
  const auto votes = classify(facts);
  EXPECT_GE(votes.async.score, kKeepThreshold);
  EXPECT_TRUE(any_reason_contains(votes.async, "\"async def\" in added code"));
  EXPECT_LT(votes.structure.score, kKeepThreshold);
}

TEST(KeywordScores, SlottedDataclassScoresStruct) {
  sdk::ChangeFacts facts;
  facts.subject = "Use a slotted dataclass for Token";
  facts.added_code = "@dataclass(slots=True)\nclass Token:\n    text: str\n    start: int\n";
  facts.removed_code = "class Token:\n    def __init__(self, text, start):\n";
  const auto votes = classify(facts);
  EXPECT_GE(votes.structure.score, kKeepThreshold);
  EXPECT_TRUE(any_reason_contains(votes.structure, "slotted dataclass"));
}

TEST(KeywordScores, HandoffTextCountsAsEvidence) {
  sdk::ChangeFacts facts;
  facts.subject = "Rework extract_tables";
  facts.handoff_text = "Avoids the event loop stalling by using asyncio.to_thread for OCR calls.";
  const auto votes = classify(facts);
  EXPECT_GE(votes.async.score, kKeepThreshold);
  EXPECT_TRUE(any_reason_contains(votes.async, "in HANDOFF.md"));
}

TEST(KeywordScores, KeywordsMatchOnlyAtWordBoundaries) {
  sdk::ChangeFacts facts;
  facts.subject = "Build with gcc flags from the model registry";
  facts.body = "Pass the across-shard option";
  facts.added_code = "model = registry.model(name)\nself.reset(state)\n";
  const auto votes = classify(facts);
  EXPECT_EQ(votes.mem.score, 0) << "\"gcc\" is not gc, \"model \" is not `del `, \"across\" is not RSS";
  EXPECT_EQ(votes.cpu.score, 0) << "\"reset(\" is not set(";
}

TEST(KeywordScores, EachKeywordCountsOnceHoweverOftenItAppears) {
  sdk::ChangeFacts facts;
  facts.subject = "memory memory memory";
  facts.body = "memory";
  const auto vote = mem::make_classifier().classify(facts);
  EXPECT_EQ(vote.score, 2);
  EXPECT_EQ(vote.reasons.size(), 1u);
}

TEST(KeywordScores, CodeKeywordsAreCaseSensitive) {
  sdk::ChangeFacts facts;
  facts.added_code = "class Span(NamedTuple):\n";
  EXPECT_GE(structure::make_classifier().classify(facts).score, kKeepThreshold);
  facts.added_code = "namedtuple_count = 0\n";  // a name, not the factory call
  EXPECT_EQ(structure::make_classifier().classify(facts).score, 0);
}

TEST(KeywordScores, UnrelatedChangeScoresNothingAnywhere) {
  sdk::ChangeFacts facts;
  facts.subject = "Fix typo in README";
  facts.added_code = "Installation instructions\n";
  const auto votes = classify(facts);
  EXPECT_EQ(votes.mem.score + votes.cpu.score + votes.async.score + votes.structure.score, 0);
  EXPECT_FALSE(votes.mem.explicit_mark || votes.cpu.explicit_mark || votes.async.explicit_mark ||
               votes.structure.explicit_mark);
}

}  // namespace
}  // namespace prhost::plugins

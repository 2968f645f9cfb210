// HANDOFF.md is free-form: these cases are shaped like real hand-offs written
// by people and by optimization agents.
#include "inventory/handoff_parser.hpp"

#include <gtest/gtest.h>

#include "plugin_vocabulary.hpp"

namespace prhost::inventory {
namespace {

const DomainVocabulary& kDomains = default_plugin_vocabulary();

std::vector<std::string> shas(const HandoffParse& parsed) {
  std::vector<std::string> out;
  for (const auto& entry : parsed.entries) out.push_back(entry.sha);
  return out;
}

const HandoffEntry& entry_for(const HandoffParse& parsed, const std::string& sha) {
  for (const auto& entry : parsed.entries) {
    if (entry.sha == sha) return entry;
  }
  throw std::runtime_error("no entry for " + sha);
}

TEST(HandoffParser, AgentStyleNumberedListWithDiscardedAndFilesSections) {
  const std::string text = R"(# Optimization hand-off: tomlkit

Session ran 14 experiments on `tomlkit` (Python 3.12). Baseline commit 0a1b2c3 on main.

## Optimizations committed

1. **a1b2c3d**: Build `InlineTable.as_string` with a single `str.join` instead of repeated concatenation (cpu)
2. **e4f5a6b7**: mem: stream rows in `parse_table` instead of materializing the list
3. **9f8e7d6c5b**: Cache compiled regex in `Key.__init__` — Domain: cpu

## Discarded experiments

- 1234abc: tried `__slots__` on `Item` — no measurable gain
- **fedcba9**: lru_cache on `parse_key`, slower due to hashing

## Files modified

- tomlkit/items.py (commit 5555aaa1)
- tomlkit/parser.py

## Next steps

- Try 7777bbb2 approach on the container
)";
  const auto parsed = parse_handoff(text, kDomains);
  EXPECT_EQ(shas(parsed), (std::vector<std::string>{"a1b2c3d", "e4f5a6b7", "9f8e7d6c5b"}));
  EXPECT_TRUE(parsed.found_kept_section);
  EXPECT_TRUE(parsed.notes.empty());

  const auto& first = entry_for(parsed, "a1b2c3d");
  EXPECT_EQ(first.line, 7);
  EXPECT_EQ(first.description, "Build InlineTable.as_string with a single str.join instead of repeated concatenation");
  EXPECT_EQ(first.declared_domains, std::vector<std::string>{"cpu"});
  EXPECT_EQ(first.section, "Optimizations committed");

  const auto& second = entry_for(parsed, "e4f5a6b7");
  EXPECT_EQ(second.description, "stream rows in parse_table instead of materializing the list");
  EXPECT_EQ(second.declared_domains, std::vector<std::string>{"mem"});

  const auto& third = entry_for(parsed, "9f8e7d6c5b");
  EXPECT_EQ(third.description, "Cache compiled regex in Key.__init__");
  EXPECT_EQ(third.declared_domains, std::vector<std::string>{"cpu"});

  ASSERT_EQ(parsed.discarded.size(), 2U);
  EXPECT_EQ(parsed.discarded[0].sha, "1234abc");
  EXPECT_EQ(parsed.discarded[0].line, 13);
  EXPECT_EQ(parsed.discarded[1].sha, "fedcba9");
  EXPECT_EQ(parsed.discarded[1].section, "Discarded experiments");
}

TEST(HandoffParser, TableWithCommitAndDomainColumns) {
  const std::string text = R"(## Kept optimizations

| # | Optimization | File(s) | Commit | Domain | PR status |
|---|-------------|---------|--------|--------|-----------|
| 1 | Replace list scan with dict lookup | `pkg/index.py` | `abc1234` | cpu | none |
| 2 | Drop intermediate copies \| zero-copy slices | pkg/buf.py | [def5678](https://github.com/o/r/commit/def5678) | mem+cpu | #12 open |
| 3 | Needs a commit | pkg/x.py | — | cpu | none |
)";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(shas(parsed), (std::vector<std::string>{"abc1234", "def5678"}));
  EXPECT_EQ(parsed.entries[0].description, "Replace list scan with dict lookup");
  EXPECT_EQ(parsed.entries[0].declared_domains, std::vector<std::string>{"cpu"});
  EXPECT_EQ(parsed.entries[0].line, 5);
  EXPECT_EQ(parsed.entries[1].description, "Drop intermediate copies | zero-copy slices");
  EXPECT_EQ(parsed.entries[1].declared_domains, (std::vector<std::string>{"cpu", "mem"}));
}

TEST(HandoffParser, TableWithStatusColumnDecidesPerRow) {
  const std::string text = R"(## Experiments

| Experiment | Status | Commit | Notes |
|---|---|---|---|
| vectorize bbox merge | ✅ kept | 1a2b3c4d | 2.1x faster |
| numpy pre-allocation | discarded | 5e6f7a8b | no gain |
| chunked reader | kept | 9c0d1e2f | -40% peak memory |
)";
  const auto parsed = parse_handoff(text, kDomains);
  EXPECT_EQ(shas(parsed), (std::vector<std::string>{"1a2b3c4d", "9c0d1e2f"}));
  EXPECT_EQ(parsed.entries[0].description, "vectorize bbox merge");
  ASSERT_EQ(parsed.discarded.size(), 1U);
  EXPECT_EQ(parsed.discarded[0].sha, "5e6f7a8b");
  EXPECT_TRUE(parsed.found_kept_section);
}

TEST(HandoffParser, DuplicateMentionsAreMergedKeepingTheFirstLine) {
  const std::string text = R"(## Summary table

## Commits

| Commit | Change |
|---|---|
| a1b2c3d | Inline as_string |

## Optimizations committed

### 1. Inline as_string (a1b2c3d4e5f6)

Commit `a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0` inlines the join.
Domain: mem

### 2. Stream parser

- **b2c3d4e**
  Streams tokens instead of building a list.
)";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(parsed.entries.size(), 2U);
  EXPECT_EQ(parsed.entries[0].sha, "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0");  // the longest spelling
  EXPECT_EQ(parsed.entries[0].line, 7);
  EXPECT_EQ(parsed.entries[0].description, "Inline as_string");
  EXPECT_EQ(parsed.entries[0].declared_domains, std::vector<std::string>{"mem"});
  EXPECT_EQ(parsed.entries[1].sha, "b2c3d4e");
  EXPECT_EQ(parsed.entries[1].description, "Streams tokens instead of building a list.");
  EXPECT_EQ(parsed.entries[1].section, "2. Stream parser");
}

TEST(HandoffParser, BoldLabelsAndListLabelsOpenSubSections) {
  const std::string text = R"(# Hand-off

**Kept:**
- 3c4d5e6f reduce allocations in tokenizer [mem]

**Discarded experiments:**
- 4d5e6f7a try PyPy-style interning

- Kept:
  - 5e6f7a8b faster header parsing
- Reverted:
  - 6f7a8b9c unsafe cache
- Reverted: 7a8b9c0d the other cache
)";
  const auto parsed = parse_handoff(text, kDomains);
  EXPECT_EQ(shas(parsed), (std::vector<std::string>{"3c4d5e6f", "5e6f7a8b"}));
  EXPECT_EQ(parsed.entries[0].declared_domains, std::vector<std::string>{"mem"});
  EXPECT_EQ(parsed.entries[0].description, "reduce allocations in tokenizer");
  ASSERT_EQ(parsed.discarded.size(), 3U);
  EXPECT_EQ(parsed.discarded[0].sha, "4d5e6f7a");
  EXPECT_EQ(parsed.discarded[1].sha, "6f7a8b9c");
  EXPECT_EQ(parsed.discarded[2].sha, "7a8b9c0d");
}

TEST(HandoffParser, DescriptionBeforeTheShaAndDomainFromHeading) {
  const std::string text = R"(## Memory optimizations (committed)

- Stream the CSV reader instead of loading the file (commit 8b9c0d1e)
- Reuse one buffer per page, see a7b6c5d4
)";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(parsed.entries.size(), 2U);
  EXPECT_EQ(parsed.entries[0].description, "Stream the CSV reader instead of loading the file");
  EXPECT_EQ(parsed.entries[0].declared_domains, std::vector<std::string>{"mem"});
  EXPECT_EQ(parsed.entries[1].description, "Reuse one buffer per page");
}

TEST(HandoffParser, DunderNamesOutsideCodeSpansStayIntactWhileBoldIsStripped) {
  const std::string text = R"(## Optimizations committed

1. **9f8e7d6c5b**: faster Table.__getitem__ and __init__.py imports, __no copies__ of rows
2. **1a2b3c4d5e**: __get_item__ via a dict; snake__case kept
)";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(parsed.entries.size(), 2U);
  EXPECT_EQ(entry_for(parsed, "9f8e7d6c5b").description,
            "faster Table.__getitem__ and __init__.py imports, no copies of rows");
  EXPECT_EQ(entry_for(parsed, "1a2b3c4d5e").description, "__get_item__ via a dict; snake__case kept");
}

TEST(HandoffParser, IgnoresWordsDatesUuidsAddressesAndCodeBlocks) {
  const std::string text = R"(## Optimizations committed

The defaced cache was accessed 20240115 times; request 550e8400-e29b-41d4-a716-446655440000
crashed at 0x7fff5fbff8a0. Colors #ff00aa are fine.

```python
def f():
    return 0xdeadbeef1  # abcdef12 in code
```

```
c0ffee12 cpu: the one real commit, from git log --oneline
```
)";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(shas(parsed), std::vector<std::string>{"c0ffee12"});
  EXPECT_EQ(parsed.entries[0].description, "the one real commit, from git log --oneline");
  EXPECT_EQ(parsed.entries[0].declared_domains, std::vector<std::string>{"cpu"});
}

TEST(HandoffParser, AllDigitShaCountsWhereOnlyACommitCanBe) {
  // About 1 SHA prefix in 30 has no letter; first on an item, in a code span
  // or after "commit" it is still a SHA. Bare in prose it is a number.
  const std::string text =
      "## Optimizations committed\n- 0404292 stream rows\n- faster (`1234567`)\n- see commit 7654321\n"
      "- reduced 2048000 allocations\n";
  const auto parsed = parse_handoff(text, kDomains);
  EXPECT_EQ(shas(parsed), (std::vector<std::string>{"0404292", "1234567", "7654321"}));
}

TEST(HandoffParser, WithoutAnyKeptSectionTakesShasOutsideDiscardedOnesAndSaysSo) {
  const std::string text = R"(Worked on the parser today.

- 1111aaa2 faster tokenizer
- 2222bbb3 fewer copies

## Reverted
- 3333ccc4 broke unicode
)";
  const auto parsed = parse_handoff(text, kDomains);
  EXPECT_EQ(shas(parsed), (std::vector<std::string>{"1111aaa2", "2222bbb3"}));
  EXPECT_FALSE(parsed.found_kept_section);
  ASSERT_EQ(parsed.notes.size(), 1U);
  EXPECT_NE(parsed.notes[0].find("no section that marks commits as kept"), std::string::npos);
}

TEST(HandoffParser, ShaListedAsKeptAndDiscardedIsKeptWithAWarning) {
  const std::string text = R"(## Optimizations committed
- 4444ddd5: chunked reads

## Discarded experiments
- tried caching on top of 4444ddd5, slower
)";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(shas(parsed), std::vector<std::string>{"4444ddd5"});
  ASSERT_EQ(parsed.warnings.size(), 1U);
  EXPECT_EQ(parsed.warnings[0].line, 2);
  EXPECT_NE(parsed.warnings[0].message.find("line 5"), std::string::npos);
}

TEST(HandoffParser, SetextHeadingsHtmlCommentsAndCrlf) {
  const std::string text =
      "Committed\r\n=========\r\n<!-- 9999eee0 is an old draft\r\n   still a comment -->\r\n"
      "* 5555fff6 — vectorized scoring\r\n\r\nIdeas\r\n-----\r\n* 6666aaa7 maybe later\r\n";
  const auto parsed = parse_handoff(text, kDomains);
  ASSERT_EQ(shas(parsed), std::vector<std::string>{"5555fff6"});
  EXPECT_EQ(parsed.entries[0].line, 5);
  EXPECT_EQ(parsed.entries[0].description, "vectorized scoring");
}

TEST(HandoffParser, ByteOrderMarkBeforeTheFirstHeading) {
  const auto parsed = parse_handoff("\xEF\xBB\xBF## Discarded\n- 1a2b3c4d nope\n", kDomains);
  EXPECT_TRUE(parsed.entries.empty());
  ASSERT_EQ(parsed.discarded.size(), 1U);
}

TEST(HandoffParser, NeverThrowsOnOddMarkdown) {
  const std::vector<std::string> odd{
      "",
      "|",
      "| | |\n|-|\n| `` | ** |",
      "```\nunterminated fence abc1234d",
      "<!-- unterminated comment",
      "#######\n# \n#",
      "**\n__\n[](\n![](",
      std::string(5000, '|'),
      "- [x] \n- [ ] abc1234d\n1) \n99999. x",
      "Domain: \n(mem\n[cpu",
      std::string("\0\xff\xfe binary-ish abc1234d", 22),
      "## Kept\n- " + std::string(200000, '-') + " abc1234d " + std::string(200000, ' ') + "x",
      "## Kept\n- abc1234d " + std::string(100000, '(') + std::string(100000, '['),
  };
  for (const auto& text : odd) {
    EXPECT_NO_THROW({ (void)parse_handoff(text, kDomains); }) << text;
  }
}

TEST(HandoffParser, ClassifiesHeadings) {
  EXPECT_EQ(classify_heading("Optimizations committed"), SectionKind::Kept);
  EXPECT_EQ(classify_heading("Discarded experiments"), SectionKind::Discarded);
  EXPECT_EQ(classify_heading("Discarded optimizations"), SectionKind::Discarded);
  EXPECT_EQ(classify_heading("Optimization ideas"), SectionKind::Other);
  EXPECT_EQ(classify_heading("Files modified"), SectionKind::Other);
  EXPECT_EQ(classify_heading("Not committed"), SectionKind::Discarded);
  EXPECT_EQ(classify_heading("Summary"), SectionKind::Neutral);
}

}  // namespace
}  // namespace prhost::inventory

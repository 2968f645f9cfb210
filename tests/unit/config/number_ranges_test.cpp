// One range table for prhost.toml and the command line (issue 12.6): every
// number key has a row, each bound is enforced at 64 bits with
// file:line:column, NaN and infinities are refused, and paths that must stay
// inside the repository are refused when they leave it.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "config/config.hpp"
#include "config/config_schema.hpp"
#include "config/number_ranges.hpp"
#include "config/repository_paths.hpp"

namespace prhost::config {
namespace {

std::string error_of(const std::string& text) {
  Config config;
  try {
    apply_toml(config, text, "prhost.toml", "/project");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

std::string number(double value, bool integer) {
  return integer ? fmt::format("{}", static_cast<long long>(value)) : fmt::format("{:.3f}", value);
}

TEST(NumberRanges, EveryNumberKeyOfTheSchemaHasARow) {
  for (const auto& spec : schema()) {
    const bool is_number = spec.type == ValueType::Integer || spec.type == ValueType::Float;
    EXPECT_EQ(spec.range != nullptr, is_number) << spec.table << "." << spec.key;
    if (spec.range != nullptr) {
      EXPECT_EQ(spec.range->id, spec.table + "." + spec.key);
      EXPECT_EQ(spec.range->integer, spec.type == ValueType::Integer) << spec.key;
    }
  }
}

// For each key: both bounds accepted, one step past either refused naming
// prhost.toml:2:<column of the value> and the same bounds as its CLI option.
TEST(NumberRanges, EachKeyAcceptsItsBoundsAndRefusesOneStepPastWithFileLineColumn) {
  for (const auto& spec : schema()) {
    if (spec.range == nullptr) continue;
    const auto& range = *spec.range;
    const double step = range.integer ? 1 : 0.01;
    const std::string prefix = fmt::format("[{}]\n{} = ", spec.table, spec.key);
    const auto column = spec.key.size() + 4;
    // max-pairs must stay >= min-pairs (defaults 40 and 10): give the other one room.
    const std::string extra = spec.key == "max-pairs"   ? "min-pairs = 5\n"
                              : spec.key == "min-pairs" ? "max-pairs = 1000\n"
                                                        : "";
    for (const double fine : {range.min, range.max}) {
      EXPECT_EQ(error_of(fmt::format("[{}]\n{}{} = {}\n", spec.table, extra, spec.key, number(fine, range.integer))),
                "no error")
          << spec.key << " = " << fine;
    }
    for (const double bad : {range.min - step, range.max + step}) {
      const auto message = error_of(prefix + number(bad, range.integer) + "\n");
      EXPECT_NE(message.find(fmt::format("prhost.toml:2:{}: [{}] {} = ", column, spec.table, spec.key)),
                std::string::npos)
          << message;
      EXPECT_NE(message.find("is out of range: it must be " + bounds_text(range)), std::string::npos) << message;
      if (!range.option.empty()) {
        EXPECT_NE(message.find(std::string(range.option) + " has the same bounds"), std::string::npos) << message;
      }
    }
  }
}

TEST(NumberRanges, SixtyFourBitValuesAreCheckedBeforeAnyNarrowing) {
  // 2^32 + 1 would be 1 after a 32-bit cast, and 2^32 would be 0.
  for (const auto* key : {"timeout-seconds", "min-pairs", "max-pairs", "memory-runs"}) {
    const auto message = error_of(fmt::format("[compare]\n{} = 4294967297\n", key));
    EXPECT_NE(message.find("4294967297 is out of range"), std::string::npos) << message;
  }
  EXPECT_NE(error_of("[prhost]\ncommits = 4294967296\n").find("4294967296 is out of range"), std::string::npos);
  EXPECT_NE(error_of("[prhost]\ncommits = 9223372036854775807\n").find("is out of range"), std::string::npos);
  EXPECT_NE(error_of("[prhost]\ncommits = -9223372036854775808\n").find("is out of range"), std::string::npos);
  EXPECT_NE(error_of("[[optimization]]\nnumber = 4294967297\nbase = \"main\"\n").find("prhost.toml:2:10"),
            std::string::npos);
}

TEST(NumberRanges, NanAndInfinitiesAreNoNumber) {
  for (const auto* value : {"nan", "+nan", "-nan", "inf", "+inf", "-inf"}) {
    const auto message = error_of(fmt::format("[compare]\nmargin-percent = {}\n", value));
    EXPECT_NE(message.find("prhost.toml:2:18: [compare] margin-percent = "), std::string::npos) << message;
    EXPECT_NE(message.find("must be a finite number"), std::string::npos) << message;
  }
}

TEST(NumberRanges, CommandLineTextIsJudgedByTheSameRows) {
  const auto& pairs = number_range("compare.max-pairs");
  EXPECT_FALSE(number_problem(pairs, "5"));
  EXPECT_FALSE(number_problem(pairs, "1000"));
  EXPECT_NE(number_problem(pairs, "5000").value_or("").find(bounds_text(pairs)), std::string::npos);
  EXPECT_NE(number_problem(pairs, "4294967297").value_or("").find("out of range"), std::string::npos);
  EXPECT_NE(number_problem(pairs, "99999999999999999999999").value_or("").find("out of range"), std::string::npos);
  EXPECT_EQ(number_problem(pairs, "5.5").value_or(""), "must be a whole number");
  EXPECT_EQ(number_problem(pairs, "").value_or(""), "must be a whole number");
  EXPECT_EQ(number_problem(pairs, "12abc").value_or(""), "must be a whole number");
  const auto& margin = number_range("compare.margin-percent");
  EXPECT_FALSE(number_problem(margin, "2.5"));
  for (const auto* text : {"nan", "NaN", "inf", "-inf", "infinity", "1e999"}) {
    EXPECT_NE(number_problem(margin, text).value_or("").find("finite"), std::string::npos) << text;
  }
  EXPECT_NE(number_problem(margin, "49.5").value_or("").find("at most 49"), std::string::npos);
}

TEST(RepositoryPaths, BenchmarksRootLeavingTheRepositoryIsRefusedWithFileLineColumn) {
  for (const auto* value : {"../../x", "/tmp/x", "bench/../../x", ".git/hooks", ""}) {
    const auto message = error_of(fmt::format("[prhost]\nbenchmarks-root = \"{}\"\n", value));
    EXPECT_NE(message.find(fmt::format("prhost.toml:2:19: [prhost] benchmarks-root = \"{}\" ", value)),
              std::string::npos)
        << message;
  }
  EXPECT_NE(error_of("[prhost]\nbenchmarks-root = \"../x\"\n").find("leaves the repository"), std::string::npos);
  EXPECT_NE(error_of("[prhost]\nbenchmarks-root = \"/x\"\n").find("is absolute"), std::string::npos);
  EXPECT_EQ(error_of("[prhost]\nbenchmarks-root = \"bench/../perf\"\n"), "no error");
  EXPECT_EQ(error_of("[prhost]\nbenchmarks-root = \"./tests/benchmarks/\"\n"), "no error");
}

TEST(RepositoryPaths, OneRuleForEveryPathThatMustStayInside) {
  EXPECT_FALSE(path_leaving_repository("tests/benchmarks/test_benchmark_x.py"));
  EXPECT_FALSE(path_leaving_repository("a/b/../c"));
  EXPECT_TRUE(path_leaving_repository("a/../../c"));
  EXPECT_TRUE(path_leaving_repository("/etc/passwd"));
  EXPECT_TRUE(path_leaving_repository(".git/config"));
  EXPECT_TRUE(path_leaving_repository("a/.git/config"));
}

}  // namespace
}  // namespace prhost::config

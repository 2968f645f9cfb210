// Input choice: mocks for boundary types, recipes by annotation (only for
// libraries the project has), values from the tests, or an explicit gap.
#include <gtest/gtest.h>

#include "bench/input_planner.hpp"

namespace prhost::bench {
namespace {

ParamInfo param(const std::string& name, const std::string& annotation = "", const std::string& resolved = "") {
  return ParamInfo{name, annotation, resolved, std::nullopt, "positional_or_keyword"};
}

PlanSources sources() {
  PlanSources s;
  s.recipes.push_back({"cpu.text", {"str"}, "", {}, "TEXT", "~1 MB of text"});
  s.recipes.push_back({"cpu.numpy-page-array", {"np.ndarray"}, "numpy", {"import numpy as np"}, "PAGE", "page"});
  sdk::MockProvider ocr;
  ocr.id = "acme.fake-ocr";
  ocr.description = "30 MiB";
  ocr.boundaries = {"acme.ocr.OCRAgent"};
  ocr.python_source = "class FakeOCRAgent:\n    pass\n";
  s.mocks.push_back(ocr);
  s.modules = {{"numpy", false}};
  return s;
}

TEST(NormalizeAnnotation, DropsOptionalNoneQuotesAndTypingSpelling) {
  EXPECT_EQ(normalize_annotation("Optional[str]"), "str");
  EXPECT_EQ(normalize_annotation("str | None"), "str");
  EXPECT_EQ(normalize_annotation("'typing.List[int]'"), "list[int]");
  EXPECT_EQ(normalize_annotation("Dict[str, int]"), "dict[str,int]");
}

TEST(PlanInputs, RecipeForAnnotatedParametersAndDefaultsLeftAlone) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.params = {param("text", "str"), ParamInfo{"lower", "bool", "", "True", "keyword_only"}};
  const auto plan = plan_inputs({"pkg.words", "count", "count", &analysis}, std::nullopt, sources());
  EXPECT_TRUE(plan.missing.empty()) << plan.missing;
  EXPECT_EQ(plan.setup, "text = TEXT\n");
  EXPECT_EQ(plan.call, "count(text)");
  EXPECT_EQ(plan.imports.front(), "from pkg.words import count");
  EXPECT_EQ(plan.summary, "recipe cpu.text");
}

TEST(PlanInputs, ARecipeForALibraryTheProjectLacksIsNotUsed) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.params = {param("page", "np.ndarray")};
  const auto plan = plan_inputs({"pkg.img", "binarize", "binarize", &analysis}, std::nullopt, sources());
  EXPECT_NE(plan.missing.find("`page: np.ndarray`"), std::string::npos) << plan.missing;
  EXPECT_EQ(plan.summary, "missing");
}

TEST(PlanInputs, HarvestedValuesPreferTheScaledFormAndOneCallSiteForInputsThatBelongTogether) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.params = {param("items"), param("sep")};
  Harvest partial{"tests/test_a.py", 3, {{"[1]", "", ""}}, {}};
  Harvest full{"tests/test_b.py", 9, {{"['a', 'b']", "(['a', 'b']) * 50000", "list of 2"}, {"','", "", ""}}, {}};
  analysis.calls = {partial, full};
  const auto plan = plan_inputs({"pkg.m", "join", "join", &analysis}, std::nullopt, sources());
  EXPECT_TRUE(plan.missing.empty());
  EXPECT_EQ(plan.setup, "items = (['a', 'b']) * 50000\nsep = ','\n");
  EXPECT_EQ(plan.summary, "tests, tests (scaled)");
}

TEST(PlanInputs, BoundaryParametersGetTheMockAndReachedBoundariesArePatchedWhereLookedUp) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.params = {param("agent", "OCRAgent", "acme.ocr.OCRAgent"), param("text", "str")};
  analysis.boundaries = {{"acme.ocr.OCRAgent", {"acme.ocr.OCRAgent", "acme.pipeline.OCRAgent"}}};
  const auto plan = plan_inputs({"acme.pipeline", "run", "run", &analysis}, std::nullopt, sources());
  EXPECT_EQ(plan.setup, "agent = FakeOCRAgent()\ntext = TEXT\n");
  ASSERT_EQ(plan.mocks.size(), 1u) << "one mock, however many uses";
  ASSERT_EQ(plan.patches.size(), 2u);
  EXPECT_EQ(plan.patches[1].target, "acme.pipeline.OCRAgent");
  EXPECT_EQ(plan.patches[1].replacement, "FakeOCRAgent");
}

TEST(PlanInputs, MethodsBuildTheirInstanceFromInitRecipesOrTheTestsConstruction) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.kind = "method";
  analysis.has_class = true;
  analysis.class_path = "Doc.Page";
  analysis.init_known = true;
  analysis.init_params = {param("text", "str")};
  analysis.params = {param("text", "str")};
  const auto plan = plan_inputs({"pkg.doc", "Doc.Page.render", "render", &analysis}, std::nullopt, sources());
  EXPECT_EQ(plan.imports.front(), "from pkg.doc import Doc");
  EXPECT_EQ(plan.instance_expression, "Doc.Page(init_text)") << "the init's name must not clash with the call's";
  EXPECT_EQ(plan.call, "instance.render(text)");

  analysis.init_known = false;
  analysis.constructions = {Harvest{"tests/t.py", 4, {{"'x'", "", ""}}, {{"size", {"3", "", ""}}}}};
  const auto inherited = plan_inputs({"pkg.doc", "Doc.Page.render", "render", &analysis}, std::nullopt, sources());
  EXPECT_EQ(inherited.instance_expression, "Doc.Page('x', size=3)");

  analysis.constructions.clear();
  const auto missing = plan_inputs({"pkg.doc", "Doc.Page.render", "render", &analysis}, std::nullopt, sources());
  EXPECT_NE(missing.missing.find("an instance of `Doc.Page`"), std::string::npos) << missing.missing;
}

TEST(PlanInputs, StaticMethodsAreCalledOnTheClassAndPropertiesAreRead) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.has_class = true;
  analysis.class_path = "Codec";
  analysis.kind = "staticmethod";
  analysis.params = {param("text", "str")};
  EXPECT_EQ(plan_inputs({"pkg.c", "Codec.encode", "encode", &analysis}, std::nullopt, sources()).call,
            "Codec.encode(text)");
  analysis.kind = "property";
  analysis.init_known = true;
  analysis.params.clear();
  EXPECT_EQ(plan_inputs({"pkg.c", "Codec.size", "size", &analysis}, std::nullopt, sources()).call, "instance.size");
}

TEST(PlanInputs, AHintReplacesEverythingButTheBoundaryMocks) {
  TargetAnalysis analysis;
  analysis.found = true;
  analysis.params = {param("x")};
  analysis.boundaries = {{"acme.ocr.OCRAgent", {"acme.ocr.OCRAgent"}}};
  const InputHint hint{"prhost.toml [[benchmark]] f", {"import io"}, "x = io.BytesIO()\n", "f(x)"};
  const auto plan = plan_inputs({"pkg", "f", "f", &analysis}, hint, sources());
  EXPECT_TRUE(plan.missing.empty());
  EXPECT_EQ(plan.call, "f(x)");
  EXPECT_EQ(plan.patches.size(), 1u);
  EXPECT_EQ(plan.summary, "hint (prhost.toml [[benchmark]] f)");
}

}  // namespace
}  // namespace prhost::bench

// Pins read from the files projects really keep, and the pin check asking the
// machine's real python3 which pytest it has (tests/e2e/doctor_e2e_test.cpp
// runs the same check through the real binary on a real git repository).
#include <gtest/gtest.h>

#include <variant>

#include "checks-core/checks_core_module.hpp"
#include "checks-core/dependency_pins.hpp"
#include "fake_host_services.hpp"
#include "test_support.hpp"

namespace prhost::plugins::checks_core {
namespace {

TEST(DependencyPins, NamesAreNormalizedAsPep503Says) {
  EXPECT_EQ(normalize_package_name("Typing_Extensions"), "typing-extensions");
  EXPECT_EQ(normalize_package_name("zope.interface"), "zope-interface");
  EXPECT_EQ(normalize_package_name("a--_b"), "a-b");
}

TEST(DependencyPins, LockFilesGiveEveryPackage) {
  const auto pins = pins_from_lock(
      "version = 1\n\n[[package]]\nname = \"NumPy\"\nversion = \"1.26.4\"\nsource = { registry = \"x\" }\n\n"
      "[[package]]\nname = \"typing_extensions\"\nversion = \"4.9.0\"\n");
  EXPECT_EQ(pins, (Pins{{"numpy", "1.26.4"}, {"typing-extensions", "4.9.0"}}));
  EXPECT_TRUE(pins_from_lock("not [ toml").empty());
}

TEST(DependencyPins, RequirementsKeepOnlyExactPins) {
  const auto pins = pins_from_requirements(
      "# comment\nrequests==2.31.0  # why\nurllib3>=2\nuvicorn[standard]==0.27.0 ; python_version >= '3.8'\n"
      "-e .\n--index-url https://x\nnumpy === 1.0\n");
  EXPECT_EQ(pins, (Pins{{"requests", "2.31.0"}, {"uvicorn", "0.27.0"}}));
}

TEST(DependencyPins, PyprojectPinsFromPep621AndPoetry) {
  const auto pins = pins_from_pyproject(
      "[project]\ndependencies = [\"attrs==23.2.0\", \"click>=8\"]\n"
      "[project.optional-dependencies]\ntest = [\"pytest==8.0.0\"]\n"
      "[tool.poetry.dependencies]\npython = \"^3.10\"\nrich = \"13.7.0\"\nhttpx = \"^0.26\"\n"
      "[tool.poetry.group.dev.dependencies]\nmypy = { version = \"==1.8.0\" }\n");
  EXPECT_EQ(pins, (Pins{{"attrs", "23.2.0"}, {"pytest", "8.0.0"}, {"rich", "13.7.0"}, {"mypy", "1.8.0"}}));
}

TEST(DependencyPins, ALockFileIsPreferredOverRequirements) {
  const auto source = pins_at_ref([](const std::string& file) -> std::optional<std::string> {
    if (file == "poetry.lock") return "[[package]]\nname = \"a\"\nversion = \"1\"\n";
    if (file == "requirements.txt") return "a==2\n";
    return std::nullopt;
  });
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(source->file, "poetry.lock");
  EXPECT_EQ(source->pins.at("a"), "1");
}

std::string installed_pytest() {
  const auto probe = testing::run({"python3", "-c", "import importlib.metadata as m; print(m.version('pytest'))"}, ".");
  std::string version = probe.out;
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
  return version;
}

TEST(DependencyPinsCheck, SaysWhichRefTheEnvironmentMatchesAndInstallsTheOtherOnlyWithYes) {
  const auto current = installed_pytest();
  ASSERT_FALSE(current.empty());
  sdk::CheckContext ctx;
  ctx.python = {"python3"};
  ctx.base_ref = "base";
  ctx.head_ref = "head";
  testing::FakeHostServices services;
  services.git_files["base:requirements.txt"] = "pytest==7.0.0\nattrs==23.2.0\n";
  services.git_files["head:requirements.txt"] = "pytest==" + current + "\nattrs==23.2.0\n";
  const auto result = make_dependency_pins_check().run(ctx, services);
  ASSERT_EQ(result.status, sdk::CheckStatus::Warning) << result.message;
  EXPECT_NE(result.message.find("1 dependency pin(s) differ"), std::string::npos) << result.message;
  ASSERT_EQ(result.hints.size(), 1u);
  EXPECT_NE(result.hints[0].find("matches head only, so base runs with head's version"), std::string::npos)
      << result.hints[0];
  ASSERT_TRUE(result.repair.has_value());
  const auto& step = std::get<sdk::ConfirmedCommandStep>(result.repair->steps.at(0));
  EXPECT_TRUE(sdk::needs_yes(result.repair->steps.at(0)));
  const auto& argv = step.command.argv;
  EXPECT_NE(std::find(argv.begin(), argv.end(), "--no-deps"), argv.end());
  EXPECT_EQ(argv.back(), "pytest==7.0.0") << "the other ref's pin, nothing else";
}

TEST(DependencyPinsCheck, AgreeingPinsAreOkAndNoPinsAreNotApplicable) {
  sdk::CheckContext ctx;
  ctx.python = {"python3"};
  ctx.base_ref = "b";
  ctx.head_ref = "h";
  testing::FakeHostServices services;
  EXPECT_EQ(make_dependency_pins_check().run(ctx, services).status, sdk::CheckStatus::NotApplicable);
  services.git_files["b:uv.lock"] = "[[package]]\nname = \"a\"\nversion = \"1\"\n";
  services.git_files["h:uv.lock"] = "[[package]]\nname = \"a\"\nversion = \"1\"\n";
  const auto result = make_dependency_pins_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Ok) << result.message;
  EXPECT_TRUE(services.requests.empty()) << "nothing to ask the environment when the pins agree";
}

}  // namespace
}  // namespace prhost::plugins::checks_core

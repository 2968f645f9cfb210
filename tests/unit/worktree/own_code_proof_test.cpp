// The own-code proof, run for real with python3: a checkout's modules resolve
// inside it for flat and src layouts; an editable install of the main
// checkout that outranks PYTHONPATH is caught and the runner-pip per-ref
// environment fixes it; a module the ref cannot import stops with an error
// that names the module, the ref and what to do.
#include "worktree/own_code_proof.hpp"

#include <gtest/gtest.h>

#include "fake_host_services.hpp"
#include "git/repository.hpp"
#include "repo_snapshot.hpp"
#include "runner-pip/pip_runner.hpp"
#include "test_support.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::worktree {
namespace {

using prhost::testing::FakeHostServices;
using prhost::testing::GitRepo;
using prhost::testing::run_ok;
using prhost::testing::write_file;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string real(const std::filesystem::path& path) { return std::filesystem::weakly_canonical(path).string(); }

// The absolute interpreter behind `python3`, as runner-pip would find it on PATH.
std::string system_python() {
  static const std::string path =
      trimmed(run_ok({"python3", "-c", "import sys; print(sys.executable)"}, std::filesystem::current_path()).out);
  return path;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(OwnCodeProof, FlatLayoutResolvesInsideTheCheckout) {
  GitRepo repo;
  repo.write("shelfscan/__init__.py", "");
  repo.write("shelfscan/tokens.py", "def tokens(): return []\n");
  repo.commit("flat");
  const auto repository = git::Repository::open(repo.root());
  const CheckoutSet set(repository, {"main"});
  const auto& checkout = set.checkouts()[0];
  FakeHostServices services;

  const auto report =
      find_module_origins(services, checkout.dir, {"python3"}, checkout.env, {"shelfscan.tokens", "shelfscan"});
  ASSERT_EQ(report.modules.size(), 2u);
  EXPECT_TRUE(report.all_inside());
  EXPECT_EQ(report.modules[0].origin, real(checkout.dir / "shelfscan/tokens.py"));
  EXPECT_EQ(report.modules[1].origin, real(checkout.dir / "shelfscan/__init__.py"));
  EXPECT_EQ(import_roots(checkout.dir), std::vector<std::filesystem::path>{checkout.dir});
  ASSERT_FALSE(services.requests.empty());
  EXPECT_EQ(services.requests.back().cwd, checkout.dir);

  const auto runner = plugins::pip_runner::make_runner();
  const auto interpreter = prepare_interpreter_for_checkout(runner, sdk::Project{repo.root()}, checkout,
                                                            {system_python()}, {"shelfscan.tokens"}, services);
  EXPECT_FALSE(interpreter.per_ref_environment);
  EXPECT_EQ(interpreter.python, std::vector<std::string>{system_python()});
  EXPECT_EQ(interpreter.env.at("PYTHONPATH"), checkout.dir.string());
  EXPECT_EQ(interpreter.env.at("SETUPTOOLS_SCM_PRETEND_VERSION"), checkout.env.at("SETUPTOOLS_SCM_PRETEND_VERSION"));
}

TEST(OwnCodeProof, SrcLayoutResolvesInsideTheCheckout) {
  GitRepo repo;
  repo.write("src/shelfscan/__init__.py", "");
  repo.write("src/shelfscan/tokens.py", "def tokens(): return []\n");
  repo.commit("src layout");
  const auto repository = git::Repository::open(repo.root());
  const CheckoutSet set(repository, {"main"});
  const auto& checkout = set.checkouts()[0];
  FakeHostServices services;

  const auto report = find_module_origins(services, checkout.dir, {"python3"}, checkout.env, {"shelfscan.tokens"});
  EXPECT_TRUE(report.all_inside());
  EXPECT_EQ(report.modules[0].origin, real(checkout.dir / "src/shelfscan/tokens.py"));
  EXPECT_EQ(checkout_python_env(checkout.dir, {}).at("PYTHONPATH"),
            (checkout.dir / "src").string() + ":" + checkout.dir.string());
}

TEST(OwnCodeProof, AMissingModuleIsReportedWithPythonsError) {
  GitRepo repo;
  repo.write("shelfscan/__init__.py", "");
  repo.commit("no tokens yet");
  const auto repository = git::Repository::open(repo.root());
  const CheckoutSet set(repository, {"main"});
  FakeHostServices services;
  const auto report = find_module_origins(services, set.checkouts()[0].dir, {"python3"}, {}, {"shelfscan.tokens"});
  ASSERT_EQ(report.modules.size(), 1u);
  EXPECT_FALSE(report.modules[0].inside);
  EXPECT_TRUE(report.modules[0].origin.empty());
  EXPECT_TRUE(contains(report.modules[0].error, "ModuleNotFoundError")) << report.modules[0].error;
  EXPECT_EQ(report.first_outside(), &report.modules[0]);
}

// A src-layout project whose .venv has the main checkout installed editable.
struct EditableProject {
  GitRepo repo;
  std::filesystem::path venv_python;
  std::filesystem::path site_packages;

  EditableProject() {
    repo.write(".gitignore", ".venv/\n*.egg-info/\n__pycache__/\n");
    repo.write("setup.py",
               "from setuptools import setup, find_packages\n"
               "setup(name='shelfscan', version='0.1', package_dir={'': 'src'}, packages=find_packages('src'))\n");
    repo.write("src/shelfscan/__init__.py", "");
    repo.write("src/shelfscan/tokens.py", "WHERE = 'committed'\n");
    repo.commit("project");
    run_ok({"python3", "-m", "venv", "--system-site-packages", ".venv"}, repo.root());
    venv_python = repo.root() / ".venv/bin/python";
    // pip's editable install needs `wheel` for setuptools' PEP 660 hook; an
    // offline machine may lack it, and `setup.py develop` is the same
    // editable install by the older route.
    const auto pip = prhost::testing::run(
        {venv_python.string(), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "-e", "."},
        repo.root());
    if (!pip.ok()) run_ok({venv_python.string(), "setup.py", "-q", "develop", "--no-deps"}, repo.root());
    site_packages = trimmed(
        run_ok({venv_python.string(), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"}, repo.root())
            .out);
  }

  // What `setup.py develop` wrote with setuptools < 49 (and what any .pth with
  // a sys.path.insert(0, ...) does): the main checkout moves to the front of
  // sys.path, ahead of PYTHONPATH.
  void make_install_outrank_pythonpath() const {
    write_file(site_packages / "easy-install.pth",
               "import sys; sys.__plen = len(sys.path)\n" + (repo.root() / "src").string() +
                   "\nimport sys; new = sys.path[sys.__plen:]; del sys.path[sys.__plen:]; "
                   "p = getattr(sys, '__egginsert', 0); sys.path[p:p] = new; sys.__egginsert = p + len(new)\n");
  }

  [[nodiscard]] std::string imported_from_elsewhere() const {
    prhost::testing::ScratchDir elsewhere;
    return trimmed(
        run_ok({venv_python.string(), "-c", "import shelfscan.tokens as t; print(t.__file__)"}, elsewhere.path()).out);
  }
};

TEST(OwnCodeProof, AnEditableInstallOfTheMainCheckoutDoesNotOutrankTheCheckout) {
  EditableProject project;
  ASSERT_EQ(project.imported_from_elsewhere(), (project.repo.root() / "src/shelfscan/tokens.py").string());
  const auto repository = git::Repository::open(project.repo.root());
  const CheckoutSet set(repository, {"main"});
  const auto& checkout = set.checkouts()[0];
  FakeHostServices services;
  const auto runner = plugins::pip_runner::make_runner();
  const sdk::Project sdk_project{project.repo.root()};

  const auto python = resolve_project_python(runner, sdk_project, services);
  EXPECT_EQ(python, std::vector<std::string>{project.venv_python.string()});
  const auto interpreter =
      prepare_interpreter_for_checkout(runner, sdk_project, checkout, python, {"shelfscan.tokens"}, services);
  EXPECT_FALSE(interpreter.per_ref_environment);
  EXPECT_EQ(interpreter.proof.modules[0].origin, real(checkout.dir / "src/shelfscan/tokens.py"));
}

TEST(OwnCodeProof, AnEditableInstallThatOutranksTheCheckoutIsCaughtAndTheRunnerEnvironmentFixesIt) {
  EditableProject project;
  project.make_install_outrank_pythonpath();
  const auto repository = git::Repository::open(project.repo.root());
  const CheckoutSet set(repository, {"main"});
  const auto& checkout = set.checkouts()[0];
  FakeHostServices services;
  const auto runner = plugins::pip_runner::make_runner();
  const sdk::Project sdk_project{project.repo.root()};
  const auto python = resolve_project_python(runner, sdk_project, services);
  const auto main_src_before = testing::snapshot(project.repo.root() / "src");

  // The danger, shown: the plain interpreter would benchmark the main checkout.
  const auto plain = find_module_origins(services, checkout.dir, python, checkout.env, {"shelfscan.tokens"});
  ASSERT_EQ(plain.modules.size(), 1u);
  EXPECT_FALSE(plain.modules[0].inside);
  EXPECT_EQ(plain.modules[0].origin, real(project.repo.root() / "src/shelfscan/tokens.py"));

  const auto interpreter =
      prepare_interpreter_for_checkout(runner, sdk_project, checkout, python, {"shelfscan.tokens"}, services);
  EXPECT_TRUE(interpreter.per_ref_environment);
  EXPECT_EQ(interpreter.python.front(), (checkout.dir / ".prhost-venv/bin/python").string());
  ASSERT_EQ(interpreter.proof.modules.size(), 1u);
  EXPECT_TRUE(interpreter.proof.modules[0].inside);
  EXPECT_EQ(interpreter.proof.modules[0].origin, real(checkout.dir / "src/shelfscan/tokens.py"));
  bool logged = false;
  for (const auto& line : services.logged) logged = logged || contains(line, "shelfscan.tokens");
  EXPECT_TRUE(logged) << "the switch to a per-ref environment is logged with the module that forced it";
  // The returned interpreter really imports the checkout's code.
  sdk::ProcessRequest request;
  request.argv = interpreter.python;
  request.argv.insert(request.argv.end(), {"-c", "import shelfscan.tokens as t; print(t.__file__)"});
  request.cwd = checkout.dir;
  request.env = interpreter.env;
  const auto result = services.run(request);
  ASSERT_TRUE(result.ok()) << result.err;
  EXPECT_EQ(real(trimmed(result.out)), real(checkout.dir / "src/shelfscan/tokens.py"));
  // Locating the module in the main checkout wrote no bytecode there.
  EXPECT_TRUE(testing::same_tree(main_src_before, testing::snapshot(project.repo.root() / "src")));
}

TEST(OwnCodeProof, AModuleTheRefCannotImportStopsWithAClearError) {
  GitRepo repo;
  repo.write("shelfscan/__init__.py", "");
  const auto base = repo.commit("base without tokens");
  repo.write("shelfscan/tokens.py", "def tokens(): return []\n");
  repo.commit("head adds tokens");
  const auto repository = git::Repository::open(repo.root());
  const CheckoutSet set(repository, {base});
  FakeHostServices services;
  services.programs["python3"] = system_python();
  const auto runner = plugins::pip_runner::make_runner();
  try {
    (void)prepare_interpreter_for_checkout(runner, sdk::Project{repo.root()}, set.checkouts()[0], {system_python()},
                                           {"shelfscan.tokens"}, services);
    FAIL() << "a module missing at the ref must stop the comparison";
  } catch (const OwnCodeError& error) {
    const std::string message = error.what();
    EXPECT_TRUE(contains(message, "shelfscan.tokens")) << message;
    EXPECT_TRUE(contains(message, base.substr(0, 12))) << message;
    EXPECT_TRUE(contains(message, "ModuleNotFoundError")) << message;
    EXPECT_TRUE(contains(message, "editable_install = true in [plugin.runner-pip]")) << message;
  }
}

TEST(OwnCodeProof, NoModulesProvesNothingAndIsRefused) {
  GitRepo repo;
  repo.write("a.py", "");
  repo.commit("a");
  const auto repository = git::Repository::open(repo.root());
  const CheckoutSet set(repository, {"main"});
  FakeHostServices services;
  EXPECT_THROW((void)prepare_interpreter_for_checkout(plugins::pip_runner::make_runner(), sdk::Project{repo.root()},
                                                      set.checkouts()[0], {"python3"}, {}, services),
               OwnCodeError);
  EXPECT_TRUE(services.requests.empty());
}

}  // namespace
}  // namespace prhost::worktree

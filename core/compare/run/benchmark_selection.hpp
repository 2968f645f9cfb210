// Which benchmark files a comparison runs, and which project modules they
// exercise (the modules whose origin the own-code proof checks).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace prhost::compare {

// `explicit_files` when given (each must exist in the working tree), else
// every test_*.py under `benchmarks_root` in the working tree, sorted.
// Paths are relative to `project_root`. Throws std::runtime_error saying what
// to do when there is none.
std::vector<std::string> select_benchmark_files(const std::filesystem::path& project_root,
                                                const std::string& benchmarks_root,
                                                const std::vector<std::string>& explicit_files);

// Dotted modules imported by the benchmark files (`from pkg.mod import f`,
// `import pkg.mod`, `importlib.import_module("pkg.mod")`) whose top-level package lives in `checkout` (flat or src
// layout). Standard-library and third-party imports are left out: only the
// project's own code must resolve inside the checkout.
std::vector<std::string> project_modules_imported_by(const std::filesystem::path& checkout,
                                                     const std::vector<std::string>& benchmark_files);

}  // namespace prhost::compare

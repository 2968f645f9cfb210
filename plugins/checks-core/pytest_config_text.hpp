// The `addopts` of the configuration file pytest would read, found by text:
// pytest.ini / .pytest.ini [pytest], pyproject.toml [tool.pytest.ini_options],
// tox.ini [pytest], setup.cfg [tool:pytest] — the first that has a section.
#pragma once

#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/project.hpp"

namespace prhost::plugins::checks_core {

struct PytestAddopts {
  std::string file;                // relative to the project root; empty without a config
  std::vector<std::string> words;  // addopts split on whitespace and quotes removed
};

PytestAddopts read_addopts(const sdk::Project& project, const sdk::HostServices& services);

}  // namespace prhost::plugins::checks_core

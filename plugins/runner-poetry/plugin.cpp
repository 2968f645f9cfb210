// The only exported symbol of prhost-runner-poetry.so.
#include "prhost/sdk/plugin.hpp"
#include "runner-poetry/poetry_runner.hpp"

PRHOST_PLUGIN("runner-poetry", "1.0.0", "runner", "Runs the project's Python through Poetry (poetry run python)",
              &prhost::plugins::poetry_runner::register_contributions)

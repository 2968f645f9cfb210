// The only exported symbol of prhost-runner-uv.so.
#include "prhost/sdk/plugin.hpp"
#include "runner-uv/uv_runner.hpp"

PRHOST_PLUGIN("runner-uv", "1.0.0", "runner", "Runs the project's Python through uv (uv run python)",
              &prhost::plugins::uv_runner::register_contributions)

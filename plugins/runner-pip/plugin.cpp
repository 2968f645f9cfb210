// The only exported symbol of prhost-runner-pip.so.
#include "prhost/sdk/plugin.hpp"
#include "runner-pip/pip_runner.hpp"

PRHOST_PLUGIN("runner-pip", "1.0.0", "runner", "Fallback runner: the project's venv interpreter, or python3 from PATH",
              &prhost::plugins::pip_runner::register_contributions)

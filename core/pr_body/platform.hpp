// The platform line a PR body quotes next to its numbers, read from the
// machine itself (/proc/cpuinfo, /proc/meminfo, the online CPU count) and
// from the runner (its interpreter's version, the runner tool's own version):
// "Intel(R) Xeon(R) CPU @ 2.20GHz — 2 cores, 7.8 GiB RAM, Python 3.11.7, uv 0.5.4".
#pragma once

#include <string>
#include <string_view>

#include "pr_body/evidence.hpp"

namespace prhost::pr_body {

// The first "model name" (x86) or "Processor"/"Hardware"/"cpu model" (other
// architectures) of /proc/cpuinfo; empty when none is there.
std::string cpu_model_from_cpuinfo(std::string_view cpuinfo);

// MemTotal of /proc/meminfo in GiB; 0 when absent.
double ram_gib_from_meminfo(std::string_view meminfo);

// "uv 0.5.4", "poetry 1.8.3", "pip 23.2.1": the runner's id and the first
// version number in what its version command printed ("Poetry (version
// 1.8.3)"); just the id when no version is in it.
std::string runner_with_version(std::string_view runner_id, std::string_view version_output);

// CPU model, cores and RAM of this machine; python and runner are left for
// the caller, who knows the interpreter.
Platform machine_platform();

}  // namespace prhost::pr_body

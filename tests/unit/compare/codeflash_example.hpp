// The example from the compare brief, exactly as `codeflash compare -o`
// writes it: the renderer must reproduce it byte for byte and the parser must
// read it back, so both tests use this one copy.
#pragma once

#include <string>

namespace prhost::compare::testing {

inline const std::string kCodeflashExample =
    "## Benchmark: `a1b2c3d4e5f6` vs `codeflash/op`\n"
    "\n"
    "### test_benchmark_partition_pdf\n"
    "\n"
    "| | Min | Median | Mean | OPS | Rounds |\n"
    "|:---|---:|---:|---:|---:|---:|\n"
    "| `a1b2c3d4e5f6` (base) | 41,200.00μs | 43,050.00μs | 44,100.00μs | 22.68 ops/s | 25 |\n"
    "| `codeflash/op` (head) | 27,000.00μs | 28,300.00μs | 29,000.00μs | 34.48 ops/s | 36 |\n"
    "| **Speedup** | **🟢 1.53x** | **🟢 1.52x** | **🟢 1.52x** | **🟢 1.52x** | |\n"
    "\n"
    "#### Memory\n"
    "\n"
    "| Ref | Peak Memory | Allocations | Delta |\n"
    "|:---|---:|---:|:---|\n"
    "| `a1b2c3d4e5f6` (base) | 512.0 MiB | 1,234,567 | |\n"
    "| `codeflash/op` (head) | 320.0 MiB | 654,321 | 🟢 -38% |\n";

}  // namespace prhost::compare::testing

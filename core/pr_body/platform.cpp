#include "pr_body/platform.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "util/read_file.hpp"

namespace prhost::pr_body {
namespace {

// The value of the first "key : value" line whose key is `key`.
std::string field(std::string_view text, std::string_view key) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && sdk::helpers::trim(line.substr(0, colon)) == key) {
      return std::string(sdk::helpers::trim(line.substr(colon + 1)));
    }
    start = end + 1;
  }
  return {};
}

std::string format_gib(double gib) {
  if (gib <= 0) return "unknown";
  // Whole numbers read as "8 GiB"; otherwise one decimal ("7.8 GiB").
  if (std::fabs(gib - std::round(gib)) < 0.05) return fmt::format("{:.0f}", std::round(gib));
  return fmt::format("{:.1f}", gib);
}

}  // namespace

std::string Platform::line() const {
  return fmt::format("{} — {} cores, {} GiB RAM, Python {}, {}", cpu_model.empty() ? "unknown CPU" : cpu_model, cores,
                     format_gib(ram_gib), python_version.empty() ? "unknown" : python_version,
                     runner.empty() ? "unknown runner" : runner);
}

std::string cpu_model_from_cpuinfo(std::string_view cpuinfo) {
  for (const auto* key : {"model name", "Processor", "cpu model", "Hardware", "uarch"}) {
    if (auto value = field(cpuinfo, key); !value.empty()) return value;
  }
  return {};
}

double ram_gib_from_meminfo(std::string_view meminfo) {
  const auto value = field(meminfo, "MemTotal");  // "16307480 kB"
  if (value.empty()) return 0.0;
  return std::strtod(value.c_str(), nullptr) / (1024.0 * 1024.0);
}

std::string runner_with_version(std::string_view runner_id, std::string_view version_output) {
  for (std::size_t i = 0; i < version_output.size(); ++i) {
    const bool starts_number = std::isdigit(static_cast<unsigned char>(version_output[i])) != 0 &&
                               (i == 0 || std::isdigit(static_cast<unsigned char>(version_output[i - 1])) == 0);
    if (!starts_number) continue;
    std::size_t end = i;
    while (end < version_output.size() &&
           (std::isalnum(static_cast<unsigned char>(version_output[end])) != 0 || version_output[end] == '.')) {
      ++end;
    }
    const auto version = version_output.substr(i, end - i);
    if (version.find('.') != std::string_view::npos) return fmt::format("{} {}", runner_id, version);
    i = end;
  }
  return std::string(runner_id);
}

Platform machine_platform() {
  Platform platform;
  platform.cpu_model = cpu_model_from_cpuinfo(util::read_text_file("/proc/cpuinfo").value_or(""));
  platform.ram_gib = ram_gib_from_meminfo(util::read_text_file("/proc/meminfo").value_or(""));
  platform.cores = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  return platform;
}

}  // namespace prhost::pr_body

#include "pr_body/template_source.hpp"

#include "embedded/pr_body_template_cpu.hpp"
#include "embedded/pr_body_template_memory.hpp"
#include "util/read_file.hpp"

namespace prhost::pr_body {

std::string_view to_string(Variant variant) { return variant == Variant::Memory ? "memory" : "cpu"; }

Variant choose_variant(const CompareEvidence& compare) {
  bool timing = false;
  bool memory = false;
  for (const auto& benchmark : compare.benchmarks) {
    timing = timing || benchmark.timing.has_value();
    memory = memory || benchmark.memory.has_value();
  }
  return !timing && memory ? Variant::Memory : Variant::Cpu;
}

TemplateText load_template(Variant variant, const TemplateSources& sources) {
  if (sources.configured) {
    const auto text = util::read_text_file(*sources.configured);
    if (!text) {
      throw TemplateError(sources.configured->string() +
                          ": cannot be read (set by prhost.toml [pr-body] template; fix the path or remove the key)");
    }
    return {*text, sources.configured->string()};
  }
  for (const auto& contributed : sources.contributed) {
    if (contributed.variant == to_string(variant)) return {contributed.text, contributed.origin};
  }
  if (variant == Variant::Memory) {
    return {std::string(embedded::pr_body_template_memory()), "built-in config/templates/memory.md"};
  }
  return {std::string(embedded::pr_body_template_cpu()), "built-in config/templates/cpu.md"};
}

void check_templates(const TemplateSources& sources) {
  for (const auto variant : {Variant::Cpu, Variant::Memory}) (void)scan_template(load_template(variant, sources));
}

}  // namespace prhost::pr_body

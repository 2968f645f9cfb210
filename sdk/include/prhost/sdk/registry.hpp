// The Registry a plugin fills during registration. Ids are global: by
// convention they start with a word naming the plugin or area (for example
// "codeflash-importable", "mem.flags"); a duplicate id rejects the second
// plugin as a whole, naming both.
#pragma once

#include "prhost/sdk/benchmarks.hpp"
#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/domain.hpp"
#include "prhost/sdk/options.hpp"
#include "prhost/sdk/pr_body.hpp"
#include "prhost/sdk/runner.hpp"

namespace prhost::sdk {

class Registry {
 public:
  virtual ~Registry() = default;
  virtual void add_compare_flag_policy(CompareFlagPolicy policy) = 0;
  virtual void add_domain_classifier(DomainClassifier classifier) = 0;
  virtual void add_check(DiagnosticCheck check) = 0;
  virtual void add_benchmark_generator(BenchmarkGenerator generator) = 0;
  virtual void add_mock_provider(MockProvider mock) = 0;
  virtual void add_input_recipe(InputRecipe recipe) = 0;
  virtual void add_runner(RunnerAdapter runner) = 0;
  virtual void add_pr_body_template(PrBodyTemplate pr_body_template) = 0;  // ABI 2.0
  virtual void add_domain(DomainDefinition definition) = 0;                // ABI 2.1
  virtual void add_check_description(CheckDescription description) = 0;    // ABI 2.2
  virtual void add_environment_query(EnvironmentQuery query) = 0;          // ABI 2.2
  virtual void add_option(PluginOption option) = 0;                        // ABI 2.2
};

}  // namespace prhost::sdk

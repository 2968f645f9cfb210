// The domain words of the four default domain plugins, taken from the plugins
// themselves (their make_domain_definition()), so the inventory tests see what
// a real run sees and no alias table is written twice.
#pragma once

#include "domain-async/async_module.hpp"
#include "domain-cpu/cpu_module.hpp"
#include "domain-mem/mem_module.hpp"
#include "domain-struct/struct_module.hpp"
#include "inventory/domain_words.hpp"

namespace prhost::inventory {

inline const DomainVocabulary& default_plugin_vocabulary() {
  static const DomainVocabulary vocabulary =
      vocabulary_from({plugins::async::make_domain_definition(), plugins::cpu::make_domain_definition(),
                       plugins::mem::make_domain_definition(), plugins::structure::make_domain_definition()},
                      {});
  return vocabulary;
}

}  // namespace prhost::inventory

#include "plugin_host/shown_texts.hpp"

#include <utility>

#include "util/printable.hpp"

namespace prhost::plugin_host {
namespace {

void line(std::string& text) { text = util::printable(text); }
void lines(std::string& text) { text = util::printable(text, /*allow_newlines=*/true); }

// Only the words: a repair's steps (commands, file contents) are data the
// plugin means byte for byte, and are never printed raw to a terminal.
void make_printable(sdk::CheckResult& result) {
  lines(result.message);
  for (auto& hint : result.hints) lines(hint);
  if (result.repair) lines(result.repair->summary);
}

}  // namespace

bool is_printable_id(const std::string& id) { return util::printable(id) == id; }

void make_printable(sdk::DiagnosticCheck& check) {
  line(check.title);
  if (!check.run) return;
  check.run = [run = std::move(check.run)](const sdk::CheckContext& context, sdk::HostServices& services) {
    sdk::CheckResult result = run(context, services);
    make_printable(result);
    return result;
  };
}

void make_printable(sdk::CheckDescription& description) {
  line(description.looks_at);
  line(description.repair);
}

void make_printable(sdk::PluginOption& option) {
  line(option.type);
  line(option.default_value);
  line(option.description);
}

}  // namespace prhost::plugin_host

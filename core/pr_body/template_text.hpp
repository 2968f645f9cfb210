// The PR body template language: markdown with `{{NAME}}` placeholders from
// one fixed table. Checking and filling are strict so a reviewer never reads
// a body with a hole in it: an unknown placeholder, an unclosed `{{` or a
// placeholder left without a value is an error naming it and the template's
// line. An optional placeholder (technical details, changelog) whose value is
// empty takes its section with it: the heading above it disappears too.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::pr_body {

struct PlaceholderSpec {
  std::string_view name;
  bool optional = false;     // empty value: the section disappears with its heading
  std::string_view meaning;  // for docs/pr-body.md and error messages
};

// Every placeholder a template may use.
const std::vector<PlaceholderSpec>& placeholders();

class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TemplateText {
  std::string text;
  std::string name;  // a path, or "built-in cpu template": the start of every error message
};

struct PlaceholderUse {
  std::string name;
  int line = 0;  // 1-based
};

// Every placeholder the template uses, in order. Throws TemplateError for an
// unknown name or an unclosed `{{`.
std::vector<PlaceholderUse> scan_template(const TemplateText& template_text);

// The template with every placeholder replaced by values[name]. Throws
// TemplateError (naming placeholder and line) for anything scan_template
// refuses and for a placeholder without a value (a required one may not be
// empty either).
std::string fill_template(const TemplateText& template_text, const std::map<std::string, std::string>& values);

}  // namespace prhost::pr_body

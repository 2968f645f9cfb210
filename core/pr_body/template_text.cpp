#include "pr_body/template_text.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace prhost::pr_body {
namespace {

const PlaceholderSpec* find_spec(std::string_view name) {
  for (const auto& spec : placeholders()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string known_names() {
  std::string names;
  for (const auto& spec : placeholders()) names += (names.empty() ? "" : ", ") + std::string(spec.name);
  return names;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// One `{{...}}` in a line: where it starts and ends and the name inside.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the closing braces
  std::string name;
};

std::vector<Token> tokens_of(const std::string& line, int number, const std::string& template_name) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  while ((at = line.find("{{", at)) != std::string::npos) {
    const auto close = line.find("}}", at + 2);
    if (close == std::string::npos) {
      throw TemplateError(fmt::format(
          "{}:{}: '{{{{' without a closing '}}}}' (placeholders are {{{{NAME}}}} on one line)", template_name, number));
    }
    Token token{at, close + 2, std::string(sdk::helpers::trim(std::string_view(line).substr(at + 2, close - at - 2)))};
    if (find_spec(token.name) == nullptr) {
      throw TemplateError(fmt::format("{}:{}: unknown placeholder {{{{{}}}}} (known: {})", template_name, number,
                                      token.name, known_names()));
    }
    tokens.push_back(std::move(token));
    at = close + 2;
  }
  return tokens;
}

bool is_blank(const std::string& line) { return sdk::helpers::trim(line).empty(); }

bool is_atx_heading(const std::string& line) {
  const auto text = sdk::helpers::trim(line);
  const auto hashes = text.find_first_not_of('#');
  return hashes != std::string_view::npos && hashes >= 1 && hashes <= 6 && text[hashes] == ' ';
}

bool is_setext_underline(const std::string& line) {
  const auto text = sdk::helpers::trim(line);
  return !text.empty() && (text.find_first_not_of('=') == std::string_view::npos ||
                           text.find_first_not_of('-') == std::string_view::npos);
}

// Drops the section an empty optional placeholder stood in: trailing blank
// lines, then the heading right above (ATX `## x` or setext `x` + `---`).
void drop_section_heading(std::vector<std::string>& out) {
  while (!out.empty() && is_blank(out.back())) out.pop_back();
  if (out.empty()) return;
  if (is_atx_heading(out.back())) {
    out.pop_back();
  } else if (out.size() >= 2 && is_setext_underline(out.back()) && !is_blank(out[out.size() - 2])) {
    out.resize(out.size() - 2);
  }
}

const std::string& value_of(const std::map<std::string, std::string>& values, const Token& token, int number,
                            const std::string& template_name) {
  const auto found = values.find(token.name);
  if (found == values.end() || (found->second.empty() && !find_spec(token.name)->optional)) {
    throw TemplateError(fmt::format("{}:{}: placeholder {{{{{}}}}} was left unfilled (prhost has no value for it here)",
                                    template_name, number, token.name));
  }
  return found->second;
}

}  // namespace

const std::vector<PlaceholderSpec>& placeholders() {
  static const std::vector<PlaceholderSpec> specs{
      {"SUMMARY_BULLETS", false, "the mechanism first, then the measured effect with its interval"},
      {"TECHNICAL_DETAILS", true, "why the old code was slow or heavy and how the new code works"},
      {"PLATFORM_DESCRIPTION", false, "<CPU model> — N cores, X GiB RAM, Python 3.x.y, <runner> <version>"},
      {"CODEFLASH_COMPARE_OUTPUT", false, "the codeflash-shaped compare tables and verdict lines"},
      {"COMPARE_FLAGS", false, "the compare flags used (--memory, --timeout 120), or 'none'"},
      {"BASE_REF", false, "the base commit compared"},
      {"HEAD_REF", false, "the head commit compared"},
      {"RUNNER", false, "how Python runs in the project (uv run python, poetry run python, python)"},
      {"BENCHMARK_PATH", false, "the benchmark file(s)"},
      {"TEST_ITEMS", false, "what was verified: unit tests, benchmark, memory run, evidence lines"},
      {"CHANGELOG_SECTION", true, "a suggested entry in the project's changelog style"},
      {"REPRODUCE", false, "prhost compare, the equivalent codeflash compare and plain pytest"},
  };
  return specs;
}

std::vector<PlaceholderUse> scan_template(const TemplateText& template_text) {
  std::vector<PlaceholderUse> uses;
  const auto lines = split_lines(template_text.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    for (auto& token : tokens_of(lines[i], number, template_text.name)) uses.push_back({token.name, number});
  }
  return uses;
}

std::string fill_template(const TemplateText& template_text, const std::map<std::string, std::string>& values) {
  const auto lines = split_lines(template_text.text);
  std::vector<std::string> out;
  bool dropping_blanks = false;  // after a removed section, until the next content line
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const int number = static_cast<int>(i) + 1;
    const auto tokens = tokens_of(line, number, template_text.name);
    if (dropping_blanks && is_blank(line)) continue;
    dropping_blanks = false;
    if (tokens.size() == 1 && sdk::helpers::trim(line).size() == tokens[0].end - tokens[0].begin) {
      const auto& value = value_of(values, tokens[0], number, template_text.name);
      if (value.empty()) {  // an optional section with nothing to say
        drop_section_heading(out);
        dropping_blanks = true;
        continue;
      }
    }
    std::string filled;
    std::size_t copied = 0;
    for (const auto& token : tokens) {
      filled += line.substr(copied, token.begin - copied);
      filled += value_of(values, token, number, template_text.name);
      copied = token.end;
    }
    filled += line.substr(copied);
    for (auto& piece : split_lines(filled)) out.push_back(std::move(piece));
    if (filled.empty()) out.emplace_back();
  }
  while (!out.empty() && is_blank(out.back())) out.pop_back();
  std::string text;
  for (const auto& line : out) text += line + "\n";
  return text;
}

}  // namespace prhost::pr_body

#include "pr_body/file_names.hpp"

#include <fmt/format.h>

#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace prhost::pr_body {
namespace {

// A method's file is named like its benchmark test: PageBuffer_render.
std::string base_name(const PrBodyTarget& target, bool with_module) {
  if (target.qualname.empty()) return target.fallback;
  std::string qualname = target.qualname;
  for (auto& c : qualname) c = c == '.' ? '_' : c;
  return with_module && !target.module.empty() ? target.module + "." + qualname : qualname;
}

}  // namespace

std::string sanitize_name(const std::string& text) {
  std::string name;
  for (const char c : text) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    if (plain) {
      name += c;
    } else if (c == '.' && !name.empty() && name.back() != '.') {
      name += '.';
    } else if (!name.empty() && name.back() != '_' && c != '.') {
      name += '_';
    }
  }
  while (!name.empty() && (name.back() == '.' || name.back() == '_')) name.pop_back();
  if (name.empty()) name = "optimization";
  if (name.size() > kMaxNameLength) {
    const auto hash = fmt::format("{:08x}", std::hash<std::string>{}(text)&0xffffffffU);
    name = name.substr(0, kMaxNameLength - hash.size() - 1) + "-" + hash;
  }
  return name;
}

std::vector<std::string> pr_body_file_names(const std::vector<PrBodyTarget>& targets) {
  std::map<std::string, int> uses;
  for (const auto& target : targets) ++uses[sanitize_name(base_name(target, false))];
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (const auto& target : targets) {
    const bool clash = uses[sanitize_name(base_name(target, false))] > 1;
    std::string name = sanitize_name(base_name(target, clash));
    // The same function twice (or sanitizing made two names equal): number them.
    for (int n = 2; taken.count(name) != 0; ++n)
      name = sanitize_name(base_name(target, clash)) + "-" + std::to_string(n);
    taken.insert(name);
    names.push_back("pr-body-" + name + ".md");
  }
  return names;
}

}  // namespace prhost::pr_body

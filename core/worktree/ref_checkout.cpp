#include "worktree/ref_checkout.hpp"

#include <git2.h>
#include <re2/re2.h>

#include <cctype>
#include <system_error>
#include <utility>

#include "git/git_error.hpp"
#include "git/owned.hpp"
#include "worktree/ref_names.hpp"
#include "worktree/stale_checkouts.hpp"
#include "worktree/tree_checkout.hpp"

namespace prhost::worktree {
namespace {

using git::Owned;

struct Buffer {
  git_buf buf = GIT_BUF_INIT;
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { git_buf_dispose(&buf); }
};

// A directory name that still says which ref it holds (paths show up in
// tracebacks and logs), without characters a shell or Python would trip on.
std::string directory_name(std::size_t index, const std::string& ref) {
  constexpr std::size_t kMaxRefChars = 40;
  std::string slug;
  for (const char c : ref) {
    if (slug.size() == kMaxRefChars) break;
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
    slug += safe ? c : '_';
  }
  return std::to_string(index) + "-" + (slug.empty() ? "ref" : slug);
}

// `inject` paths come from the command line; anything that could write
// outside a checkout (absolute paths, "..") or into git metadata is refused.
std::filesystem::path checked_inject_path(const std::filesystem::path& path) {
  auto normal = path.lexically_normal();
  if (normal.empty() || normal == "." || normal.is_absolute()) {
    throw CheckoutError("--inject " + path.string() +
                        ": give a path relative to the repository root, e.g. tests/benchmarks/test_benchmark_x.py");
  }
  for (const auto& part : normal) {
    if (part == "..") {
      throw CheckoutError("--inject " + path.string() + ": the path leaves the repository; give one inside it");
    }
    if (part == ".git") throw CheckoutError("--inject " + path.string() + ": git metadata cannot be injected");
  }
  return normal;
}

void check_checkout_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw CheckoutError("checkout directory " + dir.string() + " was not created; is " +
                        std::filesystem::temp_directory_path().string() + " writable and not full?");
  }
}

std::vector<InjectedFile> inject_files(const git::Repository& repository, const std::string& ref,
                                       const std::filesystem::path& dir,
                                       const std::vector<std::filesystem::path>& inject) {
  std::vector<InjectedFile> injected;
  const auto source_root = repository.workdir();
  for (const auto& path : inject) {
    services::throw_if_interrupted();
    const auto relative = checked_inject_path(path);
    const auto source = source_root / relative;
    std::error_code ec;
    if (!std::filesystem::exists(source, ec)) {
      throw CheckoutError("--inject " + relative.string() + ": not found in the working tree " + source_root.string() +
                          "; write the benchmark first (prhost bench) or fix the path");
    }
    const auto destination = dir / relative;
    InjectedFile file{relative, std::filesystem::exists(destination, ec)};
    std::filesystem::create_directories(destination.parent_path(), ec);
    if (ec) {
      throw CheckoutError("cannot create " + destination.parent_path().string() + " for --inject " + relative.string() +
                          " at " + ref + ": " + ec.message());
    }
    // Symlinks are followed: a link into the user's tree must become a copy,
    // or the ref would run the working tree's file after all.
    std::filesystem::copy(source, destination,
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing,
                          ec);
    if (ec) {
      throw CheckoutError("cannot copy --inject " + relative.string() + " into the checkout of " + ref + " (" +
                          destination.string() + "): " + ec.message());
    }
    injected.push_back(std::move(file));
  }
  return injected;
}

}  // namespace

UnknownRefError::UnknownRefError(const std::string& ref, const std::filesystem::path& repository)
    : CheckoutError("unknown ref '" + ref + "': no branch, tag or commit of that name in " + repository.string() +
                    "; check the spelling, or `git fetch` if it only exists on a remote"),
      ref_(ref) {}

struct CheckoutSet::Resolved {
  std::vector<std::pair<std::string, std::string>> refs;  // ref, full SHA
  util::TempPath root;
};

CheckoutSet::CheckoutSet(const git::Repository& repository, const std::vector<std::string>& refs,
                         const std::vector<std::filesystem::path>& inject)
    : CheckoutSet(
          repository,
          [&] {
            if (repository.is_bare()) {
              throw CheckoutError(repository.gitdir().string() +
                                  " is a bare repository: prhost needs a working tree (for --inject and the project "
                                  "itself); run it from a normal clone");
            }
            // Every ref is resolved before the temporary directory exists, so
            // a typo leaves nothing behind.
            std::vector<std::pair<std::string, std::string>> resolved;
            for (const auto& ref : refs) {
              resolved.emplace_back(ref, resolve_ref(repository, ref));
            }
            for (const auto& path : inject) checked_inject_path(path);
            // Directories of an earlier prhost killed outright go first.
            remove_stale_checkouts(std::filesystem::temp_directory_path());
            return Resolved{std::move(resolved), util::TempPath::directory("prhost-checkouts")};
          }(),
          inject) {}

CheckoutSet::CheckoutSet(const git::Repository& repository, Resolved resolved,
                         const std::vector<std::filesystem::path>& inject)
    : cleanup_(resolved.root.path()), root_(std::move(resolved.root)) {
  record_owner(root_.path());
  // Any throw below destroys root_ and cleanup_: the directory goes with it.
  for (std::size_t i = 0; i < resolved.refs.size(); ++i) {
    services::throw_if_interrupted();
    const auto& [ref, sha] = resolved.refs[i];
    Checkout checkout;
    checkout.ref = ref;
    checkout.sha = sha;
    checkout.dir = root_.path() / directory_name(i, ref);
    std::filesystem::create_directory(checkout.dir);
    checkout_commit_tree(repository.raw(), ref, sha, checkout.dir);
    check_checkout_dir(checkout.dir);
    checkout.missing_submodules = check_out_submodules(repository.raw(), sha, checkout.dir);
    checkout.injected = inject_files(repository, ref, checkout.dir, inject);
    checkout.env["SETUPTOOLS_SCM_PRETEND_VERSION"] = pretend_version(repository, sha);
    checkouts_.push_back(std::move(checkout));
  }
}

const Checkout& CheckoutSet::at(const std::string& ref) const {
  for (const auto& checkout : checkouts_) {
    if (checkout.ref == ref) return checkout;
  }
  throw CheckoutError("no checkout of '" + ref + "' was made (internal error: ask for one of the refs given)");
}

std::string pretend_version(const git::Repository& repository, const std::string& sha) {
  const std::string short_sha = "g" + sha.substr(0, 7);
  std::string fallback = "0.0.0+" + short_sha;
  git_oid oid;
  if (git_oid_fromstr(&oid, sha.c_str()) < 0) return fallback;
  Owned<git_object, git_object_free> commit;
  if (git_object_lookup(&commit.ptr, repository.raw(), &oid, GIT_OBJECT_COMMIT) < 0) return fallback;

  git_describe_options describe;
  git_describe_options_init(&describe, GIT_DESCRIBE_OPTIONS_VERSION);
  describe.describe_strategy = GIT_DESCRIBE_TAGS;  // lightweight tags count, as for setuptools_scm
  Owned<git_describe_result, git_describe_result_free> result;
  if (git_describe_commit(&result.ptr, commit.ptr, &describe) < 0) return fallback;
  git_describe_format_options format;
  git_describe_format_options_init(&format, GIT_DESCRIBE_FORMAT_OPTIONS_VERSION);
  format.always_use_long_format = 1;  // "<tag>-<distance>-g<sha>", even at the tag
  Buffer text;
  if (git_describe_format(&text.buf, result.ptr, &format) < 0) return fallback;

  // Tags may contain '-', so the distance and hash are split off the right.
  static const RE2 kDescribed(R"((.*)-([0-9]+)-g[0-9a-f]+)");
  static const RE2 kReleaseTag(R"([vV]?([0-9]+(?:\.[0-9]+)*))");
  const std::string described_text(text.buf.ptr, text.buf.size);
  std::string tag;
  std::string distance;
  if (!RE2::FullMatch(described_text, kDescribed, &tag, &distance)) return fallback;
  std::string version;
  if (!RE2::FullMatch(tag, kReleaseTag, &version)) return fallback;
  if (distance == "0") return version;
  return version + ".post" + distance + "+" + short_sha;
}

}  // namespace prhost::worktree

// One owning handle for every libgit2 object prhost touches. libgit2 hands
// out raw pointers that each need their own *_free call; wrapping them here
// frees them on every path out of a scope, exceptions included, so no caller
// writes (or forgets) a free.
#pragma once

namespace prhost::git {

// `ptr` stays public on purpose: libgit2's out-parameters want `&owned.ptr`.
template <typename T, void (*Free)(T*)>
struct Owned {
  T* ptr = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (ptr != nullptr) Free(ptr);
  }
};

}  // namespace prhost::git

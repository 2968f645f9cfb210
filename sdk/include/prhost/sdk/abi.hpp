// The ABI contract between the prhost host and its plugins.
//
// Plugins exchange C++ objects (std::string, std::function, std::vector) with
// the host, so both sides must be built by the same compiler family and major
// version with the same libstdc++ ABI. The toolchain id captures exactly that;
// the host refuses a plugin whose id differs instead of crashing later.
#pragma once

#include <cstdint>

namespace prhost::sdk {

// Bump the major for any change that breaks an existing plugin (layout of a
// struct a plugin fills, a removed or reordered virtual). Bump the minor when
// adding something old plugins do not need to know about.
inline constexpr std::uint32_t kAbiMajor = 2;
inline constexpr std::uint32_t kAbiMinor = 2;

#define PRHOST_SDK_STRINGIFY_IMPL(x) #x
#define PRHOST_SDK_STRINGIFY(x) PRHOST_SDK_STRINGIFY_IMPL(x)

#if defined(__clang__)
#define PRHOST_SDK_COMPILER "clang-" PRHOST_SDK_STRINGIFY(__clang_major__)
#elif defined(__GNUC__)
#define PRHOST_SDK_COMPILER "gcc-" PRHOST_SDK_STRINGIFY(__GNUC__)
#else
#define PRHOST_SDK_COMPILER "unknown"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define PRHOST_SDK_STDLIB "libstdc++-cxx11abi" PRHOST_SDK_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define PRHOST_SDK_STDLIB "libc++"
#else
#define PRHOST_SDK_STDLIB "unknown-stdlib"
#endif

// Compiled into both host and plugin; compared as strings at load time.
#define PRHOST_SDK_TOOLCHAIN_ID PRHOST_SDK_COMPILER "/" PRHOST_SDK_STDLIB

inline constexpr const char* kToolchainId = PRHOST_SDK_TOOLCHAIN_ID;

// The single symbol every plugin exports.
inline constexpr const char* kEntryPointSymbol = "prhost_plugin_entry";

}  // namespace prhost::sdk

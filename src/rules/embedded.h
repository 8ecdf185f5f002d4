// The default packs, compiled into the library by cmake/embed_packs.cmake.
#pragma once
#include <cstddef>

namespace factlint {
struct EmbeddedPack {
  const char* name;
  const char* data;
  size_t size;
};
extern const EmbeddedPack kEmbeddedPacks[];
extern const size_t kEmbeddedPackCount;
}  // namespace factlint

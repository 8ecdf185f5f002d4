#include "input/cmark_arena.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace factlint {

namespace {

constexpr size_t kHeader = 16;            // size and kind before each allocation; keeps 16-byte alignment
constexpr size_t kLarge = 4096;           // requests from here on go to malloc
constexpr size_t kBlock = 64 * 1024;      // every arena request (under kLarge, plus header) fits one
constexpr size_t kKeepBlocks = 16;        // blocks kept by reset() for the next page (1 MB)

struct Header {
  size_t size;      // bytes requested
  uint64_t large;   // 0: from a block; else malloc'ed, at large_[large - 1]
};
static_assert(sizeof(Header) == kHeader);

size_t round_up(size_t n) { return (n + 15) & ~size_t{15}; }

Header* header_of(void* p) { return reinterpret_cast<Header*>(static_cast<unsigned char*>(p) - kHeader); }

thread_local CmarkArena* t_current = nullptr;

CmarkArena& current() {
  if (!t_current) {
    std::fputs("factlint: cmark called an arena allocator outside a CmarkArena::Scope\n", stderr);
    std::abort();
  }
  return *t_current;
}

}  // namespace

CmarkArena::CmarkArena() : mem_{calloc_cb, realloc_cb, free_cb} {}

CmarkArena::~CmarkArena() {
  for (void* p : large_) std::free(p);
}

void CmarkArena::reset() {
  for (void* p : large_) std::free(p);
  large_.clear();
  if (blocks_.size() > kKeepBlocks) blocks_.resize(kKeepBlocks);
  current_ = 0;
  used_ = 0;
  last_ = nullptr;
}

CmarkArena::Scope::Scope(CmarkArena& arena) : previous_(t_current) { t_current = &arena; }

CmarkArena::Scope::~Scope() { t_current = previous_; }

void* CmarkArena::calloc_cb(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return nullptr;
  return current().allocate(count * size, true);
}

void* CmarkArena::realloc_cb(void* p, size_t size) { return current().reallocate(p, size); }

void CmarkArena::free_cb(void* p) { current().release(p); }

void* CmarkArena::allocate(size_t size, bool zero) {
  if (size >= kLarge) {
    if (size > SIZE_MAX - kHeader) return nullptr;
    void* raw = zero ? std::calloc(1, kHeader + size) : std::malloc(kHeader + size);
    if (!raw) return nullptr;
    large_.push_back(raw);
    auto* h = static_cast<Header*>(raw);
    h->size = size;
    h->large = large_.size();
    return static_cast<unsigned char*>(raw) + kHeader;
  }
  const size_t need = round_up(kHeader + size);
  if (blocks_.empty() || used_ + need > kBlock) {
    if (!blocks_.empty()) ++current_;
    if (current_ == blocks_.size()) blocks_.emplace_back(new unsigned char[kBlock]);
    used_ = 0;
  }
  unsigned char* at = blocks_[current_].get() + used_;
  used_ += need;
  auto* h = reinterpret_cast<Header*>(at);
  h->size = size;
  h->large = 0;
  if (zero) std::memset(at + kHeader, 0, size);
  last_ = at;
  return at + kHeader;
}

void* CmarkArena::reallocate(void* p, size_t size) {
  if (!p) return allocate(size, false);
  Header* h = header_of(p);
  if (h->large) {
    if (size > SIZE_MAX - kHeader) return nullptr;
    const size_t index = h->large - 1;
    void* raw = std::realloc(h, kHeader + size);
    if (!raw) return nullptr;
    large_[index] = raw;
    static_cast<Header*>(raw)->size = size;
    return static_cast<unsigned char*>(raw) + kHeader;
  }
  if (size <= h->size) return p;
  // The latest allocation grows in place while its block has room (cmark's buffers grow this way).
  auto* at = reinterpret_cast<unsigned char*>(h);
  if (at == last_ && size < kLarge) {
    const size_t start = static_cast<size_t>(at - blocks_[current_].get());
    const size_t need = round_up(kHeader + size);
    if (start + need <= kBlock) {
      used_ = start + need;
      h->size = size;
      return p;
    }
  }
  void* q = allocate(size, false);
  if (q) {
    std::memcpy(q, p, h->size);
    release(p);
  }
  return q;
}

void CmarkArena::release(void* p) {
  if (!p) return;
  Header* h = header_of(p);
  if (h->large) {
    // Swap the last large allocation into this one's place, and tell it its new index.
    const size_t index = h->large - 1;
    if (index + 1 != large_.size()) {
      large_[index] = large_.back();
      static_cast<Header*>(large_[index])->large = index + 1;
    }
    large_.pop_back();
    std::free(h);
    return;
  }
  // A block's memory comes back with the rest in reset(), except the latest allocation's, which
  // the next one can reuse (cmark often frees a buffer it has just finished with).
  auto* at = reinterpret_cast<unsigned char*>(h);
  if (at == last_) {
    used_ = static_cast<size_t>(at - blocks_[current_].get());
    last_ = nullptr;
  }
}

}  // namespace factlint

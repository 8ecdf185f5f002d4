// Memory for cmark-gfm that is taken back all at once.
//
// cmark-gfm allocates every node, text buffer and list cell of a parse (and the rendered HTML)
// through a cmark_mem: calloc, realloc and free, one call each. A 20 KB Markdown page makes
// thousands of them, nearly all small, and frees them one by one with the tree: about a tenth of
// what checking the page costs. A CmarkArena hands small requests out of 64 KB blocks, ignores
// their frees (but for the latest one, whose room the next request reuses), and takes them all
// back in reset(), keeping its blocks for the next page. Requests of 4 KB and more (paragraph
// buffers, a huge page's lines, the rendered HTML) go to malloc and are freed when cmark frees
// them, so a big page's growing and discarded buffers are not kept until reset().
//
// Why our own: cmark-gfm ships an arena allocator (cmark_get_arena_mem_allocator), but it is one
// process-wide chunk list, reset for everyone at once; factlint parses pages on several threads
// (factlint site, plugins calling the C ABI from worker threads), each needing its own.
//
// cmark's callbacks carry no context pointer, so the arena they use is the one the calling
// thread made current with a CmarkArena::Scope. cmark calls made with an arena's mem() outside
// such a scope abort: they would otherwise take memory from an arena the caller cannot see.
// Not thread-safe: one arena per thread (the Checker's MarkdownTree owns one).
#pragma once

#include <cmark-gfm.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace factlint {

class CmarkArena {
 public:
  CmarkArena();
  ~CmarkArena();
  CmarkArena(const CmarkArena&) = delete;
  CmarkArena& operator=(const CmarkArena&) = delete;

  // The allocator to hand to cmark (cmark_parser_new_with_mem); valid while the arena lives.
  cmark_mem* mem() { return &mem_; }

  // Takes back everything handed out. Nothing allocated from the arena may be used afterwards.
  void reset();

  // Makes `arena` the calling thread's current arena until the scope ends (scopes nest).
  class Scope {
   public:
    explicit Scope(CmarkArena& arena);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    CmarkArena* previous_;
  };

 private:
  static void* calloc_cb(size_t count, size_t size);
  static void* realloc_cb(void* p, size_t size);
  static void free_cb(void* p);

  void* allocate(size_t size, bool zero);
  void* reallocate(void* p, size_t size);
  void release(void* p);

  std::vector<std::unique_ptr<unsigned char[]>> blocks_;  // 64 KB each; the first `current_ + 1` in use
  size_t current_ = 0;         // the block being filled
  size_t used_ = 0;            // bytes of it handed out
  unsigned char* last_ = nullptr;  // the latest arena allocation (it may grow in place)
  std::vector<void*> large_;   // malloc'ed requests, freed by reset()
  cmark_mem mem_;
};

}  // namespace factlint

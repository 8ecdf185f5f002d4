// CmarkArena: what cmark-gfm gets from it behaves like malloc's memory (zeroed by calloc,
// contents kept by realloc at every size, large requests freed), parses render exactly as with
// cmark's default allocator, reset() makes the memory reusable, and a call outside a scope stops
// the program instead of taking memory from an arena nobody sees.
#include <gtest/gtest.h>

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "input/cmark_arena.h"
#include "input/readers.h"

using factlint::CmarkArena;

namespace {

// The parse and render factlint makes (input/readers.h), with memory from `mem`.
std::string render(const std::string& md, cmark_mem* mem) {
  cmark_parser* p = factlint::new_markdown_parser(mem);
  cmark_parser_feed(p, md.data(), md.size());
  cmark_node* root = cmark_parser_finish(p);
  char* html = cmark_render_html(root, factlint::kMarkdownOptions, cmark_parser_get_syntax_extensions(p));
  std::string out(html);
  mem->free(html);
  cmark_node_free(root);
  cmark_parser_free(p);
  return out;
}

std::string article(int paragraphs) {
  std::string md = "# Budget vote\n\n| item | cost |\n|---|---|\n| roads | $4m |\n\n";
  for (int i = 0; i < paragraphs; ++i) {
    md += "The council *approved* " + std::to_string(i) + " items, see www.example.org/item" + std::to_string(i) +
          " and [the minutes](https://example.org/m" + std::to_string(i) + ")[^" + std::to_string(i) + "].\n";
    md += "A ~~struck~~ line with `code` and <b>html</b>, then a long run: " + std::string(300 + 37 * (i % 9), 'x') + "\n\n";
  }
  for (int i = 0; i < paragraphs; ++i) md += "[^" + std::to_string(i) + "]: Note " + std::to_string(i) + ".\n";
  return md;
}

}  // namespace

TEST(CmarkArena, RendersExactlyAsTheDefaultAllocator) {
  CmarkArena arena;
  for (int n : {0, 1, 20, 400}) {  // 400 paragraphs: several blocks, large buffers
    const std::string md = article(n);
    const std::string want = render(md, cmark_get_default_mem_allocator());
    std::string got;
    {
      CmarkArena::Scope scope(arena);
      got = render(md, arena.mem());
    }
    EXPECT_EQ(got, want) << n << " paragraphs";
    arena.reset();  // and the next parse reuses the blocks
  }
}

TEST(CmarkArena, MemoryBehavesLikeMallocs) {
  CmarkArena arena;
  CmarkArena::Scope scope(arena);
  cmark_mem* mem = arena.mem();
  for (int round = 0; round < 3; ++round) {  // again after each reset()
    auto* zeroed = static_cast<unsigned char*>(mem->calloc(100, 3));
    for (int i = 0; i < 300; ++i) ASSERT_EQ(zeroed[i], 0) << i;
    std::memset(zeroed, 0xAB, 300);
    // Grow one buffer from a few bytes past the large threshold and beyond, interleaved with other
    // allocations so it cannot always grow in place; its bytes must follow it every time.
    auto* buf = static_cast<unsigned char*>(mem->realloc(nullptr, 8));
    size_t size = 8;
    for (size_t i = 0; i < size; ++i) buf[i] = static_cast<unsigned char>(i * 7);
    while (size < 300000) {
      const size_t grown = size * 3 / 2 + 5;
      void* other = mem->calloc(1, 40);
      ASSERT_NE(other, nullptr);
      buf = static_cast<unsigned char*>(mem->realloc(buf, grown));
      ASSERT_NE(buf, nullptr);
      for (size_t i = 0; i < size; ++i) ASSERT_EQ(buf[i], static_cast<unsigned char>(i * 7)) << "at " << size;
      for (size_t i = size; i < grown; ++i) buf[i] = static_cast<unsigned char>(i * 7);
      size = grown;
      if (size % 2) mem->free(other);
    }
    // Large requests are real allocations, freed as cmark frees them (in any order).
    void* a = mem->calloc(1, 100000);
    void* b = mem->calloc(1, 200000);
    void* c = mem->calloc(1, 300000);
    std::memset(c, 1, 300000);
    mem->free(b);  // the latest large one takes b's place in the arena's list...
    c = mem->realloc(c, 400000);  // ...and must be found there (else reset() frees it twice)
    ASSERT_NE(c, nullptr);
    for (int i = 0; i < 300000; i += 997) ASSERT_EQ(static_cast<unsigned char*>(c)[i], 1) << i;
    mem->free(a);
    mem->free(c);
    mem->free(buf);
    // The earlier small allocation is untouched by all of it.
    for (int i = 0; i < 300; ++i) ASSERT_EQ(zeroed[i], 0xAB) << i;
    arena.reset();
  }
}

// Many small and large blocks allocated, grown, shrunk and freed in random order, each holding
// its own byte pattern: every block keeps its bytes, and freeing everything then resetting
// leaves nothing freed twice (which malloc would stop the program for).
TEST(CmarkArena, RandomAllocationsKeepTheirBytes) {
  CmarkArena arena;
  CmarkArena::Scope scope(arena);
  cmark_mem* mem = arena.mem();
  struct Live {
    unsigned char* p;
    size_t size;
    unsigned char fill;
  };
  std::mt19937 rng(11);
  for (int round = 0; round < 3; ++round) {
    std::vector<Live> live;
    auto check = [&](const Live& l) {
      for (size_t i = 0; i < l.size; i += 61) ASSERT_EQ(l.p[i], l.fill) << "block of " << l.size;
    };
    for (int op = 0; op < 3000; ++op) {
      const unsigned r = rng() % 10;
      if (live.empty() || r < 4) {
        size_t size = rng() % 3 == 0 ? 4096 + rng() % 60000 : 1 + rng() % 2000;
        auto* p = static_cast<unsigned char*>(mem->calloc(1, size));
        ASSERT_NE(p, nullptr);
        Live l{p, size, static_cast<unsigned char>(rng())};
        std::memset(p, l.fill, size);
        live.push_back(l);
      } else if (r < 7) {
        Live& l = live[rng() % live.size()];
        check(l);
        size_t size = rng() % 4 == 0 ? 4096 + rng() % 60000 : 1 + rng() % 3000;
        l.p = static_cast<unsigned char*>(mem->realloc(l.p, size));
        ASSERT_NE(l.p, nullptr);
        if (size > l.size) std::memset(l.p + l.size, l.fill, size - l.size);
        l.size = size;
        check(l);
      } else {
        size_t k = rng() % live.size();
        check(live[k]);
        mem->free(live[k].p);
        live[k] = live.back();
        live.pop_back();
      }
    }
    for (const Live& l : live) check(l);
    for (size_t k = 0; k < live.size(); k += 2) mem->free(live[k].p);  // the rest go with reset()
    arena.reset();
  }
}

TEST(CmarkArenaDeathTest, CallOutsideAScopeStops) {
  CmarkArena arena;
  cmark_mem* mem = arena.mem();
  EXPECT_DEATH(mem->calloc(1, 16), "outside a CmarkArena::Scope");
}

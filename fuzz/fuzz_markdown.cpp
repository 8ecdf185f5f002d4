// libFuzzer target: a page read as Markdown and annotated; findings must lie inside the input.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static factlint::Checker checker(factlint_fuzz::default_rules());
  factlint_fuzz::check_markdown(checker, std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

// libFuzzer target: a rule pack given as TOML text, loaded and compiled without the default packs.
// A pack that compiles is also run over one fixed page, so its rules are exercised.
#include <cstdint>
#include <string_view>

#include "engine.h"
#include "rules/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  factlint::RuleSet set;
  factlint::PackError err;
  if (!set.add_text(text, "<fuzz>", &err)) {
    (void)err.to_string();
    return 0;
  }
  if (!set.compile(&err)) {
    (void)err.to_string();
    return 0;
  }
  static constexpr std::string_view kPage =
      "# Title\n\nSales rose 45% last year, the best ever. \"It is always true,\" he said.\n\n"
      "Officials said 3 million people never complained, according to the report.\n";
  factlint::Checker checker(set);
  factlint::CheckOptions opts;
  opts.format = factlint::CheckOptions::InputFormat::Markdown;
  factlint::CheckResult r;
  checker.check(kPage, opts, r);
  return 0;
}

#include "output/outputs.h"

namespace factlint {

void write_text(const FileReport& file, std::string& out) {
  if (!file.error.empty()) {
    out += file.path + ": error: " + file.error + "\n";
    return;
  }
  for (const Finding& f : file.findings) {
    out += file.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
           severity_name(f.severity) + " " + category_name(f.category) + " " + f.rule->id + ": " + f.message + "\n";
  }
}

}  // namespace factlint

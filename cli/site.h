// `factlint site DIR`: see site.cpp.
#pragma once
#include <string>
#include <vector>

namespace factlint::cli {
int cmd_site(const std::vector<std::string>& args);
}

// factlint.toml: reading (toml++, every error with file:line:column), discovery and merging.
#include "config/config.h"

#include <fnmatch.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace factlint {

namespace fs = std::filesystem;

namespace {

constexpr const char* kKeys = "root, rules, disable, severity, ignore, min_severity, fail_on";

class ConfigParser {
 public:
  ConfigParser(const std::string& path, const std::string& display, ConfigFile& out, PackError* err)
      : display_(display), out_(out), err_(err) {
    out_.path = path;
    out_.display = display;
    out_.dir = fs::path(path).parent_path().string();
  }

  bool parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, display_);
    } catch (const toml::parse_error& e) {
      return fail(loc(e.source()), std::string(e.description()));
    }
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      SourceLoc kl = loc(key.source());
      if (k == "root") {
        if (!node.is_boolean()) return fail(node, "'root' must be true or false");
        out_.root = Located<bool>{node.as_boolean()->get(), kl};
      } else if (k == "rules") {
        if (!strings(node, k, out_.rules)) return false;
        for (auto& r : out_.rules) {
          fs::path p(r.value);
          if (p.is_relative()) p = fs::path(out_.dir) / p;
          p = p.lexically_normal();
          std::error_code ec;
          if (!fs::exists(p, ec))
            return fail(r.loc, "rule pack '" + r.value + "' not found (looked for " + p.string() + ")");
          r.value = p.string();
        }
      } else if (k == "disable") {
        if (!strings(node, k, out_.disable)) return false;
      } else if (k == "ignore") {
        if (!strings(node, k, out_.ignore)) return false;
        for (auto& g : out_.ignore)
          if (g.value.empty()) return fail(g.loc, "'ignore' globs must not be empty");
      } else if (k == "severity") {
        if (!node.is_table())
          return fail(node, "'severity' must be a table of rule ids and levels, e.g. severity = { \"quote.scare\" = \"info\" }");
        if (!levels(*node.as_table(), "")) return false;
      } else if (k == "min_severity" || k == "fail_on") {
        std::optional<Located<Severity>> lv;
        if (!level(node, k, lv)) return false;
        (k == "min_severity" ? out_.min_severity : out_.fail_on) = lv;
      } else {
        return fail(kl, "unknown key '" + std::string(k) + "' (expected one of: " + kKeys + ")");
      }
    }
    return true;
  }

 private:
  SourceLoc loc(const toml::source_region& r) const { return SourceLoc{display_, r.begin.line, r.begin.column}; }

  bool fail(SourceLoc l, std::string msg) {
    if (err_) *err_ = PackError{std::move(l), std::move(msg)};
    return false;
  }
  bool fail(const toml::node& n, std::string msg) { return fail(loc(n.source()), std::move(msg)); }

  bool strings(const toml::node& n, std::string_view key, std::vector<Located<std::string>>& out) {
    if (!n.is_array()) return fail(n, "'" + std::string(key) + "' must be an array of strings");
    for (auto& e : *n.as_array()) {
      if (!e.is_string()) return fail(e, "'" + std::string(key) + "' must contain only strings");
      out.push_back(Located<std::string>{e.as_string()->get(), loc(e.source())});
    }
    return true;
  }

  bool level(const toml::node& n, std::string_view what, std::optional<Located<Severity>>& out) {
    if (!n.is_string()) return fail(n, "'" + std::string(what) + "' must be a string: error, warning or info");
    auto s = parse_severity(n.as_string()->get());
    if (!s) {
      std::string msg = "unknown severity '";  // built step by step: GCC 12 warns falsely on long + chains
      msg += n.as_string()->get();
      msg += "' for '";
      msg += what;
      msg += "' (expected error, warning or info)";
      return fail(n, std::move(msg));
    }
    out = Located<Severity>{*s, loc(n.source())};
    return true;
  }

  // severity = { "quote.scare" = "info" }; a bare dotted key (quote.scare = "info") makes nested
  // tables in TOML, which are read back as the dotted id.
  bool levels(const toml::table& t, const std::string& prefix) {
    for (auto&& [key, node] : t) {
      std::string id = prefix + std::string(key.str());
      if (node.is_table()) {
        if (!levels(*node.as_table(), id + ".")) return false;
        continue;
      }
      std::optional<Located<Severity>> lv;
      if (!level(node, "severity." + id, lv)) return false;
      lv->loc = loc(key.source());
      out_.severity.emplace_back(id, *lv);
    }
    return true;
  }

  std::string display_;
  ConfigFile& out_;
  PackError* err_;
};

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string where(const SourceLoc& l) { return l.file + ":" + std::to_string(l.line); }

bool fnm(const std::string& pattern, const std::string& s) { return fnmatch(pattern.c_str(), s.c_str(), 0) == 0; }

}  // namespace

bool parse_config(std::string_view text, const std::string& path, const std::string& display, ConfigFile& out,
                  PackError* err) {
  ConfigParser p(path, display, out, err);
  return p.parse(text);
}

bool config_glob_matches(std::string_view glob_in, std::string_view rel_in) {
  std::string g(glob_in), rel(rel_in);
  bool anchored = false;
  while (g.size() > 1 && g.compare(0, 2, "./") == 0) g.erase(0, 2);
  if (!g.empty() && g[0] == '/') anchored = true, g.erase(0, 1);
  while (!g.empty() && g.back() == '/') g.pop_back();  // "drafts/": a folder
  if (g.empty() || rel.empty()) return false;
  if (fnm(g, rel)) return true;
  // A folder that matches covers everything under it.
  for (size_t i = rel.find('/'); i != std::string::npos; i = rel.find('/', i + 1))
    if (fnm(g, rel.substr(0, i))) return true;
  // A bare name matches at any depth.
  if (!anchored && g.find('/') == std::string::npos) {
    size_t from = 0;
    while (from <= rel.size()) {
      size_t to = rel.find('/', from);
      if (to == std::string::npos) to = rel.size();
      if (fnm(g, rel.substr(from, to - from))) return true;
      from = to + 1;
    }
  }
  return false;
}

const MergedConfig::Glob* MergedConfig::ignored(const std::string& abs_path) const {
  for (const Glob& g : ignore) {
    fs::path rel = fs::path(abs_path).lexically_relative(g.dir);
    std::string r = rel.generic_string();
    if (r.empty() || r == "." || r.compare(0, 2, "..") == 0) continue;  // not under its folder
    if (config_glob_matches(g.glob.value, r)) return &g;
  }
  return nullptr;
}

RuleFilter MergedConfig::filter() const {
  RuleFilter f;
  for (const auto& d : disable) f.disabled.insert(d.value);
  for (const auto& [id, lv] : severity) f.severity[id] = lv.value;
  return f;
}

std::vector<std::string> MergedConfig::rule_paths() const {
  std::vector<std::string> out;
  for (const auto& r : rules) out.push_back(r.value);
  return out;
}

std::string MergedConfig::describe(std::string (*show_path)(const std::string&)) const {
  std::string out;
  auto line = [&](const std::string& key, const std::string& value, const std::vector<const SourceLoc*>& from) {
    out += key + " = " + value + "  # ";
    if (from.empty()) out += "default";
    for (size_t i = 0; i < from.size(); ++i) out += (i ? ", " : "") + where(*from[i]);
    out += "\n";
  };
  auto list = [&](const std::string& key, const auto& items, auto value_of, auto loc_of) {
    std::string v = "[";
    std::vector<const SourceLoc*> from;
    for (const auto& it : items) {
      v += (v.size() > 1 ? ", " : "") + toml_string(value_of(it));
      from.push_back(&loc_of(it));
    }
    line(key, v + "]", from);
  };
  if (files.empty()) out += "# no factlint.toml applies: defaults only\n";
  else {
    out += "# files:";
    for (const ConfigFile* f : files) out += " " + f->display;
    out += "\n";
  }
  line("root", root && root->value ? "true" : "false", root ? std::vector<const SourceLoc*>{&root->loc}
                                                           : std::vector<const SourceLoc*>{});
  list("rules", rules, [&](const Located<std::string>& r) { return show_path(r.value); },
       [](const Located<std::string>& r) -> const SourceLoc& { return r.loc; });
  list("disable", disable, [](const Located<std::string>& r) { return r.value; },
       [](const Located<std::string>& r) -> const SourceLoc& { return r.loc; });
  {
    std::string v = "{";
    std::vector<const SourceLoc*> from;
    for (const auto& [id, lv] : severity) {
      v += (v.size() > 1 ? ", " : " ") + toml_string(id) + " = " + toml_string(severity_name(lv.value));
      from.push_back(&lv.loc);
    }
    line("severity", v.size() > 1 ? v + " }" : "{}", from);
  }
  list("ignore", ignore, [](const Glob& g) { return g.glob.value; },
       [](const Glob& g) -> const SourceLoc& { return g.glob.loc; });
  for (const char* key : {"min_severity", "fail_on"}) {
    const auto& lv = std::string_view(key) == "min_severity" ? min_severity : fail_on;
    const char* dflt = std::string_view(key) == "min_severity" ? "info" : "error";
    line(key, toml_string(lv ? severity_name(lv->value) : dflt),
         lv ? std::vector<const SourceLoc*>{&lv->loc} : std::vector<const SourceLoc*>{});
  }
  return out;
}

ConfigResolver::ConfigResolver() = default;

std::string ConfigResolver::show(const std::string& abs_path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return abs_path;
  fs::path rel = fs::path(abs_path).lexically_relative(cwd);
  std::string r = rel.string();
  if (r.empty() || r.compare(0, 2, "..") == 0) return abs_path;
  return r;
}

const MergedConfig* ConfigResolver::for_path(const std::string& path, bool is_folder, PackError* err) {
  std::error_code ec;
  fs::path p = fs::absolute(path.empty() ? fs::path(".") : fs::path(path), ec).lexically_normal();
  if (ec) p = fs::path(path);
  std::string dir = is_folder ? p.string() : p.parent_path().string();
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();  // "a/b/" normalises with a slash
  return for_dir(dir, err);
}

const MergedConfig* ConfigResolver::for_dir(const std::string& dir, PackError* err) {
  if (auto it = dirs_.find(dir); it != dirs_.end()) return it->second.get();
  // This folder's own file, read once.
  if (!files_.count(dir)) {
    std::unique_ptr<ConfigFile> cf;
    fs::path file = fs::path(dir) / "factlint.toml";
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
      std::string display = show(file.string());
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        if (err) {
          err->loc = SourceLoc{display, 0, 0};
          err->message = "cannot open: ";
          err->message += std::strerror(errno);
        }
        return nullptr;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      cf = std::make_unique<ConfigFile>();
      if (!parse_config(ss.str(), file.string(), display, *cf, err)) return nullptr;
    }
    files_[dir] = std::move(cf);
  }
  const ConfigFile* own = files_[dir].get();
  auto merged = std::make_unique<MergedConfig>();
  if (!(own && own->root && own->root->value)) {
    fs::path parent = fs::path(dir).parent_path();
    if (!parent.empty() && parent.string() != dir) {
      const MergedConfig* up = for_dir(parent.string(), err);
      if (!up) return nullptr;
      *merged = *up;
    }
  }
  if (own) {
    MergedConfig& m = *merged;
    m.files.push_back(own);
    if (own->root && own->root->value) m.root = own->root;
    for (const auto& r : own->rules)
      if (std::none_of(m.rules.begin(), m.rules.end(), [&](const auto& x) { return x.value == r.value; }))
        m.rules.push_back(r);
    for (const auto& d : own->disable)
      if (std::none_of(m.disable.begin(), m.disable.end(), [&](const auto& x) { return x.value == d.value; }))
        m.disable.push_back(d);
    for (const auto& [id, lv] : own->severity) m.severity[id] = lv;
    for (const auto& g : own->ignore) m.ignore.push_back(MergedConfig::Glob{own->dir, g});
    if (own->min_severity) m.min_severity = own->min_severity;
    if (own->fail_on) m.fail_on = own->fail_on;
  }
  return (dirs_[dir] = std::move(merged)).get();
}

}  // namespace factlint

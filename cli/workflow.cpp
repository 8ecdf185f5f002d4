// factlint.toml per folder, baselines, --quiet, --max-findings, --show-sourced, `factlint config`.
#include "workflow.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <variant>

#include "document/ascii.h"

namespace factlint::cli {

namespace {

// ---- a small JSON reader for baseline files (objects, arrays, strings, numbers, literals) ----

struct Json;
using JsonObject = std::vector<std::pair<std::string, Json>>;
using JsonArray = std::vector<Json>;
struct Json {
  std::variant<std::nullptr_t, bool, double, std::string, JsonArray, JsonObject> v;
  const Json* get(std::string_view key) const {
    if (auto* o = std::get_if<JsonObject>(&v))
      for (auto& [k, x] : *o)
        if (k == key) return &x;
    return nullptr;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}
  bool read(Json& out, std::string& err) {
    if (!value(out, 0) || (ws(), i_ != s_.size())) {
      err = "invalid JSON at byte offset " + std::to_string(i_);
      return false;
    }
    return true;
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool lit(std::string_view w) {
    if (s_.compare(i_, w.size(), w) != 0) return false;
    i_ += w.size();
    return true;
  }
  bool value(Json& out, int depth) {
    if (depth > 64) return false;
    ws();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      JsonObject o;
      ws();
      if (i_ < s_.size() && s_[i_] == '}') return ++i_, out.v = std::move(o), true;
      for (;;) {
        ws();
        std::string k;
        if (!string(k)) return false;
        ws();
        if (i_ >= s_.size() || s_[i_++] != ':') return false;
        Json x;
        if (!value(x, depth + 1)) return false;
        o.emplace_back(std::move(k), std::move(x));
        ws();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == '}') return ++i_, out.v = std::move(o), true;
        return false;
      }
    }
    if (c == '[') {
      ++i_;
      JsonArray a;
      ws();
      if (i_ < s_.size() && s_[i_] == ']') return ++i_, out.v = std::move(a), true;
      for (;;) {
        Json x;
        if (!value(x, depth + 1)) return false;
        a.push_back(std::move(x));
        ws();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == ']') return ++i_, out.v = std::move(a), true;
        return false;
      }
    }
    if (c == '"') {
      std::string str;
      if (!string(str)) return false;
      out.v = std::move(str);
      return true;
    }
    if (lit("true")) return out.v = true, true;
    if (lit("false")) return out.v = false, true;
    if (lit("null")) return out.v = nullptr, true;
    size_t b = i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' || s_[i_] == '+' ||
                              s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E'))
      ++i_;
    if (i_ == b) return false;
    out.v = std::strtod(std::string(s_.substr(b, i_ - b)).c_str(), nullptr);
    return true;
  }
  bool string(std::string& out) {
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (i_ + 4 > s_.size()) return false;
          uint32_t cp = static_cast<uint32_t>(std::strtoul(std::string(s_.substr(i_, 4)).c_str(), nullptr, 16));
          i_ += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.compare(i_, 2, "\\u") == 0 && i_ + 6 <= s_.size()) {
            uint32_t lo = static_cast<uint32_t>(std::strtoul(std::string(s_.substr(i_ + 2, 4)).c_str(), nullptr, 16));
            if (lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00), i_ += 6;
          }
          if (cp < 0x80) out += static_cast<char>(cp);
          else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
          else if (cp < 0x10000)
            out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                out += static_cast<char>(0x80 | (cp & 0x3F));
          else
            out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
};

bool parse_count(const std::string& s, size_t& out) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  out = std::stoull(s);
  return true;
}

}  // namespace

std::string baseline_fingerprint(std::string_view rule, std::string_view text, std::string_view path) {
  // The text lowercased (ASCII), whitespace runs collapsed to one space, trimmed.
  std::string norm;
  bool space = false;
  for (unsigned char c : text) {
    if (ascii::is_space(c)) {
      space = !norm.empty();
      continue;
    }
    if (space) norm += ' ', space = false;
    norm += static_cast<char>(ascii::to_lower(c));
  }
  // FNV-1a, 64 bits, over "rule\0text\0path".
  uint64_t h = 0xcbf29ce484222325ull;
  auto feed = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0) * 0x100000001b3ull;
  };
  feed(rule);
  feed(norm);
  feed(path);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Workflow::Workflow() = default;
Workflow::~Workflow() = default;

int Workflow::parse_option(const std::vector<std::string>& args, size_t& i, bool baseline_mode) {
  const std::string& a = args[i];
  auto value = [&](std::string& v) {
    if (i + 1 >= args.size()) return false;
    v = args[++i];
    return true;
  };
  if (a == "--no-config") use_config = false;
  else if (a == "--quiet" || a == "-q") quiet = true;
  else if (a == "--show-sourced") show_sourced = true;
  else if (a == "--max-findings") {
    std::string v;
    size_t n;
    if (!value(v) || !parse_count(v, n)) return usage_error("--max-findings needs a number (0 or more)"), -1;
    max_findings_ = n;
  } else if (a == "--baseline" && !baseline_mode) {
    if (!value(baseline_file_)) return usage_error("--baseline needs a file"), -1;
  } else if (a == "--write" && baseline_mode) {
    if (!value(write_file_)) return usage_error("--write needs a file"), -1;
  } else {
    return 0;
  }
  return 1;
}

bool Workflow::ready(bool baseline_mode) {
  baseline_mode_ = baseline_mode;
  if (baseline_mode && write_file_.empty()) return usage_error("baseline needs --write FILE"), false;
  std::string file = baseline_mode ? write_file_ : baseline_file_;
  if (!file.empty()) {
    std::error_code ec;
    baseline_dir_ = fs::absolute(file, ec).lexically_normal().parent_path().string();
  }
  return baseline_file_.empty() || load_baseline();
}

bool Workflow::load_baseline() {
  std::string text, err;
  if (!read_file(baseline_file_, text, err)) {
    std::cerr << "factlint: error: " << baseline_file_ << ": " << err << "\n";
    return false;
  }
  Json root;
  if (!JsonReader(text).read(root, err)) {
    std::cerr << "factlint: error: " << baseline_file_ << ": not a factlint baseline: " << err << "\n";
    return false;
  }
  const Json* list = root.get("findings");
  const JsonArray* arr = list ? std::get_if<JsonArray>(&list->v) : nullptr;
  if (!root.get("factlint_baseline") || !arr) {
    std::cerr << "factlint: error: " << baseline_file_
              << ": not a factlint baseline (expected {\"factlint_baseline\": 1, \"findings\": [...]}; "
                 "write one with 'factlint baseline --write FILE PATH...')\n";
    return false;
  }
  for (size_t k = 0; k < arr->size(); ++k) {
    const Json* fp = (*arr)[k].get("fingerprint");
    const std::string* s = fp ? std::get_if<std::string>(&fp->v) : nullptr;
    if (!s || s->empty()) {
      std::cerr << "factlint: error: " << baseline_file_ << ": finding " << k << " has no \"fingerprint\"\n";
      return false;
    }
    ++known_[*s];
  }
  return true;
}

std::string Workflow::key_path(const Input& in) const {
  if (in.stdin_input) return in.display;
  std::error_code ec;
  fs::path p = fs::absolute(in.path, ec).lexically_normal();
  return p.lexically_relative(baseline_dir_).generic_string();
}

bool Workflow::prepare(const RuleSet& base, const std::vector<std::string>& cli_packs, bool defaults,
                       std::vector<Input>& inputs, const std::string& stdin_name, Severity cli_min,
                       Severity cli_fail_on) {
  auto context_for = [&](const MergedConfig* cfg) -> const FileContext* {
    auto& slot = by_config_[cfg];
    if (slot) return slot.get();
    std::vector<std::string> key = cfg ? cfg->rule_paths() : std::vector<std::string>{};
    Compiled& c = compiled_[key];
    if (!c.checker) {
      const RuleSet* rs = &base;
      if (!key.empty()) {
        c.owned = std::make_unique<RuleSet>();
        std::vector<std::string> packs = cli_packs;
        packs.insert(packs.end(), key.begin(), key.end());
        if (!load_rules(*c.owned, packs, defaults)) return nullptr;
        rs = c.owned.get();
      }
      c.checker = std::make_unique<Checker>(*rs);
    }
    auto cx = std::make_unique<FileContext>();
    cx->config = cfg;
    cx->checker = c.checker.get();
    if (cfg) cx->filter = cfg->filter();
    cx->min_severity = !min_severity_set && cfg && cfg->min_severity ? cfg->min_severity->value : cli_min;
    cx->fail_on = !fail_on_set && cfg && cfg->fail_on ? cfg->fail_on->value : cli_fail_on;
    slot = std::move(cx);
    return slot.get();
  };

  std::vector<Input> kept;
  contexts_.clear();
  for (Input& in : inputs) {
    const MergedConfig* cfg = nullptr;
    if (use_config) {
      PackError err;
      cfg = in.stdin_input ? resolver_.for_path(stdin_name == "<stdin>" ? "." : stdin_name,
                                                stdin_name == "<stdin>", &err)
                           : resolver_.for_path(in.path, false, &err);
      if (!cfg) {
        std::cerr << "factlint: error: " << err.to_string() << "\n";
        return false;
      }
      if (!in.stdin_input) {
        std::error_code ec;
        std::string abs = fs::absolute(in.path, ec).lexically_normal().string();
        if (cfg->ignored(abs)) continue;  // `ignore` in a factlint.toml: not checked, not reported
      }
      if (cfg->files.empty()) cfg = nullptr;
    }
    const FileContext* cx = context_for(cfg);
    if (!cx) return false;
    contexts_.push_back(cx);
    kept.push_back(std::move(in));
  }
  inputs = std::move(kept);
  return true;
}

void Workflow::process(FileReport& rep, const Input& in) {
  if (!rep.error.empty()) return;
  if (baseline_mode_) {
    std::string path = key_path(in);
    for (const Finding& f : rep.findings)
      recorded_.push_back(Entry{baseline_fingerprint(f.rule->id, f.text, path), path, f.rule->id, f.text});
    ++recorded_files_;
    rep.findings.clear();  // recorded, so nothing is new
    return;
  }
  if (known_.empty()) return;
  std::string path = key_path(in);
  size_t out = 0;
  for (size_t k = 0; k < rep.findings.size(); ++k) {
    auto it = known_.find(baseline_fingerprint(rep.findings[k].rule->id, rep.findings[k].text, path));
    if (it != known_.end() && it->second > 0) {
      --it->second;  // a multiset: each entry hides one finding
      ++hidden_;
      continue;
    }
    if (out != k) rep.findings[out] = std::move(rep.findings[k]);
    ++out;
  }
  rep.findings.resize(out);
}

void Workflow::limit(FileReport& rep) {
  if (!max_findings_) {
    shown_ += rep.findings.size();
    return;
  }
  size_t left = *max_findings_ - std::min(*max_findings_, shown_);
  if (rep.findings.size() > left) {
    cut_ += rep.findings.size() - left;
    rep.findings.resize(left);
  }
  shown_ += rep.findings.size();
}

void Workflow::write_sourced(const FileReport& rep, std::string& out) const {
  if (!show_sourced) return;
  for (const Finding& f : rep.sourced)
    out += rep.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": sourced " + f.rule->id +
           ": " + f.evidence + "\n";
}

bool Workflow::finish() {
  if (baseline_mode_) {
    std::string out = "{\"factlint_baseline\": 1,\n \"findings\": [";
    for (size_t k = 0; k < recorded_.size(); ++k) {
      const Entry& e = recorded_[k];
      out += k ? ",\n  {" : "\n  {";
      out += "\"fingerprint\": ";
      append_json_string(out, e.fingerprint);
      out += ", \"path\": ";
      append_json_string(out, e.path);
      out += ", \"rule\": ";
      append_json_string(out, e.rule);
      out += ", \"text\": ";
      append_json_string(out, e.text);
      out += "}";
    }
    out += recorded_.empty() ? "]}\n" : "\n ]}\n";
    std::string err;
    if (!write_atomic(write_file_, out, err)) {
      std::cerr << "factlint: error: " << err << "\n";
      return false;
    }
    if (!quiet)
      std::fprintf(stderr, "factlint: baseline %s: %zu finding%s in %zu file%s\n", write_file_.c_str(),
                   recorded_.size(), recorded_.size() == 1 ? "" : "s", recorded_files_,
                   recorded_files_ == 1 ? "" : "s");
    return true;
  }
  if (quiet) return true;
  if (!baseline_file_.empty())
    std::fprintf(stderr, "factlint: %zu known finding%s hidden by the baseline %s\n", hidden_,
                 hidden_ == 1 ? "" : "s", baseline_file_.c_str());
  if (cut_)
    std::fprintf(stderr, "factlint: stopped reporting after %zu finding%s (--max-findings): %zu more not shown\n",
                 *max_findings_, *max_findings_ == 1 ? "" : "s", cut_);
  return true;
}

int cmd_config(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  for (const auto& a : args) {
    if (a.size() > 1 && a[0] == '-') return usage_error("unknown option for config: " + a);
    paths.push_back(a);
  }
  if (paths.size() != 1) return usage_error("config needs one file or folder");
  const std::string& path = paths[0];
  std::error_code ec;
  bool folder = fs::is_directory(path, ec);
  ConfigResolver resolver;
  PackError err;
  const MergedConfig* cfg = resolver.for_path(path, folder, &err);
  if (!cfg) {
    std::cerr << "factlint: error: " << err.to_string() << "\n";
    return 2;
  }
  std::string out = "# configuration for " + path + "\n";
  out += cfg->describe(&ConfigResolver::show);
  if (!folder) {
    std::string abs = fs::absolute(path, ec).lexically_normal().string();
    if (const MergedConfig::Glob* g = cfg->ignored(abs))
      out += "# " + path + " is ignored: \"" + g->glob.value + "\" (" + g->glob.loc.file + ":" +
             std::to_string(g->glob.loc.line) + ")\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace factlint::cli

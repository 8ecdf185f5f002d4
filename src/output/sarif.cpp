// SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it: one run whose driver
// lists the enabled rules, one result per finding, sourced findings as results suppressed in
// source, and files that could not be checked as tool execution notifications.
//
// Regions carry both line/column and byte offsets. Columns count Unicode characters (the run's
// columnKind says so; SARIF's default would be UTF-16 code units), endColumn is exclusive.
#include <cstdio>
#include <unordered_map>

#include "document/ascii.h"
#include "output/outputs.h"

namespace factlint {

namespace {

// A small streaming JSON writer: two-space indentation, commas handled.
class Json {
 public:
  explicit Json(std::string& out) : out_(out) {}
  Json& open(char c) {
    item();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  Json& close(char c) {
    bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += c;
    return *this;
  }
  Json& key(std::string_view k) {
    item();
    append_json_string(out_, k);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }
  Json& str(std::string_view v) {
    item();
    append_json_string(out_, v);
    return *this;
  }
  Json& num(uint64_t v) {
    item();
    out_ += std::to_string(v);
    return *this;
  }
  Json& boolean(bool v) {
    item();
    out_ += v ? "true" : "false";
    return *this;
  }
  // "key": "value" in one call.
  Json& kv(std::string_view k, std::string_view v) { return key(k).str(v); }
  Json& text(std::string_view k, std::string_view v) { return key(k).open('{').kv("text", v).close('}'); }

 private:
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    newline();
  }
  void newline() {
    out_ += '\n';
    out_.append(2 * first_.size(), ' ');
  }
  std::string& out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

const char* level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

// "absolute.never-always" -> "AbsoluteNeverAlways": SARIF's rule name is an identifier.
std::string rule_name(std::string_view id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (!ascii::is_alnum(c)) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(ascii::to_upper(c)) : c;
    up = false;
  }
  return out;
}

// The message template with its placeholders shown as "…" (text) or left out (detail).
std::string template_text(const Rule& r) { return render_message(r, "…", ""); }

const char* category_label(Category c) {
  switch (c) {
    case Category::Figure: return "Unattributed figure";
    case Category::Quote: return "Suspect quote";
    case Category::Absolute: return "Absolute claim";
  }
  return "";
}

// The path as a URI reference: relative paths stay relative ('/'-separated, percent-encoded, a
// leading "./" dropped), absolute ones become file:// URIs.
std::string artifact_uri(std::string_view path) {
  std::string out;
  if (!path.empty() && path[0] == '/') {
    out = "file://";
  } else {
    while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  }
  append_url_path(out, path);
  return out;
}

void artifact_location(Json& j, const std::string& uri) {
  j.key("artifactLocation").open('{').kv("uri", uri);
  if (uri.compare(0, 7, "file://") != 0) j.kv("uriBaseId", "%SRCROOT%");
  j.close('}');
}

// FNV-1a, 64 bits: stable across runs, machines and releases (the fingerprint must not change when
// the standard library's hash does).
uint64_t fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// rule, the text with whitespace collapsed, the file: unchanged when lines move. The same text
// twice in a file is told apart by its occurrence, as GitHub's own fingerprints do ("hash:2").
std::string fingerprint(const Finding& f, std::string_view uri, std::unordered_map<uint64_t, unsigned>& seen) {
  std::string norm;
  for (char c : f.text) {
    bool sp = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (sp) {
      if (!norm.empty() && norm.back() != ' ') norm += ' ';
    } else {
      norm += c;
    }
  }
  while (!norm.empty() && norm.back() == ' ') norm.pop_back();
  uint64_t h = fnv1a(f.rule->id);
  h = fnv1a(std::string_view("\0", 1), h);
  h = fnv1a(norm, h);
  h = fnv1a(std::string_view("\0", 1), h);
  h = fnv1a(uri, h);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx:%u", static_cast<unsigned long long>(h), ++seen[h]);
  return buf;
}

void result(Json& j, const Finding& f, const std::string& uri, const std::unordered_map<std::string, size_t>& index,
            std::unordered_map<uint64_t, unsigned>& seen, bool sourced) {
  uint32_t end_line, end_column;
  end_line_column(f, end_line, end_column);
  j.open('{').kv("ruleId", f.rule->id);
  if (auto it = index.find(f.rule->id); it != index.end()) j.key("ruleIndex").num(it->second);
  j.kv("level", level(f.severity));
  j.text("message", f.message);
  j.key("locations").open('[').open('{').key("physicalLocation").open('{');
  artifact_location(j, uri);
  j.key("region").open('{');
  j.key("startLine").num(f.line).key("startColumn").num(f.column);
  j.key("endLine").num(end_line).key("endColumn").num(end_column);
  j.key("byteOffset").num(f.start).key("byteLength").num(f.end - f.start);
  j.text("snippet", f.text);
  j.close('}').close('}').close('}').close(']');
  j.key("partialFingerprints").open('{').kv("factlint/v1", fingerprint(f, uri, seen)).close('}');
  if (sourced) {
    j.key("suppressions").open('[').open('{').kv("kind", "inSource");
    j.kv("justification", "sourced: " + f.evidence).close('}').close(']');
  }
  j.key("properties").open('{').kv("category", category_name(f.category)).close('}');
  j.close('}');
}

}  // namespace

void write_sarif(const std::vector<FileReport>& files, const RuleSet& rules, std::string& out) {
  Json j(out);
  j.open('{');
  j.kv("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  j.kv("version", "2.1.0");
  j.key("runs").open('[').open('{');

  j.key("tool").open('{').key("driver").open('{');
  j.kv("name", "factlint").kv("version", FACTLINT_VERSION).kv("semanticVersion", FACTLINT_VERSION);
  j.kv("informationUri", "https://factlint.dev");
  // The rule table: every enabled rule of the run's rule set, then any rule a finding came from
  // that is not there (packs a factlint.toml added for some folders). Indexed by id, since each
  // folder's pack list compiles its own copy of the rules.
  std::unordered_map<std::string, size_t> index;
  std::vector<const Rule*> table;
  for (const auto& rp : rules.rules())
    if (rp->enabled && index.emplace(rp->id, table.size()).second) table.push_back(rp.get());
  for (const auto& f : files)
    for (const auto* list : {&f.findings, &f.sourced})
      for (const auto& x : *list)
        if (index.emplace(x.rule->id, table.size()).second) table.push_back(x.rule);
  j.key("rules").open('[');
  for (const Rule* rp : table) {
    const Rule& r = *rp;
    std::string full = template_text(r);
    std::string brief = std::string(category_label(r.category)) + ": " + full.substr(0, full.find(':'));
    j.open('{').kv("id", r.id).kv("name", rule_name(r.id));
    j.text("shortDescription", brief).text("fullDescription", full);
    if (!r.link.empty()) j.kv("helpUri", r.link);
    j.text("help", r.link.empty() ? full : full + " (" + r.link + ")");
    j.key("defaultConfiguration").open('{').key("enabled").boolean(true).kv("level", level(r.severity)).close('}');
    j.key("properties").open('{').kv("category", category_name(r.category));
    j.key("tags").open('[').str("fact-check").str(category_name(r.category)).close(']').close('}');
    j.close('}');
  }
  j.close(']');
  j.close('}').close('}');

  bool all_checked = true;
  for (const auto& f : files) all_checked &= f.error.empty();
  j.key("invocations").open('[').open('{').key("executionSuccessful").boolean(all_checked);
  if (!all_checked) {
    j.key("toolExecutionNotifications").open('[');
    for (const auto& f : files) {
      if (f.error.empty()) continue;
      j.open('{').kv("level", "error").text("message", f.path + ": " + f.error);
      j.key("locations").open('[').open('{').key("physicalLocation").open('{');
      artifact_location(j, artifact_uri(f.path));
      j.close('}').close('}').close(']');
      j.close('}');
    }
    j.close(']');
  }
  j.close('}').close(']');

  j.kv("columnKind", "unicodeCodePoints");
  j.key("results").open('[');
  for (const auto& f : files) {
    std::string uri = artifact_uri(f.path);
    std::unordered_map<uint64_t, unsigned> seen;
    for (const auto& x : f.findings) result(j, x, uri, index, seen, false);
    for (const auto& x : f.sourced) result(j, x, uri, index, seen, true);
  }
  j.close(']');
  j.close('}').close(']');
  j.close('}');
  out += '\n';
}

}  // namespace factlint

// Reads TOML rule packs (toml++) into a RuleSet, refusing anything it does not understand with the
// exact place: an unknown key, a wrong type, an unknown kind, a duplicate id.
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/embedded.h"
#include "rules/rules.h"

namespace factlint {

namespace {

SourceLoc loc_of(const toml::source_region& r, const std::string& file) {
  return SourceLoc{file, r.begin.line, r.begin.column};
}

// A key as messages name it: 'phrases'. (Appended piece by piece: GCC 12 warns, wrongly, about
// "'" + std::string(key).)
std::string quoted(std::string_view key) {
  std::string s = "'";
  return s.append(key).append("'");
}

}  // namespace

class PackLoader {
 public:
  PackLoader(RuleSet& set, std::string file) : set_(set), file_(std::move(file)) {}

  bool load(std::string_view text, PackError* err) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      return fail(err, loc_of(e.source(), file_), std::string(e.description()));
    }
    const toml::array* overrides = nullptr;
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      if (k == "pack") {
        if (!node.is_table()) return fail(err, node, "'pack' must be a table");
        if (!check_keys(*node.as_table(), {"name", "description", "version"}, err)) return false;
      } else if (k == "lexicon") {
        if (!node.is_table()) return fail(err, node, "'lexicon' must be a table");
        if (!load_lexicon(*node.as_table(), err)) return false;
      } else if (k == "rule") {
        if (!node.is_array_of_tables()) return fail(err, node, "'rule' must be an array of tables ([[rule]])");
        for (auto& r : *node.as_array())
          if (!load_rule(*r.as_table(), err)) return false;
      } else if (k == "override") {
        if (!node.is_array_of_tables())
          return fail(err, node, "'override' must be an array of tables ([[override]])");
        overrides = node.as_array();  // after this pack's own rules, whatever the key order
      } else {
        return fail(err, loc_of(key.source(), file_),
                    "unknown key '" + std::string(k) + "' (expected pack, lexicon, rule or override)");
      }
    }
    if (overrides)
      for (auto& r : *overrides)
        if (!load_override(*r.as_table(), err)) return false;
    return true;
  }

 private:
  bool fail(PackError* err, SourceLoc loc, std::string msg) {
    if (err) *err = PackError{std::move(loc), std::move(msg)};
    return false;
  }
  bool fail(PackError* err, const toml::node& n, std::string msg) {
    return fail(err, loc_of(n.source(), file_), std::move(msg));
  }

  bool check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, PackError* err) {
    for (auto&& [key, node] : t) {
      (void)node;
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        return fail(err, loc_of(key.source(), file_),
                    "unknown key '" + std::string(key.str()) + "' (expected one of: " + list + ")");
      }
    }
    return true;
  }

  bool get_string(const toml::table& t, std::string_view key, std::string& out, PackError* err,
                  bool required = false, const toml::node* where = nullptr) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required)
        return fail(err, where ? loc_of(where->source(), file_) : loc_of(t.source(), file_),
                    "missing required key '" + std::string(key) + "'");
      return true;
    }
    if (!n->is_string()) return fail(err, *n, quoted(key) + " must be a string");
    out = n->as_string()->get();
    return true;
  }

  bool get_strings(const toml::table& t, std::string_view key, std::vector<std::string>& out, PackError* err) {
    const toml::node* n = t.get(key);
    if (!n) return true;
    return strings_of(*n, key, out, err);
  }

  bool strings_of(const toml::node& n, std::string_view key, std::vector<std::string>& out, PackError* err) {
    if (!n.is_array()) return fail(err, n, quoted(key) + " must be an array of strings");
    for (auto& e : *n.as_array()) {
      if (!e.is_string()) return fail(err, e, quoted(key) + " must contain only strings");
      out.push_back(e.as_string()->get());
    }
    return true;
  }

  bool load_lexicon(const toml::table& t, PackError* err) {
    bool replace = false;
    if (const toml::node* r = t.get("replace")) {
      if (!r->is_boolean()) return fail(err, *r, "'replace' must be true or false");
      replace = r->as_boolean()->get();
    }
    for (auto&& [key, node] : t) {
      if (key.str() == "replace") continue;
      std::vector<std::string> words;
      if (!strings_of(node, key.str(), words, err)) return false;
      auto& list = set_.lexicon_.lists[std::string(key.str())];
      if (replace) list.clear();
      list.insert(list.end(), words.begin(), words.end());
    }
    return true;
  }

  bool load_rule(const toml::table& t, PackError* err) {
    if (!check_keys(t, {"id", "category", "severity", "kind", "message", "link", "scope", "unless", "check",
                        "phrases", "pattern", "except", "examples", "enabled"},
                    err))
      return false;
    auto rule = std::make_unique<Rule>();
    rule->loc = loc_of(t.source(), file_);
    if (!get_string(t, "id", rule->id, err, true)) return false;
    if (rule->id.empty()) return fail(err, *t.get("id"), "'id' must not be empty");
    if (const Rule* prev = set_.find(rule->id))
      return fail(err, *t.get("id"),
                  "duplicate rule id '" + rule->id + "' (first defined at " + prev->loc.file + ":" +
                      std::to_string(prev->loc.line) + ":" + std::to_string(prev->loc.column) +
                      "; use [[override]] to change a rule)");

    std::string s;
    if (!get_string(t, "category", s, err, true)) return false;
    if (s == "unattributed-figure") rule->category = Category::Figure;
    else if (s == "suspect-quote") rule->category = Category::Quote;
    else if (s == "absolute-claim") rule->category = Category::Absolute;
    else
      return fail(err, *t.get("category"),
                  "unknown category '" + s + "' (expected unattributed-figure, suspect-quote or absolute-claim)");

    s.clear();
    if (!get_string(t, "severity", s, err)) return false;
    if (!s.empty()) {
      auto sev = parse_severity(s);
      if (!sev) return fail(err, *t.get("severity"), "unknown severity '" + s + "' (expected error, warning or info)");
      rule->severity = *sev;
    }

    s.clear();
    if (!get_string(t, "kind", s, err, true)) return false;
    if (s == "phrases") rule->kind = RuleKind::Phrases;
    else if (s == "pattern") rule->kind = RuleKind::Pattern;
    else if (s == "figure") rule->kind = RuleKind::Figure;
    else if (s == "quote") rule->kind = RuleKind::Quote;
    else return fail(err, *t.get("kind"), "unknown kind '" + s + "' (expected phrases, pattern, figure or quote)");

    if (!get_string(t, "message", rule->message, err, true)) return false;
    if (!get_string(t, "link", rule->link, err)) return false;

    s.clear();
    if (!get_string(t, "scope", s, err)) return false;
    if (!s.empty() && s != "sentence")
      return fail(err, *t.get("scope"), "unknown scope '" + s + "' (expected sentence)");

    std::vector<std::string> unless;
    if (!get_strings(t, "unless", unless, err)) return false;
    for (size_t i = 0; i < unless.size(); ++i) {
      const std::string& u = unless[i];
      static constexpr std::pair<std::string_view, uint32_t> kConditions[] = {
          {"hedged", kUnlessHedged},     {"attributed", kUnlessAttributed}, {"proper-noun", kUnlessProperNoun},
          {"compound", kUnlessCompound}, {"question", kUnlessQuestion},     {"negated", kUnlessNegated},
          {"personal", kUnlessPersonal}, {"kind", kUnlessKind}};
      uint32_t bit = 0;
      for (const auto& [name, b] : kConditions)
        if (u == name) bit = b;
      if (!bit)
        return fail(err, *t.get("unless")->as_array()->get(i),
                    "unknown condition '" + u +
                        "' (expected hedged, attributed, proper-noun, compound, question, negated, personal or kind)");
      rule->unless |= bit;
    }

    s.clear();
    if (!get_string(t, "check", s, err)) return false;
    if (rule->kind == RuleKind::Quote) {
      if (s == "no-speaker") rule->quote_check = QuoteCheck::NoSpeaker;
      else if (s == "no-source") rule->quote_check = QuoteCheck::NoSource;
      else if (s == "scare") rule->quote_check = QuoteCheck::Scare;
      else if (s == "unbalanced") rule->quote_check = QuoteCheck::Unbalanced;
      else
        return fail(err, t.get("check") ? *t.get("check") : static_cast<const toml::node&>(t),
                    "a quote rule needs 'check' = no-speaker, no-source, scare or unbalanced");
    } else if (!s.empty()) {
      return fail(err, *t.get("check"), "'check' applies only to kind = \"quote\"");
    }

    if (!get_strings(t, "phrases", rule->phrases, err)) return false;
    if (!get_string(t, "pattern", rule->pattern, err)) return false;
    rule->pattern_loc = rule->loc;
    if (const toml::node* pn = t.get(rule->kind == RuleKind::Pattern ? "pattern" : "phrases"))
      rule->pattern_loc = loc_of(pn->source(), file_);
    if (rule->kind == RuleKind::Phrases && rule->phrases.empty())
      return fail(err, t, "a phrases rule needs a non-empty 'phrases' list");
    if (rule->kind == RuleKind::Pattern && rule->pattern.empty())
      return fail(err, t, "a pattern rule needs a 'pattern'");
    if (!get_strings(t, "except", rule->except, err)) return false;

    if (const toml::node* ex = t.get("examples")) {
      if (!ex->is_table()) return fail(err, *ex, "'examples' must be a table with 'fire' and 'quiet' lists");
      if (!check_keys(*ex->as_table(), {"fire", "quiet"}, err)) return false;
      if (!get_strings(*ex->as_table(), "fire", rule->examples_fire, err)) return false;
      if (!get_strings(*ex->as_table(), "quiet", rule->examples_quiet, err)) return false;
    }
    if (const toml::node* en = t.get("enabled")) {
      if (!en->is_boolean()) return fail(err, *en, "'enabled' must be true or false");
      rule->enabled = en->as_boolean()->get();
    }
    set_.rules_.push_back(std::move(rule));
    return true;
  }

  bool load_override(const toml::table& t, PackError* err) {
    if (!check_keys(t, {"rule", "enabled", "severity"}, err)) return false;
    std::string id;
    if (!get_string(t, "rule", id, err, true)) return false;
    Rule* target = nullptr;
    for (auto& r : set_.rules_)
      if (r->id == id) target = r.get();
    if (!target) return fail(err, *t.get("rule"), "override of unknown rule '" + id + "'");
    if (const toml::node* en = t.get("enabled")) {
      if (!en->is_boolean()) return fail(err, *en, "'enabled' must be true or false");
      target->enabled = en->as_boolean()->get();
    }
    std::string s;
    if (!get_string(t, "severity", s, err)) return false;
    if (!s.empty()) {
      auto sev = parse_severity(s);
      if (!sev) return fail(err, *t.get("severity"), "unknown severity '" + s + "' (expected error, warning or info)");
      target->severity = *sev;
    }
    return true;
  }

  RuleSet& set_;
  std::string file_;
};

bool RuleSet::add_text(std::string_view text, const std::string& name, PackError* err) {
  PackLoader loader(*this, name);
  return loader.load(text, err);
}

bool RuleSet::add_defaults(PackError* err) {
  for (size_t i = 0; i < kEmbeddedPackCount; ++i) {
    const EmbeddedPack& p = kEmbeddedPacks[i];
    if (!add_text(std::string_view(p.data, p.size), std::string("<default>/") + p.name, err)) return false;
  }
  return true;
}

bool RuleSet::add_path(const std::string& path, PackError* err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> files;
  if (fs::is_directory(path, ec)) {
    for (auto& e : fs::directory_iterator(path, ec))
      if (e.path().extension() == ".toml") files.push_back(e.path().string());
    if (ec) {
      if (err) *err = PackError{{path, 0, 0}, "cannot read folder: " + ec.message()};
      return false;
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  for (auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      if (err) *err = PackError{{f, 0, 0}, std::string("cannot open rule pack: ") + std::strerror(errno)};
      return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    if (!add_text(ss.str(), f, err)) return false;
  }
  return true;
}

std::string PackError::to_string() const {
  std::string s = loc.file;
  if (loc.line) s.append(":").append(std::to_string(loc.line)).append(":").append(std::to_string(loc.column));
  return s.append(": ").append(message);
}

}  // namespace factlint

// factlint.toml (src/config/config.cpp): reading with exact error positions, globs, discovery
// upward with nearest-wins merging and `root = true`, caching, and the provenance `describe` prints.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.h"

namespace {

using namespace factlint;
namespace fs = std::filesystem;

ConfigFile parse_ok(const std::string& text, const std::string& path = "/cfg/factlint.toml") {
  ConfigFile c;
  PackError err;
  EXPECT_TRUE(parse_config(text, path, "factlint.toml", c, &err)) << err.to_string();
  return c;
}

std::string parse_error(const std::string& text) {
  ConfigFile c;
  PackError err;
  EXPECT_FALSE(parse_config(text, "/cfg/factlint.toml", "site/factlint.toml", c, &err)) << text;
  return err.to_string();
}

TEST(ConfigParse, EveryKey) {
  ConfigFile c = parse_ok(
      "root = true\n"
      "disable = [\"quote.scare\", \"absolute-claim\"]\n"
      "ignore = [\"drafts/**\"]\n"
      "min_severity = \"warning\"\n"
      "fail_on = \"info\"\n"
      "[severity]\n"
      "\"figure.unattributed\" = \"error\"\n"
      "absolute.superlative = \"info\"\n");
  ASSERT_TRUE(c.root);
  EXPECT_TRUE(c.root->value);
  EXPECT_EQ(c.root->loc.line, 1u);
  ASSERT_EQ(c.disable.size(), 2u);
  EXPECT_EQ(c.disable[1].value, "absolute-claim");
  EXPECT_EQ(c.disable[1].loc.line, 2u);
  EXPECT_EQ(c.disable[1].loc.column, 27u);
  ASSERT_EQ(c.ignore.size(), 1u);
  EXPECT_EQ(c.ignore[0].value, "drafts/**");
  ASSERT_TRUE(c.min_severity && c.fail_on);
  EXPECT_EQ(c.min_severity->value, Severity::Warning);
  EXPECT_EQ(c.fail_on->value, Severity::Info);
  EXPECT_EQ(c.fail_on->loc.line, 5u);
  ASSERT_EQ(c.severity.size(), 2u);  // a bare dotted key is read back as the dotted rule id
  std::map<std::string, Severity> sev;
  for (auto& [id, lv] : c.severity) sev[id] = lv.value;
  EXPECT_EQ(sev["figure.unattributed"], Severity::Error);
  EXPECT_EQ(sev["absolute.superlative"], Severity::Info);
  EXPECT_EQ(c.dir, "/cfg");
}

TEST(ConfigParse, EmptyFileIsFine) {
  ConfigFile c = parse_ok("# nothing\n");
  EXPECT_FALSE(c.root);
  EXPECT_TRUE(c.rules.empty() && c.disable.empty() && c.severity.empty() && c.ignore.empty());
}

TEST(ConfigParse, ErrorsSayFileLineColumn) {
  EXPECT_EQ(parse_error("root = true\n\ndisabled = [\"x\"]\n"),
            "site/factlint.toml:3:1: unknown key 'disabled' (expected one of: root, rules, disable, severity, "
            "ignore, min_severity, fail_on)");
  EXPECT_EQ(parse_error("root = \"yes\"\n"), "site/factlint.toml:1:8: 'root' must be true or false");
  EXPECT_EQ(parse_error("disable = \"quote.scare\"\n"), "site/factlint.toml:1:11: 'disable' must be an array of strings");
  EXPECT_EQ(parse_error("ignore = [\"a\", 3]\n"), "site/factlint.toml:1:16: 'ignore' must contain only strings");
  EXPECT_EQ(parse_error("rules = [true]\n"), "site/factlint.toml:1:10: 'rules' must contain only strings");
  EXPECT_EQ(parse_error("fail_on = \"fatal\"\n"),
            "site/factlint.toml:1:11: unknown severity 'fatal' for 'fail_on' (expected error, warning or info)");
  EXPECT_EQ(parse_error("min_severity = 2\n"),
            "site/factlint.toml:1:16: 'min_severity' must be a string: error, warning or info");
  EXPECT_EQ(parse_error("severity = \"error\"\n").substr(0, 31), "site/factlint.toml:1:12: 'sever");
  EXPECT_EQ(parse_error("[severity]\n\"quote.scare\" = \"loud\"\n"),
            "site/factlint.toml:2:17: unknown severity 'loud' for 'severity.quote.scare' (expected error, warning or info)");
  EXPECT_EQ(parse_error("ignore = [\"\"]\n"), "site/factlint.toml:1:11: 'ignore' globs must not be empty");
  std::string bad = parse_error("root = true\nrules = [\n");
  EXPECT_EQ(bad.substr(0, 21), "site/factlint.toml:2:") << bad;  // toml++'s own message, with its place
  EXPECT_EQ(parse_error("rules = [\"packs/missing.toml\"]\n"),
            "site/factlint.toml:1:10: rule pack 'packs/missing.toml' not found (looked for /cfg/packs/missing.toml)");
}

TEST(ConfigGlob, Matching) {
  EXPECT_TRUE(config_glob_matches("drafts", "drafts/a.md"));         // a folder covers what is under it
  EXPECT_TRUE(config_glob_matches("drafts/", "drafts/x/a.md"));
  EXPECT_TRUE(config_glob_matches("drafts/*", "drafts/x/a.md"));     // '*' also matches '/'
  EXPECT_TRUE(config_glob_matches("*.draft.md", "posts/2024/a.draft.md"));
  EXPECT_TRUE(config_glob_matches("README.md", "docs/README.md"));   // a bare name at any depth
  EXPECT_FALSE(config_glob_matches("/README.md", "docs/README.md"));  // anchored
  EXPECT_TRUE(config_glob_matches("/README.md", "README.md"));
  EXPECT_TRUE(config_glob_matches("./posts/old-*", "posts/old-1.md"));
  EXPECT_FALSE(config_glob_matches("posts/old-*", "news/posts-old.md"));
  EXPECT_FALSE(config_glob_matches("drafts", "drafts-2024.md"));
  EXPECT_FALSE(config_glob_matches("*.html", "a.md"));
}

class ConfigTree : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/factlint-config-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = fs::path(tmpl);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void write(const std::string& rel, const std::string& text) {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string path(const std::string& rel) const { return (root_ / rel).string(); }
  fs::path root_;
};

TEST_F(ConfigTree, NearestWinsAndListsAddUp) {
  write("factlint.toml", "root = true\nrules = [\"packs\"]\ndisable = [\"quote.scare\"]\nignore = [\"drafts\"]\n"
                         "fail_on = \"warning\"\nmin_severity = \"info\"\n[severity]\n\"figure.unattributed\" = \"error\"\n");
  write("packs/house.toml", "");
  write("posts/factlint.toml", "disable = [\"quote.scare\", \"absolute.totalizing\"]\nfail_on = \"info\"\n"
                               "ignore = [\"old-*\"]\n[severity]\n\"figure.unattributed\" = \"info\"\n");
  ConfigResolver r;
  PackError err;
  const MergedConfig* m = r.for_path(path("posts/deep/a.md"), false, &err);
  ASSERT_NE(m, nullptr) << err.to_string();
  ASSERT_EQ(m->files.size(), 2u);
  EXPECT_EQ(m->files[0]->path, path("factlint.toml"));  // outermost first
  ASSERT_TRUE(m->root);
  ASSERT_EQ(m->rules.size(), 1u);
  EXPECT_EQ(m->rules[0].value, path("packs"));  // resolved against its own file's folder
  ASSERT_EQ(m->disable.size(), 2u);             // no repeats
  EXPECT_EQ(m->disable[0].value, "quote.scare");
  EXPECT_EQ(m->disable[0].loc.line, 3u);  // the first mention keeps its place
  EXPECT_EQ(m->disable[1].value, "absolute.totalizing");
  EXPECT_EQ(m->fail_on->value, Severity::Info);  // nearest wins
  EXPECT_EQ(m->min_severity->value, Severity::Info);
  EXPECT_EQ(m->severity.at("figure.unattributed").value, Severity::Info);
  RuleFilter f = m->filter();
  EXPECT_EQ(f.disabled.size(), 2u);
  EXPECT_EQ(f.severity.at("figure.unattributed"), Severity::Info);
  // ignore globs are relative to their own file's folder
  EXPECT_NE(m->ignored(path("drafts/x.md")), nullptr);
  EXPECT_NE(m->ignored(path("posts/old-1.md")), nullptr);
  EXPECT_NE(m->ignored(path("posts/deep/old-2.md")), nullptr);  // a bare name, any depth
  EXPECT_EQ(m->ignored(path("old-3.md")), nullptr);             // outside posts/
  EXPECT_EQ(m->ignored(path("posts/a.md")), nullptr);
  // cached: one object per folder
  EXPECT_EQ(r.for_path(path("posts/deep/b.md"), false, &err), m);
  EXPECT_EQ(r.for_path(path("posts/deep"), true, &err), m);
  EXPECT_NE(r.for_path(path("posts/c.md"), false, &err), m);
}

TEST_F(ConfigTree, RootStopsTheSearch) {
  write("factlint.toml", "disable = [\"outer.rule\"]\n");
  write("site/factlint.toml", "root = true\ndisable = [\"inner.rule\"]\n");
  write("site/posts/factlint.toml", "root = false\n");
  ConfigResolver r;
  PackError err;
  const MergedConfig* m = r.for_path(path("site/posts/a.md"), false, &err);
  ASSERT_NE(m, nullptr) << err.to_string();
  ASSERT_EQ(m->files.size(), 2u);
  ASSERT_EQ(m->disable.size(), 1u);
  EXPECT_EQ(m->disable[0].value, "inner.rule");
  const MergedConfig* outer = r.for_path(path("a.md"), false, &err);
  ASSERT_NE(outer, nullptr);
  ASSERT_GE(outer->files.size(), 1u);
  EXPECT_EQ(outer->files.back()->path, path("factlint.toml"));
}

TEST_F(ConfigTree, AnInvalidFileIsAnError) {
  write("factlint.toml", "root = true\n");
  write("a/factlint.toml", "root = true\nfail-on = \"error\"\n");
  ConfigResolver r;
  PackError err;
  EXPECT_EQ(r.for_path(path("a/b/c.md"), false, &err), nullptr);
  EXPECT_EQ(err.loc.line, 2u);
  EXPECT_EQ(err.loc.column, 1u);
  EXPECT_NE(err.message.find("unknown key 'fail-on'"), std::string::npos);
  EXPECT_NE(r.for_path(path("c.md"), false, &err), nullptr);  // its parent is fine
}

TEST_F(ConfigTree, DescribeGivesEveryKeyAndWhereItCameFrom) {
  write("factlint.toml", "root = true\ndisable = [\n  \"quote.scare\",\n]\n");
  write("posts/factlint.toml", "disable = [\"absolute.totalizing\"]\nfail_on = \"warning\"\n"
                               "[severity]\n\"figure.unattributed\" = \"error\"\n");
  ConfigResolver r;
  PackError err;
  const MergedConfig* m = r.for_path(path("posts/a.md"), false, &err);
  ASSERT_NE(m, nullptr) << err.to_string();
  std::string root = root_.string();
  std::string d = m->describe([](const std::string& p) { return p; });
  // files are named as ConfigResolver::show names them: absolute here (outside the working folder)
  std::string outer = ConfigResolver::show(path("factlint.toml")), inner = ConfigResolver::show(path("posts/factlint.toml"));
  EXPECT_EQ(d, "# files: " + outer + " " + inner + "\n" +
                   "root = true  # " + outer + ":1\n" +
                   "rules = []  # default\n" +
                   "disable = [\"quote.scare\", \"absolute.totalizing\"]  # " + outer + ":3, " + inner + ":1\n" +
                   "severity = { \"figure.unattributed\" = \"error\" }  # " + inner + ":4\n" +
                   "ignore = []  # default\n" +
                   "min_severity = \"info\"  # default\n" +
                   "fail_on = \"warning\"  # " + inner + ":2\n");
}

}  // namespace

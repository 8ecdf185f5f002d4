// JUnit XML, which most CI systems show as a test report: one <testsuite name="factlint">, one
// <testcase> per file, a <failure> per finding at or above --fail-on (findings below it are not
// failures and are left out), an <error> for a file that could not be checked. As in JUnit's own
// schema, the suite's `failures` and `errors` count test cases (files), not <failure> elements.
// pugixml builds the document, so every attribute and text is escaped as XML requires.
#include <pugixml.hpp>

#include <sstream>

#include "output/outputs.h"

namespace factlint {

namespace {

// XML 1.0 cannot carry most C0 control characters, even as references: U+FFFD stands in for them.
// In element text a reader turns CR LF and CR into LF anyway (attributes keep them: pugixml writes
// them as references there), so body text gets LF line ends here.
std::string xml_text(std::string_view s, bool body = false) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    if (body && u == '\r') {
      if (i + 1 >= s.size() || s[i + 1] != '\n') out += '\n';
    } else if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
      out += "\xEF\xBF\xBD";
    } else {
      out += s[i];
    }
  }
  return out;
}

void attr(pugi::xml_node n, const char* name, std::string_view value) {
  n.append_attribute(name).set_value(xml_text(value).c_str());
}

void attr(pugi::xml_node n, const char* name, size_t value) {
  n.append_attribute(name).set_value(std::to_string(value).c_str());
}

}  // namespace

void write_junit(const std::vector<FileReport>& files, std::optional<Severity> fail_on, std::string& out) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  pugi::xml_node suite = doc.append_child("testsuite");
  size_t failures = 0, errors = 0, findings = 0;
  for (const auto& f : files) {
    pugi::xml_node tc = suite.append_child("testcase");
    attr(tc, "classname", "factlint");
    attr(tc, "name", f.path);
    if (!f.error.empty()) {
      ++errors;
      pugi::xml_node e = tc.append_child("error");
      attr(e, "message", "could not be checked: " + f.error);
      attr(e, "type", "input");
      e.text().set(xml_text(f.path + ": " + f.error, true).c_str());
      continue;
    }
    bool failed = false;
    for (const Finding& x : f.findings) {
      if (!fail_on || x.severity < *fail_on) continue;
      failed = true;
      ++findings;
      pugi::xml_node fl = tc.append_child("failure");
      attr(fl, "message", x.message);
      attr(fl, "type", x.rule->id);
      std::string body = std::to_string(x.line) + ":" + std::to_string(x.column) + " " + severity_name(x.severity) +
                         " " + category_name(x.category) + " " + x.rule->id + ": " + x.message;
      fl.text().set(xml_text(body, true).c_str());
    }
    failures += failed;
  }
  // The counts are known only now; the suite has no attributes yet, so they still come first.
  attr(suite, "name", "factlint");
  attr(suite, "tests", files.size());
  attr(suite, "failures", failures);
  attr(suite, "errors", errors);
  attr(suite, "skipped", size_t{0});
  pugi::xml_node props = suite.prepend_child("properties");
  pugi::xml_node p = props.append_child("property");
  attr(p, "name", "fail-on");
  attr(p, "value", fail_on ? severity_name(*fail_on) : "never");
  p = props.append_child("property");
  attr(p, "name", "failing-findings");
  attr(p, "value", findings);
  std::ostringstream ss;
  doc.save(ss, "  ", pugi::format_default, pugi::encoding_utf8);
  out += ss.str();
}

}  // namespace factlint

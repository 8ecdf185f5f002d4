// The C ABI over the engine. Every entry point catches everything: no exception crosses into C.
#include "factlint/factlint.h"

#include <cstddef>
#include <cstring>
#include <new>
#include <string>

#include "engine.h"
#include "output/outputs.h"

using namespace factlint;

// Handles carry a magic number so that a freed or foreign pointer is caught where it is cheap.
static constexpr uint32_t kRulesMagic = 0x464c5255, kCheckerMagic = 0x464c4348, kReportMagic = 0x464c5250;

struct factlint_rules {
  uint32_t magic = kRulesMagic;
  RuleSet set;
  std::string error;
  bool ok = false;
};

struct factlint_checker {
  uint32_t magic = kCheckerMagic;
  const factlint_rules* rules;
  Checker checker;
  std::string error;
  explicit factlint_checker(const factlint_rules* r) : rules(r), checker(r->set) {}
};

struct factlint_report {
  uint32_t magic = kReportMagic;
  FileReport file;
  size_t truncated = 0;
  std::string annotated;
  std::string json;
  bool json_built = false;
};

namespace {

template <typename F>
int guarded(F&& f, std::string* error) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    if (error) *error = "out of memory";
    return FACTLINT_ENOMEM;
  } catch (const std::exception& e) {
    if (error) *error = std::string("internal error: ") + e.what();
    return FACTLINT_EINTERNAL;
  } catch (...) {
    if (error) *error = "internal error";
    return FACTLINT_EINTERNAL;
  }
}

// Version 1 of factlint_check_options ends where max_findings begins: a caller built against it
// owns only that many bytes, so nothing past them is read or written.
constexpr size_t kCheckOptionsV1Size = offsetof(factlint_check_options, max_findings);
static_assert(kCheckOptionsV1Size == offsetof(factlint_check_options, max_input) + sizeof(size_t));

// The default of max_findings: the CLI's --max-findings-per-page default.
constexpr size_t kDefaultMaxFindings = 10000;

// Copies a caller's check options of any supported version into the current struct; the fields
// its version lacks keep their defaults. False for an unknown version.
bool read_check_options(const factlint_check_options* in, factlint_check_options& out) {
  out = FACTLINT_CHECK_OPTIONS_INIT;
  if (!in) return true;
  if (in->version == 1) std::memcpy(&out, in, kCheckOptionsV1Size);
  else if (in->version == FACTLINT_CHECK_OPTIONS_VERSION) out = *in;
  else return false;
  out.version = FACTLINT_CHECK_OPTIONS_VERSION;
  return true;
}

bool valid(const factlint_rules* r) { return r && r->magic == kRulesMagic; }
bool valid(const factlint_checker* c) { return c && c->magic == kCheckerMagic; }
bool valid(const factlint_report* r) { return r && r->magic == kReportMagic; }

}  // namespace

extern "C" {

const char* factlint_version(void) { return FACTLINT_VERSION; }
int factlint_abi_version(void) { return FACTLINT_ABI_VERSION; }

const char* factlint_strerror(int status) {
  switch (status) {
    case FACTLINT_OK: return "ok";
    case FACTLINT_EINVAL: return "invalid argument";
    case FACTLINT_ENOMEM: return "out of memory";
    case FACTLINT_ERULES: return "invalid rule pack";
    case FACTLINT_EINPUT: return "input cannot be checked";
    case FACTLINT_EIO: return "cannot read file";
    case FACTLINT_EVERSION: return "unknown options version";
    case FACTLINT_EINTERNAL: return "internal error";
  }
  return "unknown status";
}

int factlint_rules_options_init(factlint_rules_options* opts, unsigned int version) {
  if (!opts) return FACTLINT_EINVAL;
  if (version != FACTLINT_RULES_OPTIONS_VERSION) return FACTLINT_EVERSION;
  factlint_rules_options init = FACTLINT_RULES_OPTIONS_INIT;
  *opts = init;
  return FACTLINT_OK;
}

int factlint_rules_new(factlint_rules** out, const factlint_rules_options* opts) {
  if (!out) return FACTLINT_EINVAL;
  *out = nullptr;
  if (opts && opts->version != FACTLINT_RULES_OPTIONS_VERSION) return FACTLINT_EVERSION;
  if (opts && opts->pack_count && !opts->pack_paths) return FACTLINT_EINVAL;
  if (opts && opts->pack_text_len && !opts->pack_text) return FACTLINT_EINVAL;
  factlint_rules* r = new (std::nothrow) factlint_rules;
  if (!r) return FACTLINT_ENOMEM;
  *out = r;
  return guarded(
      [&]() -> int {
        PackError err;
        if (!(opts && opts->no_defaults) && !r->set.add_defaults(&err)) {
          r->error = err.to_string();
          return FACTLINT_ERULES;
        }
        for (size_t i = 0; opts && i < opts->pack_count; ++i) {
          if (!opts->pack_paths[i]) return r->error = "pack path is NULL", FACTLINT_EINVAL;
          if (!r->set.add_path(opts->pack_paths[i], &err)) {
            r->error = err.to_string();
            return err.loc.line ? FACTLINT_ERULES : FACTLINT_EIO;
          }
        }
        if (opts && opts->pack_text &&
            !r->set.add_text(std::string_view(opts->pack_text, opts->pack_text_len), "<text>", &err)) {
          r->error = err.to_string();
          return FACTLINT_ERULES;
        }
        if (!r->set.compile(&err)) {
          r->error = err.to_string();
          return FACTLINT_ERULES;
        }
        r->ok = true;
        return FACTLINT_OK;
      },
      &r->error);
}

const char* factlint_rules_errmsg(const factlint_rules* rules) {
  return valid(rules) ? rules->error.c_str() : "invalid rules handle";
}

size_t factlint_rules_count(const factlint_rules* rules) {
  if (!valid(rules)) return 0;
  size_t n = 0;
  for (auto& r : rules->set.rules()) n += r->enabled;
  return n;
}

void factlint_rules_free(factlint_rules* rules) {
  if (!valid(rules)) return;
  rules->magic = 0;
  delete rules;
}

int factlint_checker_new(factlint_checker** out, const factlint_rules* rules) {
  if (!out) return FACTLINT_EINVAL;
  *out = nullptr;
  if (!valid(rules) || !rules->ok) return FACTLINT_EINVAL;
  return guarded(
      [&]() -> int {
        *out = new factlint_checker(rules);
        return FACTLINT_OK;
      },
      nullptr);
}

const char* factlint_checker_errmsg(const factlint_checker* checker) {
  return valid(checker) ? checker->error.c_str() : "invalid checker handle";
}

void factlint_checker_free(factlint_checker* checker) {
  if (!valid(checker)) return;
  checker->magic = 0;
  delete checker;
}

int factlint_check_options_init(factlint_check_options* opts, unsigned int version) {
  if (!opts) return FACTLINT_EINVAL;
  if (version != 1 && version != FACTLINT_CHECK_OPTIONS_VERSION) return FACTLINT_EVERSION;
  factlint_check_options init = FACTLINT_CHECK_OPTIONS_INIT;
  init.version = version;
  std::memcpy(opts, &init, version == 1 ? kCheckOptionsV1Size : sizeof init);
  return FACTLINT_OK;
}

int factlint_check(factlint_checker* checker, const char* input, size_t len, const factlint_check_options* opts,
                   factlint_report** out) {
  if (!out) return FACTLINT_EINVAL;
  *out = nullptr;
  if (!valid(checker)) return FACTLINT_EINVAL;
  checker->error.clear();
  if (!input && len) return checker->error = "input is NULL with a non-zero length", FACTLINT_EINVAL;
  factlint_check_options co;
  if (!read_check_options(opts, co)) return FACTLINT_EVERSION;
  if (co.format < 0 || co.format > 2 || co.min_severity < 0 || co.min_severity > 2)
    return checker->error = "option out of range", FACTLINT_EINVAL;
  return guarded(
      [&]() -> int {
        CheckOptions o;
        o.format = static_cast<CheckOptions::InputFormat>(co.format);
        o.path = co.path ? co.path : "";
        o.annotate = co.annotate != 0;
        o.min_severity = static_cast<Severity>(co.min_severity);
        if (co.max_input) o.max_input = co.max_input;
        // The engine's 0 is "no limit"; here 0 is the default and FACTLINT_NO_LIMIT is no limit.
        o.max_findings = co.max_findings == 0 ? kDefaultMaxFindings
                         : co.max_findings == FACTLINT_NO_LIMIT ? 0
                                                                : co.max_findings;
        CheckResult res;
        std::string_view in(input ? input : "", len);
        if (!checker->checker.check(in, o, res)) {
          checker->error = res.error;
          return FACTLINT_EINPUT;
        }
        auto* rep = new factlint_report;
        rep->file.path = co.path ? co.path : "";
        rep->file.format = res.format;
        rep->file.findings = std::move(res.findings);
        rep->truncated = res.truncated;
        rep->annotated = std::move(res.annotated);
        *out = rep;
        return FACTLINT_OK;
      },
      &checker->error);
}

void factlint_report_free(factlint_report* report) {
  if (!valid(report)) return;
  report->magic = 0;
  delete report;
}

size_t factlint_report_count(const factlint_report* report) {
  return valid(report) ? report->file.findings.size() : 0;
}

int factlint_report_finding(const factlint_report* report, size_t index, factlint_finding* out) {
  if (!valid(report) || !out || index >= report->file.findings.size()) return FACTLINT_EINVAL;
  const Finding& f = report->file.findings[index];
  out->rule = f.rule->id.c_str();
  out->category = category_name(f.category);
  out->severity = static_cast<int>(f.severity);
  out->message = f.message.c_str();
  out->text = f.text.c_str();
  out->text_len = f.text.size();
  out->start = f.start;
  out->end = f.end;
  out->line = f.line;
  out->column = f.column;
  return FACTLINT_OK;
}

size_t factlint_report_truncated(const factlint_report* report) {
  return valid(report) ? report->truncated : 0;
}

int factlint_report_annotated(const factlint_report* report, const char** out, size_t* len) {
  if (!valid(report) || !out) return FACTLINT_EINVAL;
  *out = report->annotated.c_str();
  if (len) *len = report->annotated.size();
  return FACTLINT_OK;
}

int factlint_report_json(factlint_report* report, const char** out, size_t* len) {
  if (!valid(report) || !out) return FACTLINT_EINVAL;
  return guarded(
      [&]() -> int {
        if (!report->json_built) {
          write_json({report->file}, report->json);
          report->json_built = true;
        }
        *out = report->json.c_str();
        if (len) *len = report->json.size();
        return FACTLINT_OK;
      },
      nullptr);
}

const char* factlint_report_format(const factlint_report* report) {
  if (!valid(report)) return "";
  return report->file.format == Format::Markdown ? "markdown" : "html";
}

}  // extern "C"

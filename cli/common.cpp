// Helpers shared by the CLI's commands: finding files, reading and writing them safely, loading rules.
#include "common.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace factlint::cli {


bool checkable(const fs::path& p, bool html_only) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e == ".html" || e == ".htm" || (!html_only && (e == ".md" || e == ".markdown"));
}

// Folders are walked in sorted order so reports are deterministic.
bool excluded(const std::string& path, const std::vector<std::string>& globs) {
  for (const auto& g : globs)
    if (fnmatch(g.c_str(), path.c_str(), 0) == 0) return true;
  return false;
}

// Collects the checkable files under a folder. A folder that cannot be read is an error, never
// skipped: its pages would otherwise go unchecked while the run reports success. Symbolic links
// to folders are not followed (as with recursive_directory_iterator's defaults).
void walk(const fs::path& dir, const std::vector<std::string>& excludes, std::vector<fs::path>& files,
          std::vector<std::string>& errors, bool html_only) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  std::vector<fs::path> subdirs;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code eec;
    if (it->is_directory(eec) && !it->is_symlink(eec)) subdirs.push_back(it->path());
    else if (it->is_regular_file(eec) && !it->is_symlink(eec) && checkable(it->path(), html_only) &&
             !excluded(it->path().string(), excludes))
      files.push_back(it->path());
  }
  if (ec) errors.push_back(dir.string() + ": error: cannot read folder: " + ec.message());
  std::sort(subdirs.begin(), subdirs.end());
  for (const auto& d : subdirs) walk(d, excludes, files, errors, html_only);
}

void collect(const std::string& arg, const std::vector<std::string>& excludes, std::vector<Input>& out,
             std::vector<std::string>& errors) {
  std::error_code ec;
  fs::path root(arg);
  if (fs::is_directory(root, ec)) {
    std::vector<fs::path> files;
    walk(root, excludes, files, errors);
    std::sort(files.begin(), files.end());
    for (auto& f : files) out.push_back(Input{f.string(), f.string(), fs::relative(f, root, ec).string(), false});
  } else if (fs::exists(root, ec)) {
    out.push_back(Input{arg, arg, root.filename().string(), false});
  } else if (ec && ec != std::errc::no_such_file_or_directory) {
    errors.push_back(arg + ": error: " + ec.message());  // e.g. inside a folder we may not search
  } else {
    errors.push_back(arg + ": error: no such file or folder");
  }
}

bool read_file(const std::string& path, std::string& out, std::string& err, size_t max_bytes) {
  // One read into a buffer of the file's size (no stream copies): a page costs its size once.
  // A file over max_bytes is refused before it is read.
  out.clear();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    err = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  auto too_large = [&](unsigned long long n) {
    err = "too large: " + std::to_string(n) + " bytes, over the limit of " + std::to_string(max_bytes) +
          " (--max-input-bytes)";
    ::close(fd);
    out.clear();
    out.shrink_to_fit();
    return false;
  };
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<unsigned long long>(st.st_size) > max_bytes) return too_large(st.st_size);
    out.reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = std::string("read error: ") + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > max_bytes) return too_large(out.size() + static_cast<size_t>(n));
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

// Writes a file atomically: a temporary file in the same folder, fsync, rename. A failure leaves
// any existing file untouched.
bool write_atomic(const fs::path& target, std::string_view data, std::string& err) {
  std::error_code ec;
  fs::create_directories(target.parent_path().empty() ? fs::path(".") : target.parent_path(), ec);
  std::string name = ".";  // built step by step: GCC 12 warns falsely on "." + string + "..."
  name += target.filename().string();
  name += ".factlint-tmp";
  std::string tmp = (target.parent_path() / name).string();
  // O_EXCL | O_NOFOLLOW: a leftover temporary file, or a symbolic link planted under its name, is
  // never written through; it is removed (the link itself, not its target) and the file created anew.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST && ::unlink(tmp.c_str()) == 0)
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    err = "cannot write " + tmp + ": " + std::strerror(errno);
    return false;
  }
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = "cannot write " + tmp + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    err = "cannot write " + tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    err = "cannot rename to " + target.string() + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool load_rules(RuleSet& rules, const std::vector<std::string>& packs, bool defaults) {
  PackError err;
  bool ok = (!defaults || rules.add_defaults(&err));
  for (size_t i = 0; ok && i < packs.size(); ++i) ok = rules.add_path(packs[i], &err);
  ok = ok && rules.compile(&err);
  if (!ok) std::cerr << "factlint: error: " << err.to_string() << "\n";
  return ok;
}

int usage_error(const std::string& msg) {
  std::cerr << "factlint: error: " << msg << "\n(run 'factlint --help' for usage)\n";
  return 2;
}

int Limits::parse_option(const std::vector<std::string>& args, size_t& i) {
  const std::string& a = args[i];
  bool bytes = a == "--max-input-bytes";
  if (!bytes && a != "--max-findings-per-page") return 0;
  const std::string v = i + 1 < args.size() ? args[++i] : "";
  bool ok = !v.empty() && v.size() <= 18 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  size_t n = ok ? static_cast<size_t>(std::stoull(v)) : 0;
  if (bytes && (!ok || n == 0)) return usage_error("--max-input-bytes needs a positive number of bytes"), -1;
  if (!bytes && !ok) return usage_error("--max-findings-per-page needs a number (0: no limit)"), -1;
  (bytes ? max_input : max_findings_per_page) = n;
  return 1;
}

void report_truncated(const std::string& path, size_t kept, size_t dropped) {
  std::fprintf(stderr, "%s: info: %zu findings, only the first %zu kept and marked (--max-findings-per-page)\n",
               path.c_str(), kept + dropped, kept);
}

bool write_under(const fs::path& root, const fs::path& rel, std::string_view data, std::string& err) {
  fs::path at = root;
  std::error_code ec;
  for (const auto& part : rel.parent_path()) {
    at /= part;
    if (part == "..") {
      err = "not written: " + (root / rel).string() + " would be outside " + root.string();
      return false;
    }
    if (fs::is_symlink(at, ec)) {
      err = "not written: " + at.string() + " is a symbolic link; factlint writes only inside " + root.string();
      return false;
    }
  }
  return write_atomic(root / rel, data, err);
}

}  // namespace factlint::cli

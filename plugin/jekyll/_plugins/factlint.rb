# frozen_string_literal: true

# factlint for Jekyll 4.3 — checks every HTML page the site writes with libfactlint (the C ABI in
# include/factlint/factlint.h, loaded with Fiddle from Ruby's standard library), marks findings in
# the page or only reports them, writes one site report and can fail the build.
#
# Install: put this file (or a symbolic link to it) in the site's _plugins/ folder. No gem, no
# Gemfile. Options go under `factlint:` in _config.yml, with the names and defaults of
# plugin/README.md:
#
#   factlint:
#     rules: []                       # extra rule packs (files or folders), relative to the site source
#     min_severity: info              # info | warning | error: findings below are dropped, not marked
#     fail_on: error                  # error | warning | info | never: fail `jekyll build` at or above
#     exclude: []                     # globs over output paths relative to the destination ("*" matches "/")
#     report_only: false              # true: never change a page, only report (production builds)
#     report: factlint-report.json    # the site report (the CLI's JSON format), relative to the source
#     library: /usr/local/lib/libfactlint.so.1   # default: $FACTLINT_LIB, else the build tree
#
# What is checked: pages and documents whose output_ext is ".html" (never feeds, JSON, sitemaps or
# other outputs), after every other post_render hook (priority :low), plus static .html files
# copied without front matter (checked, and annotated, in their destination after the write).
# Documents that are not written (collections with `output: false`) are skipped.
#
# Memory: every handle (rules, checker, report) is freed with its *_free function; strings the
# library returns are borrowed from the report and copied out before the report is freed.

require "fiddle"
require "fiddle/import"
require "json"
require "fileutils"
require "pathname"

module Jekyll
  module Factlint
    SEVERITIES = %w(info warning error).freeze
    FAIL_ON = (SEVERITIES + %w(never)).freeze
    DEFAULTS = {
      "rules"        => [],
      "min_severity" => "info",
      "fail_on"      => "error",
      "exclude"      => [],
      "report_only"  => false,
      "report"       => "factlint-report.json",
      "library"      => nil,
    }.freeze
    HTML_EXTS = %w(.html .htm).freeze
    # How many findings at or above fail_on are listed in the terminal when the build fails.
    LIST_LIMIT = 20

    # A configuration or library problem, or findings at or above fail_on: `jekyll build` prints
    # "YOUR SITE COULD NOT BE BUILT" with the message and exits with status 1.
    class Error < Jekyll::Errors::FatalException; end

    # The default library: $FACTLINT_LIB, else build/lib/libfactlint.so of the source tree this
    # file lives in (plugin/jekyll/_plugins/factlint.rb; a symbolic link is followed first).
    def self.default_library
      env = ENV["FACTLINT_LIB"]
      return env if env && !env.empty?

      here = File.dirname(File.realpath(__FILE__))
      File.expand_path("../../../build/lib/libfactlint.so", here)
    end

    # The C ABI, declared from include/factlint/factlint.h. One instance per library path.
    class Library
      RULES_OPTIONS_VERSION = 1 # FACTLINT_RULES_OPTIONS_VERSION
      CHECK_OPTIONS_VERSION = 1 # FACTLINT_CHECK_OPTIONS_VERSION
      ABI_VERSION_MAJOR = 1     # FACTLINT_ABI_VERSION_MAJOR
      FORMAT_HTML = 2           # FACTLINT_FORMAT_HTML
      OK = 0
      EINPUT = 4
      PTR = Fiddle::SIZEOF_VOIDP
      SIZE = Fiddle::SIZEOF_SIZE_T
      SIZE_PACK = { 4 => "L", 8 => "Q" }.fetch(Fiddle::SIZEOF_SIZE_T)

      PROTOTYPES = [
        "const char *factlint_version(void)",
        "int factlint_abi_version(void)",
        "const char *factlint_strerror(int status)",
        "int factlint_rules_options_init(factlint_rules_options *opts, unsigned int version)",
        "int factlint_rules_new(factlint_rules **out, const factlint_rules_options *opts)",
        "const char *factlint_rules_errmsg(const factlint_rules *rules)",
        "size_t factlint_rules_count(const factlint_rules *rules)",
        "void factlint_rules_free(factlint_rules *rules)",
        "int factlint_checker_new(factlint_checker **out, const factlint_rules *rules)",
        "const char *factlint_checker_errmsg(const factlint_checker *checker)",
        "void factlint_checker_free(factlint_checker *checker)",
        "int factlint_check_options_init(factlint_check_options *opts, unsigned int version)",
        "int factlint_check(factlint_checker *checker, const char *input, size_t len, " \
        "const factlint_check_options *opts, factlint_report **out)",
        "void factlint_report_free(factlint_report *report)",
        "size_t factlint_report_count(const factlint_report *report)",
        "int factlint_report_finding(const factlint_report *report, size_t index, factlint_finding *out)",
        "int factlint_report_annotated(const factlint_report *report, const char **out, size_t *len)",
        "int factlint_report_json(factlint_report *report, const char **out, size_t *len)",
        "const char *factlint_report_format(const factlint_report *report)",
      ].freeze

      @loaded = {}
      class << self
        # The library at `path`, loaded once per process.
        def load(path)
          @loaded[path] ||= new(path)
        end
      end

      attr_reader :path, :fn, :rules_options_t, :check_options_t, :finding_t

      def initialize(path)
        @path = path
        fn = Module.new
        fn.extend(Fiddle::Importer)
        begin
          fn.dlload(path)
          # Field for field as in factlint.h (new fields are only ever appended).
          @rules_options_t = fn.struct([
            "unsigned int version",
            "int no_defaults",
            "const char *const *pack_paths",
            "size_t pack_count",
            "const char *pack_text",
            "size_t pack_text_len",
          ])
          @check_options_t = fn.struct([
            "unsigned int version",
            "int format",
            "const char *path",
            "int annotate",
            "int min_severity",
            "size_t max_input",
          ])
          @finding_t = fn.struct([
            "const char *rule",
            "const char *category",
            "int severity",
            "const char *message",
            "const char *text",
            "size_t text_len",
            "size_t start",
            "size_t end",
            "size_t line",
            "size_t column",
          ])
          PROTOTYPES.each { |proto| fn.extern(proto) }
        rescue Fiddle::DLError => e
          raise Error, "factlint: cannot load the library #{path}: #{e.message}. Set " \
                       "factlint.library in _config.yml, or $FACTLINT_LIB, to the libfactlint.so " \
                       "to use (the default is $FACTLINT_LIB, else build/lib/ of the source tree " \
                       "the plugin file lives in)."
        end
        @fn = fn
        abi = fn.factlint_abi_version
        return if abi == ABI_VERSION_MAJOR

        raise Error, "factlint: #{path} has ABI version #{abi}; this plugin needs #{ABI_VERSION_MAJOR}"
      end

      def version
        Library.string(fn.factlint_version)
      end

      def strerror(status)
        Library.string(fn.factlint_strerror(status))
      end

      # A borrowed NUL-terminated string (a Fiddle::Pointer), or `len` bytes of it, as UTF-8.
      def self.string(ptr, len = nil)
        return +"" if ptr.nil? || ptr.null?
        return +"" if len&.zero?

        (len ? ptr.to_s(len) : ptr.to_s).force_encoding(Encoding::UTF_8)
      end

      # A new out-parameter slot for a pointer (handle or string), freed by Ruby's GC.
      def self.slot(size = PTR)
        ptr = Fiddle::Pointer.malloc(size, Fiddle::RUBY_FREE)
        ptr[0, size] = "\0" * size
        ptr
      end

      def self.size_at(slot)
        slot[0, SIZE].unpack1(SIZE_PACK)
      end
    end

    # Compiled rules and one checker (Jekyll renders on one thread) for one build.
    class Engine
      Result = Struct.new(:entry, :findings, :annotated, :error)

      def initialize(library, packs)
        @lib = library
        fn = library.fn
        opts = library.rules_options_t.malloc(Fiddle::RUBY_FREE)
        status = fn.factlint_rules_options_init(opts, Library::RULES_OPTIONS_VERSION)
        raise Error, "factlint: rules options: #{library.strerror(status)}" unless status == Library::OK

        # const char *const *pack_paths: an array of pointers to NUL-terminated paths. The Ruby
        # strings (and the packed array) stay referenced until factlint_rules_new returns.
        keep = packs.map { |p| "#{p}\0".b }
        unless keep.empty?
          array = keep.map { |s| Fiddle::Pointer[s].to_i }.pack("J*")
          keep << array
          opts.pack_paths = Fiddle::Pointer[array]
          opts.pack_count = packs.length
        end
        out = Library.slot
        status = fn.factlint_rules_new(out, opts)
        keep.clear
        rules = out.ptr
        if status != Library::OK
          message = rules.null? ? "" : Library.string(fn.factlint_rules_errmsg(rules))
          fn.factlint_rules_free(rules) # set even on ERULES/EIO; NULL is accepted
          message = library.strerror(status) if message.empty?
          raise Error, "factlint: cannot load the rules: #{message}"
        end
        @rules = rules

        out = Library.slot
        status = fn.factlint_checker_new(out, @rules)
        if status != Library::OK
          free
          raise Error, "factlint: cannot create a checker: #{library.strerror(status)}"
        end
        @checker = out.ptr
      end

      def rule_count
        @lib.fn.factlint_rules_count(@rules)
      end

      # Checks one HTML page. Returns a Result: entry is the page's file object in the CLI's JSON
      # report format ({"path", "format", "findings"} or {"path", "format", "error", "findings"}),
      # findings the same findings read through struct factlint_finding, annotated the marked
      # page (nil unless annotate), error a message when the page could not be checked.
      def check(html, path, annotate:, min_severity:)
        raise Error, "factlint: the checker was already freed" if @checker.nil?

        fn = @lib.fn
        opts = @lib.check_options_t.malloc(Fiddle::RUBY_FREE)
        status = fn.factlint_check_options_init(opts, Library::CHECK_OPTIONS_VERSION)
        raise Error, "factlint: check options: #{@lib.strerror(status)}" unless status == Library::OK

        c_path = "#{path}\0".b
        opts.format = Library::FORMAT_HTML
        opts.path = Fiddle::Pointer[c_path]
        opts.annotate = annotate ? 1 : 0
        opts.min_severity = SEVERITIES.index(min_severity)
        input = html.b
        out = Library.slot
        status = fn.factlint_check(@checker, input, input.bytesize, opts, out)
        report = out.ptr
        begin
          if status != Library::OK
            message = Library.string(fn.factlint_checker_errmsg(@checker))
            message = @lib.strerror(status) if message.empty?
            entry = { "path" => path, "format" => "html", "error" => message, "findings" => [] }
            return Result.new(entry, [], nil, message)
          end
          Result.new(read_entry(report, path), read_findings(report),
                     annotate ? read_annotated(report) : nil, nil)
        ensure
          fn.factlint_report_free(report) # accepts NULL
        end
      end

      def free
        fn = @lib.fn
        fn.factlint_checker_free(@checker) if @checker
        @checker = nil
        fn.factlint_rules_free(@rules) if @rules # reports are freed before their rules
        @rules = nil
      end

      private

      def read_entry(report, path)
        text = Library.slot
        len = Library.slot(Library::SIZE)
        status = @lib.fn.factlint_report_json(report, text, len)
        raise Error, "factlint: report JSON: #{@lib.strerror(status)}" unless status == Library::OK

        json = JSON.parse(Library.string(text.ptr, Library.size_at(len)))
        entry = json.fetch("files").fetch(0)
        entry["path"] = path
        entry
      end

      def read_findings(report)
        fn = @lib.fn
        f = @lib.finding_t.malloc(Fiddle::RUBY_FREE)
        Array.new(fn.factlint_report_count(report)) do |i|
          status = fn.factlint_report_finding(report, i, f)
          raise Error, "factlint: finding #{i}: #{@lib.strerror(status)}" unless status == Library::OK

          {
            "rule"     => Library.string(f.rule),
            "category" => Library.string(f.category),
            "severity" => SEVERITIES.fetch(f.severity),
            "message"  => Library.string(f.message),
            "text"     => Library.string(f.text, f.text_len),
            "line"     => f.line,
            "column"   => f.column,
          }
        end
      end

      def read_annotated(report)
        text = Library.slot
        len = Library.slot(Library::SIZE)
        status = @lib.fn.factlint_report_annotated(report, text, len)
        raise Error, "factlint: annotated page: #{@lib.strerror(status)}" unless status == Library::OK

        Library.string(text.ptr, Library.size_at(len))
      end
    end

    # One build of one site: its options, the engine, and the findings of every page checked.
    class Run
      attr_reader :site, :options, :library

      def initialize(site)
        @site = site
        @options = Run.options(site)
        @library = Library.load(@options["library"])
        @engine = Engine.new(@library, @options["rules"])
        @pages = {}
        @findings = {}
        exclude_report_from_source
        Jekyll.logger.debug "factlint:", "#{@library.path} #{@library.version}, " \
                                         "#{@engine.rule_count} rules"
      end

      # Reads and validates `factlint:` from _config.yml; relative paths become absolute under
      # the site source (the project).
      def self.options(site)
        raw = site.config["factlint"] || {}
        raise Error, "factlint: `factlint:` in _config.yml must be a mapping" unless raw.is_a?(Hash)

        unknown = raw.keys.map(&:to_s) - DEFAULTS.keys
        unless unknown.empty?
          raise Error, "factlint: unknown option#{"s" if unknown.size > 1} #{unknown.join(", ")} " \
                       "under `factlint:` (known: #{DEFAULTS.keys.join(", ")})"
        end
        opts = DEFAULTS.merge(raw.transform_keys(&:to_s))
        %w(rules exclude).each do |key|
          opts[key] = [] if opts[key].nil?
          opts[key] = [opts[key]] if opts[key].is_a?(String)
          unless opts[key].is_a?(Array) && opts[key].all? { |v| v.is_a?(String) && !v.empty? }
            raise Error, "factlint: #{key} must be a list of #{key == "rules" ? "paths" : "globs"}"
          end
        end
        { "min_severity" => SEVERITIES, "fail_on" => FAIL_ON }.each do |key, allowed|
          value = opts[key].to_s
          unless allowed.include?(value)
            raise Error, "factlint: #{key} must be one of #{allowed.join(", ")}, not #{opts[key].inspect}"
          end
          opts[key] = value
        end
        unless [true, false].include?(opts["report_only"])
          raise Error, "factlint: report_only must be true or false, not #{opts["report_only"].inspect}"
        end
        unless opts["report"].is_a?(String) && !opts["report"].empty?
          raise Error, "factlint: report must be a path, not #{opts["report"].inspect}"
        end

        source = site.source
        opts["rules"] = opts["rules"].map { |p| File.expand_path(p, source) }
        opts["report"] = File.expand_path(opts["report"], source)
        library = opts["library"]
        if library.nil? || library.to_s.empty?
          opts["library"] = Factlint.default_library
        elsif library.to_s.include?("/")
          opts["library"] = File.expand_path(library.to_s, source)
        else
          opts["library"] = library.to_s # a bare name ("libfactlint.so.1"): the loader's search path
        end
        opts
      end

      # A report written inside the source folder must not be read back as a static file (and
      # copied into the site on the next build) nor wake `jekyll serve`'s watcher: exclude it.
      # site.exclude is the configuration's own array, so the watcher sees the addition too.
      def exclude_report_from_source
        rel = relative(options["report"], site.source)
        return if rel.nil? || site.exclude.include?(rel)

        site.exclude << rel
      end

      def relative(path, root)
        rel = Pathname.new(path).relative_path_from(Pathname.new(root)).to_s
        rel.start_with?("../") || rel == ".." ? nil : rel
      rescue ArgumentError
        nil
      end

      def excluded?(rel)
        options["exclude"].any? { |glob| File.fnmatch?(glob, rel, File::FNM_DOTMATCH) }
      end

      def annotate?
        !options["report_only"]
      end

      # :pages / :documents post_render: checks the rendered page and replaces its output with
      # the annotated page.
      def check_document(doc)
        return unless html_output?(doc)
        return if doc.respond_to?(:write?) && !doc.write?

        dest = doc.destination(site.dest)
        rel = relative(dest, site.dest)
        return if rel.nil? || excluded?(rel)

        result = check(doc.output, rel)
        doc.output = result.annotated if result.annotated
      end

      # :site post_write: static .html files (no front matter) are checked where they were
      # written, and rewritten only when marks change them.
      def check_static_files
        site.static_files.each do |file|
          next unless file.write?

          dest = file.destination(site.dest)
          next unless HTML_EXTS.include?(File.extname(dest).downcase) && File.file?(dest)

          rel = relative(dest, site.dest)
          next if rel.nil? || excluded?(rel) || @pages.key?(rel)

          html = File.binread(dest).force_encoding(Encoding::UTF_8)
          result = check(html, rel)
          write_atomic(dest, result.annotated) if result.annotated && result.annotated.b != html.b
        end
      end

      def html_output?(doc)
        doc.output.is_a?(String) && HTML_EXTS.include?(doc.output_ext.to_s.downcase)
      end

      def check(html, rel)
        result = @engine.check(html, rel, annotate: annotate?, min_severity: options["min_severity"])
        @pages[rel] = result.entry
        @findings[rel] = result.findings
        if result.error
          Jekyll.logger.error "factlint:", "#{rel}: cannot be checked: #{result.error}"
        else
          result.findings.each { |f| Jekyll.logger.debug "factlint:", line_for(rel, f) }
        end
        result
      end

      # Writes the report, prints the summary and raises when the build must fail.
      def finish
        check_static_files
        report = {
          "tool"  => { "name" => "factlint", "version" => library.version },
          "files" => @pages.keys.sort.map { |k| @pages[k] },
        }
        write_atomic(options["report"], report_json(report))

        findings = @findings.values.flatten
        with = @findings.count { |_, list| !list.empty? }
        failed = @pages.values.count { |e| e.key?("error") }
        shown = relative(options["report"], site.source) || options["report"]
        summary = +"#{findings.size} finding#{"s" unless findings.size == 1} in #{with} of " \
                   "#{@pages.size} page#{"s" unless @pages.size == 1}"
        summary << "; #{failed} page#{"s" unless failed == 1} could not be checked" if failed.positive?
        summary << " (report only: no page changed)" unless annotate?
        summary << "; report: #{shown}"
        Jekyll.logger.info "factlint:", summary

        fail_build(failed, shown)
      ensure
        free
      end

      def free
        @engine&.free
        @engine = nil
      end

      # The CLI's text line: path:line:column: severity category rule: message
      def line_for(rel, f)
        "#{rel}:#{f["line"]}:#{f["column"]}: #{f["severity"]} #{f["category"]} #{f["rule"]}: #{f["message"]}"
      end

      private

      def fail_build(failed, shown)
        return if options["fail_on"] == "never"

        level = SEVERITIES.index(options["fail_on"])
        over = @findings.keys.sort.flat_map do |rel|
          @findings[rel].select { |f| SEVERITIES.index(f["severity"]) >= level }.map { |f| [rel, f] }
        end
        return if over.empty? && failed.zero?

        over.first(LIST_LIMIT).each { |rel, f| Jekyll.logger.error "factlint:", line_for(rel, f) }
        Jekyll.logger.error "factlint:", "... and #{over.size - LIST_LIMIT} more" if over.size > LIST_LIMIT
        reasons = []
        unless over.empty?
          reasons << "#{over.size} finding#{"s" unless over.size == 1} at or above " \
                     "fail_on \"#{options["fail_on"]}\""
        end
        reasons << "#{failed} page#{"s" unless failed == 1} could not be checked" if failed.positive?
        raise Error, "factlint: #{reasons.join(" and ")} (report: #{shown}). Fix the pages, or set " \
                     "factlint.fail_on in _config.yml (error, warning, info or never)."
      end

      # The CLI's layout (`factlint site --report FILE.json`): a file per line, a finding per line.
      def report_json(report)
        files = report["files"].map do |file|
          findings = file["findings"].map { |f| json_object(f) }
          list = findings.empty? ? "[]" : "[\n    #{findings.join(",\n    ")}\n  ]"
          json_object(file.reject { |k, _| k == "findings" }).sub(/\}\z/, ", \"findings\": #{list}}")
        end
        head = "{\"tool\": #{json_object(report["tool"])}, \"files\": ["
        files.empty? ? "#{head}]}\n" : "#{head}\n  #{files.join(",\n  ")}\n]}\n"
      end

      def json_object(hash)
        "{#{hash.map { |k, v| "#{JSON.generate(k.to_s)}: #{JSON.generate(v)}" }.join(", ")}}"
      end

      def write_atomic(path, text)
        FileUtils.mkdir_p(File.dirname(path))
        tmp = File.join(File.dirname(path), ".#{File.basename(path)}.factlint-tmp")
        File.binwrite(tmp, text)
        File.rename(tmp, path)
      rescue SystemCallError => e
        FileUtils.rm_f(tmp) if tmp
        raise Error, "factlint: cannot write #{path}: #{e.message}"
      end
    end

    class << self
      attr_reader :current

      # A new build: handles of an earlier build that stopped half-way are freed first.
      def start(site)
        @current&.free
        @current = nil
        @current = Run.new(site)
      end

      def finish
        run = @current
        @current = nil
        run&.finish
      end
    end

    at_exit { Factlint.current&.free }
  end
end

Jekyll::Hooks.register :site, :after_reset do |site|
  Jekyll::Factlint.start(site)
end

# :low runs after other post_render hooks, so the page checked is the page written.
Jekyll::Hooks.register [:pages, :documents], :post_render, priority: :low do |doc|
  Jekyll::Factlint.current&.check_document(doc)
end

Jekyll::Hooks.register :site, :post_write, priority: :low do |_site|
  Jekyll::Factlint.finish
end

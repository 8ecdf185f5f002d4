# The two commands of the README. Both install what is missing (Debian packages, as root) and
# build Release first.
#   make run   check fixtures/ with the embedded default rules; annotated pages go to build/annotated/
#   make test  every test (ctest)
BUILD ?= build
JOBS ?= $(shell nproc)
DEBIAN_PACKAGES := g++ cmake ninja-build pkg-config make python3 libpugixml-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libtomlplusplus-dev libre2-dev libgumbo-dev googletest libgtest-dev \
	valgrind binutils hugo jekyll ruby mkdocs pelican chromium python3-jsonschema \
	clang libclang-rt-14-dev ripgrep time libbenchmark-dev

.PHONY: all deps build run test test-sanitize clean node-deps fuzz bench bench-micro bench-scaling

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing"; echo "Run as root, or: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

# The benchmarks are built too (FACTLINT_BENCH), so a change that breaks them fails the build.
build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DFACTLINT_BENCH=ON
	cmake --build $(BUILD) -j $(JOBS)

# Exit status 1 only means findings were reported at or above --fail-on; that is the demo working.
run: build
	rm -rf $(BUILD)/annotated
	$(BUILD)/bin/factlint check --out-dir $(BUILD)/annotated \
	  --exclude 'fixtures/bad/*' --exclude 'fixtures/golden/*' fixtures/; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "Annotated pages: $(BUILD)/annotated/"

# npm packages for the Eleventy adapter, pinned by its lockfile.
node-deps:
	@if [ -f plugin/eleventy/package-lock.json ]; then \
	  command -v npm >/dev/null || { echo "npm is missing (Node.js 20 with npm is needed for the Eleventy adapter)"; exit 1; }; \
	  npm ci --prefix plugin/eleventy --no-audit --no-fund --loglevel=error; \
	fi

test: build node-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The suite under AddressSanitizer+UndefinedBehaviorSanitizer (build-asan/), then the Threads tests
# under ThreadSanitizer (build-tsan/, which builds only them, the engine and libfactlint.so). Both
# at -O1 (the sanitizers ask for -O1 or higher for reasonable speed): gcc compiles it in half the
# time of -O2.
# Sanitizer reports go to files in */sanitizer-reports/ so that a test which tolerates a non-zero
# exit cannot hide one; any report fails the target. The tests that load libfactlint.so into
# Python/Node/Ruby (capi-*, ssg-*) get the ASan runtime preloaded, with leak checks off (see
# tests/CMakeLists.txt). Left out under ASan: capi-leak-test, which runs valgrind (it cannot run
# ASan binaries), and fuzz-smoke-test, which runs the libFuzzer targets of build-fuzz/: those are
# ASan+UBSan builds already, and `make test` runs them.
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
SAN_EXCLUDED := ^(capi-leak-test|fuzz-smoke-test)$$
SAN_CONFIGURE := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DCMAKE_CXX_FLAGS_RELWITHDEBINFO='-O1 -g -DNDEBUG' -DCMAKE_C_FLAGS_RELWITHDEBINFO='-O1 -g -DNDEBUG'
test-sanitize: deps node-deps
	cmake -S . -B $(ASAN_BUILD) $(SAN_CONFIGURE) -DFACTLINT_SANITIZE=address
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	rm -rf $(ASAN_BUILD)/sanitizer-reports && mkdir -p $(ASAN_BUILD)/sanitizer-reports
	cd $(ASAN_BUILD) && reports=$$PWD/sanitizer-reports && status=0 && \
	  ASAN_OPTIONS=log_path=$$reports/asan:detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=log_path=$$reports/ubsan:print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -E '$(SAN_EXCLUDED)' || status=1; \
	  if [ -n "$$(ls -A $$reports)" ]; then echo "Sanitizer reports:"; tail -n +1 $$reports/*; exit 1; fi; \
	  exit $$status
	cmake -S . -B $(TSAN_BUILD) $(SAN_CONFIGURE) -DFACTLINT_SANITIZE=thread
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target factlint_thread_tests
	rm -rf $(TSAN_BUILD)/sanitizer-reports && mkdir -p $(TSAN_BUILD)/sanitizer-reports
	cd $(TSAN_BUILD) && reports=$$PWD/sanitizer-reports && status=0 && \
	  TSAN_OPTIONS=log_path=$$reports/tsan:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -R '^Threads\.' --no-tests=error || status=1; \
	  if [ -n "$$(ls -A $$reports)" ]; then echo "Sanitizer reports:"; tail -n +1 $$reports/*; exit 1; fi; \
	  exit $$status

# libFuzzer targets (fuzz/): built with clang into build-fuzz/, each run for FUZZ_SECONDS on a corpus
# kept in build-fuzz/corpus/ (seeded from the fixtures); crashing inputs go to build-fuzz/artifacts/.
FUZZ_SECONDS ?= 300
fuzz: deps
	python3 fuzz/run_fuzzers.py --seconds $(FUZZ_SECONDS) --build-dir build-fuzz

# factlint beside ripgrep, write-good, textlint and alex on one generated corpus: one table
# (bench/README.md). The npm peers go to a scratch prefix, never into the tree.
# Then each stage alone and the C ABI medians, then rule count, linearity and memory; one after
# another, so no two benchmarks share the machine.
bench: build
	FACTLINT_BIN=$(abspath $(BUILD))/bin/factlint bench/compare.sh
	$(MAKE) --no-print-directory bench-micro
	$(MAKE) --no-print-directory bench-scaling

# Stage microbenchmarks (Google Benchmark) and the C ABI medians.
bench-micro: build
	$(BUILD)/bin/factlint_bench_stages --benchmark_repetitions=3 --benchmark_min_time=0.3 \
	  --benchmark_report_aggregates_only=true
	$(BUILD)/bin/factlint_bench_capi

# Rule count, linearity, memory and the C ABI targets as one table.
bench-scaling: build
	python3 bench/scaling.py --bin $(BUILD)/bin/factlint

clean:
	rm -rf $(BUILD)

# The two commands of the README. Both install what is missing (Debian packages, as root) and
# build Release first.
#   make run   check fixtures/ with the embedded default rules; annotated pages go to build/annotated/
#   make test  every test (ctest)
BUILD ?= build
JOBS ?= $(shell nproc)
DEBIAN_PACKAGES := g++ cmake ninja-build pkg-config make python3 libpugixml-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libtomlplusplus-dev libre2-dev libgumbo-dev googletest libgtest-dev \
	valgrind binutils hugo jekyll ruby mkdocs pelican chromium python3-jsonschema

.PHONY: all deps build run test clean node-deps

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

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
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

clean:
	rm -rf $(BUILD)

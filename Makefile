# Wijkwerk: `make run` serves the app with demo data, `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Leptos reads these at build time (output name) and at run time; the same values everywhere
# keep cargo from rebuilding between `make build` and `cargo test`.
export LEPTOS_OUTPUT_NAME := wijkwerk
export LEPTOS_SITE_ROOT := target/site
export LEPTOS_SITE_PKG_DIR := pkg
export LEPTOS_ENV := PROD
export LEPTOS_SITE_ADDR ?= 127.0.0.1:3000

DATABASE_URL ?= sqlite://data/wijkwerk.db
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
SERVER := target/release/server

.PHONY: run build tools test test-unit test-sqlite test-postgres test-e2e lint fmt clean measure bench fuzz

run: build
	@echo ""
	@echo "  Wijkwerk: http://$(LEPTOS_SITE_ADDR)"
	@echo "  Demo logins (wachtwoord: wijkwerk):"
	@echo "    bemiddelaar  sofie@demo.test"
	@echo "    wijk-werker  ahmed@demo.test  (jozef@demo.test: bijna 60 uur deze maand)"
	@echo "    gebruiker    maria@demo.test  (school@demo.test, gemeente@demo.test, ...)"
	@echo ""
	DATABASE_URL='$(DATABASE_URL)' WIJKWERK_DEMO_DATA=1 WIJKWERK_DEV_HTTP=1 $(SERVER) serve

tools:
	@scripts/install-tools.sh

build: tools
	scripts/build-site.sh
	node scripts/precompress.mjs $(LEPTOS_SITE_ROOT)/$(LEPTOS_SITE_PKG_DIR)

# Every test: unit, integration on SQLite and on PostgreSQL, end-to-end in Chromium.
test: tools
	@scripts/ensure-test-services.sh
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory build test-unit test-sqlite test-postgres test-e2e; \
	echo "make test: all suites passed in $$(( $$(date +%s) - start )) s"

test-unit:
	@echo "==> Unit tests"
	cargo test --release -p app -p server --lib

test-sqlite:
	@echo "==> Integration tests on SQLite"
	cargo test --release -p server --test api -- sqlite::

test-postgres:
	@echo "==> Integration tests on PostgreSQL ($(TEST_DATABASE_URL))"
	TEST_DATABASE_URL='$(TEST_DATABASE_URL)' cargo test --release -p server --test api -- postgres::

test-e2e:
	@echo "==> End-to-end tests in Chromium"
	WIJKWERK_SERVER='$(CURDIR)/$(SERVER)' npm --prefix end2end test

# Every figure of BENCHMARKS.md (scripts/bench/run.sh says which): load on the clock and confirm
# on SQLite, PostgreSQL and two servers; TimeTagger beside it; bytes; Lighthouse; the report on
# 1.5 million prestaties; memory and start. Takes about half an hour; never part of `make test`.
bench: build
	@scripts/ensure-test-services.sh
	TEST_DATABASE_URL='$(TEST_DATABASE_URL)' scripts/bench/run.sh

# Every parser of outside input fuzzed for a fixed time (app/tests/fuzz.rs says how: proptest
# loops on stable, as cargo-fuzz needs nightly). FUZZ_SECONDS per target; never part of make test.
FUZZ_SECONDS ?= 30
fuzz:
	WIJKWERK_FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --release -p app --features ssr --test fuzz \
		-- --ignored --test-threads 1 --nocapture

# What a phone downloads per route (first and repeat visit), against the release build.
measure: build
	WIJKWERK_SERVER='$(CURDIR)/$(SERVER)' node end2end/measure.mjs

lint:
	cargo fmt --all -- --check
	cargo clippy -p app -p server --all-targets -- -D warnings
	cargo clippy -p app -p frontend --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

clean:
	cargo clean

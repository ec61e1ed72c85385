# sitrep -- political event-data engine.  `make` builds ./sitrep; `make test`
# runs every test, then again under ASan+UBSan; `make demo` runs the main job
# on examples/; `make eval` scores seeds, dev-1, dev-2 and dev in ../shared and
# checks the floors of tests/eval-floor.txt (scripts/eval-check).
CC      ?= cc
PKGS    := sqlite3 libutf8proc zlib libdeflate libmicrohttpd libxml-2.0 libpq
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# libmicrohttpd, libxml-2.0 and libpq are loaded on first use (src/dynlib.h):
# their headers are used, their libraries not linked; their sonames, from the
# libraries the compiler finds, are compiled in (SITREP_SO_*)
DYN_PKGS   := libmicrohttpd libxml-2.0 libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(DYN_PKGS),$(PKGS)) 2>/dev/null)
so_name     = $(or $(shell readelf -d "$$($(CC) -print-file-name=$(1))" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'),$(1))
DYN_DEFS   := -DSITREP_SO_MHD='"$(call so_name,libmicrohttpd.so)"' \
              -DSITREP_SO_XML='"$(call so_name,libxml2.so)"' -DSITREP_SO_PQ='"$(call so_name,libpq.so)"'
ALL_CFLAGS := $(WARN) -iquote src $(PKG_CFLAGS) $(DYN_DEFS) $(CFLAGS)
LIBS    := $(PKG_LIBS) -lm -pthread -ldl

SRC     := $(filter-out src/main.c,$(wildcard src/*.c))
OBJ     := $(SRC:src/%.c=build/%.o)
UNIT    := $(wildcard tests/unit/test_*.c)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SHARED  ?= ../shared

.PHONY: all test test-run test-plain test-asan demo demo-run eval deps clean check-deps bench print-libs model

all: check-deps sitrep

check-deps:
	@scripts/deps --check

sitrep: build/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/%.o: src/%.c $(wildcard src/*.h) | build
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build:
	@mkdir -p build build/san build/tests

# --- sanitizer build: separate objects and binary ------------------------------
SAN_OBJ := $(SRC:src/%.c=build/san/%.o)
build/san/%.o: src/%.c $(wildcard src/*.h) | build
	$(CC) $(WARN) -iquote src $(PKG_CFLAGS) $(DYN_DEFS) -O1 -g $(SAN) -c $< -o $@
build/san/sitrep: build/san/main.o $(SAN_OBJ)
	$(CC) $(SAN) -o $@ $^ $(LIBS)

build/tests/%: tests/unit/%.c $(OBJ) tests/unit/tests.h | build
	$(CC) $(ALL_CFLAGS) -o $@ $< $(OBJ) $(LIBS)
build/tests/san-%: tests/unit/%.c $(SAN_OBJ) tests/unit/tests.h | build
	$(CC) $(WARN) -iquote src $(PKG_CFLAGS) $(DYN_DEFS) -O1 -g $(SAN) -o $@ $< $(SAN_OBJ) $(LIBS)

UNIT_BIN := $(UNIT:tests/unit/%.c=build/tests/%)
SAN_BIN  := $(UNIT:tests/unit/%.c=build/tests/san-%)

# `make test` and `make demo` first install what is missing (scripts/deps),
# then run make again: this Makefile asks pkg-config for its flags when it
# is read, which on a bare machine is before the -dev packages are there.
test:
	@scripts/deps
	@$(MAKE) --no-print-directory test-run

test-run: all $(UNIT_BIN) build/san/sitrep $(SAN_BIN)
	@SITREP=./sitrep scripts/run-tests
	@echo "== again under ASan+UBSan"
	@SITREP=build/san/sitrep UNIT_PREFIX=san- ASAN_OPTIONS=detect_leaks=1 scripts/run-tests

demo:
	@scripts/deps
	@$(MAKE) --no-print-directory demo-run

demo-run: all
	@echo "== sitrep code --explain examples/ (first three events; all in build/demo-events.jsonl)"
	./sitrep code --explain examples/ > build/demo-events.jsonl
	@head -n 3 build/demo-events.jsonl
	@wc -l < build/demo-events.jsonl | sed 's/^/events coded from examples\/: /'
	@echo "== sitrep ingest and sitrep events (the store: build/demo.db)"
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	./sitrep ingest -q --db build/demo.db examples/
	./sitrep events --db build/demo.db --limit 20
	@echo "== try: ./sitrep serve --db build/demo.db   (then open http://127.0.0.1:8080/)"

eval: all
	@SHARED=$(SHARED) scripts/eval-check

# the learned layer (data/model/README.md): retrained on the seeds and dev-1
# (never dev-2, the held-out half) when ../shared is there
model: all
	@if [ -f $(SHARED)/gold/dev.gold.jsonl ]; then \
	  mkdir -p build/model && \
	  $(SHARED)/tools/half 1 $(SHARED)/corpus/dev.jsonl > build/model/dev-1.jsonl && \
	  $(SHARED)/tools/half 1 $(SHARED)/gold/dev.gold.jsonl > build/model/dev-1.gold.jsonl && \
	  scripts/train-model $(SHARED)/corpus/seeds.jsonl $(SHARED)/gold/seeds.gold.jsonl \
	    build/model/dev-1.jsonl build/model/dev-1.gold.jsonl; \
	else echo "model: no dev corpus at $(SHARED); data/model/events.tsv kept as committed"; fi

deps:
	scripts/deps

# the link flags, for programs built outside this Makefile (peer/chrono/run)
print-libs:
	@echo $(LIBS)

clean:
	rm -rf build sitrep

# --- benchmarks and fuzzing (bench/run, fuzz/Makefile) -------------------------
bench: all
	bench/run

fuzz:
	$(MAKE) -f fuzz/Makefile

.PHONY: fuzz
